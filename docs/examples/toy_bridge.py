#!/usr/bin/env python3
"""A toy messenger bridge for Parley's API channel: you type as a customer in this terminal, an agent
answers in Parley's inbox, and the answer appears here. A real bridge does the same with WhatsApp,
Telegram or a marketplace instead of the terminal.

    python3 docs/examples/toy_bridge.py --parley http://127.0.0.1:8080 --key prl_… [--name "Toy messenger"]

It makes an API channel whose replies go to this script (http://127.0.0.1:PORT/replies), or uses
--channel chn_… --secret whsec_… of one made before. Only the Python standard library is needed.

- Each line you type is POSTed to /api/v1/channels/{channel}/messages with your sender id
  (--sender, default "toy-customer") and a fresh message id; a retry with the same id is filed once.
- Each reply Parley POSTs is checked as Standard Webhooks asks (HMAC-SHA256 of "id.timestamp.body"
  with the secret, timestamps within 5 minutes), printed, and reported back as delivered.
- --say TEXT sends one message without reading the terminal; --replies N exits after N replies
  (or after --timeout seconds); handy in scripts and tests.
"""
import argparse
import base64
import hashlib
import hmac
import json
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser(description="A toy messenger bridge for Parley's API channel")
parser.add_argument("--parley", default="http://127.0.0.1:8080", help="Parley's address")
parser.add_argument("--key", required=True, help="an API key of the shop (parley apikey create, or the demo's)")
parser.add_argument("--port", type=int, default=9099, help="where this bridge takes Parley's replies")
parser.add_argument("--channel", help="an existing channel's id (chn_…); a new one is made without it")
parser.add_argument("--secret", help="the existing channel's secret (whsec_…)")
parser.add_argument("--name", default="Toy messenger", help="the new channel's name")
parser.add_argument("--sender", default="toy-customer", help="your id on the toy messenger")
parser.add_argument("--sender-name", default="Toy Customer", help="your name on the toy messenger")
parser.add_argument("--say", action="append", default=[], help="send this message instead of reading the terminal (repeatable)")
parser.add_argument("--replies", type=int, default=0, help="exit after this many replies (0: run until Ctrl-C)")
parser.add_argument("--timeout", type=float, default=120, help="with --replies: give up after this many seconds")
options = parser.parse_args()

replies = []
done = threading.Event()


def api(method, path, body=None):
    request = urllib.request.Request(
        options.parley.rstrip("/") + path, method=method, data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {options.key}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        problem = json.loads(error.read() or b"{}")
        sys.exit(f"Parley refused {method} {path}: {error.code} {problem.get('detail', '')}")


def verified(secret, headers, body):
    """Standard Webhooks: any v1 signature in webhook-signature matches, and the timestamp is recent."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    message_id, timestamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "0")
    if abs(time.time() - int(timestamp)) > 300:
        return False
    expected = base64.b64encode(hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, signature.removeprefix("v1,"))
               for signature in headers.get("webhook-signature", "").split() if signature.startswith("v1,"))


class Replies(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        headers = {key.lower(): value for key, value in self.headers.items()}
        if not verified(secret, headers, body):
            self.send_response(401)
            self.end_headers()
            return
        event = json.loads(body)
        message = event["data"]["message"]
        # Answer at once; passing the message on and reporting it happens after.
        self.send_response(200)
        answer = json.dumps({"id": f"toy-{uuid.uuid4().hex[:8]}"}).encode()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)
        if message["id"] in (r["id"] for r in replies):
            return  # a retry of a reply already shown
        replies.append(message)
        print(f"\n{message.get('agent') or 'Shop'}: {message['text']}", flush=True)
        threading.Thread(target=report, args=(event["data"]["channel"], message["id"])).start()

    def log_message(self, *args):
        pass


def report(channel, message_id):
    api("POST", f"/api/v1/channels/{channel}/messages/{message_id}/status", {"status": "delivered"})
    if options.replies and len(replies) >= options.replies:
        done.set()


def send(text):
    filed = api("POST", f"/api/v1/channels/{channel}/messages", {
        "message_id": f"toy-{uuid.uuid4()}", "sender": {"external_id": options.sender, "name": options.sender_name},
        "text": text})
    print(f"(sent to conversation {filed['conversation']})", flush=True)


server = ThreadingHTTPServer(("127.0.0.1", options.port), Replies)
threading.Thread(target=server.serve_forever, daemon=True).start()
if options.channel:
    channel, secret = options.channel, options.secret
    if not secret:
        sys.exit("--channel needs its --secret (or leave both out to make a new channel)")
else:
    made = api("POST", "/api/v1/channels",
               {"name": options.name, "webhook_url": f"http://127.0.0.1:{server.server_address[1]}/replies"})
    channel, secret = made["id"], made["secret"]
    print(f"Channel {channel} made; its replies come to port {server.server_address[1]}.", flush=True)

if options.say:
    for text in options.say:
        send(text)
else:
    print("Type a message and press Enter; Ctrl-C to stop.", flush=True)
    try:
        for line in sys.stdin:
            if line.strip():
                send(line.strip())
    except KeyboardInterrupt:
        pass
if options.replies:
    done.wait(options.timeout)
    server.shutdown()
    sys.exit(0 if done.is_set() else f"no {options.replies} replies within {options.timeout:.0f} seconds")
