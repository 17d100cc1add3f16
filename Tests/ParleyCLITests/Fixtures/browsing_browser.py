"""Browsing history in real headless Chromium: nothing without consent, a product view with it, and
the agent sees the product under "Recently viewed" once the visitor chats.

Two plain pages are served from another origin, as a shop's own site would be: one with only the
widget's tag (no consent), and a product page that pushes consent and a product view through the
`window.Parley` queue before the script loads. axe-core runs on the agent's conversation page.

Usage: python3 browsing_browser.py BASE_URL EMAIL PASSWORD OUTPUT_DIR
Prints one JSON object with what the browsers saw.
"""
import json
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import widget_browsers
from widget_browsers import axe, chromium, in_widget, shop_site, sign_in

base, email, password, output = sys.argv[1:5]
result = {}
EVENTS = "return performance.getEntriesByType('resource').filter(e => e.name.includes('/events')).length"
STORED = "return localStorage.getItem('parley:kubki')"
PRODUCT = """<script>
window.Parley = window.Parley || [];
Parley.push(["consent", true]);
Parley.push(["view", {type: "product", id: "SKU-350", name: "Kubek 350 ml", price: "49.00", currency: "PLN"}]);
</script>"""


def until(driver, condition, name):
    return widget_browsers.until(driver, condition, name, output)


def page(name, head):
    return (f"<!doctype html>\n<html lang=\"pl\"><head><meta charset=\"utf-8\"><title>{name}</title></head><body>"
            f"<main><h1>Kubki</h1></main>\n{head}\n<script src=\"{base}/widget.js\" data-shop=\"kubki\" async></script>\n</body></html>\n")


site = shop_site({"plain.html": page("plain.html", ""), "kubek.html": page("kubek.html", PRODUCT)})
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

    sign_in(agent, base, email, password, output)
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
    axe(agent, "agent-recently-viewed", result, output)
    result["violations"] = result["violations"]["agent-recently-viewed"]
finally:
    agent.quit()
    visitor.quit()
print(json.dumps(result, ensure_ascii=False))
