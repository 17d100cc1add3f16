"""Order updates, measured end to end: signed Shopify webhooks into a real `parley serve`, emails out
to a real SMTP server (aiosmtpd). Not a test: it prints figures.

    swift build -c release
    python3 Benchmarks/order_updates.py --binary .build/release/parley --orders 300
    python3 Benchmarks/order_updates.py --binary .build/release/parley --orders 300 \\
        --database-url 'postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable'

Each order gets three events (orders/create, fulfillments/create, fulfillments/update delivered).
Reports webhooks per second as Parley answered them, and order events per second from the first
webhook to the last email the SMTP server accepted.

Not every event gets an email: a stage the order has already moved past by the time its email would
be written is skipped (a customer told "delivered" needs no "shipped" a moment later). So the run
waits until Parley has nothing left to do for the orders (no order or sending job queued or running),
reads from its database how many emails it sent, and checks the SMTP server got exactly those.
"""
import argparse
import base64
import concurrent.futures
import hashlib
import hmac
import http.client
import os
import pathlib
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests/ParleyWebTests/Fixtures/shopify"
SINK = ROOT / "Tests/ParleyChannelsTests/Fixtures/smtp_sink.py"
SECRET = "shpss_benchmark_secret_0001"
EVENTS = [("orders/create", "orders-create"), ("fulfillments/create", "fulfillments-create"),
          ("fulfillments/update", "fulfillments-update-delivered")]


def payload(fixture, index):
    text = (FIXTURES / f"{fixture}.json").read_text()
    for old, new in [("820982911946154508", str(900000000000 + index)), ("115310627314723954", str(700000000000 + index)),
                     ("Zofia.Nowak@example.pl", f"klient{index}@example.pl"), ("zofia.nowak@example.pl", f"klient{index}@example.pl"),
                     ("+48 601 234 567", f"+48 6{index:08d}")]:
        text = text.replace(old, new)
    return text.encode()


_local = threading.local()


def post(base, path, body, headers):
    """POSTs on this thread's kept-alive connection, as platforms and mail gateways send; returns the
    response, read. A connection the server closed is replaced."""
    for _ in range(3):
        connection = getattr(_local, "connection", None)
        if connection is None or _local.base != base:
            host, port = base.removeprefix("http://").split(":")
            connection = _local.connection = http.client.HTTPConnection(host, int(port), timeout=60)
            _local.base = base
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.body = response.read()
            return response
        except (http.client.HTTPException, OSError):
            connection.close()
            _local.connection = None
    raise RuntimeError(f"POST {path}: the server kept closing the connection")


def deliver(base, topic, body, delivery):
    """POSTs one signed webhook, as Shopify sends them."""
    signature = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
    headers = {"Content-Type": "application/json", "X-Shopify-Topic": topic, "X-Shopify-Hmac-Sha256": signature,
               "X-Shopify-Webhook-Id": delivery}
    for _ in range(100):
        response = post(base, "/hooks/shopify/bench", body, headers)
        if response.status == 200:
            return response.status
        # 409: a fulfillment overtook its order; 429: over the webhook rate limit. Shopify retries both.
        if response.status not in (409, 429):
            raise RuntimeError(f"{topic} {delivery}: HTTP {response.status}")
        time.sleep(0.05 if response.status == 409 else int(response.getheader("Retry-After", "1")))
    raise RuntimeError(f"{topic} {delivery} kept getting 409")


def send_all(base, orders, concurrency):
    """Every order's events, stage by stage as a shop's orders move; returns the seconds taken."""
    payloads = [[payload(fixture, i) for i in range(orders)] for _, fixture in EVENTS]
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        for step, (topic, _) in enumerate(EVENTS):
            list(pool.map(lambda i: deliver(base, topic, payloads[step][i], f"{step}-{i}"), range(orders)))
    return time.monotonic() - started


def bare_endpoint(binary, orders, concurrency):
    """The same webhooks against a bare Hummingbird endpoint that answers 200: the limit."""
    port = random.randint(20000, 39999)
    server = subprocess.Popen([binary, str(port)], stdout=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: healthy(f"http://127.0.0.1:{port}"), 60), "the bare endpoint did not start"
        return orders * len(EVENTS) / send_all(f"http://127.0.0.1:{port}", orders, concurrency)
    finally:
        server.terminate()
        server.wait()


def fresh_database(admin_url):
    """A fresh PostgreSQL database beside the one named (every run starts empty), and its name to
    drop at the end; (None, None) for SQLite."""
    if not admin_url:
        return None, None
    fresh = f"parley_bench_{uuid.uuid4().hex[:10]}"
    subprocess.run(["psql", admin_url, "-qc", f"CREATE DATABASE {fresh}"], check=True)
    return admin_url.replace("/postgres?", f"/{fresh}?"), fresh


def prepare(prefix, database_url):
    """A work folder, Parley's store options, and an SMTP server (aiosmtpd) writing what it accepts
    to `mail_dir`, with PIPELINING as the relays a shop sends through offer it (Postfix, Exim, SES)."""
    work = pathlib.Path(tempfile.mkdtemp(prefix=prefix))
    mail_dir = work / "mail"
    mail_dir.mkdir()
    store = ["--data-dir", str(work / "data")] + (["--database-url", database_url] if database_url else [])
    smtp_port = random.randint(41000, 48999)
    sink = subprocess.Popen([sys.executable, str(SINK), str(smtp_port), str(mail_dir), "--pipelining"], stdout=subprocess.PIPE)
    assert sink.stdout.readline().startswith(b"ready"), "the SMTP sink did not start (pip install aiosmtpd)"
    return work, store, sink, smtp_port, mail_dir


def tear_down(processes, admin_url, fresh):
    """Stops the server and the SMTP server, and drops the run's PostgreSQL database."""
    for process in processes:
        if process:
            process.terminate()
            process.wait()
    if fresh:
        subprocess.run(["psql", admin_url, "-qc", f"DROP DATABASE IF EXISTS {fresh}"], check=False)


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / ".build/debug/parley"))
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=32, help="jobs at once (parley serve's default)")
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL; SQLite in a fresh folder when unset")
    parser.add_argument("--bare", default=str(ROOT / "Benchmarks/Chat/.build/release/BareEndpoint"),
                        help="the bare endpoint (swift build -c release --package-path Benchmarks/Chat --product BareEndpoint)")
    args = parser.parse_args()
    bare = bare_endpoint(args.bare, args.orders, args.concurrency) if pathlib.Path(args.bare).exists() else None

    admin_url = args.database_url
    args.database_url, fresh = fresh_database(admin_url)
    work, store, sink, smtp_port, mail_dir = prepare("parley-bench-", args.database_url)
    http_port = random.randint(20000, 39999)
    subprocess.run([args.binary, "shop", "create", "bench", "--name", "Bench"] + store, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([args.binary, "shop", "set", "bench", f"shopify.webhook_secret={SECRET}"] + store, check=True,
                   stdout=subprocess.DEVNULL)
    server = subprocess.Popen([args.binary, "serve", "--port", str(http_port), "--workers", str(args.workers),
                               "--smtp-url", f"smtp://127.0.0.1:{smtp_port}"] + store, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        assert wait_for(lambda: healthy(base), 60), "parley serve did not start"
        idle_mib = memory_mib(server.pid, "VmRSS")
        cpu_before, sink_before = cpu_seconds(server.pid), cpu_seconds(sink.pid)
        expected = args.orders * len(EVENTS)
        started_wall = time.time()
        answered = send_all(base, args.orders, args.concurrency)
        query = database_query(args.database_url, work / "data" / "parley.sqlite")
        assert wait_for(lambda: query(PENDING) == 0, 600), "Parley still had order jobs after 10 minutes"
        sent = query(SENT)
        assert wait_for(lambda: len(list(mail_dir.glob("*.eml"))) >= sent, 30), "an email Parley sent never arrived"
        emails = list(mail_dir.glob("*.eml"))
        assert len(emails) == sent, f"the SMTP server got {len(emails)} emails, Parley sent {sent}"
        # The sink writes each email once it has accepted it: the newest file is the last acceptance.
        delivered = max(email.stat().st_mtime for email in emails) - started_wall
        cpu, sink_cpu = cpu_seconds(server.pid) - cpu_before, cpu_seconds(sink.pid) - sink_before
        backend = "PostgreSQL" if args.database_url else "SQLite"
        print(f"{backend}, {args.orders} orders, {expected} events, {args.workers} workers, {args.concurrency} concurrent webhooks")
        print(f"  webhooks answered: {expected / answered:8.1f} events/s ({answered:.1f} s)")
        print(f"  emails accepted:   {expected / delivered:8.1f} events/s ({delivered:.1f} s, {sent} emails, "
              f"{expected - query(MESSAGES)} stages overtaken before their email)")
        print(f"  CPU an event:      {cpu * 1000 / expected:8.2f} ms Parley, {sink_cpu * 1000 / expected:.2f} ms the SMTP server")
        print(f"  memory (RSS):      {idle_mib:8.1f} MiB idle, {memory_mib(server.pid, 'VmHWM'):.1f} MiB at most under the load")
        if bare:
            ratio = expected / delivered / bare
            print(f"  bare endpoint:     {bare:8.1f} webhooks/s answered, same load, same run")
            met = expected / delivered >= 2000 and ratio >= 0.3
            print(f"  goal (>= 2,000 events/s and >= 0.3 of the bare endpoint): {ratio:.2f} of it, {'met' if met else 'not met'}")
    finally:
        tear_down([server, sink], admin_url, fresh)


# Work Parley has left for the orders, the emails it sent, and every message it wrote about them.
PENDING = "SELECT count(*) FROM jobs WHERE kind IN ('order.notify', 'message.send') AND status IN ('queued', 'running')"
SENT = "SELECT count(*) FROM messages WHERE channel = 'email' AND status IN ('sent', 'delivered')"
MESSAGES = "SELECT count(*) FROM messages WHERE order_id IS NOT NULL"


def database_query(url, sqlite_path):
    """A function that runs one counting query against Parley's database, read only."""
    if url:
        return lambda sql: int(subprocess.run(["psql", url, "-tAc", sql], check=True, capture_output=True, text=True).stdout)

    def query(sql):
        with sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True, timeout=30) as connection:
            return connection.execute(sql).fetchone()[0]
    return query


def cpu_seconds(pid):
    """User and system CPU time a process has used so far."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_mib(pid, field):
    """A process's resident memory now (VmRSS) or at its highest so far (VmHWM), in MiB."""
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def healthy(base):
    try:
        with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


if __name__ == "__main__":
    main()
