"""A hostile SMTP server for Parley's tests: it agrees to STARTTLS and, in the same packet, injects
a reply in the clear that a careless client would read as if it had come over TLS (the flaw of
CVE-2011-0411, turned on the client).

Usage: python3 smtp_starttls_injector.py PORT DIRECTORY. Prints `ready` once it listens.
"""
import asyncio
import signal
import sys


async def converse(reader, writer):
    writer.write(b"220 mx ESMTP\r\n")
    while line := await reader.readline():
        if line.upper().startswith(b"EHLO"):
            writer.write(b"250-mx\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n")
        elif line.upper().startswith(b"STARTTLS"):
            writer.write(b"220 go ahead\r\n250-mx\r\n250 AUTH PLAIN\r\n")
        else:
            writer.write(b"502 no\r\n")
        await writer.drain()
    writer.close()


async def main():
    # A child of the Swift test runner inherits its blocked signals; without this, SIGTERM never arrives.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    server = await asyncio.start_server(converse, "127.0.0.1", int(sys.argv[1]))
    print("ready", flush=True)
    await server.serve_forever()


asyncio.run(main())
