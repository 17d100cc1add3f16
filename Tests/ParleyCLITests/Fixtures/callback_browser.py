"""After hours, a visitor asks the shop to call them back from the chat widget, in Polish, in a real
headless Chromium; an agent finds the request in the inbox's callback queue, in their own time,
and logs the call that settles it.

Usage: python3 callback_browser.py BASE_URL SHOP EMAIL PASSWORD OUTPUT_DIR
Prints one JSON object with what both saw.
"""
import json
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from widget_browsers import axe, chromium, in_widget, sign_in, until

base, shop, email, password, output = sys.argv[1:6]
result = {"violations": {}}
widget = in_widget


def browser(language):
    # The visitor is in Warsaw whatever the machine's zone, so "their time" is tested for real.
    return chromium(language, zone="Europe/Warsaw")


def wait(driver, condition, seconds=20, name="timeout"):
    return until(driver, condition, name, output, seconds)


def check(driver, name):
    axe(driver, name, result, output)


visitor = browser("pl")
try:
    visitor.get(f"{base}/widget-demo/{shop}?lang=pl")
    wait(visitor, lambda d: widget(d, "return root.querySelector('.launch') !== null"), name="no-launcher")
    widget(visitor, "root.querySelector('.launch').click()")
    wait(visitor, lambda d: not widget(d, "return root.querySelector('header p').textContent").endswith("…"), name="no-welcome")
    result["status"] = widget(visitor, "return root.querySelector('header p').textContent")
    # The shop asks for an address before the first message: nothing is sent until one is given.
    text = visitor.execute_script("return document.getElementById('parley-widget').shadowRoot.querySelector('#parley-text')")
    text.send_keys("Czy wysyłacie do Gdańska?")
    widget(visitor, "root.querySelector('#parley-send').click()")
    wait(visitor, lambda d: widget(d, "return !root.querySelector('.mail').hidden"), name="no-prechat")
    result["prechatBlocked"] = widget(visitor, "return root.querySelectorAll('.m.visitor').length") == 0
    mail = visitor.execute_script("return document.getElementById('parley-widget').shadowRoot.querySelector('#parley-mail')")
    mail.send_keys("zofia@example.pl")
    widget(visitor, "root.querySelector('.mail button').click()")
    wait(visitor, lambda d: widget(d, "return root.querySelector('.m.visitor[data-id]')?.textContent"), name="no-first-message")
    result["sentAfterEmail"] = widget(visitor, "return root.querySelector('.m.visitor[data-id]').textContent")
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
    last_note = "return [...root.querySelectorAll('.note')].pop()?.textContent || ''"
    wait(visitor, lambda d: "601 234 567" in widget(d, last_note), name="no-done")
    result["done"] = widget(visitor, last_note)
    result["formHidden"] = widget(visitor, "return root.querySelector('.cb').hidden")
finally:
    visitor.quit()

agent = browser("en")
try:
    sign_in(agent, base, email, password, output)
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
