"""Reads messages stored by smtp_sink.py and prints them as one JSON array, as Python's `email`
package (an implementation independent of Parley's) understands them.

Usage: python3 mail_json.py FILE.eml...
"""
import email
import email.policy
import json
import sys

mails = []
for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    envelope, _, message_bytes = raw.partition(b"\r\n")
    sender, _, recipients = envelope.decode()[len("X-Envelope: "):].partition(" -> ")
    message = email.message_from_bytes(message_bytes, policy=email.policy.default)
    text = message.get_body(preferencelist=("plain",))
    mails.append({
        "mail_from": sender,
        "rcpt_tos": recipients.split(","),
        "subject": str(message["subject"]),
        "message_id": str(message["message-id"]),
        "text": text.get_content() if text else "",
        "dkim": "DKIM-Signature" in message,
    })
print(json.dumps(mails))
