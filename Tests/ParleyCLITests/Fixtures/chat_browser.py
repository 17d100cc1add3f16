"""A visitor and an agent meet in the live chat, each in a real headless Chromium.

The agent copies the widget's tag from Settings into a plain HTML page served from another origin,
as a shop owner would. A Polish visitor opens the chat on it, asks for a person and writes; the
agent, with the inbox open, sees the chat arrive live and answers; the visitor sees the answer
without reloading, then reloads and sees the whole conversation. axe-core runs on the page with the
chat open; screenshots go to OUTPUT_DIR.

Usage: python3 chat_browser.py BASE_URL EMAIL PASSWORD OUTPUT_DIR
Prints one JSON object with what both saw.
"""
import json
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from widget_browsers import axe, chromium, in_widget, shop_site, sign_in, until, widget_log

base, email, password, output = sys.argv[1:5]
result = {"violations": {}}
browser, widget, log = chromium, in_widget, widget_log


def wait(driver, condition, seconds=20, name="timeout"):
    return until(driver, condition, name, output, seconds)


def check(driver, name):
    axe(driver, name, result, output)


agent = browser("en")
visitor = None
try:
    sign_in(agent, base, email, password, output)
    agent.get(base + "/app/settings#chat")
    tag = agent.find_element(By.CSS_SELECTOR, "#chat pre.snippet").text
    result["tag"] = tag
    check(agent, "settings-chat")

    shop_page = shop_site({"shop.html": "<!doctype html>\n<html lang=\"pl\"><head><meta charset=\"utf-8\"><title>Kubki</title>"
                                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>"
                                         "<body><main><h1>Kubki</h1><p>Kubek 350 ml, 49 zł</p></main>\n" + tag + "\n</body></html>\n"}) + "shop.html"

    # The agent keeps the inbox open: that is what makes the widget say someone is online.
    agent.get(base + "/app/inbox?view=all")
    time.sleep(1.5)

    visitor = browser("pl")
    visitor.get(shop_page)
    wait(visitor, lambda d: widget(d, "return root.querySelector('.launch') && root.querySelector('.launch').textContent"),
         name="no-launcher")
    result["launcher"] = widget(visitor, "return root.querySelector('.launch').textContent")
    widget(visitor, "root.querySelector('.launch').click()")
    result["focusInChat"] = widget(visitor, "return root.activeElement && root.activeElement.id")
    # "Connecting…" until the socket's welcome says who is there.
    wait(visitor, lambda d: not widget(d, "return root.querySelector('header p').textContent").endswith("…"), name="no-welcome")
    result["status"] = widget(visitor, "return root.querySelector('header p').textContent")
    result["greeting"] = (log(visitor) or [{}])[0].get("text")
    textarea = visitor.execute_script("return document.getElementById('parley-widget').shadowRoot.querySelector('#parley-text')")

    def say(text):
        """Sends `text` as the visitor; returns what the assistant answered to it."""
        before = len([m for m in log(visitor) if m["author"] == "assistant"])
        textarea.send_keys(text)
        textarea.send_keys(Keys.ENTER)
        wait(visitor, lambda d: len([m for m in log(d) if m["author"] == "assistant"]) > before, name="no-assistant")
        result.setdefault("said", []).append(text)
        return [m for m in log(visitor) if m["author"] == "assistant"][-1]["text"]

    result["assistantAnswer"] = say("Ile mam dni na zwrot?")
    result["assistantAsksProof"] = say("Gdzie jest moje zamówienie 1042?")
    result["orderStatus"] = say("zofia@example.pl")
    check(visitor, "visitor-assistant")
    textarea.send_keys("Dzień dobry, czy macie kubek 500 ml w kolorze zielonym?")
    textarea.send_keys(Keys.ENTER)
    wait(visitor, lambda d: all(not m["pending"] for m in log(d)) and len([m for m in log(d) if m["author"] == "visitor"]) == 4,
         name="no-ack")
    widget(visitor, "root.querySelector('.actions .ghost').click()")
    wait(visitor, lambda d: widget(d, "return root.querySelector('.note') && root.querySelector('.note').textContent"),
         name="no-handover")
    result["handedOver"] = widget(visitor, "return root.querySelector('.note').textContent")
    check(visitor, "visitor-open")

    href = wait(agent, lambda d: d.execute_script(
        "return [...document.querySelectorAll('#rows .row > a')].find(a => a.textContent.includes('Ile mam dni'))?.href"),
        name="no-row")
    result["rowAppearedLive"] = True
    agent.get(href)
    wait(agent, lambda d: d.find_elements(By.ID, "conversation-heading"))
    result["agentChannel"] = agent.execute_script("return document.querySelector('#channel option:checked')?.value")
    # The agent opened it: the visitor's widget marks the message read.
    wait(visitor, lambda d: widget(d, "return root.querySelector('.meta') && root.querySelector('.meta').textContent"),
         name="no-read")
    result["readMark"] = widget(visitor, "return root.querySelector('.meta').textContent")
    # The widget says "typing" at most every 3 seconds; the visitor's last words were just sent.
    time.sleep(3.2)
    visitor.execute_script("document.getElementById('parley-widget').shadowRoot.querySelector('#parley-text')"
                           ".dispatchEvent(new Event('input'))")
    wait(agent, lambda d: d.find_element(By.ID, "presence").text, name="no-visitor-typing")
    result["agentSawTyping"] = agent.find_element(By.ID, "presence").text
    check(agent, "agent-chat")

    agent.find_element(By.ID, "text").send_keys("Dzień dobry! Tak, zielony kubek 500 ml jest dostępny.")
    agent.find_element(By.ID, "send").click()
    wait(visitor, lambda d: any(m["author"] == "agent" for m in log(d)), name="no-answer")
    result["visitorSaw"] = log(visitor)
    result["agentName"] = widget(visitor, "return root.querySelector('.m.agent .who').textContent")
    check(visitor, "visitor-answered")

    # Escape closes the chat and gives focus back to the launcher; Tab then leaves the widget.
    widget(visitor, "root.querySelector('#parley-text').focus()")
    visitor.switch_to.active_element.send_keys(Keys.ESCAPE)
    result["closedByEscape"] = widget(visitor, "return root.querySelector('.panel').hidden")
    result["focusAfterEscape"] = widget(visitor, "return root.activeElement && root.activeElement.className")
    widget(visitor, "root.querySelector('.launch').click()")

    visitor.refresh()
    wait(visitor, lambda d: len(log(d)) >= len(result["visitorSaw"]), name="no-history")
    result["afterReload"] = [m["text"] for m in log(visitor)][1:]
    result["openAfterReload"] = widget(visitor, "return !root.querySelector('.panel').hidden")
finally:
    for entry in (visitor.get_log("browser") if visitor else []):
        if "widget" in entry["message"].lower():
            print("console:", entry["message"], file=sys.stderr)
    agent.quit()
    if visitor:
        visitor.quit()

phone = browser("hi", phone=True)
try:
    phone.get(base + "/widget-demo/" + result.get("tag", "").split('data-shop="')[1].split('"')[0])
    wait(phone, lambda d: widget(d, "return root.querySelector('.launch') !== null"), name="no-phone-launcher")
    widget(phone, "root.querySelector('.launch').click()")
    result["phoneLauncher"] = widget(phone, "return root.querySelector('.launch').textContent")
    check(phone, "visitor-phone-hi")
finally:
    phone.quit()
print(json.dumps(result, ensure_ascii=False))
