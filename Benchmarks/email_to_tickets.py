"""Email to tickets, measured. Not a test: it prints figures.

    (cd Benchmarks && swift build -c release --product MailParseBench)
    swift build -c release
    python3 Benchmarks/email_to_tickets.py --parse-binary Benchmarks/.build/release/MailParseBench \\
        --binary .build/release/parley --emails 1000 [--database-url postgres://…/postgres]

1. MIME parsing in MB/s on a mixed corpus (every .eml fixture: Outlook, Gmail, Apple Mail, legacy
   charsets, attachments, broken mail), Parley's MailParser side by side with Python's `email`
   package (policy.default, body decoded with get_body/get_content), in one run.
2. Email to conversation: a generated mailbox (generated_mailbox.py: multilingual, legacy charsets,
   replies that quote, HTML, attachments, machines) POSTed raw to /api/v1/inbound/email of a real
   `parley serve`, 8 at a time, counted from the first POST until the last one is filed into its
   conversation (emails per second; the database is asked, so measuring costs the server nothing).
   Then django-helpdesk 2.6.1 (helpdesk_peer.py) files the same files on the same kind of database,
   in the same run, and the ratio is printed.
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
import uuid

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import helpdesk_peer  # noqa: E402
from order_updates import cpu_seconds, database_query, healthy, memory_mib, post, wait_for  # noqa: E402
import generated_mailbox as mailbox_generator  # noqa: E402

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
    python = size / 1e6 / seconds
    ratio = swift["mb_per_s"] / python
    print(f"  Parley MailParser      {swift['mb_per_s']:8.2f} MB/s")
    print(f"  Python email (default) {python:8.2f} MB/s")
    print(f"  Parley / Python: {ratio:.1f}x (goal >= 30x: {'met' if ratio >= 30 else 'not met'})")


def post_email(base, key, body):
    """POSTs one raw email on a kept-alive connection, as a mail gateway would; returns its id."""
    response = post(base, "/api/v1/inbound/email", body, {"Authorization": f"Bearer {key}", "Content-Type": "message/rfc822"})
    if response.status != 202:
        raise RuntimeError(f"inbound email: HTTP {response.status}: {response.body[:300]!r}")
    return json.loads(response.body)["id"]


def filing_benchmark(binary, mailbox, database_url, port, workers):
    """Parley filing `mailbox` (POSTed 8 at a time); returns mails per second and conversations."""
    bodies = [path.read_bytes() for path in sorted(pathlib.Path(mailbox).glob("*.eml"))]
    with tempfile.TemporaryDirectory() as data_dir:
        fresh = None
        if database_url:
            fresh = f"parley_bench_{uuid.uuid4().hex[:10]}"
            subprocess.run(["psql", database_url, "-qc", f"CREATE DATABASE {fresh}"], check=True)
            database_url = database_url.replace("/postgres?", f"/{fresh}?")
        store = ["--data-dir", data_dir] + (["--database-url", database_url] if database_url else [])
        try:
            subprocess.run([binary, "shop", "create", "bench", "--name", "Bench"] + store, check=True, capture_output=True)
            subprocess.run([binary, "shop", "set", "bench", "support.email=help@bench.example", "inbox.acknowledge=off"] + store,
                           check=True, capture_output=True)
            key = subprocess.run([binary, "apikey", "create", "--shop", "bench"] + store, check=True,
                                 capture_output=True, text=True).stdout.strip().splitlines()[-1]
            server = subprocess.Popen([binary, "serve", "--port", str(port), "--workers", str(workers)] + store,
                                      stdout=subprocess.DEVNULL)
            base = f"http://127.0.0.1:{port}"
            query = database_query(database_url, pathlib.Path(data_dir) / "parley.sqlite")
            try:
                assert wait_for(lambda: healthy(base), 60), "parley serve did not start"
                idle_mib = memory_mib(server.pid, "VmRSS")
                start = time.perf_counter()
                with concurrent.futures.ThreadPoolExecutor(8) as pool:
                    list(pool.map(lambda body: post_email(base, key, body), bodies))
                accepted = time.perf_counter() - start
                # Asked of the database, so that the measuring costs the server nothing.
                while query("SELECT count(*) FROM inbound_mail WHERE status = 'received'") > 0:
                    time.sleep(0.01)
                filed = time.perf_counter() - start
                cpu = cpu_seconds(server.pid)
                peak_mib = memory_mib(server.pid, "VmHWM")
                conversations = query("SELECT count(*) FROM conversations")
                held = query("SELECT count(*) FROM inbound_mail WHERE status = 'held'")
            finally:
                server.terminate()
                server.wait()
        finally:
            if fresh:
                subprocess.run(["psql", database_url.replace(f"/{fresh}?", "/postgres?"), "-qc", f"DROP DATABASE IF EXISTS {fresh}"],
                               check=False)
    assert held == 0, f"{held} emails were held as a mail loop: the mailbox has a sender writing too often"
    return {"stored": len(bodies) / accepted, "filed": len(bodies) / filed, "conversations": conversations,
            "idle_mib": idle_mib, "peak_mib": peak_mib,
            "cpu_ms": cpu * 1000 / len(bodies), "cores": cpu / filed}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--parse-binary", default=str(ROOT / "Benchmarks/.build/release/MailParseBench"))
    parser.add_argument("--binary", default=str(ROOT / ".build/release/parley"))
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--emails", type=int, default=1000, help="the generated mailbox's size")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=32, help="jobs at once (parley serve's default)")
    parser.add_argument("--database-url", help="a PostgreSQL server's postgres database; fresh databases are made beside it")
    parser.add_argument("--port", type=int, default=18431)
    parser.add_argument("--skip-parsing", action="store_true")
    parser.add_argument("--skip-filing", action="store_true")
    parser.add_argument("--skip-peer", action="store_true", help="leave django-helpdesk out")
    args = parser.parse_args()
    if not args.skip_parsing:
        parse_benchmark(args.parse_binary, args.rounds)
    if args.skip_filing:
        return
    with tempfile.TemporaryDirectory(prefix="parley-mailbox-") as mailbox:
        mails = mailbox_generator.generate(args.emails, args.seed)
        for n, (raw, _) in enumerate(mails):
            (pathlib.Path(mailbox) / f"{n:05d}.eml").write_bytes(raw)
        size = sum(len(raw) for raw, _ in mails)
        kind = "PostgreSQL" if args.database_url else "SQLite"
        print(f"Email to conversation on {kind}: a generated mailbox of {len(mails)} emails ({size / 1e6:.1f} MB, seed {args.seed}),"
              f" {sum(1 for _, thread in mails if thread >= 0)} in {len(set(thread for _, thread in mails))} threads")
        parley = filing_benchmark(args.binary, mailbox, args.database_url, args.port, args.workers)
        print(f"  Parley, stored (HTTP 202)     {parley['stored']:8.1f} emails/s")
        print(f"  Parley, filed into threads    {parley['filed']:8.1f} emails/s ({parley['conversations']} conversations;"
              f" {parley['cpu_ms']:.2f} ms of server CPU an email, {parley['cores']:.2f} cores busy)")
        print(f"  Parley, memory (RSS)          {parley['idle_mib']:8.1f} MiB idle, {parley['peak_mib']:.1f} MiB at most while filing")
        if not args.skip_peer:
            peer = helpdesk_peer.run(mailbox, args.database_url)
            rate = peer["mails"] / peer["seconds"]
            print(f"  django-helpdesk 2.6.1 get_email {rate:6.1f} emails/s ({peer['tickets']} tickets)")
            ratio = parley["filed"] / rate
            print(f"  Parley / django-helpdesk: {ratio:.1f}x (goal >= 50x: {'met' if ratio >= 50 else 'not met'})")


if __name__ == "__main__":
    sys.exit(main())
