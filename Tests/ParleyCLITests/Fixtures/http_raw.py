"""Sends raw HTTP requests, each on its own connection, and reports whether the server closed it.

Usage: python3 http_raw.py PORT REQUEST_HEX...
Prints a JSON array: for each request, {"status": first line of the answer, "closed": whether the
server closed the connection within 3 seconds of answering}. Real HTTP/1.0 clients (ab, old proxies,
health checkers) wait for that close.
"""
import json
import socket
import sys

port = int(sys.argv[1])
results = []
for request_hex in sys.argv[2:]:
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    connection.sendall(bytes.fromhex(request_hex))
    connection.settimeout(3)
    answer = b""
    closed = False
    try:
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                closed = True
                break
            answer += chunk
    except socket.timeout:
        pass
    connection.close()
    results.append({"status": answer.split(b"\r\n", 1)[0].decode(errors="replace"), "closed": closed})
print(json.dumps(results))
