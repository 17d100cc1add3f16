"""An owner subscribes a local receiver to new messages on the Webhooks page, in a real headless
Chromium, reads the signing secret there, sends a test event, and sees each new email and chat
message arrive at the receiver signed (checked with the standardwebhooks package) and in the
page's delivery log.

Usage: python3 webhook_browser.py BASE_URL SHOP EMAIL PASSWORD API_KEY OUTPUT_DIR
Prints one JSON object with what the owner and the receiver saw.
"""
import http.server
import json
import socket
import sys
import threading
import time
import urllib.request

from selenium.webdriver.common.by import By
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from widget_browsers import axe, chromium, in_widget, sign_in, until

base, shop, email, password, api_key, output = sys.argv[1:7]
result = {"violations": {}, "received": []}
secret = {"value": None}
lock = threading.Lock()


class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            Webhook(secret["value"]).verify(body, dict(self.headers))
            verified = True
        except (WebhookVerificationError, TypeError, ValueError):
            verified = False
        event = json.loads(body)
        with lock:
            result["received"].append({"type": event["type"], "verified": verified, "data": event["data"]})
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
receiver = http.server.ThreadingHTTPServer(("127.0.0.1", port), Receiver)
threading.Thread(target=receiver.serve_forever, daemon=True).start()


def received(kind, text=None):
    with lock:
        return [r for r in result["received"]
                if r["type"] == kind and (text is None or text in json.dumps(r["data"], ensure_ascii=False))]


def wait_for(condition, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    return None


owner = chromium("en")
try:
    sign_in(owner, base, email, password, output)
    owner.get(base + "/app/webhooks")
    result["empty"] = owner.find_element(By.CSS_SELECTOR, ".empty").text
    axe(owner, "webhooks-empty", result, output)
    # A URL the policy refuses is explained, and what was typed stays.
    owner.find_element(By.ID, "w-url").send_keys("http://169.254.169.254/latest/meta-data/")
    owner.find_element(By.CSS_SELECTOR, "form.settings-form button[type=submit]").click()
    until(owner, lambda d: d.find_elements(By.ID, "w-error"), "no-url-error", output)
    result["refusal"] = owner.find_element(By.ID, "w-error").text
    url = owner.find_element(By.ID, "w-url")
    result["keptURL"] = url.get_attribute("value")
    url.clear()
    url.send_keys(f"http://127.0.0.1:{port}/parley")
    owner.find_element(By.ID, "w-description").send_keys("My CRM")
    result["checked"] = owner.execute_script(
        "return [...document.querySelectorAll('input[name=\"events[]\"]:checked')].map(i => i.value)")
    owner.find_element(By.CSS_SELECTOR, "form.settings-form button[type=submit]").click()
    until(owner, lambda d: "/app/webhooks/whk_" in d.current_url, "no-webhook-page", output)
    result["notice"] = owner.find_element(By.CSS_SELECTOR, ".notice").text
    owner.find_element(By.CSS_SELECTOR, "details summary").click()
    secret["value"] = owner.find_element(By.CSS_SELECTOR, "details pre").text.strip()
    result["secretShape"] = secret["value"].startswith("whsec_")
    owner.find_element(By.XPATH, "//button[normalize-space()='Send a test event']").click()
    until(owner, lambda d: "done=test" in d.current_url, "no-test", output)
    result["test"] = wait_for(lambda: received("webhook.test")) is not None

    # A customer writes an email, through the API as a mail server would hand it over.
    mail = ("From: Zofia <zofia@example.pl>\r\nTo: support@acme.example\r\nSubject: Kubek\r\n"
            "Message-ID: <webhook-browser@example.pl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "Czy kubek jest już w drodze?\r\n").encode()
    request = urllib.request.Request(base + "/api/v1/inbound/email", data=mail, method="POST",
                                     headers={"Authorization": f"Bearer {api_key}", "Content-Type": "message/rfc822"})
    urllib.request.urlopen(request).read()
    email_event = wait_for(lambda: received("message.created", "Czy kubek jest już w drodze?"))
    result["email"] = email_event[0] if email_event else None

    # And a visitor writes in the chat widget.
    visitor = chromium("pl")
    try:
        visitor.get(f"{base}/widget-demo/{shop}?lang=pl")
        until(visitor, lambda d: in_widget(d, "return root.querySelector('.launch') !== null"), "no-launcher", output)
        in_widget(visitor, "root.querySelector('.launch').click()")
        until(visitor, lambda d: in_widget(d, "return root.querySelector('#parley-text') !== null"), "no-composer", output)
        text = visitor.execute_script("return document.getElementById('parley-widget').shadowRoot.querySelector('#parley-text')")
        text.send_keys("Dzień dobry, pytanie o dostawę")
        in_widget(visitor, "root.querySelector('#parley-send').click()")
        chat_event = wait_for(lambda: received("message.created", "Dzień dobry, pytanie o dostawę"))
        result["chat"] = chat_event[0] if chat_event else None
    finally:
        visitor.quit()

    time.sleep(1)
    owner.refresh()
    until(owner, lambda d: len(d.find_elements(By.CSS_SELECTOR, "tbody tr")) >= 3, "no-log", output)
    result["log"] = owner.execute_script(
        "return [...document.querySelectorAll('tbody tr')].map(r => r.cells[1].innerText + ' ' + r.cells[2].innerText.split('\\n')[0])")
    axe(owner, "webhook-detail", result, output)
    owner.get(base + "/app/webhooks")
    result["listed"] = owner.execute_script("return [...document.querySelectorAll('tbody tr')].map(r => r.innerText)")
    axe(owner, "webhooks-list", result, output)
finally:
    owner.quit()

phone = chromium("en", phone=True)
try:
    sign_in(phone, base, email, password, output)
    phone.get(base + "/app/webhooks")
    axe(phone, "webhooks-phone", result, output)
    result["phoneOverflow"] = phone.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
finally:
    phone.quit()
    receiver.shutdown()

print(json.dumps(result, ensure_ascii=False))
