"""After hours, a visitor asks the shop to call them back from the chat widget, in Polish, in a real
headless Chromium; an agent finds the request in the inbox's callback queue, in their own time,
and logs the call that settles it.

Usage: python3 callback_browser.py BASE_URL SHOP EMAIL PASSWORD OUTPUT_DIR
Prints one JSON object with what both saw.
"""
import json
import os
import sys

import axe_core_python
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

base, shop, email, password, output = sys.argv[1:6]
os.environ.setdefault("SE_OFFLINE", "true")
AXE_SCRIPT = os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js")
result = {"violations": {}}


def browser(language):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                     f"--lang={language}"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    # The visitor is in Warsaw whatever the machine's zone, so "their time" is tested for real.
    driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Europe/Warsaw"})
    return driver


def wait(driver, condition, seconds=20, name="timeout"):
    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.2,
                             ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(condition)
    except Exception:
        driver.save_screenshot(os.path.join(output, f"{name}.png"))
        print(name, driver.current_url, driver.execute_script("return document.body.innerText")[:1500], file=sys.stderr)
        raise


def check(driver, name):
    axe = Axe(driver, script_url=AXE_SCRIPT)
    axe.inject()
    found = axe.run()
    result["violations"][name] = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:200] for n in v["nodes"]][:3]}
        for v in found["violations"] if v.get("impact") in ("serious", "critical")
    ]
    driver.save_screenshot(os.path.join(output, f"{name}.png"))


def widget(driver, script):
    return driver.execute_script("const root = document.getElementById('parley-widget')?.shadowRoot; if (!root) return null; " + script)


visitor = browser("pl")
try:
    visitor.get(f"{base}/widget-demo/{shop}?lang=pl")
    wait(visitor, lambda d: widget(d, "return root.querySelector('.launch') !== null"), name="no-launcher")
    widget(visitor, "root.querySelector('.launch').click()")
    wait(visitor, lambda d: not widget(d, "return root.querySelector('header p').textContent").endswith("…"), name="no-welcome")
    result["status"] = widget(visitor, "return root.querySelector('header p').textContent")
    widget(visitor, "root.querySelector('.callback').click()")
    wait(visitor, lambda d: widget(d, "return root.querySelectorAll('#parley-cb-when option').length") or 0, name="no-windows")
    result["firstWindow"] = widget(visitor, "return root.querySelector('#parley-cb-when option').textContent")
    result["windows"] = widget(visitor, "return root.querySelectorAll('#parley-cb-when option').length")
    check(visitor, "callback-form")
    phone = visitor.execute_script("return document.getElementById('parley-widget').shadowRoot.querySelector('#parley-cb-phone')")
    phone.send_keys("12")
    widget(visitor, "root.querySelector('#parley-cb-note').value = 'W sprawie zwrotu kubka'; root.querySelector('.cb .send').click()")
    wait(visitor, lambda d: widget(d, "return root.querySelector('.cb [role=alert]').textContent"), name="no-phone-error")
    result["phoneError"] = widget(visitor, "return root.querySelector('.cb [role=alert]').textContent")
    phone.clear()
    phone.send_keys("+48 601 234 567")
    widget(visitor, "root.querySelector('.cb .send').click()")
    wait(visitor, lambda d: widget(d, "return root.querySelector('.note') && root.querySelector('.note').textContent"), name="no-done")
    result["done"] = widget(visitor, "return root.querySelector('.note').textContent")
    result["formHidden"] = widget(visitor, "return root.querySelector('.cb').hidden")
finally:
    visitor.quit()

agent = browser("en")
try:
    agent.get(base + "/app/login")
    agent.find_element(By.ID, "email").send_keys(email)
    agent.find_element(By.ID, "password").send_keys(password)
    agent.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(agent, lambda d: "/app/login" not in d.current_url)
    agent.get(base + "/app/callbacks")
    wait(agent, lambda d: d.find_elements(By.CSS_SELECTOR, ".callback-queue li"), name="no-queue")
    result["queue"] = agent.execute_script(
        "return [...document.querySelectorAll('.callback-queue li')].map(li => ({window: li.querySelector('.window').textContent,"
        " state: li.querySelector('.sla').textContent, phone: li.querySelector('.phone').textContent, text: li.innerText}))")
    result["navLabel"] = agent.execute_script("return [...document.querySelectorAll('nav a')].find(a => a.href.endsWith('/app/callbacks'))?.innerText")
    check(agent, "callback-queue")
    agent.find_element(By.CSS_SELECTOR, ".callback-queue li details summary").click()
    Select(agent.find_element(By.CSS_SELECTOR, ".callback-queue li select")).select_by_value("answered")
    agent.find_element(By.CSS_SELECTOR, ".callback-queue li input[name=minutes]").send_keys("4")
    agent.find_element(By.CSS_SELECTOR, ".callback-queue li textarea").send_keys("Zwrot przyjęty")
    agent.find_element(By.CSS_SELECTOR, ".callback-queue li form button.primary").click()
    wait(agent, lambda d: "done=1" in d.current_url, name="no-settle")
    result["queueAfter"] = len(agent.find_elements(By.CSS_SELECTOR, ".callback-queue li"))
    result["empty"] = agent.execute_script("return document.querySelector('.empty')?.textContent")
finally:
    agent.quit()
print(json.dumps(result, ensure_ascii=False))
