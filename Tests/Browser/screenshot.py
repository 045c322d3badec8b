#!/usr/bin/env python3
"""Takes a full-page PNG screenshot of an Attest audit.html in headless Chromium, with the
evidence of one addressed cell shown.

usage: screenshot.py AUDIT_HTML OUT_PNG [--cell N] [--max-height PX]

--cell N clicks the N-th yes cell (0-based, in page order; default 0).
"""
import base64
import pathlib
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def main(argv):
    args = argv[1:]
    cell = 0
    max_height = None
    if "--max-height" in args:
        i = args.index("--max-height")
        max_height = int(args[i + 1])
        del args[i:i + 2]
    if "--cell" in args:
        i = args.index("--cell")
        cell = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    page, out = pathlib.Path(args[0]).resolve(), pathlib.Path(args[1])
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--hide-scrollbars"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.set_page_load_timeout(30)
        driver.get(page.as_uri())
        width = driver.execute_script("return Math.max(1400, document.documentElement.scrollWidth);")
        if max_height:
            # the window is the picture: the table's box and the evidence panel are sized to it
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": max_height, "deviceScaleFactor": 1, "mobile": False})
        buttons = driver.find_elements(By.CSS_SELECTOR, "#heatmap td.c.yes button")
        if buttons:
            button = buttons[min(cell, len(buttons) - 1)]
            driver.execute_script("arguments[0].scrollIntoView({block: 'nearest', inline: 'nearest'}); window.scrollTo(0, 0);", button)
            button.click()
        height = driver.execute_script("return document.documentElement.scrollHeight;")
        if max_height:
            height = min(height, max_height)
        else:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                      {"format": "png", "captureBeyondViewport": True,
                                       "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        out.write_bytes(base64.b64decode(shot["data"]))
        print(f"{out}: {width}×{height}")
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
