"""An SMTP server that greets and then never answers, as a stuck relay does.

Usage: python3 silent_smtp_server.py PORT DIRECTORY

Says `220` to each connection, then reads and ignores whatever comes; counts the connections it
took in DIRECTORY/connections. Prints `ready` once it listens.
"""
import asyncio
import pathlib
import signal
import sys


async def main():
    # A child of the Swift test runner inherits its blocked signals; without this, SIGTERM never arrives.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    port, directory = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    count = 0

    async def greet(reader, writer):
        nonlocal count
        count += 1
        (directory / "connections").write_text(str(count))
        writer.write(b"220 silent.example ESMTP\r\n")
        await writer.drain()
        while await reader.read(4096):
            pass

    server = await asyncio.start_server(greet, "127.0.0.1", port)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
