"""A real SMTP client (Python's smtplib) for the tests of Parley's SMTP listener.

Usage: python3 smtp_client.py certificates DIRECTORY
           writes ca.pem, server.pem and server.key (smtp_certificates.py) for the listener's STARTTLS.
       python3 smtp_client.py send SPEC_JSON
           holds one SMTP conversation and prints what the server answered, as JSON.
       python3 smtp_client.py inject PORT CA
           sends "STARTTLS\r\nNOOP\r\n" in one packet, as an attacker in the middle would add the NOOP,
           then starts TLS, says QUIT, and prints {"starttls": reply, "over_tls": everything after}.

SPEC_JSON: {"port": 2525, "helo": "client.example", "starttls": false, "ca": "/path/ca.pem",
            "transactions": [{"from": "a@b.example", "to": ["c@d.example"], "options": ["SMTPUTF8"],
                              "message_hex": "5375626a..."}]}
Each transaction is MAIL (with its options), every RCPT, and DATA when some recipient was taken, as
smtplib's sendmail does it but with every reply kept. The message is sent as given (smtplib adds
the dot-stuffing). Prints {"ehlo": [...], "tls": bool, "transactions": [{"mail": [code, text],
"rcpt": [[code, text], ...], "data": [code, text] | null}], "quit": code}.
"""
import json
import signal
import smtplib
import socket
import ssl
import sys

# The test runner blocks these signals, and children inherit the mask.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
sys.dont_write_bytecode = True  # importing the sibling module must not leave __pycache__ in the source tree


def reply(code_and_text):
    code, text = code_and_text
    return [code, text.decode("utf-8", "replace") if isinstance(text, bytes) else text]


def transaction(client, spec):
    result = {"mail": None, "rcpt": [], "data": None}
    # smtplib sends the command in UTF-8 when the options include SMTPUTF8.
    result["mail"] = reply(client.mail(spec["from"], spec.get("options", [])))
    if result["mail"][0] != 250:
        client.rset()
        return result
    result["rcpt"] = [reply(client.rcpt(recipient)) for recipient in spec["to"]]
    if not any(code in (250, 251) for code, _ in result["rcpt"]):
        client.rset()
        return result
    try:
        result["data"] = reply(client.data(bytes.fromhex(spec["message_hex"])))
    except smtplib.SMTPDataError as error:  # DATA itself refused
        result["data"] = [error.smtp_code, error.smtp_error.decode("utf-8", "replace")]
    return result


def send(spec):
    client = smtplib.SMTP("127.0.0.1", spec["port"], local_hostname=spec.get("helo", "client.example"), timeout=60)
    client.ehlo()
    tls = False
    if spec.get("starttls"):
        client.starttls(context=ssl.create_default_context(cafile=spec["ca"]))
        client.ehlo()
        tls = True
    output = {"ehlo": sorted(client.esmtp_features), "tls": tls, "transactions": []}
    for each in spec["transactions"]:
        output["transactions"].append(transaction(client, each))
    output["quit"] = client.quit()[0]
    return output


def inject(port, ca):
    connection = socket.create_connection(("127.0.0.1", port), timeout=60)
    reader = connection.makefile("rb")

    def reply():
        lines = []
        while True:
            lines.append(reader.readline())
            if len(lines[-1]) < 4 or lines[-1][3:4] != b"-":
                return b"".join(lines).decode()

    reply()
    connection.sendall(b"EHLO inject.example\r\n")
    reply()
    connection.sendall(b"STARTTLS\r\nNOOP\r\n")
    starttls = reply()
    encrypted = ssl.create_default_context(cafile=ca).wrap_socket(connection, server_hostname="127.0.0.1")
    encrypted.sendall(b"QUIT\r\n")
    received = b""
    try:
        while chunk := encrypted.recv(4096):
            received += chunk
    except (ssl.SSLError, OSError):
        pass  # a close without close_notify ends the answer as well
    return {"starttls": starttls, "over_tls": received.decode()}


if __name__ == "__main__":
    if sys.argv[1] == "certificates":
        import smtp_certificates

        smtp_certificates.write(sys.argv[2])
    elif sys.argv[1] == "inject":
        print(json.dumps(inject(int(sys.argv[2]), sys.argv[3])))
    else:
        print(json.dumps(send(json.loads(sys.argv[2]))))
