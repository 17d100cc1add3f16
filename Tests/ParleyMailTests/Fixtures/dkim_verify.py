"""Verifies the DKIM signature of the message on stdin with dkimpy, an implementation independent of
Parley's. DNS is answered from the arguments, the record name and its TXT value, so a signature that
names another d= or s= fails too. Prints "ok", or "fail" followed by dkimpy's reasoning."""
import io
import logging
import sys

import dkim

record_name, record_value = sys.argv[1], sys.argv[2].encode()


def dns(name, timeout=5):
    return record_value if name.decode().rstrip(".") == record_name else None


reasons = io.StringIO()
logger = logging.getLogger("dkim_verify")
logger.addHandler(logging.StreamHandler(reasons))
logger.setLevel(logging.DEBUG)
if dkim.verify(sys.stdin.buffer.read(), logger=logger, dnsfunc=dns):
    print("ok")
else:
    print("fail\n" + reasons.getvalue())
