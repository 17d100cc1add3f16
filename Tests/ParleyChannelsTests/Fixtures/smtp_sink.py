"""A real SMTP server for Parley's tests, on aiosmtpd.

Usage: python3 smtp_sink.py PORT DIRECTORY
Stores each message it accepts as DIRECTORY/N.eml (the bytes as received, with a first line
`X-Envelope: MAIL FROM -> RCPT TO,...`). Refuses `nobody@...` with 550 and `later@...` with 451, as
real servers refuse unknown and greylisted mailboxes. Prints `ready` once it listens.
"""
import asyncio
import pathlib
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = pathlib.Path(directory)
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user here"
        if address.startswith("later@"):
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        header = f"X-Envelope: {envelope.mail_from} -> {','.join(envelope.rcpt_tos)}\r\n".encode()
        (self.directory / f"{self.count}.eml").write_bytes(header + envelope.original_content)
        return f"250 2.0.0 Ok: queued as SINK{self.count}"


async def main():
    # A child of the Swift test runner inherits its blocked signals; without this, SIGTERM never arrives.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    port, directory = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port, data_size_limit=200_000)
    controller.start()
    print("ready", flush=True)
    await asyncio.Event().wait()


asyncio.run(main())
