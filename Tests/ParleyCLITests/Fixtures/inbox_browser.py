"""An agent's day in the inbox, in a real headless Chromium: an email sent to Parley's SMTP listener
appears in the open inbox without a reload, the agent answers with a canned response, switches the
app to Polish, and an agent of another shop cannot open the conversation by its URL. axe-core runs
on every screen; screenshots of each go to OUTPUT_DIR.

Usage: python3 inbox_browser.py BASE_URL EMAIL PASSWORD OTHER_EMAIL OTHER_PASSWORD SMTP_PORT OUTPUT_DIR
Prints one JSON object with what the agent saw.
"""
import json
import os
import smtplib
import sys
import time
import urllib.error
import urllib.request
from email.message import EmailMessage

import axe_core_python
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import widget_browsers

base, email, password, other_email, other_password, smtp_port, output = sys.argv[1:8]
os.environ.setdefault("SE_OFFLINE", "true")
AXE_SCRIPT = os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js")
SUBJECT = "Kubek przyszedł stłuczony"
result = {"violations": {}}


def browser(language, width=1440):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{900 if width > 500 else 844}", f"--lang={language}"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    return driver


def sign_in(driver, address, secret):
    widget_browsers.sign_in(driver, base, address, secret, output)


def check(driver, name):
    axe = Axe(driver, script_url=AXE_SCRIPT)
    axe.inject()
    found = axe.run()
    result["violations"][name] = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:200] for n in v["nodes"]][:3]}
        for v in found["violations"] if v.get("impact") in ("serious", "critical")
    ]
    driver.save_screenshot(os.path.join(output, f"{name}.png"))


def wait(driver, condition, seconds=20):
    try:
        # Pages change under the wait (navigation, live swaps): a vanished element means "not yet".
        return WebDriverWait(driver, seconds, poll_frequency=0.2,
                             ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(condition)
    except Exception:
        driver.save_screenshot(os.path.join(output, "timeout.png"))
        print(driver.current_url, driver.find_element(By.TAG_NAME, "body").text[:2000], file=sys.stderr)
        raise


def texts(driver, selector):
    """The text of every element `selector` finds, read in one step: live updates swap parts of the page."""
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim())", selector)


def heading(driver):
    return (texts(driver, "h1") or [""])[0]


driver = browser("en")
try:
    sign_in(driver, email, password)
    driver.get(base + "/app/inbox?view=all")
    result["rowsBefore"] = len(texts(driver, "#rows .row"))
    check(driver, "inbox-empty")
    driver.execute_script("window.parleyStayed = true")
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    time.sleep(1)  # the event stream connects

    message = EmailMessage()
    message["From"] = "Zofia Nowak <zofia.nowak@example.pl>"
    message["To"] = "sklep@kubki.example"
    message["Subject"] = SUBJECT
    message["Message-ID"] = "<kubek-1@mail.example.pl>"
    message.set_content("Dzień dobry, kubek z zamówienia przyszedł stłuczony. Co teraz?\n\nZofia")
    with smtplib.SMTP("127.0.0.1", int(smtp_port), timeout=30) as smtp:
        smtp.send_message(message)

    # The list is swapped in as events arrive, so the row is read in one step and followed by address.
    href = wait(driver, lambda d: d.execute_script(
        "return [...document.querySelectorAll('#rows .row > a')].find(a => a.textContent.includes(arguments[0]))?.href",
        SUBJECT))
    result["appearedWithoutReload"] = driver.execute_script("return window.parleyStayed === true")
    result["title"] = driver.title
    check(driver, "inbox")
    driver.get(href)
    wait(driver, lambda d: d.find_elements(By.ID, "conversation-heading"))
    result["conversationURL"] = driver.current_url
    result["customerName"] = texts(driver, "#customer-heading")[0]
    check(driver, "conversation")

    Select(driver.find_element(By.ID, "canned")).select_by_value("zwrot")
    driver.find_element(By.CSS_SELECTOR, "button[value=insert]").click()
    wait(driver, lambda d: d.find_element(By.ID, "text").get_attribute("value"))
    result["draft"] = driver.find_element(By.ID, "text").get_attribute("value")
    driver.find_element(By.CSS_SELECTOR, "button[value=preview]").click()
    wait(driver, lambda d: texts(d, ".reply-preview .text"))
    result["preview"] = texts(driver, ".reply-preview .text")[0]
    driver.find_element(By.ID, "send").click()
    wait(driver, lambda d: len(texts(d, ".thread .k-reply .text")) == 1)
    result["replyInThread"] = texts(driver, ".thread .k-reply .text")[0]

    driver.get(base + "/app/profile")
    Select(driver.find_element(By.ID, "locale")).select_by_value("pl")
    driver.find_element(By.CSS_SELECTOR, "form[action='/app/profile'] button[type=submit]").click()
    wait(driver, lambda d: "saved=1" in d.current_url)
    result["profileHeading"] = heading(driver)
    check(driver, "profile-pl")
    driver.get(base + "/app/inbox?view=all&status=any")
    result["polishHeading"] = heading(driver)
    result["polishViews"] = texts(driver, ".views a > span:first-child")
    check(driver, "inbox-pl")
    driver.get(result["conversationURL"])
    check(driver, "conversation-pl")
finally:
    driver.quit()

other = browser("en")
try:
    sign_in(other, other_email, other_password)
    wait(other, lambda d: "/app/inbox" in d.current_url)
    other.get(result["conversationURL"])
    result["otherShopHeading"] = heading(other)
    cookie = other.get_cookie("parley_session")["value"]
    request = urllib.request.Request(result["conversationURL"], headers={"Cookie": f"parley_session={cookie}"})
    try:
        result["otherShopStatus"] = urllib.request.urlopen(request).status
    except urllib.error.HTTPError as error:
        result["otherShopStatus"] = error.code
finally:
    other.quit()
print(json.dumps(result))
