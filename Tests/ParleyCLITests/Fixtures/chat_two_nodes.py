"""A visitor on node A and an agent on node B of two `parley serve` processes sharing one
PostgreSQL: the visitor's message reaches B's live event stream, B's answer reaches the visitor's
socket on A, and so do B's typing and read marks.

Usage: python3 chat_two_nodes.py NODE_A NODE_B API_KEY SHOP
Prints one JSON object with what each side received.
"""
import asyncio
import json
import queue
import sys
import threading
import time
import urllib.request
import uuid

import websockets

node_a, node_b, key, shop = sys.argv[1:5]
events = queue.Queue()
result = {}


def follow_events():
    """Node B's `/api/v1/events`, as an integration would read it."""
    request = urllib.request.Request(node_b + "/api/v1/events", headers={"Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request, timeout=60) as stream:
        kind = None
        for raw in stream:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                events.put((kind, json.loads(line[6:])))


def wait_event(kind, conversation, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            got, data = events.get(timeout=max(0.05, deadline - time.monotonic()))
        except queue.Empty:
            break
        if got == kind and data.get("conversation") == conversation:
            return True
    return False


async def frame(ws, kind, seconds=10, author=None):
    """The next frame of `kind` (from `author`, for messages); the assistant's answers pass by."""
    deadline = time.monotonic() + seconds
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), max(0.05, deadline - time.monotonic())))
        if message["type"] == kind and (author is None or message["message"]["author"] == author):
            return message


def reply(conversation, text):
    request = urllib.request.Request(
        f"{node_b}/api/v1/conversations/{conversation}/replies", data=json.dumps({"text": text}).encode(),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(request, timeout=30).read())


async def main():
    threading.Thread(target=follow_events, daemon=True).start()
    time.sleep(1)  # the stream is open on B
    socket_url = node_a.replace("http", "ws", 1) + f"/widget/v1/{shop}/socket"
    async with websockets.connect(socket_url) as ws:
        await ws.send(json.dumps({"type": "hello", "locale": "pl", "after": 0}))
        welcome = await frame(ws, "welcome")
        await ws.send(json.dumps({"type": "send", "client_id": uuid.uuid4().hex, "text": "Halo, czy ktoś jest?"}))
        ack = await frame(ws, "ack")
        conversation = ack["conversation"]
        result["agentHeardOnB"] = wait_event("conversation.created", conversation)
        await ws.send(json.dumps({"type": "typing"}))
        result["agentSawTypingOnB"] = wait_event("visitor.typing", conversation)
        sent = time.monotonic()
        stored = reply(conversation, "Tak, jestem — Ola z węzła B.")
        answer = await frame(ws, "message", author="agent")
        result["answerOnA"] = answer["message"]["text"]
        result["answerSeconds"] = round(time.monotonic() - sent, 3)
        result["answerIsStored"] = stored["text"] == answer["message"]["text"]
        result["token"] = welcome.get("token") is not None

    # A visitor who comes back to node B instead sees the same conversation.
    async with websockets.connect(node_b.replace("http", "ws", 1) + f"/widget/v1/{shop}/socket") as ws:
        await ws.send(json.dumps({"type": "hello", "token": welcome["token"], "after": 0}))
        again = await frame(ws, "welcome")
        result["historyOnB"] = [m["text"] for m in again["messages"] if m["author"] != "assistant"]


asyncio.run(main())
print(json.dumps(result, ensure_ascii=False))
