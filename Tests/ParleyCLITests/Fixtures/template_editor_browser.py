"""The order-update text editor in a real headless Chromium: typing into the Polish SMS field
updates that card's preview and SMS part count without a reload, a placeholder that does not exist
is explained beside the form with everything typed kept, "Preview" without the script shows the
typed texts without saving them, and Save stores them. axe-core runs on the page before and after;
screenshots go to OUTPUT_DIR.

Usage: python3 template_editor_browser.py BASE_URL EMAIL PASSWORD OUTPUT_DIR
Prints one JSON object with what the owner saw.
"""
import json
import os
import sys
import time

import axe_core_python
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import widget_browsers

base, email, password, output = sys.argv[1:5]
os.environ.setdefault("SE_OFFLINE", "true")
AXE_SCRIPT = os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js")
result = {"violations": {}}


def browser(width):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{900 if width > 500 else 844}", "--lang=en"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "en"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    return driver


def wait(driver, condition, seconds=10):
    """`condition` once it holds; the live preview swaps text under it, so a vanished node means "not yet"."""
    waiting = WebDriverWait(driver, seconds, poll_frequency=0.05,
                            ignored_exceptions=(StaleElementReferenceException, NoSuchElementException))
    try:
        return waiting.until(condition)
    except Exception:
        driver.save_screenshot(os.path.join(output, "timeout.png"))
        print(driver.current_url, driver.find_element(By.TAG_NAME, "body").text[:2000], file=sys.stderr)
        raise


def check(driver, name):
    """axe-core's serious and critical findings on the page as it is now, and a screenshot of it."""
    axe = Axe(driver, script_url=AXE_SCRIPT)
    axe.inject()
    serious = [v for v in axe.run()["violations"] if v.get("impact") in ("serious", "critical")]
    result["violations"][name] = [
        {"id": v["id"], "impact": v["impact"], "nodes": [node["html"][:200] for node in v["nodes"][:3]]} for v in serious]
    driver.save_screenshot(os.path.join(output, f"{name}.png"))


def sign_in(driver):
    widget_browsers.sign_in(driver, base, email, password, output)


def shown(driver, name):
    return driver.execute_script(
        "return document.querySelector(`#lang-pl [data-show='${arguments[0]}']`).textContent", name)


def retype(driver, field_id, text):
    field = driver.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(text)
    return time.monotonic()


driver = browser(1280)
try:
    sign_in(driver)
    driver.get(base + "/app/settings/messages?stage=shipped")
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    result["smsBefore"] = shown(driver, "sms")
    result["segmentsBefore"] = shown(driver, "segments")
    check(driver, "editor")
    driver.execute_script("window.parleyStayed = true")
    driver.execute_script("document.getElementById('lang-pl').scrollIntoView()")

    started = retype(driver, "pl-sms", "{{shop}}: paczka {{number}} jest w drodze")
    wait(driver, lambda d: shown(d, "sms") == "Kubki: paczka #1001 jest w drodze")
    result["secondsToPreview"] = round(time.monotonic() - started, 2)
    result["smsAfter"] = shown(driver, "sms")
    result["segmentsAfter"] = shown(driver, "segments")
    result["unsavedShown"] = driver.execute_script("return !document.querySelector('#lang-pl [data-unsaved]').hidden")
    retype(driver, "pl-subject", "Paczka {{number}} od {{shop}}")
    wait(driver, lambda d: shown(d, "subject") == "Paczka #1001 od Kubki")
    result["frameShowsSubject"] = driver.execute_script(
        "return document.querySelector('#lang-pl iframe').srcdoc.includes('Paczka #1001 od Kubki')")
    result["stayed"] = driver.execute_script("return window.parleyStayed === true")
    check(driver, "editor-typed")

    retype(driver, "pl-sms", "Zamówienie {{orderNumber}} w drodze")
    wait(driver, lambda d: not d.find_element(By.CSS_SELECTOR, "#lang-pl [data-error]").get_attribute("hidden"))
    result["error"] = driver.find_element(By.CSS_SELECTOR, "#lang-pl [data-error]").text
    result["invalidField"] = driver.find_element(By.ID, "pl-sms").get_attribute("aria-invalid")
    result["typedKept"] = driver.find_element(By.ID, "pl-sms").get_attribute("value")
    check(driver, "editor-error")

    retype(driver, "pl-sms", "{{shop}}: paczka {{number}} jest w drodze")
    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#lang-pl [data-error]").get_attribute("hidden"))

    # "Preview" as without the script: the page comes back with the typed texts, nothing saved, and
    # the email written into the sandboxed frame still gets its inline styles under the page's policy.
    retype(driver, "pl-subject", "Paczka {{number}} już w drodze")
    driver.find_element(By.CSS_SELECTOR, "#lang-pl button[value=preview]").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#lang-pl [data-notice]"))
    result["previewNotice"] = driver.find_element(By.CSS_SELECTOR, "#lang-pl [data-notice]").text
    result["previewMarker"] = driver.find_element(By.CSS_SELECTOR, "#lang-pl .marker").text
    driver.execute_script("document.querySelector('#lang-pl iframe').scrollIntoView()")
    driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "#lang-pl iframe"))
    wait(driver, lambda d: d.find_elements(By.TAG_NAME, "h1"))
    result["frameTitle"] = driver.execute_script("return document.title")
    result["frameHeadingSize"] = driver.execute_script("return getComputedStyle(document.querySelector('h1')).fontSize")
    driver.switch_to.default_content()
    driver.find_element(By.CSS_SELECTOR, "#lang-pl button[value=save]").click()
    wait(driver, lambda d: "saved=pl" in d.current_url)
    result["marker"] = driver.find_element(By.CSS_SELECTOR, "#lang-pl .marker").text
    result["savedSMS"] = driver.find_element(By.ID, "pl-sms").get_attribute("value")
    check(driver, "editor-saved")
finally:
    driver.quit()

phone = browser(390)
try:
    sign_in(phone)
    phone.get(base + "/app/settings/messages?stage=shipped#lang-pl")
    check(phone, "editor-phone")
finally:
    phone.quit()
print(json.dumps(result))
