"""A real SMTP server for Parley's tests, on aiosmtpd.

Usage: python3 smtp_sink.py PORT DIRECTORY [--starttls | --implicit-tls] [--auth USER:PASSWORD
       [--auth-mechanisms LOGIN ...] [--auth-in-clear]] [--pipelining] [--idle-timeout SECONDS]

Stores each message it accepts as DIRECTORY/N.eml (the bytes as received, with a first line
`X-Envelope: MAIL FROM -> RCPT TO,...`) and what it saw of the session as DIRECTORY/N.json (MAIL
parameters, TLS, the authenticated user, whether RCPT and DATA came pipelined behind MAIL, the
client's address and port: the same for messages that came on one connection). Refuses
the sender `refused@...` with 550, `nobody@...` with 550 and `later@...` with 451, as real servers
refuse unknown and greylisted mailboxes. Prints `ready` once it listens.

--starttls offers STARTTLS and takes no mail before it; --implicit-tls speaks TLS from the first
byte. Both use a certificate from a throwaway CA written to DIRECTORY/ca.pem. --auth takes that one
user and password and requires it before mail (every attempt goes to DIRECTORY/auth.log); AUTH is
offered only over TLS unless --auth-in-clear. --idle-timeout closes a connection that sends nothing
for that long, as real servers do (RFC 5321 §4.5.3.2.7).
"""
import argparse
import asyncio
import json
import pathlib
import signal
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

sys.dont_write_bytecode = True  # importing the sibling module must not leave __pycache__ in the source tree
import smtp_certificates  # noqa: E402


class Sink:
    def __init__(self, directory, pipelining):
        self.directory = pathlib.Path(directory)
        self.pipelining = pipelining
        self.count = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address.startswith("refused@"):
            return "550 5.7.1 Sender refused"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        # Pipelined commands are read already: they wait in the buffer behind MAIL.
        envelope.pipelined = b"RCPT" in bytes(server._reader._buffer)
        return "250 OK"

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
        seen = {
            "mail_options": envelope.mail_options,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "authenticated_as": session.auth_data.login.decode() if session.authenticated else None,
            "pipelined": getattr(envelope, "pipelined", False),
            "connection": "%s:%s" % session.peer[:2],
        }
        (self.directory / f"{self.count}.json").write_text(json.dumps(seen))
        return f"250 2.0.0 Ok: queued as SINK{self.count}"


def authenticator(directory, user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        accepted = (auth_data.login.decode(), auth_data.password.decode()) == (user, password)
        with open(pathlib.Path(directory) / "auth.log", "a") as log:
            log.write(f"{mechanism} {auth_data.login.decode()} {'accepted' if accepted else 'refused'}\n")
        # handled=False: aiosmtpd then answers a refusal with 535 itself.
        return AuthResult(success=accepted, handled=False, auth_data=auth_data)
    return authenticate


def tls_context(directory):
    smtp_certificates.write(directory)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pathlib.Path(directory) / "server.pem", pathlib.Path(directory) / "server.key")
    return context


async def main():
    # A child of the Swift test runner inherits its blocked signals; without this, SIGTERM never arrives.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("directory")
    tls = parser.add_mutually_exclusive_group()
    tls.add_argument("--starttls", action="store_true")
    tls.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth", metavar="USER:PASSWORD")
    parser.add_argument("--auth-mechanisms", nargs="+", default=["PLAIN", "LOGIN"])
    parser.add_argument("--auth-in-clear", action="store_true")
    parser.add_argument("--pipelining", action="store_true")
    parser.add_argument("--idle-timeout", type=float)
    options = parser.parse_args()

    smtp = {"data_size_limit": 200_000}
    if options.idle_timeout:
        smtp["timeout"] = options.idle_timeout
    if options.starttls:
        smtp.update(tls_context=tls_context(options.directory), require_starttls=True)
    if options.auth:
        user, password = options.auth.split(":", 1)
        smtp.update(
            authenticator=authenticator(options.directory, user, password), auth_required=True,
            # aiosmtpd counts only STARTTLS as TLS; over implicit TLS it would not offer AUTH at all.
            auth_require_tls=not (options.auth_in_clear or options.implicit_tls),
            auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN") if m not in options.auth_mechanisms])
    controller = Controller(
        Sink(options.directory, options.pipelining), hostname="127.0.0.1", port=options.port,
        ssl_context=tls_context(options.directory) if options.implicit_tls else None, **smtp)
    controller.start()
    print("ready", flush=True)
    await asyncio.Event().wait()


asyncio.run(main())
