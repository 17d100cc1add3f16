"""Reads messages stored by smtp_sink.py and prints them as one JSON array, as Python's `email`
package (an implementation independent of Parley's) understands them.

Usage: python3 mail_json.py [--dkim RECORD_NAME RECORD_VALUE] FILE.eml...
With --dkim, "dkim" says whether dkimpy verifies each message's signature against that record.
"""
import email
import email.policy
import json
import sys

import dkim

dkim_record = None
if sys.argv[1:2] == ["--dkim"]:
    dkim_record = (sys.argv[2], sys.argv[3].encode())
    sys.argv[1:4] = []


def dns(name, timeout=5):
    return dkim_record[1] if dkim_record and name.decode().rstrip(".") == dkim_record[0] else None


mails = []
for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    envelope, _, message_bytes = raw.partition(b"\r\n")
    sender, _, recipients = envelope.decode()[len("X-Envelope: "):].partition(" -> ")
    message = email.message_from_bytes(message_bytes, policy=email.policy.default)
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    mails.append({
        "mail_from": sender,
        "rcpt_tos": recipients.split(","),
        "subject": str(message["subject"]),
        "message_id": str(message["message-id"]),
        "in_reply_to": str(message["in-reply-to"] or ""),
        "reply_to": str(message["reply-to"] or ""),
        "auto_submitted": str(message["auto-submitted"] or ""),
        "list_unsubscribe": str(message["list-unsubscribe"] or ""),
        "list_unsubscribe_post": str(message["list-unsubscribe-post"] or ""),
        "text": text.get_content() if text else "",
        "html": html.get_content() if html else "",
        "dkim": bool(dkim_record) and dkim.verify(message_bytes, dnsfunc=dns),
    })
print(json.dumps(mails))
