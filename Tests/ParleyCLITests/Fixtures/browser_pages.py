"""Walks Parley's pages in a real headless Chromium, in several languages and at desktop and phone
widths, runs axe-core on each, and saves a screenshot of each.

Usage: python3 browser_pages.py BASE_URL EMAIL PASSWORD OUTPUT_DIR PREFERENCES_PATH
Prints a JSON array: one entry per page visited, {"page", "language", "width", "title", "heading",
"violations": [{"id", "impact", "nodes"}]} with axe's serious and critical violations only.
"""
import json
import os
import sys
import time

import axe_core_python
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

base, email, password, output, preferences = sys.argv[1:6]
os.environ.setdefault("SE_OFFLINE", "true")
results = []


def browser(language, width):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},900",
                     f"--lang={language}"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    return driver


# axe-selenium-python bundles an axe-core of 2017, which does not know `autocomplete="one-time-code"`;
# axe-core-python carries axe-core 4.4.
AXE_SCRIPT = os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js")


def check(driver, name, language, width):
    axe = Axe(driver, script_url=AXE_SCRIPT)
    axe.inject()
    found = axe.run()
    serious = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:200] for n in v["nodes"]][:3]}
        for v in found["violations"] if v.get("impact") in ("serious", "critical")
    ]
    headings = driver.find_elements(By.TAG_NAME, "h1")
    results.append({
        "page": name, "language": language, "width": width, "title": driver.title,
        "heading": headings[0].text if headings else "", "violations": serious,
    })
    driver.save_screenshot(os.path.join(output, f"{name}-{language}-{width}.png"))


for language in ["en", "pl", "hi", "el", "ru"]:
    for width in [1280, 390]:
        driver = browser(language, width)
        try:
            driver.get(base + "/app/login")
            check(driver, "login", language, width)
            try:
                # A loaded page, not one still being drawn by a busy machine.
                WebDriverWait(driver, 15).until(expected_conditions.presence_of_element_located((By.ID, "email")))
            except Exception:
                text = driver.execute_script("return document.body ? document.body.innerText.slice(0, 400) : ''")
                print(f"no sign-in form at {driver.current_url} ({language} {width}): title {driver.title!r}, text {text!r}",
                      file=sys.stderr)
                raise
            driver.find_element(By.ID, "email").send_keys(email)
            driver.find_element(By.ID, "password").send_keys(password)
            driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            check(driver, "home", language, width)
            driver.get(base + "/app/inbox?view=all")
            conversation = driver.execute_script("return document.querySelector('#rows .row > a')?.href")
            if conversation:
                driver.get(conversation)
                check(driver, "conversation", language, width)
            for page in ["profile", "mail-problems", "outbox", "settings", "settings/messages", "settings/articles",
                         "settings/articles/new", "callbacks"]:
                driver.get(base + "/app/" + page)
                check(driver, page.replace("/", "-"), language, width)
            driver.get(base + "/app/settings/articles")
            driver.get(driver.execute_script("return document.querySelector('.articles .grid a').href"))
            check(driver, "article-editor", language, width)
            # The demo shop's public help page, its first article and a search, in the browser's language.
            driver.get(base + "/help/demo")
            check(driver, "help", language, width)
            driver.get(driver.execute_script("return document.querySelector('main .list a').href"))
            check(driver, "help-article", language, width)
            # The chat widget on the sample page, open, in the browser's language.
            driver.get(base + "/widget-demo/demo")
            WebDriverWait(driver, 15).until(lambda d: d.execute_script(
                "return document.getElementById('parley-widget')?.shadowRoot?.querySelector('.launch') != null"))
            driver.execute_script("document.getElementById('parley-widget').shadowRoot.querySelector('.launch').click()")
            check(driver, "widget", language, width)
            # The contact form, then sent empty after the two seconds a person needs: the errors beside the fields.
            driver.get(base + "/f/demo")
            check(driver, "contact-form", language, width)
            time.sleep(2.2)
            driver.find_element(By.CSS_SELECTOR, "form[action='/f/demo'] button[type=submit]").click()
            check(driver, "contact-form-errors", language, width)
            driver.get(base + "/app/security")
            check(driver, "security", language, width)
            driver.find_element(By.CSS_SELECTOR, "form[action='/app/security/two-factor'] button").click()
            check(driver, "security-setup", language, width)
            driver.find_element(By.ID, "code").send_keys("000000")
            driver.find_element(By.CSS_SELECTOR, "form[action='/app/security/two-factor/confirm'] button").click()
            check(driver, "security-wrong-code", language, width)
            # A customer's preference centre in the page's language: choose once a week and save;
            # then the unsubscribe and double opt-in pages, which only ask.
            driver.get(base + preferences + "?lang=" + language)
            check(driver, "preferences", language, width)
            driver.find_element(By.ID, "freq-weekly").click()
            driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
            check(driver, "preferences-saved", language, width)
            driver.get(base + preferences + "/unsubscribe?lang=" + language)
            check(driver, "unsubscribe", language, width)
            driver.get(base + preferences + "/subscribe?lang=" + language)
            check(driver, "subscribe", language, width)
            driver.get(base + "/app/automation")
            check(driver, "automation", language, width)
            # The marketer's editors: a segment's condition rows, a campaign's texts per language.
            driver.get(base + "/app/segments/new")
            check(driver, "segment-editor", language, width)
            driver.get(base + "/app/campaigns/new")
            check(driver, "campaign-editor", language, width)
        finally:
            driver.quit()
print(json.dumps(results))
