#!/usr/bin/env python3
"""Re-make docs/review-page.png: the review page at 1280×800 with an invented draft.

python3 docs/screenshot.py        # needs Chromium and the test extras (playwright)
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser import LAUNCH_ARGS, chromium_path

# An invented company and incident, written for this picture.
DRAFT = """件名：会員サイトにおける個人情報の流出に関するお詫び

会員の皆様

平素より「みどり書房オンライン」をご利用いただき、誠にありがとうございます。
このたび、当社の会員サイトにおいて、お客様の個人情報が外部から閲覧できる状態になっていたことが判明しました！！
お客様には多大なご迷惑とご心配をおかけし、深くお詫び申し上げます。

■経緯
2026年5月12日午前10時頃、サーバーの設定変更の際に公開範囲を誤り、会員ページが誰でも閲覧できる状態となりました。

■対象
対象のお客様：2,318名

■今後の対策
再発防止に努めてまいります。

株式会社みどり書房
"""


def main() -> int:
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen(
        [sys.executable, "-m", "owabilint", "serve", "--port", "0", "--no-config"], stdout=subprocess.PIPE, text=True
    )
    try:
        url = re.search(r"http://\S+/", server.stdout.readline()).group(0)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="ja-JP")
            page.goto(url)
            page.fill("#draft", DRAFT)
            page.locator("#preview mark").first.wait_for()
            page.evaluate("() => { document.getElementById('draft').scrollTop = 0; }")
            page.locator("#preview mark", has_text="！！").hover()
            page.screenshot(path=str(HERE / "review-page.png"))
            browser.close()
    finally:
        server.terminate()
        server.communicate(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
