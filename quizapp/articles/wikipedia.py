"""A Wikipedia article by its address: its wikitext, revision and licence through the MediaWiki API.

Pure Python (urllib, no Flask). The API's address is a template (``{lang}`` for the language), so
that tests point it at a local server playing the API's role. Every way of failing (no network,
a slow or broken server, no such article, an answer too large) is a WikipediaError whose message
a teacher can act on.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

DEFAULT_API_URL = "https://{lang}.wikipedia.org/w/api.php"
USER_AGENT = "quizapp/1.0 (classroom quiz tool; article import by a teacher)"  # Wikimedia asks every client for one
_LANGUAGE = frozenset("abcdefghijklmnopqrstuvwxyz-")


class WikipediaError(ValueError):
    """The article could not be fetched; the message says why and what to do instead."""


@dataclass(frozen=True)
class WikipediaArticle:
    title: str
    wikitext: str
    url: str  # the article's address, as a reader would cite it
    revision: int
    licence: str  # as the wiki states it ("Creative Commons Attribution-Share Alike 4.0")
    licence_url: str

    @property
    def attribution(self) -> str:
        licence = f"{self.licence} ({self.licence_url})" if self.licence_url else self.licence
        return f"From the Wikipedia article “{self.title}”, {self.url} (revision {self.revision}), by its contributors, under {licence}."

    @property
    def source(self) -> str:
        """The article as wiki text with its title as a heading, the way the article parser reads wiki text."""
        return f"= {self.title} =\n\n{self.wikitext}"


def article_address(address: str) -> tuple[str, str]:
    """(language, title) of a Wikipedia article address, or WikipediaError for anything else."""
    address = address.strip()
    try:
        parts = urllib.parse.urlsplit(address if "//" in address else "https://" + address)
    except ValueError:
        parts = None
    host = (parts.hostname or "") if parts else ""
    labels = host.split(".")
    if not parts or parts.scheme not in ("http", "https") or labels[-2:] != ["wikipedia", "org"] or len(labels) not in (3, 4):
        raise WikipediaError("That is not the address of a Wikipedia article (like https://en.wikipedia.org/wiki/Tay_Bridge_disaster).")
    language = labels[0]
    if not language or not set(language) <= _LANGUAGE or (len(labels) == 4 and labels[1] != "m"):
        raise WikipediaError("That is not the address of a Wikipedia article (like https://en.wikipedia.org/wiki/Tay_Bridge_disaster).")
    if parts.path.startswith("/wiki/"):
        title = urllib.parse.unquote(parts.path[len("/wiki/") :])
    else:
        title = urllib.parse.parse_qs(parts.query).get("title", [""])[0]
    title = title.replace("_", " ").strip()
    if not title or any(ch in title for ch in "#<>[]{}|"):
        raise WikipediaError("The address names no article: it should look like https://en.wikipedia.org/wiki/Tay_Bridge_disaster.")
    return language, title


def fetch_article(address: str, *, api_url: str = DEFAULT_API_URL, timeout: float = 10.0, max_bytes: int = 5 * 1024 * 1024) -> WikipediaArticle:
    """The current revision of the article at ``address``; WikipediaError says why not."""
    language, title = article_address(address)
    query = urllib.parse.urlencode({
        "action": "query", "format": "json", "formatversion": "2", "redirects": "1", "titles": title,
        "prop": "revisions|info", "rvprop": "ids|content", "rvslots": "main", "inprop": "url",
        "meta": "siteinfo", "siprop": "rightsinfo",
    })  # fmt: skip
    request = urllib.request.Request(f"{api_url.format(lang=language)}?{query}", headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the address is built here, https in production
            body = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise WikipediaError(f"Wikipedia answered with an error (HTTP {error.code}). Try again later, or paste the article's text.") from None
    except (TimeoutError, socket.timeout):
        raise WikipediaError(f"Wikipedia did not answer within {timeout:g} seconds. Try again later, or paste the article's text.") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise WikipediaError(f"Wikipedia did not answer within {timeout:g} seconds. Try again later, or paste the article's text.") from None
        raise WikipediaError("Wikipedia could not be reached from this server. Try again later, or paste the article's text.") from None
    if len(body) > max_bytes:
        raise WikipediaError(f"The article is larger than {max_bytes / 1_048_576:.1f} MB, too long to import.")
    return _read_answer(body, title)


def _read_answer(body: bytes, title: str) -> WikipediaArticle:
    try:
        answer = json.loads(body)
        pages = answer["query"]["pages"]
    except (ValueError, KeyError, TypeError):
        raise WikipediaError("Wikipedia's answer could not be read. Try again later, or paste the article's text.") from None
    if not pages or pages[0].get("missing") or pages[0].get("invalid"):
        raise WikipediaError(f"Wikipedia has no article called “{title}”. Check the address.")
    page = pages[0]
    try:
        revision = page["revisions"][0]
        wikitext = revision["slots"]["main"]["content"]
        rights = answer["query"].get("rightsinfo", {})
        return WikipediaArticle(
            title=str(page["title"]),
            wikitext=str(wikitext),
            url=str(page.get("fullurl") or ""),
            revision=int(revision["revid"]),
            licence=str(rights.get("text") or "Creative Commons Attribution-ShareAlike 4.0"),
            licence_url=str(rights.get("url") or ""),
        )
    except (KeyError, IndexError, TypeError, ValueError):
        raise WikipediaError("Wikipedia's answer could not be read. Try again later, or paste the article's text.") from None
