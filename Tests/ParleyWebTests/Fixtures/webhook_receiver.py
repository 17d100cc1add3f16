"""A webhook receiver for Parley's tests: real HTTP on loopback, checking each delivery's signature
with the `standardwebhooks` package (PyPI), an implementation independent of Parley's.

Usage: python3 webhook_receiver.py PORT DIRECTORY
Appends each request to DIRECTORY/requests.jsonl as one JSON line: path, headers, body, and
"verified": for each secret in DIRECTORY/secrets (one a line, written by the test once it knows
them), whether standardwebhooks.Webhook(secret).verify accepted the request.
A delivery's timestamp is checked against the time in DIRECTORY/now (seconds since 1970: the
tests' clock) when the file is there, against the real time otherwise.
Answers with the status in DIRECTORY/status (200 when the file is missing); a status of 302
redirects to /elsewhere, which records a request too if it is ever followed.
Prints `ready PORT` once it listens.
"""
import json
import os
import signal
import sys
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import standardwebhooks.webhooks
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

PORT, DIRECTORY = int(sys.argv[1]), sys.argv[2]
LOG = os.path.join(DIRECTORY, "requests.jsonl")
lock = threading.Lock()


def read(name, default):
    try:
        with open(os.path.join(DIRECTORY, name)) as file:
            return file.read()
    except FileNotFoundError:
        return default


class TestClockTime(datetime):
    """The package's notion of now, so that its 5-minute tolerance is checked against the tests' clock."""

    @classmethod
    def now(cls, tz=None):
        text = read("now", "").strip()
        return datetime.fromtimestamp(float(text), tz=tz) if text else datetime.now(tz)


standardwebhooks.webhooks.datetime = TestClockTime


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        headers = {key.lower(): value for key, value in self.headers.items()}
        verified = []
        for secret in read("secrets", "").split():
            try:
                Webhook(secret).verify(body, headers)
                verified.append(True)
            except WebhookVerificationError:
                verified.append(False)
        record = {"path": self.path, "headers": headers, "body": body.decode("utf-8", "replace"), "verified": verified}
        with lock:
            with open(LOG, "a") as log:
                log.write(json.dumps(record) + "\n")
        status = int(read("status", "200").strip() or 200)
        answer = json.dumps({"received": True}).encode()
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "/elsewhere")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


# A child of the Swift test runner inherits its blocked signals; without this, SIGTERM never arrives.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
server = ThreadingHTTPServer(("127.0.0.1", PORT), Receiver)
print(f"ready {PORT}", flush=True)
server.serve_forever()
