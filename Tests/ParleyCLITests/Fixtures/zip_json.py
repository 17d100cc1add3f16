"""Opens a customer's export with Python's zipfile (an implementation independent of Parley's) and
prints what it holds as JSON: {"names": [...], "customer": customer.json parsed,
"files": {name: {"size": N, "sha256": hex}}, "readme": text}. Fails loudly if the ZIP is broken.

Usage: python3 zip_json.py EXPORT.zip
"""
import hashlib
import json
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as archive:
    assert archive.testzip() is None, "a file in the archive is corrupt"
    names = archive.namelist()
    files = {}
    for name in names:
        data = archive.read(name)
        files[name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    print(json.dumps({
        "names": names,
        "customer": json.loads(archive.read("customer.json")),
        "files": files,
        "readme": archive.read("README.txt").decode(),
    }))
