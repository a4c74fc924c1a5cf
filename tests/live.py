"""A real gunicorn serving quizapp on loopback, and a small browser for it: for the tests that
only a live server shows (requests of several workers interleaving, a killed server)."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """gunicorn with ``workers`` sync workers on the database at ``database_url``; a context manager.

    ``settings`` become ``QUIZAPP_*`` variables (values as the app reads them: JSON where they parse).
    """

    def __init__(self, database_url: str, workers: int = 3, port: int | None = None, **settings: str) -> None:
        self.port = port or free_port()
        self.environment = dict(
            os.environ,
            QUIZAPP_DATABASE_URL=database_url,
            QUIZAPP_SECRET_KEY="live-server-tests",
            QUIZAPP_BUNDLED_QUESTIONS_DIR=str(ROOT / "tests" / "no-bundled-articles"),
            **{f"QUIZAPP_{name}": value for name, value in settings.items()},
        )
        self.workers = workers
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> LiveServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--bind", self.base, "quizapp:create_app()"],
            cwd=ROOT,
            env=self.environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if Browser(self).get("/login").status == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.kill()
        raise AssertionError("the server did not start")

    def kill(self) -> None:
        """kill -9 of the master and every worker: nothing is flushed, nothing shut down cleanly."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.kill()


@dataclass
class Page:
    status: int
    location: str  # the redirect's target path, "" when none
    text: str

    @property
    def csrf_token(self) -> str:
        match = CSRF_RE.search(self.text)
        assert match, f"no CSRF token on the page (status {self.status})"
        return match.group(1)


class Browser:
    """One user's cookies; every request on a connection of its own (threads may share a browser)."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(self, method: str, path: str, fields: dict | None = None) -> Page:
        connection = http.client.HTTPConnection(self.server.base, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode({"csrf_token": self.token, **fields}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        location = response.headers.get("Location", "")
        return Page(response.status, re.sub(r"^https?://[^/]+", "", location), text)

    def get(self, path: str) -> Page:
        page = self.request("GET", path)
        if "csrf_token" in page.text:
            self.token = page.csrf_token
        return page

    def post(self, path: str, fields: dict | None = None) -> Page:
        return self.request("POST", path, fields or {})

    def log_in(self, username: str, password: str) -> Page:
        self.get("/login")
        page = self.post("/login", {"username": username, "password": password})
        assert page.status == 302, f"{username} could not log in ({page.status})"
        self.get("/quizzes")  # a token of the logged-in session
        return page
