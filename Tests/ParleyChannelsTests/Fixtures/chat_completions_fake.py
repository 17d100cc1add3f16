"""A fake OpenAI-compatible chat-completions server on loopback, for the assistant's phrasing tests.

Usage: python3 chat_completions_fake.py PORT DIRECTORY
POST /v1/chat/completions answers in OpenAI's wire format ({"id", "object": "chat.completion",
"choices": [{"index", "message": {"role": "assistant", "content"}, "finish_reason"}], "usage"}) and
appends each request (headers and JSON body) to DIRECTORY/requests.jsonl. What it says depends on
the model asked for:
- "honest": "Krótko mówiąc: " and the last line of the facts in the user message, unchanged;
- "liar": a sentence with a date and a number the facts do not hold;
- "down": HTTP 500 with an OpenAI error object.
Prints `ready PORT` once it listens.
"""
import json
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, LOG = int(sys.argv[1]), sys.argv[2] + "/requests.jsonl"
lock = threading.Lock()


class Completions(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        with lock, open(LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps({"path": self.path, "headers": dict(self.headers), "body": body}, ensure_ascii=False) + "\n")
        if self.path != "/v1/chat/completions":
            return self.answer(404, {"error": {"message": "Unknown path", "type": "invalid_request_error"}})
        model = body.get("model")
        if model == "down":
            return self.answer(500, {"error": {"message": "The server had an error", "type": "server_error"}})
        facts = body["messages"][-1]["content"].rstrip().splitlines()
        content = "Krótko mówiąc: " + facts[-1] if model == "honest" else "Your order 4711 arrives on 24 December, guaranteed."
        self.answer(200, {
            "id": "chatcmpl-1", "object": "chat.completion", "created": 1765000000, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70},
        })

    def answer(self, status, document):
        data = json.dumps(document, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


# A child of the Swift test runner inherits its blocked signals; without this, SIGTERM never arrives.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
server = ThreadingHTTPServer(("127.0.0.1", PORT), Completions)
print(f"ready {PORT}", flush=True)
server.serve_forever()
