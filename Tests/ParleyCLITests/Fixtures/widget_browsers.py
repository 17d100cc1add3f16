"""What the chat-widget browser scripts share: a headless Chromium, waits that say what they found,
axe-core, the widget's shadow root, and a shop's own site on another origin.
"""
import http.server
import os
import socket
import sys
import tempfile
import threading

import axe_core_python
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

os.environ.setdefault("SE_OFFLINE", "true")
AXE_SCRIPT = os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js")


def chromium(language, phone=False, zone=None):
    """A headless Chromium speaking `language`; 390 px wide like a phone with `phone`; in `zone` when given."""
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                     f"--lang={language}"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    if phone:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    if zone:
        driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": zone})
    return driver


def in_widget(driver, script):
    """Runs `script` with `root` bound to the widget's shadow root; None before the widget is drawn."""
    return driver.execute_script(
        "const host = document.getElementById('parley-widget'); if (!host) return null;"
        "const root = host.shadowRoot; " + script)


def widget_log(driver):
    """The messages the widget shows: author, text, and whether it waits for the server."""
    return in_widget(driver, "return [...root.querySelectorAll('.log .m')].map(m => ({author: m.className.replace('m ', ''),"
                             " text: [...m.childNodes].filter(n => !n.classList?.contains('who') && !n.classList?.contains('sr')).map(n => n.textContent).join(''),"
                             " pending: m.hasAttribute('data-client')}))") or []


def until(driver, condition, name, output, seconds=20):
    """Waits for `condition`; on timeout saves `name`.png in `output` and says what the page showed."""
    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.2,
                             ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(condition)
    except Exception:
        driver.save_screenshot(os.path.join(output, f"{name}.png"))
        print(name, driver.current_url, driver.execute_script("return document.body.innerText")[:1500], file=sys.stderr)
        print("widget:", widget_log(driver), file=sys.stderr)
        raise


def sign_in(driver, base, email, password, output):
    """Signs an agent in through the sign-in form and waits until the app has let them in."""
    driver.get(base + "/app/login")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    until(driver, lambda d: "/app/login" not in d.current_url, "no-login", output)


def axe(driver, name, result, output):
    """axe-core's serious and critical findings into result["violations"][name], and a screenshot."""
    checker = Axe(driver, script_url=AXE_SCRIPT)
    checker.inject()
    found = checker.run()
    result.setdefault("violations", {})[name] = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:200] for n in v["nodes"]][:3]}
        for v in found["violations"] if v.get("impact") in ("serious", "critical")
    ]
    driver.save_screenshot(os.path.join(output, f"{name}.png"))


def shop_site(pages):
    """`pages` (file name → HTML) served from another port: another origin, as the shop's own site."""
    folder = tempfile.mkdtemp()
    for name, html in pages.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as page:
            page.write(html)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), lambda *args: http.server.SimpleHTTPRequestHandler(*args, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}/"
