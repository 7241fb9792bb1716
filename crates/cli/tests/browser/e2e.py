#!/usr/bin/env python3
"""End-to-end test of `entente serve` in a real browser (Debian's chromium, headless, through
chromium-driver and selenium): opens every page, checks its content, fills and submits the cascade
explorer's form, and saves a screenshot of each page.

    python3 e2e.py http://127.0.0.1:PORT SCREENSHOT_DIR [REPORT.html]

With a report (from `entente report`), it also opens that file with no server behind it and checks it
shows the network, a cascade and the timeline and loads nothing.

Exits non-zero with a message on the first failed check.
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, shots = sys.argv[1].rstrip("/"), sys.argv[2]
os.makedirs(shots, exist_ok=True)

opts = webdriver.ChromeOptions()
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
    opts.add_argument(a)
binary = "/usr/bin/chromium"
if os.path.exists(binary):
    opts.binary_location = binary
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
driver.set_page_load_timeout(60)


def page(path, name, must):
    driver.get(base + path)
    text = driver.find_element(By.TAG_NAME, "body").text
    src = driver.page_source
    for m in must:
        if m not in text and m not in src:
            sys.exit(f"{path}: expected {m!r} on the page")
    # The page loads nothing from outside: every resource is inline.
    for r in driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)"):
        if not r.startswith(base):
            sys.exit(f"{path}: fetched {r}")
    driver.save_screenshot(os.path.join(shots, f"serve-{name}.png"))
    print(f"ok {path}")


try:
    page("/", "overview", ["Obligations in force", "defence", "Actors", "Agreements"])
    page("/?kind=defence&date=2024-12", "overview-defence-2024", ["Obligations in force, 2024-12"])
    page("/actor/JPN", "actor", ["Japan", "owes"])
    page("/agreement/rus-prk-2024", "agreement", ["Who owes what", "PRK", "RUS"])
    page("/timeline", "timeline", ["Timeline", "sources"])
    page("/compare?attacker=PRK&target=KOR&at=korean-peninsula&overlay=without-2024-treaty&trials=2000", "compare", ["What changes"])
    page("/balance", "balance", ["Balance of capabilities", "aggressor side", "defending side"])
    page("/forecast", "forecast", ["Forecast", "japan-alignment", "median (forecast)", "Expected-utility forecast"])
    page("/alignment?from=2015&to=2026", "alignment", ["Alignment on", "frustration index", "Blocs", "The RUS–CHN–PRK triad", "Russia–DPRK treaty (2024)"])

    # The cascade explorer: fill the form and submit it as a user would.
    driver.get(base + "/cascade")
    form = driver.find_element(By.TAG_NAME, "form")
    for name, value in [("attacker", "North Korea"), ("target", "South Korea"), ("at", "korean-peninsula"), ("trials", "5000")]:
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    form.find_element(By.TAG_NAME, "button").click()
    # Wait for the answer page: the old page's elements go stale as the new one loads.
    WebDriverWait(driver, 60).until(
        lambda d: "attacker=" in d.current_url
        and d.execute_script("return document.readyState") == "complete"
        and "How likely" in d.page_source
    )
    body = driver.find_element(By.TAG_NAME, "body").text
    src = driver.page_source
    for m in ["United States", "US–ROK Mutual Defense Treaty (1953)", "How likely each is to fight (5000 trials"]:
        if m not in body and m not in src:
            sys.exit(f"cascade explorer: expected {m!r} after submitting the form")
    if "attacker=North+Korea" not in driver.current_url:
        sys.exit(f"cascade explorer: the form did not submit ({driver.current_url})")
    driver.save_screenshot(os.path.join(shots, "serve-cascade.png"))
    print("ok /cascade (form submitted)")

    if len(sys.argv) > 3:
        driver.get("file://" + os.path.abspath(sys.argv[3]))
        src = driver.page_source
        for m in ["The alliance network on", "If war broke out at a flashpoint", "United States", "Chronology"]:
            if m not in src:
                sys.exit(f"report: expected {m!r}")
        if driver.execute_script("return performance.getEntriesByType('resource').length") != 0:
            sys.exit("report: loaded an outside resource")
        driver.save_screenshot(os.path.join(shots, "report.png"))
        print("ok report (file://, nothing loaded)")
finally:
    driver.quit()
