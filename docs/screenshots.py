"""Takes the README's screenshots of the agent app: inbox, conversation with the customer beside
it, settings, the order-update texts, the help-article editor and the shop's public help page, at desktop (1440x900) and phone (390x844) widths, in
English, Polish and Hindi, from a running `parley serve --demo`.

Usage: python3 docs/screenshots.py BASE_URL EMAIL PASSWORD OUTPUT_DIR
Needs Debian's chromium and chromium-driver and selenium from PyPI, as the browser tests do.
"""
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.common.by import By

base, email, password, output = sys.argv[1:5]
os.environ.setdefault("SE_OFFLINE", "true")
os.makedirs(output, exist_ok=True)


def browser(language, width, height):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={width},{height}",
                     f"--lang={language}"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    if width < 500:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 1}})
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))


for language in ["en", "pl", "hi"]:
    for width, height in [(1440, 900), (390, 844)]:
        driver = browser(language, width, height)
        try:
            driver.get(base + "/app/login")
            driver.find_element(By.ID, "email").send_keys(email)
            driver.find_element(By.ID, "password").send_keys(password)
            driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            time.sleep(0.5)
            driver.get(base + "/app/inbox?view=all")
            time.sleep(0.5)
            driver.save_screenshot(f"{output}/inbox-{language}-{width}.png")
            links = driver.execute_script("return [...document.querySelectorAll('#rows .row > a')].map(a => a.href)")
            # The conversation in the screenshot's own language where there is one.
            pick = {"en": 4, "pl": 3, "hi": 0}[language]
            driver.get(links[min(pick, len(links) - 1)])
            time.sleep(0.5)
            driver.save_screenshot(f"{output}/conversation-{language}-{width}.png")
            if width < 500:
                driver.execute_script("document.querySelector('.customer')?.scrollIntoView()")
                driver.save_screenshot(f"{output}/customer-{language}-{width}.png")
            driver.get(base + "/app/settings")
            time.sleep(0.3)
            driver.save_screenshot(f"{output}/settings-{language}-{width}.png")
            driver.get(base + "/app/settings/messages?stage=shipped#lang-" + language)
            time.sleep(0.5)
            driver.save_screenshot(f"{output}/messages-{language}-{width}.png")
            driver.get(base + "/app/settings/articles")
            # The article in the screenshot's own language where there is one.
            editors = driver.execute_script(
                "return [...document.querySelectorAll('.articles .grid tbody tr')]"
                ".map(r => [r.querySelector('code').textContent, r.querySelector('a').href])")
            driver.get(next((href for code, href in editors if code == language), editors[0][1]))
            time.sleep(0.3)
            driver.save_screenshot(f"{output}/article-editor-{language}-{width}.png")
            driver.get(base + "/help/demo")
            time.sleep(0.3)
            driver.save_screenshot(f"{output}/help-{language}-{width}.png")
            driver.get(driver.execute_script("return document.querySelector('main .list a').href"))
            time.sleep(0.3)
            driver.save_screenshot(f"{output}/help-article-{language}-{width}.png")
        finally:
            driver.quit()
