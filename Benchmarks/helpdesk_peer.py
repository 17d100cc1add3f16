"""django-helpdesk 2.6.1 (from PyPI) filing a mailbox: the peer beside Parley's email-to-ticket figure.

    python3 Benchmarks/helpdesk_peer.py --mailbox /tmp/mailbox [--database-url postgres://…/postgres]

Installs django-helpdesk 2.6.1 into a virtual environment of its own (~/.cache/parley-bench, once),
makes a Django project around it in a temporary folder (SQLite, or a fresh PostgreSQL database on
the server the URL names), a queue reading a local mail directory, and times its own `get_email`
work (`helpdesk.email.process_email`) over a copy of the mailbox's .eml files. Outgoing mail goes to
Django's dummy backend, as Parley's acknowledgements are off in the same run. Prints one JSON object:
mails, seconds, tickets, follow-ups.
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import uuid

VENV = pathlib.Path.home() / ".cache/parley-bench/helpdesk-2.6.1"

SETTINGS = """
SECRET_KEY = "benchmark-only"
DEBUG = False
USE_TZ = True
TIME_ZONE = "UTC"
SITE_ID = 1
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
    "django.contrib.messages", "django.contrib.staticfiles", "django.contrib.sites", "django.contrib.humanize",
    "rest_framework", "helpdesk",
]
MIDDLEWARE = []
ROOT_URLCONF = "urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
              "OPTIONS": {"context_processors": ["django.contrib.auth.context_processors.auth"]}}]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
DEFAULT_FROM_EMAIL = "help@bench.example"
MEDIA_ROOT = @MEDIA@
STATIC_URL = "/static/"
LOGGING = {"version": 1, "disable_existing_loggers": True}
DATABASES = {"default": @DATABASE@}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
# Teams need pinax-teams, which django-helpdesk does not install; filing mail does not use them.
HELPDESK_TEAMS_MODE_ENABLED = False
"""

DRIVER = """
import json, sys, time
sys.path.insert(0, {project!r})
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from helpdesk.models import FollowUp, Queue, Ticket
from helpdesk.email import process_email
Queue.objects.create(title="Support", slug="support", email_address="help@bench.example", allow_email_submission=True,
                     email_box_type="local", email_box_local_dir={mail!r}, email_box_interval=0)
mails = len(os.listdir({mail!r}))
started = time.perf_counter()
process_email(quiet=os.environ.get("HELPDESK_DEBUG") is None, debug_to_stdout=os.environ.get("HELPDESK_DEBUG") is not None)
seconds = time.perf_counter() - started
print(json.dumps({{"mails": mails, "seconds": seconds, "tickets": Ticket.objects.count(),
                   "followups": FollowUp.objects.count(), "left": len(os.listdir({mail!r}))}}))
"""


def ensure_venv(postgres):
    python = VENV / "bin/python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "django-helpdesk==2.6.1"], check=True)
    if postgres and subprocess.run([str(python), "-c", "import psycopg"], capture_output=True).returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "psycopg[binary]"],
                       check=True)
    return python


def run(mailbox, database_url=None):
    """Files every .eml of `mailbox` with django-helpdesk; returns its figures."""
    python = ensure_venv(database_url is not None)
    with tempfile.TemporaryDirectory(prefix="helpdesk-bench-") as work:
        work = pathlib.Path(work)
        mail = work / "mail"
        mail.mkdir()
        for eml in sorted(pathlib.Path(mailbox).glob("*.eml")):
            shutil.copy(eml, mail / eml.name)
        name = None
        if database_url:
            url = urllib.parse.urlparse(database_url)
            name = f"helpdesk_bench_{uuid.uuid4().hex[:10]}"
            subprocess.run(["psql", database_url, "-qc", f"CREATE DATABASE {name}"], check=True)
            database = {"ENGINE": "django.db.backends.postgresql", "NAME": name, "USER": url.username or "postgres",
                        "PASSWORD": url.password or "", "HOST": url.hostname, "PORT": url.port or 5432}
        else:
            database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(work / "helpdesk.sqlite3")}
        (work / "settings.py").write_text(SETTINGS.replace("@MEDIA@", repr(str(work / "media"))).replace("@DATABASE@", repr(database)))
        # Its mail links to tickets by URL name.
        (work / "urls.py").write_text(
            'from django.urls import include, path\nurlpatterns = [path("helpdesk/", include("helpdesk.urls"))]\n')
        (work / "driver.py").write_text(DRIVER.format(project=str(work), mail=str(mail)))
        try:
            done = subprocess.run([str(python), str(work / "driver.py")], capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"django-helpdesk failed:\n{done.stderr[-3000:]}")
            output = done.stdout
        finally:
            if name:
                subprocess.run(["psql", database_url, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=False)
        return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mailbox", required=True)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    print(json.dumps(run(args.mailbox, args.database_url)))


if __name__ == "__main__":
    sys.exit(main())
