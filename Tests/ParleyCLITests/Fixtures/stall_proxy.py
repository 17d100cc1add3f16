"""A TCP relay to an SMTP server that freezes the first conversation naming a given recipient, so a
test can kill Parley while it is in the middle of sending, at a moment it chooses.

Usage: python3 stall_proxy.py PORT DIRECTORY UPSTREAM_PORT RECIPIENT
Relays everything to 127.0.0.1:UPSTREAM_PORT. The first time a client sends `RCPT TO:<RECIPIENT>`,
the command is held back (the server never sees it, so the message is not taken) and the file
DIRECTORY/stalled appears. Later conversations pass untouched. Prints `ready` once it listens.
"""
import asyncio
import pathlib
import signal
import sys

port, directory, upstream_port, recipient = int(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
stalled = False


async def pipe(reader, writer, watch):
    global stalled
    try:
        while data := await reader.read(65536):
            if watch and not stalled and f"RCPT TO:<{recipient}>".encode() in data:
                stalled = True
                (directory / "stalled").write_text("stalled\n")
                await asyncio.Event().wait()
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def relay(client_reader, client_writer):
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
    await asyncio.gather(pipe(client_reader, server_writer, True), pipe(server_reader, client_writer, False))


async def main():
    # A child of the Swift test runner inherits its blocked signals; without this, SIGTERM never arrives.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    server = await asyncio.start_server(relay, "127.0.0.1", port)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
