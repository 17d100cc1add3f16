"""The live chat, measured beside a bare WebSocket echo server on the same stack. Not a test: it prints figures.

    swift build -c release --product parley
    swift build -c release --package-path Benchmarks/Chat      # the echo server, once
    python3 Benchmarks/chat.py --binary .build/release/parley \\
        [--database-url postgres://postgres@127.0.0.1:55433/postgres?sslmode=disable]

Two parts, each on a freshly started server, Parley's phase and then the echo server's with the same
connections, rate and client, so that neither competes with the other for the two cores:

Latency. N widget sockets (1,000) each say `hello` and get `welcome`. Each visitor writes once to
open its chat (the first message of a visitor opens a conversation and the assistant answers it,
then hands it to a person as it knows no articles); then, for --duration seconds, every visitor
writes one message every --period seconds (10 s), spread evenly, and an agent answers each visitor
once per period, half a period after the visitor wrote, by `POST /api/v1/conversations/{id}/replies`.
Times, on one clock in the load generator:
  - visitor -> stored (ack):   the `send` frame is written -> its `ack` arrives (Parley acks only after
                               the message is committed);
  - visitor -> agent (SSE):    the `send` frame is written -> an agent listening on `GET /api/v1/events`
                               receives `message.created` for that conversation;
  - agent -> visitor:          the reply's POST is written -> the visitor's socket gets the `message`
                               frame with the agent's text;
  - echo round trip:           the same `send` frame is written to the echo server -> it comes back;
                               each echo socket sends twice per period, as many frames as Parley gets.

Memory. VmRSS of the server process when started and idle, with 1,000 and with 10,000 idle sockets
(each said hello and got its welcome, or its echo).

With --agent-apart the agent (its event stream and its replies) runs in a process of its own, as a
real agent works in another browser than the visitor: each process notes when it wrote and received
on the same clock (`perf_counter`, CLOCK_MONOTONIC), and the samples are joined after the run. In one
process, a message's acknowledgement and its event reach the same Python loop at the same moment and
one waits for the other to be handled; the echo server's frames never do.

Percentiles are exact (nearest rank over every sample). The per-address upgrade limit of the widget
socket (20 at once, 1 a second) is respected by spreading the sockets over many loopback source
addresses (127.1.x.y, 16 each); Linux routes all of 127/8 to lo. The load generator is one Python
asyncio process (`websockets`); the echo server's figures in the same run show what it costs.
"""
import argparse
import asyncio
import gc
import json
import multiprocessing
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

from websockets.asyncio.client import connect

PER_ADDRESS = 16


def raise_file_limit():
    """As many descriptors as 10,000 sockets need; the server started from here inherits it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    for wanted in (65536, hard):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (max(wanted, soft), max(wanted, hard)))
            return
        except (ValueError, OSError):
            continue


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def source_address(index):
    group = index // PER_ADDRESS
    return f"127.1.{group // 250}.{group % 250 + 1}"


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(samples, p):
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, -(-len(ordered) * p // 100) - 1))]


def wait_for_port(port, process, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start listening")


class Server:
    """Parley (a fresh SQLite folder or PostgreSQL database) or the echo server, started and stopped."""

    def __init__(self, kind, args, workdir):
        self.kind, self.args, self.workdir = kind, args, workdir
        self.process = None
        self.database = None
        self.port = free_port()
        self.api_key = None

    def start(self):
        if self.kind == "echo":
            command = [self.args.echo_binary, str(self.port)]
        else:
            data_dir = tempfile.mkdtemp(prefix="data-", dir=self.workdir)
            store = ["--data-dir", data_dir]
            if self.args.database_url:
                self.database = f"parley_chat_bench_{int(time.time() * 1000)}"
                subprocess.run(["psql", self.args.database_url, "-q", "-c", f"CREATE DATABASE {self.database}"], check=True)
                parts = urllib.parse.urlsplit(self.args.database_url)
                store += ["--database-url", urllib.parse.urlunsplit(parts._replace(path="/" + self.database))]
            subprocess.run([self.args.binary, "shop", "create", "bench", "--name", "Bench", "--locale", "en"] + store,
                           check=True, capture_output=True)
            created = subprocess.run([self.args.binary, "apikey", "create", "--shop", "bench"] + store,
                                     check=True, capture_output=True, text=True)
            self.api_key = created.stdout.strip().splitlines()[-1]
            command = [self.args.binary, "serve", "--port", str(self.port), "--workers", str(self.args.workers)] + store
        log = open(os.path.join(self.workdir, f"{self.kind}-{self.port}.log"), "wb")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.process)
        time.sleep(1)

    @property
    def socket_url(self):
        return f"ws://127.0.0.1:{self.port}/echo" if self.kind == "echo" else f"ws://127.0.0.1:{self.port}/widget/v1/bench/socket"

    def rss(self):
        return rss_mib(self.process.pid)

    def stop(self):
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.database:
            subprocess.run(["psql", self.args.database_url, "-q", "-c", f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)"],
                           check=False, capture_output=True)


class Visitor:
    """One widget socket: sends frames and matches what comes back to when it was sent."""

    def __init__(self, index, run):
        self.index, self.run = index, run
        self.ws = None
        self.conversation = None
        self.sent = {}          # client_id -> perf_counter when its frame was written
        self.replies = {}       # reply text -> perf_counter when its POST was written
        self.welcomed = asyncio.get_running_loop().create_future()
        self.reader = None

    async def open(self, url):
        self.ws = await connect(url, local_addr=(source_address(self.index), 0), compression=None, ping_interval=None,
                                max_queue=None, open_timeout=60)
        self.reader = asyncio.create_task(self.read())
        await self.ws.send(json.dumps({"type": "hello", "after": 0, "locale": "en"}))
        await self.welcomed

    async def send(self, client_id, text):
        frame = json.dumps({"type": "send", "client_id": client_id, "text": text, "page": "https://shop.example/cart"})
        self.sent[client_id] = time.perf_counter()
        if self.conversation:
            self.run.agent_waits[self.conversation] = self.sent[client_id]
            if self.run.measuring:
                self.run.sends.append((self.conversation, self.sent[client_id]))
        await self.ws.send(frame)

    async def read(self):
        try:
            async for raw in self.ws:
                now = time.perf_counter()
                frame = json.loads(raw)
                kind = frame.get("type")
                if kind in ("welcome", "hello"):  # the echo server sends the hello back
                    if not self.welcomed.done():
                        self.welcomed.set_result(None)
                elif kind in ("ack", "send"):
                    started = self.sent.pop(frame.get("client_id"), None)
                    if started is not None:
                        self.run.record("ack" if kind == "ack" else "echo", frame.get("client_id"), now - started)
                    if frame.get("conversation"):
                        self.conversation = frame["conversation"]
                elif kind == "message" and frame.get("message", {}).get("author") == "agent":
                    started = self.replies.pop(frame["message"]["text"], None)
                    if started is not None:
                        self.run.record("reply", "", now - started)
                    elif self.run.measuring:
                        self.run.received[frame["message"]["text"]] = now
                elif kind == "error":
                    self.run.errors.append(frame.get("detail"))
        except Exception as error:  # the socket ended; a run that lost sockets says so
            self.run.errors.append(f"socket {self.index}: {error!r}")
        finally:
            if not self.welcomed.done():
                self.welcomed.set_exception(RuntimeError("socket closed before welcome"))


class HTTP:
    """A kept-alive HTTP/1.1 connection to Parley, enough for POSTs with JSON and a streamed SSE body."""

    def __init__(self, port, key):
        self.port, self.key = port, key

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    def request(self, method, path, body=b""):
        head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {self.key}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        self.writer.write(head.encode() + body)

    async def headers(self):
        status = (await self.reader.readline()).decode()
        headers = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            headers[name.strip().lower()] = value.strip()
        return int(status.split()[1]), headers

    async def chunks(self, headers):
        if headers.get("transfer-encoding") == "chunked":
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                data = await self.reader.readexactly(size + 2)
                if size == 0:
                    return
                yield data[:-2]
        else:
            yield await self.reader.readexactly(int(headers.get("content-length", 0)))

    async def post(self, path, document):
        self.request("POST", path, json.dumps(document).encode())
        status, headers = await self.headers()
        body = b"".join([chunk async for chunk in self.chunks(headers)])
        return status, body


class Run:
    """The samples of one phase."""

    def __init__(self):
        self.samples = {"ack": [], "agent": [], "reply": [], "echo": [], "first ack": [], "reply post": [], "client lag": []}
        self.agent_waits = {}   # conversation -> perf_counter when its visitor's message was written
        self.measuring = False
        self.errors = []
        # With the agent in a process of its own: what each side saw, joined after the run.
        self.sends = []         # (conversation, perf_counter when the frame was written)
        self.received = {}      # agent's text -> perf_counter when the visitor's socket got it

    def record(self, kind, client_id, seconds):
        if kind == "ack" and client_id.endswith("-0"):
            self.samples["first ack"].append(seconds)
        elif self.measuring or kind == "first ack":
            self.samples[kind].append(seconds)


async def watch_client(run):
    """How late the load generator's own loop wakes from a 1 ms sleep: what the client adds to any figure."""
    while True:
        started = time.perf_counter()
        await asyncio.sleep(0.001)
        if run.measuring:
            run.samples["client lag"].append(time.perf_counter() - started - 0.001)


async def open_sockets(visitors, url, start=0, concurrency=64):
    gate = asyncio.Semaphore(concurrency)

    async def one(visitor):
        async with gate:
            await visitor.open(url)

    await asyncio.gather(*(one(v) for v in visitors[start:]))


async def message_events(port, key):
    """The agent's screen: `GET /api/v1/events`, yielding (conversation, arrival) for each new message."""
    http = HTTP(port, key)
    await http.open()
    http.request("GET", "/api/v1/events")
    status, headers = await http.headers()
    if status != 200:
        raise RuntimeError(f"/api/v1/events answered {status}")
    buffer = b""
    async for chunk in http.chunks(headers):
        now = time.perf_counter()
        buffer += chunk
        while b"\n\n" in buffer:
            event, buffer = buffer.split(b"\n\n", 1)
            fields = dict(line.split(": ", 1) for line in event.decode().split("\n") if ": " in line)
            if fields.get("event") in ("message.created", "conversation.created"):
                yield json.loads(fields["data"]).get("conversation"), now


async def listen_as_agent(server, run):
    """Matches each new visitor message the agent's screen hears of to when it was written."""
    async for conversation, now in message_events(server.port, server.api_key):
        started = run.agent_waits.pop(conversation, None)
        if started is not None and run.measuring:
            run.samples["agent"].append(now - started)


async def reply_pool(port, key, size):
    pool = asyncio.Queue()
    for _ in range(size):
        http = HTTP(port, key)
        await http.open()
        pool.put_nowait(http)
    return pool


async def post_reply(pool, conversation, text, errors, noted=lambda written: None):
    """An agent's reply over a kept-alive connection of the pool; `noted` hears when it is written.
    Returns when it was written and when it was answered."""
    http = await pool.get()
    try:
        written = time.perf_counter()
        noted(written)
        status, body = await http.post(f"/api/v1/conversations/{conversation}/replies", {"text": text})
        if status != 201:
            errors.append(f"reply answered {status}: {body[:200]!r}")
        return written, time.perf_counter()
    finally:
        pool.put_nowait(http)


def reply_text(index, number):
    return f"Agent answer {index}-{number}: your parcel leaves today."


async def agent_reply(pool, visitor, number, run):
    text = reply_text(visitor.index, number)
    written, answered = await post_reply(
        pool, visitor.conversation, text, run.errors, lambda at: visitor.replies.__setitem__(text, at))
    if run.measuring:
        run.samples["reply post"].append(answered - written)


def agent_process(port, key, conversations, begin, period, rounds, http_connections, results):
    """The agent in a process of its own, as a real agent is in another browser: it listens on
    `GET /api/v1/events` and answers every visitor once a period, half a period after they wrote,
    noting when; the visitors' process notes when its messages were written and answers arrived.
    Both use `time.perf_counter` (CLOCK_MONOTONIC, one clock for every process on the machine)."""

    async def main():
        run = Run()
        events = []    # (conversation, perf_counter when its message.created arrived)
        posts = []     # (text, written, answered)

        async def listen():
            try:
                async for conversation, now in message_events(port, key):
                    if now >= begin:
                        events.append((conversation, now))
            except RuntimeError as error:
                run.errors.append(str(error))

        async def answer(pool, index, number):
            text = reply_text(index, number)
            written, answered = await post_reply(pool, conversations[index], text, run.errors)
            posts.append((text, written, answered))

        listener = asyncio.create_task(listen())
        pool = await reply_pool(port, key, http_connections)
        count = len(conversations)
        tasks = []
        for r in range(rounds):
            for i in range(count):
                await asyncio.sleep(max(0, begin + period * (r + 0.5 + i / count) - time.perf_counter()))
                tasks.append(asyncio.create_task(answer(pool, i, r)))
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.sleep(3)
        listener.cancel()
        results.put((events, posts, run.errors))

    asyncio.run(main())


def join_agent_apart(run, events, posts, period):
    """The visitor -> agent and agent -> visitor samples, from what each process saw."""
    by_conversation = {}
    for conversation, at in events:
        by_conversation.setdefault(conversation, []).append(at)
    for conversation, written in run.sends:
        arrived = [at for at in by_conversation.get(conversation, []) if written <= at < written + period / 2]
        if arrived:
            run.samples["agent"].append(min(arrived) - written)
        else:
            run.errors.append(f"no message.created for {conversation} within half a period")
    for text, written, answered in posts:
        run.samples["reply post"].append(answered - written)
        if text in run.received:
            run.samples["reply"].append(run.received[text] - written)


async def latency_phase(server, args):
    run = Run()
    visitors = [Visitor(i, run) for i in range(args.connections)]
    await open_sockets(visitors, server.socket_url)
    period, count = args.period, len(visitors)
    parley = server.kind == "parley"
    tasks = []
    if parley:
        tasks.append(asyncio.create_task(listen_as_agent(server, run)))
        pool = await reply_pool(server.port, server.api_key, args.http_connections)
        await asyncio.sleep(0.5)
        # Each visitor's first message opens its conversation (and the assistant's turn): heavier, timed apart.
        begin = time.perf_counter()
        for i, visitor in enumerate(visitors):
            await asyncio.sleep(max(0, begin + period * i / count - time.perf_counter()))
            await visitor.send(f"v{i}-0", "Hello, where is my order? It has not arrived yet.")
        deadline = time.perf_counter() + 60
        while any(v.conversation is None for v in visitors) and time.perf_counter() < deadline:
            await asyncio.sleep(0.2)
        await asyncio.sleep(2)
        run.agent_waits.clear()
    rounds = max(1, int(args.duration / period))
    agent = None
    if parley and args.agent_apart:
        for task in tasks:
            task.cancel()
        tasks = []
        context = multiprocessing.get_context("spawn")
        agent_results = context.Queue()
        begin = time.perf_counter() + 5  # the agent's process starts and connects meanwhile
        agent = context.Process(target=agent_process, args=(
            server.port, server.api_key, [v.conversation for v in visitors], begin, period, rounds, args.http_connections,
            agent_results))
        agent.start()
        await asyncio.sleep(max(0, begin - time.perf_counter()))
    tasks.append(asyncio.create_task(watch_client(run)))
    run.measuring = True
    if agent is None:
        begin = time.perf_counter()
    # One timeline: visitor i writes at i/N of each period; its agent answers (or, on the echo server, the
    # socket sends again) half a period later.
    timeline = sorted((r + half / 2 + i / count, r, half, i) for r in range(rounds) for half in (0, 1) for i in range(count))
    for offset, r, half, i in timeline:
        visitor = visitors[i]
        await asyncio.sleep(max(0, begin + period * offset - time.perf_counter()))
        if half == 0:
            await visitor.send(f"v{i}-{r + 1}", f"Message {r + 1}: could you check the delivery address?")
        elif agent is not None:
            continue
        elif parley:
            tasks.append(asyncio.create_task(agent_reply(pool, visitor, r, run)))
        else:
            await visitor.send(f"v{i}-{r + 1}b", f"Message {r + 1}: could you check the delivery address?")
    await asyncio.sleep(3)
    if agent is not None:
        events, posts, errors = await asyncio.get_running_loop().run_in_executor(None, agent_results.get)
        agent.join()
        run.errors += errors
        join_agent_apart(run, events, posts, period)
    run.measuring = False
    for task in tasks:
        task.cancel()
    await asyncio.gather(*(visitor.ws.close() for visitor in visitors))
    return run


async def memory_phase(server, args):
    figures = {"idle": server.rss()}
    run = Run()
    visitors = [Visitor(i, run) for i in range(max(args.idle_counts, default=0))]
    opened = 0
    for target in args.idle_counts:
        await open_sockets(visitors[:target], server.socket_url, start=opened)
        opened = target
        await asyncio.sleep(3)
        figures[target] = server.rss()
    for visitor in visitors[:opened]:
        visitor.reader.cancel()
        visitor.ws.transport.abort()
    return figures, run.errors


def summarise(name, seconds, goal=None):
    p50, p99 = percentile(seconds, 50) * 1000, percentile(seconds, 99) * 1000
    return name, len(seconds), p50, p99


async def phase(kind, args, workdir):
    """The latency run and then the memory run, each on a server of its own started afresh."""
    results = {}
    server = Server(kind, args, workdir)
    try:
        server.start()
        started_cpu, started = _cpu_seconds(server.process.pid), time.perf_counter()
        # A collection of the client's garbage would stall every socket at once; there is little of it in a minute.
        gc.collect()
        gc.disable()
        run = await latency_phase(server, args)
        gc.enable()
        results["cpu"] = (_cpu_seconds(server.process.pid) - started_cpu) / (time.perf_counter() - started)
        results["rss after"] = server.rss()
        results["run"] = run
    finally:
        gc.enable()
        server.stop()
    server = Server(kind, args, workdir)
    try:
        server.start()
        results["memory"], memory_errors = await memory_phase(server, args)
        results["errors"] = run.errors + memory_errors
    finally:
        server.stop()
    return results


def _cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=".build/release/parley")
    parser.add_argument("--echo-binary", default="Benchmarks/Chat/.build/release/EchoServer")
    parser.add_argument("--database-url", help="an admin URL of a PostgreSQL server; a new database is made and dropped")
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--period", type=float, default=10.0, help="seconds between one visitor's messages")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds measured, after the first messages")
    parser.add_argument("--idle", default="1000,10000", help="idle socket counts at which to read RSS")
    parser.add_argument("--http-connections", type=int, default=8, help="kept-alive connections the agent replies over")
    parser.add_argument("--workers", type=int, default=0, help="parley serve --workers")
    parser.add_argument("--only", choices=["parley", "echo"])
    parser.add_argument("--agent-apart", action="store_true",
                        help="the agent (events and replies) in a process of its own, as in another browser")
    args = parser.parse_args()
    args.idle_counts = [int(n) for n in args.idle.split(",") if n]
    raise_file_limit()
    workdir = tempfile.mkdtemp(prefix="parley-chat-bench-")
    results = {}
    try:
        for kind in ("parley", "echo"):
            if args.only in (None, kind):
                print(f"measuring {kind}…", file=sys.stderr, flush=True)
                results[kind] = asyncio.run(phase(kind, args, workdir))
    finally:
        if not os.environ.get("KEEP_LOGS"):
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"logs in {workdir}", file=sys.stderr)
    report(results, args)


def report(results, args):
    rate = args.connections / args.period
    store = "PostgreSQL" if args.database_url else "SQLite"
    print(f"\n{args.connections:,} sockets, one visitor message per socket every {args.period:g} s ({rate:.0f}/s) and as many "
          f"agent replies, {args.duration:g} s measured; Parley on {store}, {os.cpu_count()} cores\n")
    echo = results.get("echo", {}).get("run")
    echo_p99 = percentile(echo.samples["echo"], 99) * 1000 if echo else None
    rows = []
    if "parley" in results:
        samples = results["parley"]["run"].samples
        rows += [("visitor -> stored (ack)", samples["ack"]), ("visitor -> agent (SSE)", samples["agent"]),
                 ("agent -> visitor (POST -> frame)", samples["reply"]), ("  agent's POST answered", samples["reply post"]),
                 ("  first message (new chat, ack)", samples["first ack"])]
    if echo:
        rows.append(("echo round trip (the limit)", echo.samples["echo"]))
    for kind, r in results.items():
        rows.append((f"  client loop lag ({kind} run)", r["run"].samples["client lag"]))
    print(f"{'latency':<34}{'n':>7}{'p50 ms':>9}{'p99 ms':>9}   goal: p99 <= 10 ms and <= 3x echo p99")
    for name, seconds in rows:
        _, n, p50, p99 = summarise(name, seconds)
        verdict = ""
        if name.startswith(("visitor", "agent ->")):
            met = p99 <= 10 and (echo_p99 is None or p99 <= 3 * echo_p99)
            ratio = f", {p99 / echo_p99:.1f}x echo" if echo_p99 else ""
            verdict = f"   {'met' if met else 'NOT met'}{ratio}"
        print(f"{name:<34}{n:>7}{p50:9.2f}{p99:9.2f}{verdict}")
    print(f"\n{'memory (VmRSS, MiB)':<34}" + "".join(f"{k:>10}" for k in results))
    keys = ["idle"] + args.idle_counts
    for key in keys:
        label = "idle" if key == "idle" else f"{key:,} idle sockets"
        print(f"{label:<34}" + "".join(f"{r['memory'].get(key, float('nan')):10.1f}" for r in results.values()))
    print(f"{'after the latency run':<34}" + "".join(f"{r['rss after']:10.1f}" for r in results.values()))
    print(f"{'server CPU in the latency run':<34}" + "".join(f"{r['cpu'] * 100:9.0f}%" for r in results.values()))
    for kind, r in results.items():
        if r["errors"]:
            print(f"\n{kind}: {len(r['errors'])} errors, first: {r['errors'][:3]}")


if __name__ == "__main__":
    main()
