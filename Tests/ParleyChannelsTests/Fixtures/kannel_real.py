"""A real Kannel on loopback (the Debian packages kannel and kannel-extras), for Parley's tests.

Usage: python3 kannel_real.py PORT DIRECTORY --admin-port A --smsbox-port B --smsc-port C --receiver-port R
           --username U --password P --service-url URL [--mo "SENDER RECEIVER TYPE DATA"]

Writes DIRECTORY/kannel.conf and starts bearerbox (with a fake SMSC on port C), smsbox (sendsms on PORT, one
sendsms-user U/P, and a catch-all sms-service that GETs URL for every incoming text) and fakesmsc, the fake
SMSC's client. fakesmsc logs each message Kannel sends as "Got message N: <SENDER RECEIVER TYPE DATA>" into
DIRECTORY/fakesmsc.out (TYPE text: DATA as is; ucs-2: URL-encoded UTF-16BE; data: URL-encoded bytes), and
sends the --mo line (fakesmsc's own format, e.g. "+48601234567 +48221234567 text Hej") to Kannel as an
incoming text. One line only: given several, fakesmsc picks among them at random.

Port R is an HTTP server standing in for Parley's /hooks/sms: it answers 200 and appends each request to
DIRECTORY/callbacks.jsonl (method, path with its query exactly as sent, headers, body).

Prints `ready` once smsbox answers on PORT, and kills all of Kannel on SIGTERM.
"""
import argparse
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The Swift test runner blocks these, and a child inherits its blocked signals: unblocked, SIGTERM can stop us.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("directory")
for option in ("--admin-port", "--smsbox-port", "--smsc-port", "--receiver-port"):
    parser.add_argument(option, type=int, required=True)
for option in ("--username", "--password", "--service-url"):
    parser.add_argument(option, required=True)
parser.add_argument("--mo")
args = parser.parse_args()
directory = args.directory
children = []
lock = threading.Lock()


def stop(*_):
    # Killed outright: a graceful bearerbox shutdown takes two seconds, and its state goes with the directory.
    for child in children:
        child.kill()
    for child in children:
        child.wait()
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)


def wait_for_port(port, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(child.poll() is not None for child in children):
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.record(b"")

    def do_POST(self):
        self.record(self.rfile.read(int(self.headers.get("Content-Length", 0))))

    def record(self, body):
        entry = {
            "method": self.command,
            "path": self.path,
            "headers": {key.lower(): value for key, value in self.headers.items()},
            "body": body.decode("latin-1"),
        }
        with lock, open(f"{directory}/callbacks.jsonl", "a") as log:
            log.write(json.dumps(entry) + "\n")
        # An empty answer: with max-messages = 0 Kannel texts nothing back anyway.
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_):
        pass


def fail(name, what):
    # One line of the program's log, its first error (a PANIC ends in a backtrace): PythonFixture reports only
    # our first line, and removes DIRECTORY.
    with open(f"{directory}/{name}.out", "rb") as log:
        lines = log.read().decode("utf-8", "replace").strip().splitlines() or ["no output"]
    print(f"{what}: {next((line for line in lines if 'PANIC' in line or 'ERROR' in line), lines[-1])}", flush=True)
    stop()


# Quoted kannel.conf strings take `\"` and `\\` escapes; the URLs and passwords of tests need no more.
def quoted(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


config = f"""
group = core
admin-port = {args.admin_port}
admin-password = {quoted(args.password)}
smsbox-port = {args.smsbox_port}
box-allow-ip = 127.0.0.1
log-file = {quoted(directory + "/bearerbox.log")}
log-level = 0
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = fake
port = {args.smsc_port}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {args.smsbox_port}
sendsms-port = {args.port}
log-file = {quoted(directory + "/smsbox.log")}
log-level = 0

group = sendsms-user
username = {quoted(args.username)}
password = {quoted(args.password)}
concatenation = true
max-messages = 10

group = sms-service
keyword = default
catch-all = true
get-url = {quoted(args.service_url)}
max-messages = 0
"""
with open(f"{directory}/kannel.conf", "w") as file:
    file.write(config)

receiver = ThreadingHTTPServer(("127.0.0.1", args.receiver_port), Receiver)
threading.Thread(target=receiver.serve_forever, daemon=True).start()

conf = f"{directory}/kannel.conf"
logs = {name: open(f"{directory}/{name}.out", "wb") for name in ("bearerbox", "smsbox", "fakesmsc")}
children.append(subprocess.Popen(["/usr/sbin/bearerbox", conf], stdout=logs["bearerbox"], stderr=subprocess.STDOUT))
if not wait_for_port(args.smsbox_port):
    fail("bearerbox", "bearerbox did not listen")
# fakesmsc gives up at once on a refused connection, and bearerbox opens the fake SMSC's port after its own.
if not wait_for_port(args.smsc_port):
    fail("bearerbox", "the fake SMSC did not listen")
children.append(subprocess.Popen(["/usr/sbin/smsbox", conf], stdout=logs["smsbox"], stderr=subprocess.STDOUT))
fake = ["/usr/lib/kannel/test/fakesmsc", "-H", "127.0.0.1", "-r", str(args.smsc_port), "-i", "0.1"]
# fakesmsc insists on a message to send; without --mo it sends none (-m 0) and only listens.
fake += ["-m", "1", args.mo] if args.mo else ["-m", "0", "0 0 text unused"]
children.append(subprocess.Popen(fake, stdout=logs["fakesmsc"], stderr=subprocess.STDOUT))
if not wait_for_port(args.port):
    fail("smsbox", "smsbox did not listen")
print("ready", flush=True)
# Not signal.pause(): a signal the kernel hands to the receiver's thread would not wake it, and the
# handler, which only runs on the main thread, would wait forever.
while True:
    time.sleep(0.2)
