"""Real-browser tests: the app served on loopback, driven by Playwright in Debian's Chromium.

No browser is downloaded: Chromium comes from the system (``.ci/run`` installs Debian's
``chromium``). Without it these tests are skipped, unless ``QUIZAPP_REQUIRE_BROWSER=1``
(set by CI) makes a missing browser a failure.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from ..conftest import make_app

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def chromium_path() -> str | None:
    return os.environ.get("QUIZAPP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        if os.environ.get("QUIZAPP_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (QUIZAPP_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_app(tmp_path):
    """The real app (CSRF on, bundled sample quiz imported on start) on a free loopback port."""
    app = make_app(tmp_path, AUTO_SETUP=True, WTF_CSRF_ENABLED=True, TESTING=False)

    @app.after_request
    def send_files_whole(response):
        # The development server drops a connection the browser gives up on (the favicon of a
        # page it has already left) before it closes the file it was sending, and the unclosed
        # file's ResourceWarning fails whichever test is running: read such files here and close them.
        if response.direct_passthrough:
            body = response.response
            data = b"".join(body)
            getattr(body, "close", lambda: None)()
            response.direct_passthrough = False
            response.set_data(data)
        return response

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield app
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()
    # Requests still being served (a favicon the closed page asked for) hold a database connection:
    # let them finish and hand it back before the engine is disposed, or the connection is left
    # for the garbage collector (PostgreSQL's driver warns, and the warning fails a later test).
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any("process_request_thread" in t.name for t in threading.enumerate()):
        time.sleep(0.05)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


PHONE_WIDTH = 390


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def open_on_phone(phone, page) -> None:
    """The page the desktop browser shows, opened on the phone as the same user."""
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)


def assert_fits_phone(phone) -> None:
    """Nothing on the phone's page is wider than its screen: no sideways scrolling."""
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def shot(page, name: str) -> None:
    """Save a full-page screenshot for people to look at (the folder is git-ignored), after checking
    the page with axe-core: every page a journey stops to show is checked as it stands."""
    if AXE.exists() or os.environ.get("QUIZAPP_REQUIRE_BROWSER") == "1":
        assert_accessible(page, name)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it stands (WCAG 2.1 A and AA rules and best practices).

    axe-core comes from the npm registry (``npm ci --prefix tests/browser``, pinned in
    package-lock.json) and is injected from disk: nothing is fetched by the page. It is evaluated
    through the browser's DevTools protocol, which the app's Content-Security-Policy (rightly
    refusing inline scripts) does not govern, so the pages are checked as served.
    """
    if not AXE.exists():
        if os.environ.get("QUIZAPP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"axe-core is required but {AXE} is missing: run npm ci --prefix tests/browser")
        pytest.skip("axe-core is not installed (npm ci --prefix tests/browser)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    )
    return result


def log_in(page, url: str, username: str) -> None:
    """Log ``username`` in through the login form, and wait until the page says so."""
    from playwright.sync_api import expect

    from ..conftest import PASSWORD

    page.goto(f"{url}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def assert_accessible(page, name: str) -> None:
    """No serious or critical axe-core violation on the page as it stands; the figures are kept in
    tests/screenshots/axe-journeys.json under ``name`` (each page a journey reaches by a POST)."""
    import json

    violations = axe_violations(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    report_file = SCREENSHOTS / "axe-journeys.json"
    report = json.loads(report_file.read_text()) if report_file.exists() else {}
    report[name] = {v["id"]: v["impact"] for v in violations}
    report_file.write_text(json.dumps(report, indent=1, sort_keys=True))
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], f"{name} ({page.url}): {blocking}"
