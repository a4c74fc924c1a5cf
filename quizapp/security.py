"""Security headers on every response: only our own scripts and styles may run."""

import re
from urllib.parse import urlsplit

from flask import Flask, Response, request
from markupsafe import Markup, escape

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None: redirects and back links never leave it."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'()]+")


def linkify(text: str) -> Markup:
    """Untrusted text, escaped, with its http(s) addresses made links (an article's source and licence)."""
    pieces, last = [], 0
    for match in _WEB_ADDRESS.finditer(text):
        address = match.group(0).rstrip(".,;:!?")
        pieces += [escape(text[last : match.start()]), Markup('<a href="{0}" rel="nofollow noopener">{0}</a>').format(address)]
        last = match.start() + len(address)
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def add_security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config["HTTPS"] and request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.endpoint and not request.endpoint.endswith("static") and "Cache-Control" not in headers:
            # Pages show personal answers and scores: never stored by shared caches.
            headers["Cache-Control"] = "no-store"
        return response
