"""A fake of the SMS providers Parley speaks to, over real HTTP on loopback, for Parley's tests.

Usage: python3 sms_provider_fake.py PORT DIRECTORY SECRET
Appends each request it receives to DIRECTORY/requests.jsonl as one JSON line (method, path, query, headers, body) and
answers as the provider would:

- Twilio, POST /2010-04-01/Accounts/{AccountSid}/Messages.json with Basic auth {AccountSid}:SECRET:
  201 {"sid": "SM…", "status": "queued"}; 401 error 20003 on wrong credentials; 400 error 21211 for
  To=+15005550001 (Twilio's magic invalid number); 429 error 20429 for To=+15005550429.
- Kannel, GET /cgi-bin/sendsms with password=SECRET: 202 "0: Accepted for delivery"; 403
  "Authorization failed for sendsms" on a wrong password; 503 "3: Queued for later delivery" for
  to=+15005550503.
- A webhook, POST /webhook: checks X-Parley-Signature against HMAC-SHA256(SECRET, body) and records
  the result as "signature_valid"; 200 {"id": "wh-N"}; 422 for "to": "+15005550001"; 500 for
  "to": "+15005550500".
Prints `ready PORT` once it listens.
"""
import base64
import hashlib
import hmac
import json
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PORT, LOG, SECRET = int(sys.argv[1]), sys.argv[2] + "/requests.jsonl", sys.argv[3]
lock = threading.Lock()
counter = 0


class Provider(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.handle_request(b"")

    def do_POST(self):
        self.handle_request(self.rfile.read(int(self.headers.get("Content-Length", 0))))

    def handle_request(self, body):
        global counter
        url = urlsplit(self.path)
        query = parse_qs(url.query, keep_blank_values=True)
        record = {
            "method": self.command,
            "path": url.path,
            "raw_query": url.query,
            "query": {key: values[0] for key, values in query.items()},
            "headers": {key.lower(): value for key, value in self.headers.items()},
            "body": body.decode("utf-8", "replace"),
        }
        with lock:
            counter += 1
            number = counter
            if url.path == "/webhook":
                expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                record["signature_valid"] = hmac.compare_digest(expected, self.headers.get("X-Parley-Signature", ""))
            with open(LOG, "a") as log:
                log.write(json.dumps(record) + "\n")
        if url.path.startswith("/2010-04-01/Accounts/"):
            self.twilio(url.path.split("/")[3], parse_qs(body.decode()), number)
        elif url.path == "/cgi-bin/sendsms":
            self.kannel(record["query"])
        elif url.path == "/webhook":
            self.webhook(json.loads(body), number)
        else:
            self.answer(404, "text/plain", "not found")

    def twilio(self, account, form, number):
        expected = "Basic " + base64.b64encode(f"{account}:{SECRET}".encode()).decode()
        to = form.get("To", [""])[0]
        if self.headers.get("Authorization") != expected:
            self.twilio_error(401, 20003, "Authenticate")
        elif to == "+15005550001":
            self.twilio_error(400, 21211, f"The 'To' number {to} is not a valid phone number.")
        elif to == "+15005550429":
            self.twilio_error(429, 20429, "Too Many Requests")
        else:
            sid = f"SM{number:032x}"
            self.answer(201, "application/json", json.dumps({"sid": sid, "status": "queued", "to": to, "account_sid": account}))

    def twilio_error(self, status, code, message):
        more = f"https://www.twilio.com/docs/errors/{code}"
        self.answer(status, "application/json", json.dumps({"code": code, "message": message, "more_info": more, "status": status}))

    def kannel(self, query):
        if query.get("password") != SECRET:
            self.answer(403, "text/html", "Authorization failed for sendsms")
        elif query.get("to") == "+15005550503":
            self.answer(503, "text/html", "3: Queued for later delivery")
        else:
            self.answer(202, "text/html", "0: Accepted for delivery")

    def webhook(self, payload, number):
        if payload.get("to") == "+15005550001":
            self.answer(422, "application/json", json.dumps({"error": "invalid number"}))
        elif payload.get("to") == "+15005550500":
            self.answer(500, "text/plain", "internal error")
        else:
            self.answer(200, "application/json", json.dumps({"id": f"wh-{number}"}))

    def answer(self, status, content_type, text):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


# A child of the Swift test runner inherits its blocked signals; without this, SIGTERM never arrives.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
server = ThreadingHTTPServer(("127.0.0.1", PORT), Provider)
print(f"ready {server.server_address[1]}", flush=True)
server.serve_forever()
