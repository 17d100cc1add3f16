"""Where a running server's CPU time goes, by kind of work: a breakdown of a `perf` profile.

    perf record -F 999 -g -p "$(pgrep -f 'parley serve')" -o /tmp/parley.perf -- sleep 20
    perf script -i /tmp/parley.perf | swift demangle | python3 Benchmarks/profile_breakdown.py

Each sample goes to the kind of the innermost frame that has one (an allocation inside a JSON
decoder counts as JSON; a futex wait inside SQLite's thread hand-off as switching threads), or to
"other". Not a test: it prints a table. docs/performance.md shows what it found.
"""
import collections
import re
import sys

# Checked from the innermost frame outwards; the first kind whose pattern matches a frame wins.
KINDS = [
    ("switching threads (futex, scheduler, wake-ups)", r"futex|schedule|finish_task_switch|try_to_wake_up|eventfd|_raw_spin_unlock_irq|pthread_cond|NSCondition"),
    ("SQLite: statements", r"^sqlite3(?!_nio)|sqlite3Vdbe|sqlite3Btree|pcache1|sqlite3Pager|walIndex|sqlite3Fts5|sqlite_nio_sqlite3_(step|prepare|bind|column|reset)"),
    ("SQLite: commit and log writes", r"sqlite3WalFrames|walWriteToLog|walChecksumBytes|sqlite3PagerCommit|unixWrite|unixSync|ext4_|jbd2|fsync|fdatasync"),
    ("SQL building and row reading (SQLKit, SQLiteKit, PostgresNIO)", r"SQLKit|SQLiteKit|SQLiteNIO|SQLiteResultRow|SQLiteStatements|PostgresNIO|PostgresKit|SQLQueryString|SQLSerializer"),
    ("JSON", r"JSONDecoder|JSONEncoder|JSONSerialization|JSONMap|JSONWriter|__JSON"),
    ("MIME parsing and mail composing", r"ParleyMail\.|MailParser|MailComposer|MIME|QuotedPrintable|Base64"),
    ("templates (Mustache)", r"Mustache"),
    ("logging", r"Logging\.|LogHandler|StreamLogHandler|Logger\."),
    ("cryptography (HMAC, hashes, DKIM)", r"Crypto|CCryptoBoring|BoringSSL|SHA256|HMAC|bcrypt"),
    ("network I/O (kernel)", r"tcp_|sock_|__sys_sendto|__sys_recvfrom|sys_write|sys_read|ip_|skb_|__x64_sys_epoll|ep_poll"),
    ("HTTP and SMTP (NIO, Hummingbird, AsyncHTTPClient)", r"NIOCore|NIOPosix|NIOHTTP1|Hummingbird|HTTPTypes|AsyncHTTPClient|SMTP"),
    ("job queue", r"JobQueue|JobWorker|JobRunner"),
]
# Kinds every stack passes through on its way out (the runtime running a task, a system call's
# entry): they count only for the innermost frames, or they would take all of Parley's own code.
INNERMOST = [
    ("Swift runtime (tasks, allocation, reference counting)", r"swift_|swift::|malloc|_int_malloc|_int_free|cfree|free\b|__tls_get_addr|memmove|memcpy|memcmp|strlen"),
    ("other kernel", r"\(\[kernel"),
]
COMPILED = [(name, re.compile(pattern)) for name, pattern in KINDS]
INNERMOST_COMPILED = [(name, re.compile(pattern)) for name, pattern in INNERMOST]


def samples(lines):
    """Each sample's frames, innermost first."""
    frames = []
    for line in lines:
        if not line.strip():
            if frames:
                yield frames
            frames = []
            continue
        if line.startswith((" ", "\t")):
            # "  7f... symbol+0x12 (dso)": keep the symbol and the library.
            parts = line.strip().split(" ", 1)
            frames.append(parts[1] if len(parts) > 1 else parts[0])
    if frames:
        yield frames


def kind(frames):
    for frame in frames:
        for name, pattern in COMPILED:
            if pattern.search(frame):
                return name
    for frame in frames[:3]:
        for name, pattern in INNERMOST_COMPILED:
            if pattern.search(frame):
                return name
    return "Parley's own code and the rest"


def main():
    counts = collections.Counter(kind(frames) for frames in samples(sys.stdin))
    total = sum(counts.values()) or 1
    print(f"{total} samples")
    for name, count in counts.most_common():
        print(f"{100 * count / total:6.1f} %  {name}")


if __name__ == "__main__":
    main()
