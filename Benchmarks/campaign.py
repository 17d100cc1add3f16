"""A campaign to 100,000 customers, measured end to end: from the audience, through each member's
consent and contact-pressure decision, to messages queued (customers per second), and on to emails
accepted by a real SMTP server (aiosmtpd, emails per second). Not a test: it prints figures.

    swift build -c release --product parley
    python3 Benchmarks/campaign.py --binary .build/release/parley --customers 100000
    python3 Benchmarks/campaign.py --binary .build/release/parley --customers 100000 \\
        --database-url 'postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable'

The customers are written straight into the database before `parley serve` starts (setting up is
not what is measured): one in ten without marketing consent, languages in turn among the five. The
segment (marketing consent on email) and the campaign (a text in each language) are made through
the API, and the campaign is sent now; the script then times how long Parley takes until every member
has an outcome (`campaign_sends`), and until the SMTP server has accepted every email. Quiet hours
are switched off so that the run measures the same at any hour of the day.
"""
import argparse
import json
import pathlib
import random
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from order_updates import cpu_seconds, database_query, fresh_database, healthy, memory_mib, prepare, tear_down, wait_for  # noqa: E402

LANGUAGES = ["pl", "en", "el", "ru", "hi"]
TEXTS = {
    "pl": ("{{shop}}: nowa kawa z Etiopii", "Dzień dobry{{#name}} {{name}}{{/name}},\n\nmamy nową kawę z Etiopii."),
    "en": ("{{shop}}: a new coffee from Ethiopia", "Hello{{#name}} {{name}}{{/name}},\n\nwe have a new coffee from Ethiopia."),
    "el": ("{{shop}}: νέος καφές από την Αιθιοπία", "Γεια σας{{#name}} {{name}}{{/name}},\n\nέχουμε νέο καφέ από την Αιθιοπία."),
    "ru": ("{{shop}}: новый кофе из Эфиопии", "Здравствуйте{{#name}}, {{name}}{{/name}}!\n\nУ нас новый кофе из Эфиопии."),
    "hi": ("{{shop}}: इथियोपिया की नई कॉफ़ी", "नमस्ते{{#name}} {{name}}{{/name}},\n\nहमारे पास इथियोपिया की नई कॉफ़ी है।"),
}


def populate(run_sql, customers, postgres):
    """Writes the customers, their email addresses and (nine in ten) their marketing consent."""
    now = "now()" if postgres else "CAST(strftime('%s','now') AS REAL)"
    numbers = f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {customers})"
    language = "CASE i % 5 " + " ".join(f"WHEN {k} THEN '{code}'" for k, code in enumerate(LANGUAGES)) + " END"
    run_sql(f"{numbers} INSERT INTO customers (shop_id, public_id, name, locale, created_at, updated_at) "
            f"SELECT 1, 'cus_bench_' || i, 'Klient ' || i, {language}, {now}, {now} FROM n")
    run_sql("INSERT INTO customer_identities (shop_id, customer_id, kind, value, created_at) "
            "SELECT 1, id, 'email', 'klient' || id || '@example.pl', created_at FROM customers WHERE shop_id = 1")
    run_sql("INSERT INTO customer_consents (shop_id, customer_id, channel, purpose, status, source, recorded_at) "
            "SELECT 1, id, 'email', 'marketing', 'granted', 'benchmark', created_at FROM customers WHERE shop_id = 1 AND id % 10 <> 0")


def settle(predicate, timeout):
    """Waits for `predicate`, asking twice a second: counting rows with psql costs a process each
    time, which must not take the CPU from the server being measured."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def call(base, key, method, path, body=None):
    request = urllib.request.Request(
        base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"{}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(pathlib.Path(__file__).resolve().parent.parent / ".build/release/parley"))
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=32, help="jobs at once (parley serve's default)")
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL; SQLite in a fresh folder when unset")
    args = parser.parse_args()

    admin_url = args.database_url
    args.database_url, fresh = fresh_database(admin_url)
    work, store, sink, smtp_port, mail_dir = prepare("parley-campaign-", args.database_url)
    http_port = random.randint(20000, 39999)
    server = None
    try:
        subprocess.run([args.binary, "shop", "create", "bench", "--name", "Kubki", "--locale", "pl"] + store, check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([args.binary, "shop", "set", "bench", "pressure.quiet_hours=off", "email.from=Kubki <sklep@kubki.example>"]
                       + store, check=True, stdout=subprocess.DEVNULL)
        key = subprocess.run([args.binary, "apikey", "create", "--shop", "bench", "--name", "bench"] + store, check=True,
                             capture_output=True, text=True).stdout.split()[-1]
        sqlite_path = work / "data" / "parley.sqlite"
        if args.database_url:
            def run_sql(sql):
                subprocess.run(["psql", args.database_url, "-qc", sql], check=True)
        else:
            import sqlite3

            def run_sql(sql):
                with sqlite3.connect(sqlite_path, timeout=60) as connection:
                    connection.execute(sql)
        started = time.monotonic()
        populate(run_sql, args.customers, bool(args.database_url))
        print(f"  ({args.customers} customers written in {time.monotonic() - started:.1f} s)", file=sys.stderr)

        server = subprocess.Popen([args.binary, "serve", "--port", str(http_port), "--workers", str(args.workers),
                                   "--smtp-url", f"smtp://127.0.0.1:{smtp_port}"] + store, stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{http_port}"
        assert wait_for(lambda: healthy(base), 60), "parley serve did not start"
        idle_mib = memory_mib(server.pid, "VmRSS")
        segment = call(base, key, "POST", "/api/v1/segments",
                       {"name": "Subscribers", "conditions": [{"fact": "consent", "channel": "email"}]})
        members = segment["count"]
        campaign = call(base, key, "POST", "/api/v1/campaigns", {
            "name": "Ethiopia", "segment": segment["id"],
            "contents": {code: {"subject": subject, "body": body} for code, (subject, body) in TEXTS.items()}})
        query = database_query(args.database_url, sqlite_path)
        cpu_before = cpu_seconds(server.pid)
        started_wall, started = time.time(), time.monotonic()
        call(base, key, "POST", f"/api/v1/campaigns/{campaign['id']}/schedule", {})
        assert settle(lambda: query("SELECT count(*) FROM campaign_sends") >= members, 3600), "not every member got an outcome"
        queued = time.monotonic() - started
        assert settle(lambda: query(PENDING) == 0, 3600), "Parley still had messages to send after an hour"
        sent = query(SENT)
        assert wait_for(lambda: len(list(mail_dir.glob("*.eml"))) >= sent, 60), "an email Parley sent never arrived"
        emails = list(mail_dir.glob("*.eml"))
        accepted = max(email.stat().st_mtime for email in emails) - started_wall
        cpu = cpu_seconds(server.pid) - cpu_before
        backend = "PostgreSQL" if args.database_url else "SQLite"
        print(f"{backend}, {args.customers} customers, {members} in the segment (marketing consent on email), {args.workers} workers")
        print(f"  audience to messages queued: {members / queued:8.1f} customers/s ({queued:.1f} s)")
        print(f"  to emails accepted (SMTP):   {len(emails) / accepted:8.1f} emails/s ({accepted:.1f} s, {len(emails)} emails)")
        print(f"  CPU a member:                {cpu * 1000 / members:8.2f} ms")
        print(f"  memory (RSS):                {idle_mib:8.1f} MiB idle, {memory_mib(server.pid, 'VmHWM'):.1f} MiB at most")
        held = query("SELECT count(*) FROM messages WHERE held_until IS NOT NULL")
        print(f"  held by the budget:          {held:8d}")
    finally:
        tear_down([server, sink], admin_url, fresh)


PENDING = "SELECT count(*) FROM jobs WHERE kind IN ('campaign.send', 'message.send') AND status IN ('queued', 'running')"
SENT = "SELECT count(*) FROM messages WHERE channel = 'email' AND status IN ('sent', 'delivered')"

if __name__ == "__main__":
    main()
