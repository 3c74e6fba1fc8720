"""The HTML report in a real headless Chromium: untrusted article text never runs, controls work.

Skipped with a clear message when Chromium or Playwright is not available (`make test` tries to
install Debian's chromium first).
"""

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa.cli import main

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("QA_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found (install Debian's chromium package)")

HOSTILE = (
    "Hostile Sample <script>window.__pwned = 1</script>\n"
    'President Zelinsky spoke "><img src=x onerror="window.__pwned=2"> in Kyiv. '
    "Visit javascript:window.__pwned=3 for more.\n"
    "They met in August. the talks failed.\n"
)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    report = folder / "report.html"
    CliRunner().invoke(main, ["check", str(folder / "hostile.txt"), "--html", str(report), "-q"])
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(report.as_uri())
        page.errors = errors
        yield page
        browser.close()


def test_article_scripts_never_run(page):
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src=x]").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.locator(".article-text").first.inner_text()
    assert page.errors == []


def test_clicking_a_finding_shows_its_details(page):
    mark = page.locator("mark.hl", has_text="Zelinsky").first
    mark.click()
    item = page.locator(f"#item-{mark.get_attribute('data-ids').split()[0]}")
    assert "variant of 'Zelensky'" in item.inner_text()


def test_accept_toggles_drive_the_corrected_text(page):
    corrected = page.locator('[data-role="corrected"]').first
    page.locator('[role="tab"]', has_text="Corrected").first.click()
    assert "President Zelensky spoke" in corrected.inner_text()  # safe fix accepted by default
    assert "the talks failed" in corrected.inner_text()  # unsafe fix not accepted by default
    lowercase = page.locator("li.finding", has_text="lower case").first
    lowercase.locator('[data-action="accept"]').click()
    assert "The talks failed" in corrected.inner_text()
    variant = page.locator("li.finding", has_text="Zelinsky").first
    variant.locator('[data-action="reject"]').click()
    assert "President Zelinsky spoke" in corrected.inner_text()
    page.locator('[role="tab"]', has_text="Changes").first.click()
    (ROOT / "reports").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "reports" / "browser-test.png"), full_page=True)
    assert page.errors == []
