"""Email to tickets, measured. Not a test: it prints figures.

    (cd Benchmarks && swift build -c release --product MailParseBench)
    swift build -c release
    python3 Benchmarks/email_to_tickets.py --parse-binary Benchmarks/.build/release/MailParseBench \\
        --binary .build/release/parley --emails 500 [--database-url postgres://…/bench]

1. MIME parsing in MB/s on a mixed corpus (every .eml fixture: Outlook, Gmail, Apple Mail, legacy
   charsets, attachments, broken mail), Parley's MailParser side by side with Python's `email`
   package (policy.default, body decoded with get_body/get_content), in one run.
2. Email to conversation: raw emails POSTed to /api/v1/inbound/email of a real `parley serve`, counted
   from the first POST until the last one is filed into its conversation (messages per second).
"""
import argparse
import concurrent.futures
import email
import email.policy
import json
import pathlib
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = sorted(
    list((ROOT / "Tests/ParleyMailTests/Fixtures/mime").glob("*.eml"))
    + list((ROOT / "Tests/ParleyCLITests/Fixtures/mailbox").glob("*.eml")))


def parse_benchmark(binary, rounds):
    swift = json.loads(subprocess.check_output([binary, str(rounds)] + [str(p) for p in CORPUS]))
    messages = [p.read_bytes() for p in CORPUS]
    size = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for raw in messages:
            message = email.message_from_bytes(raw, policy=email.policy.default)
            try:
                body = message.get_body(preferencelist=("plain", "html"))
                if body is not None:
                    body.get_content()
            except Exception:
                pass  # Python gives up on some broken parts; Parley's figure includes them
            size += len(raw)
    seconds = time.perf_counter() - start
    print(f"MIME parse, {len(CORPUS)} messages x {rounds} rounds ({size / 1e6:.1f} MB):")
    print(f"  Parley MailParser      {swift['mb_per_s']:8.2f} MB/s")
    print(f"  Python email (default) {size / 1e6 / seconds:8.2f} MB/s")


def call(base, path, key, data=None, content_type=None):
    request = urllib.request.Request(base + path, data=data, method="POST" if data is not None else "GET")
    request.add_header("Authorization", f"Bearer {key}")
    if content_type:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"{}")


def filing_benchmark(binary, emails, database_url, port):
    with tempfile.TemporaryDirectory() as data_dir:
        store = ["--data-dir", data_dir] + (["--database-url", database_url] if database_url else [])
        subprocess.run([binary, "shop", "create", "bench", "--name", "Bench"] + store, check=True, capture_output=True)
        subprocess.run([binary, "shop", "set", "bench", "support.email=help@bench.example", "inbox.acknowledge=off"] + store,
                       check=True, capture_output=True)
        key = subprocess.run([binary, "apikey", "create", "--shop", "bench"] + store, check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
        server = subprocess.Popen([binary, "serve", "--port", str(port), "--workers", "4"] + store, stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    urllib.request.urlopen(base + "/health", timeout=1)
                    break
                except Exception:
                    time.sleep(0.1)
            templates = [p.read_bytes() for p in CORPUS if b"{{" not in p.read_bytes()]
            bodies = []
            for n in range(emails):
                raw = templates[n % len(templates)]
                # A fresh Message-ID and sender each time, so none is a duplicate delivery.
                bodies.append(b"Message-ID: <bench-%d@bench.example>\r\nX-Bench: %d\r\n" % (n, n) + raw.replace(
                    b"Message-ID:", b"X-Original-Message-ID:").replace(b"Message-Id:", b"X-Original-Message-Id:"))
            start = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                ids = list(pool.map(lambda body: call(base, "/api/v1/inbound/email", key, body, "message/rfc822")["id"], bodies))
            accepted = time.perf_counter() - start
            for inbound in ids:
                while call(base, f"/api/v1/inbound/email/{inbound}", key)["status"] == "received":
                    time.sleep(0.05)
            filed = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait()
    kind = "PostgreSQL" if database_url else "SQLite"
    print(f"Email to conversation on {kind}, {emails} emails:")
    print(f"  stored (HTTP 202)      {emails / accepted:8.1f} messages/s")
    print(f"  filed into threads     {emails / filed:8.1f} messages/s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--parse-binary", default=str(ROOT / "Benchmarks/.build/release/MailParseBench"))
    parser.add_argument("--binary", default=str(ROOT / ".build/release/parley"))
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--emails", type=int, default=500)
    parser.add_argument("--database-url")
    parser.add_argument("--port", type=int, default=18431)
    parser.add_argument("--skip-filing", action="store_true")
    args = parser.parse_args()
    parse_benchmark(args.parse_binary, args.rounds)
    if not args.skip_filing:
        filing_benchmark(args.binary, args.emails, args.database_url, args.port)


if __name__ == "__main__":
    sys.exit(main())
