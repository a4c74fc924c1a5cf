"""A local server playing the MediaWiki API's role for the Wikipedia import tests (the machines
that run them have no internet). Answers the one query quizapp makes, as Wikipedia answers it."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TAY_WIKITEXT = """{{Short description|1879 railway bridge collapse in Scotland}}
{{Use British English|date=May 2020}}
The '''Tay Bridge disaster''' occurred on 28 December 1879, when the first [[Tay Bridge|Tay Rail Bridge]] collapsed during a violent storm.<ref>{{cite book |last=Swinfen |title=The Fall of the Tay Bridge |year=1994}}</ref> The bridge had been designed by the railway engineer [[Thomas Bouch]], who was knighted after it opened in 1878.

== Inquiry ==
A train of six carriages carrying 75 passengers and crew fell into the [[Firth of Tay]]. The court of inquiry found that the bridge had been "badly designed, badly constructed and badly maintained".<ref name="report"/> [[Henry Rothery]], the commissioner of wrecks, led the inquiry in 1880.

== Aftermath ==
Bouch died in October 1880, a few months after the inquiry. A second Tay Bridge, designed by [[William Henry Barlow]], opened in 1887 and still carries trains today.

== References ==
{{Reflist}}

[[Category:1879 disasters]]
"""

PAGES = {"Tay Bridge disaster": (1234567, TAY_WIKITEXT)}
REDIRECTS = {"Tay Bridge Disaster": "Tay Bridge disaster"}


class FakeMediaWiki:
    """Start with ``with FakeMediaWiki() as wiki:``; ``wiki.api_url`` is the template quizapp takes."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                parts = urllib.parse.urlsplit(self.path)
                query = {k: v[0] for k, v in urllib.parse.parse_qs(parts.query).items()}
                outer.requests.append({"path": parts.path, "query": query, "user_agent": self.headers.get("User-Agent", "")})
                title = query.get("titles", "")
                if title == "Slow answer":
                    time.sleep(1.5)  # longer than the tests' 0.5 s timeout
                if title == "Server error":
                    self.send_error(503, "Service Unavailable")
                    return
                if title == "Garbled answer":
                    return self._send(b"<html>not json")
                target = REDIRECTS.get(title, title)
                if target in PAGES:
                    revision, text = PAGES[target]
                    slug = target.replace(" ", "_")
                    page = {"pageid": 1, "ns": 0, "title": target, "fullurl": f"https://en.wikipedia.org/wiki/{slug}",
                            "revisions": [{"revid": revision, "slots": {"main": {"contentmodel": "wikitext", "content": text}}}]}
                else:
                    page = {"ns": 0, "title": title, "missing": True}
                answer = {"batchcomplete": True, "query": {
                    "pages": [page],
                    "rightsinfo": {"url": "https://creativecommons.org/licenses/by-sa/4.0/", "text": "Creative Commons Attribution-Share Alike 4.0"},
                }}
                if target != title:
                    answer["query"]["redirects"] = [{"from": title, "to": target}]
                self._send(json.dumps(answer).encode())

            def _send(self, body: bytes) -> None:
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout tests)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.api_url = f"http://127.0.0.1:{self.server.server_port}/{{lang}}/w/api.php"

    def __enter__(self) -> FakeMediaWiki:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
