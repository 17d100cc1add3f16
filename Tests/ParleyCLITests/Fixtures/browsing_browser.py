"""Browsing history in real headless Chromium: nothing without consent, a product view with it, and
the agent sees the product under "Recently viewed" once the visitor chats.

Two plain pages are served from another origin, as a shop's own site would be: one with only the
widget's tag (no consent), and a product page that pushes consent and a product view through the
`window.Parley` queue before the script loads. axe-core runs on the agent's conversation page.

Usage: python3 browsing_browser.py BASE_URL EMAIL PASSWORD OUTPUT_DIR
Prints one JSON object with what the browsers saw.
"""
import http.server
import json
import os
import socket
import sys
import tempfile
import threading
import time

import axe_core_python
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

base, email, password, output = sys.argv[1:5]
os.environ.setdefault("SE_OFFLINE", "true")
result = {}
EVENTS = "return performance.getEntriesByType('resource').filter(e => e.name.includes('/events')).length"
STORED = "return localStorage.getItem('parley:kubki')"
PRODUCT = """<script>
window.Parley = window.Parley || [];
Parley.push(["consent", true]);
Parley.push(["view", {type: "product", id: "SKU-350", name: "Kubek 350 ml", price: "49.00", currency: "PLN"}]);
</script>"""


def chromium(language):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1440,900", f"--lang={language}"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    return driver


def until(driver, condition, name):
    try:
        return WebDriverWait(driver, 20, poll_frequency=0.2).until(condition)
    except Exception:
        driver.save_screenshot(os.path.join(output, f"{name}.png"))
        print(name, driver.current_url, driver.execute_script("return document.body.innerText")[:1500], file=sys.stderr)
        raise


def in_widget(driver, script):
    return driver.execute_script(
        "const host = document.getElementById('parley-widget'); if (!host) return null;"
        "const root = host.shadowRoot; " + script)


def shop_site(pages):
    """The shop's own pages on another port: another origin."""
    folder = tempfile.mkdtemp()
    for name, head in pages.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as page:
            page.write(f"<!doctype html>\n<html lang=\"pl\"><head><meta charset=\"utf-8\"><title>{name}</title></head><body>"
                       f"<main><h1>Kubki</h1></main>\n{head}\n<script src=\"{base}/widget.js\" data-shop=\"kubki\" async>"
                       "</script>\n</body></html>\n")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), lambda *args: http.server.SimpleHTTPRequestHandler(*args, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}/"


site = shop_site({"plain.html": "", "kubek.html": PRODUCT})
agent = chromium("en")
visitor = chromium("pl")
try:
    # Without consent: the widget draws itself, sends no event and keeps nothing in localStorage.
    visitor.get(site + "plain.html")
    until(visitor, lambda d: in_widget(d, "return root.querySelector('.launch')"), "no-launcher")
    visitor.execute_script("window.Parley.push(['view', {id: 'SKU-1', name: 'Talerz'}])")
    time.sleep(2.5)
    result["plainRequests"] = visitor.execute_script(EVENTS)
    result["plainStored"] = visitor.execute_script(STORED)

    # With consent, pushed before the script loaded: the page and the product are sent, and the
    # answer's visitor token is kept for the chat.
    visitor.get(site + "kubek.html")
    until(visitor, lambda d: json.loads(d.execute_script(STORED) or "{}").get("token"), "no-token")
    result["productRequests"] = visitor.execute_script(EVENTS)
    in_widget(visitor, "root.querySelector('.launch').click()")
    textarea = visitor.execute_script("return document.getElementById('parley-widget').shadowRoot.querySelector('#parley-text')")
    textarea.send_keys("Czy kubek 350 ml jest też w zielonym?")
    textarea.send_keys(Keys.ENTER)
    until(visitor, lambda d: in_widget(d, "return root.querySelector('.m.visitor[data-id]')"), "no-ack")

    agent.get(base + "/app/login")
    agent.find_element(By.ID, "email").send_keys(email)
    agent.find_element(By.ID, "password").send_keys(password)
    agent.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    until(agent, lambda d: "/app/login" not in d.current_url, "no-login")
    agent.get(base + "/app/inbox?view=all")
    href = until(agent, lambda d: d.execute_script(
        "return [...document.querySelectorAll('#rows .row > a')].find(a => a.textContent.includes('350 ml'))?.href"), "no-row")
    agent.get(href)
    until(agent, lambda d: d.find_elements(By.ID, "customer-viewed"), "no-viewed")
    result["viewed"] = agent.execute_script(
        "const section = document.getElementById('customer-viewed').parentElement;"
        "return {heading: document.getElementById('customer-viewed').textContent,"
        " products: [...section.querySelectorAll('ul.viewed:first-of-type li')].map(li => li.innerText.replace(/\\s+/g, ' ')),"
        " link: section.querySelector('a')?.getAttribute('href')}")
    axe = Axe(agent, script_url=os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js"))
    axe.inject()
    result["violations"] = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:200] for n in v["nodes"]][:3]}
        for v in axe.run()["violations"] if v.get("impact") in ("serious", "critical")
    ]
    agent.save_screenshot(os.path.join(output, "agent-recently-viewed.png"))
finally:
    agent.quit()
    visitor.quit()
print(json.dumps(result, ensure_ascii=False))
