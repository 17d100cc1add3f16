"""The agent inbox, measured. Not a test: it prints figures.

    swift build -c release
    python3 Benchmarks/inbox.py --binary .build/release/parley [--conversations 100000 --messages 10] \\
        [--database-url postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable]

Fills a fresh database with a shop of N conversations of M messages each (1,000,000 messages by
default: multilingual words, folded as Parley indexes them, with the search index), starts a real
`parley serve` on it, signs an agent in, and times three pages an agent opens all day, one request
at a time on a kept-alive loopback connection: the inbox list (`/app/inbox?view=all`: 50 rows and
every view's count), a search (`/app/inbox?q=WORD`, a different word each time) and a conversation
page (`/app/conversations/ID`, thread, customer and list). Searches are for a word in one
conversation of two thousand (rare) and for one of the common words in almost every message. Prints p50 and p99 in milliseconds
beside the goal of p99 <= 50 ms. With --database-url the data goes into a new database on that
PostgreSQL server (dropped afterwards); without, into SQLite.
"""
import argparse
import http.client
import io
import random
import re
import shutil
import socket
import statistics
import subprocess
import sqlite3
import tempfile
import time
import urllib.parse

WORDS = [
    "paczka", "zamowienie", "kubek", "zwrot", "faktura", "dostawa", "adres", "platnosc", "reklamacja", "kurier",
    "order", "delivery", "refund", "invoice", "parcel", "address", "tracking", "broken", "payment", "return",
    "παραγγελια", "κουπα", "επιστροφη", "τιμολογιο", "αποστολη", "заказ", "кружка", "возврат", "счет", "доставка",
    "трещина", "курьер", "ऑर्डर", "बिल", "डिलीवरी", "वापसी", "भुगतान", "पता",
]
RARE = [f"ticket{n}" for n in range(2000)]


def text(rng, count):
    return " ".join(rng.choice(WORDS) for _ in range(count)) + " " + rng.choice(RARE)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rows(conversations, per, shop, now, rng):
    """Customers, conversations, messages and search documents (one per conversation) as tuples, with explicit ids."""
    customers, convs, messages, docs = [], [], [], []
    customer_count = max(1, conversations // 10)
    for c in range(1, customer_count + 1):
        customers.append((c, shop, f"cus_bench{c}", f"Customer {c}", "pl", now, now))
    message_id = 0
    for n in range(1, conversations + 1):
        created = now - (conversations - n) * 30.0
        subject = text(rng, 4)
        customer = rng.randint(1, customer_count)
        status = rng.choice(["open", "open", "pending", "resolved"])
        convs.append((n, shop, n, f"cnv_bench{n}", f"rt{n}", customer, "email", subject, subject, status, "normal",
                      created, created + per * 60, created + per * 60))
        document = [subject, f"customer {customer}"]
        for m in range(per):
            message_id += 1
            kind = "incoming" if m % 2 == 0 else "reply"
            body = text(rng, rng.randint(12, 30))
            messages.append((message_id, shop, n, f"cmg_bench{message_id}", kind, "email", customer, body, body, created + m * 60))
            document.append(body)
        docs.append((n, shop, " ".join(document)))
    return customers, convs, messages, docs


COLUMNS = {
    "customers": "id, shop_id, public_id, name, locale, created_at, updated_at",
    "conversations": "id, shop_id, number, public_id, reply_token, customer_id, channel, subject, normalized_subject, status, "
                     "priority, created_at, updated_at, last_message_at",
    "conversation_messages": "id, shop_id, conversation_id, public_id, kind, channel, customer_id, clean_text, body_text, created_at",
    "conversation_search": "conversation_id, shop_id, body",
}
TIMESTAMPS = {"customers": [5, 6], "conversations": [11, 12, 13], "conversation_messages": [9], "conversation_search": []}


def fill_sqlite(path, tables):
    db = sqlite3.connect(path)
    for table, data in tables.items():
        marks = ", ".join("?" for _ in COLUMNS[table].split(","))
        db.executemany(f"INSERT INTO {table} ({COLUMNS[table]}) VALUES ({marks})", data)
    db.execute("INSERT OR REPLACE INTO shop_counters (shop_id, name, value) VALUES (1, 'conversation', ?)", (len(tables["conversations"]),))
    db.commit()
    db.execute("ANALYZE")
    db.close()


def fill_postgres(url, tables):
    for table, data in tables.items():
        buffer = io.StringIO()
        for row in data:
            values = []
            for index, value in enumerate(row):
                if index in TIMESTAMPS[table]:
                    value = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(value)) + "Z"
                text_value = str(value).replace('"', '""')
                values.append(f'"{text_value}"')
            buffer.write(",".join(values) + "\n")
        subprocess.run(["psql", url, "-q", "-c", f"\\copy {table} ({COLUMNS[table]}) FROM STDIN WITH (FORMAT csv)"],
                       input=buffer.getvalue().encode(), check=True)
        if not COLUMNS[table].startswith("id,"):
            continue
        subprocess.run(["psql", url, "-q", "-c", f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"],
                       check=True, capture_output=True)
    subprocess.run(["psql", url, "-q", "-c", "ANALYZE"], check=True)


def sign_in(connection, email, password):
    connection.request("GET", "/app/login")
    response = connection.getresponse()
    body = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrf_token" value="([A-Za-z0-9]+)"', body).group(1)
    form = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token})
    connection.request("POST", "/app/login", body=form,
                       headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    response = connection.getresponse()
    response.read()
    return response.getheader("Set-Cookie").split(";")[0]


def measure(connection, cookie, paths, warmup=20):
    times = []
    for index, path in enumerate(paths):
        start = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            raise SystemExit(f"{path}: {response.status}")
        if index >= warmup:
            times.append(elapsed)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/parley")
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=10, help="per conversation")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    rng = random.Random(42)
    data_dir = tempfile.mkdtemp(prefix="parley-inbox-bench-")
    store = ["--data-dir", data_dir]
    admin_url = args.database_url
    database = None
    if admin_url:
        database = f"parley_inbox_bench_{int(time.time())}"
        subprocess.run(["psql", admin_url, "-q", "-c", f"CREATE DATABASE {database}"], check=True)
        parts = urllib.parse.urlsplit(admin_url)
        store += ["--database-url", urllib.parse.urlunsplit(parts._replace(path="/" + database))]
    url = store[-1] if admin_url else None
    server = None
    try:
        subprocess.run([args.binary, "shop", "create", "bench", "--name", "Bench", "--locale", "pl"] + store, check=True,
                       capture_output=True)
        password = "benchmark password 42"
        subprocess.run([args.binary, "user", "add", "--shop", "bench", "--email", "agent@bench.example", "--role", "agent"] + store,
                       input=(password + "\n").encode(), check=True, capture_output=True)
        start = time.perf_counter()
        tables = dict(zip(["customers", "conversations", "conversation_messages", "conversation_search"],
                          rows(args.conversations, args.messages, 1, time.time() - 86400, rng)))
        if url:
            fill_postgres(url, tables)
        else:
            fill_sqlite(f"{data_dir}/parley.sqlite", tables)
        print(f"filled {args.conversations:,} conversations, {args.conversations * args.messages:,} messages "
              f"in {time.perf_counter() - start:.0f} s ({'PostgreSQL' if url else 'SQLite'})")
        port = free_port()
        server = subprocess.Popen([args.binary, "serve", "--port", str(port), "--workers", "0"] + store,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        cookie = sign_in(connection, "agent@bench.example", password)
        n = args.requests
        pages = {
            "inbox list": ["/app/inbox?view=all"] * n,
            "search, rare": [f"/app/inbox?q={urllib.parse.quote(rng.choice(RARE))}" for _ in range(n)],
            "search, common": [f"/app/inbox?q={urllib.parse.quote(rng.choice(WORDS))}" for _ in range(n)],
            "conversation": [f"/app/conversations/cnv_bench{rng.randint(1, args.conversations)}" for _ in range(n)],
        }
        print(f"{'page':<14}{'p50 ms':>9}{'p99 ms':>9}   goal p99 <= 50 ms")
        for name, paths in pages.items():
            p50, p99 = measure(connection, cookie, paths)
            print(f"{name:<14}{p50:9.1f}{p99:9.1f}   {'met' if p99 <= 50 else 'NOT met'}")
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        if database:
            subprocess.run(["psql", admin_url, "-q", "-c", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"], check=False)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
