"""Importing a Wikipedia article by its address, against a local server playing the MediaWiki API."""

from __future__ import annotations

import socket

import pytest

from quizapp.articles.wikipedia import WikipediaError, article_address, fetch_article
from quizapp.extensions import db
from quizapp.models import Article, Role

from .conftest import count, log_in, make_app, make_user
from .fake_mediawiki import FakeMediaWiki


@pytest.fixture(scope="module")
def wiki():
    with FakeMediaWiki() as server:
        yield server


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://en.wikipedia.org/wiki/Tay_Bridge_disaster", ("en", "Tay Bridge disaster")),
        ("en.m.wikipedia.org/wiki/Tay_Bridge_disaster", ("en", "Tay Bridge disaster")),
        ("https://fr.wikipedia.org/wiki/Catastrophe_du_pont_sur_le_Tay", ("fr", "Catastrophe du pont sur le Tay")),
        ("https://en.wikipedia.org/wiki/Caf%C3%A9_society", ("en", "Café society")),
        ("https://en.wikipedia.org/w/index.php?title=Tay_Bridge_disaster&oldid=1", ("en", "Tay Bridge disaster")),
    ],
)
def test_article_addresses_are_read(address, expected):
    assert article_address(address) == expected


@pytest.mark.parametrize(
    "address",
    ["https://example.org/wiki/Tay", "https://en.wikipedia.org.evil.com/wiki/Tay", "https://en.wikipedia.org/", "javascript:alert(1)",
     "https://wikipedia.org/wiki/Tay", "https://en.wikipedia.org/wiki/A|B"],
)
def test_other_addresses_are_refused_with_an_example(address):
    with pytest.raises(WikipediaError, match="wikipedia.org/wiki/Tay_Bridge_disaster"):
        article_address(address)


def test_the_article_comes_with_its_revision_licence_and_a_user_agent(wiki):
    article = fetch_article("https://en.wikipedia.org/wiki/Tay_Bridge_Disaster", api_url=wiki.api_url)  # a redirect
    assert (article.title, article.revision) == ("Tay Bridge disaster", 1234567)
    assert article.source.startswith("= Tay Bridge disaster =\n\n{{Short description")
    assert "https://en.wikipedia.org/wiki/Tay_Bridge_disaster (revision 1234567)" in article.attribution
    assert "Creative Commons Attribution-Share Alike 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)" in article.attribution
    request = wiki.requests[-1]
    assert request["path"] == "/en/w/api.php" and request["query"]["titles"] == "Tay Bridge Disaster"
    assert request["user_agent"].startswith("quizapp/")


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("No_such_article", "has no article called “No such article”"),
        ("Server_error", r"HTTP 503"),
        ("Garbled_answer", "could not be read"),
        ("Slow_answer", "did not answer within 0.5 seconds"),
    ],
)
def test_each_failure_says_what_happened(wiki, title, message):
    with pytest.raises(WikipediaError, match=message):
        fetch_article(f"https://en.wikipedia.org/wiki/{title}", api_url=wiki.api_url, timeout=0.5)


def test_an_unreachable_server_is_a_clear_error():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(WikipediaError, match="could not be reached"):
        fetch_article("https://en.wikipedia.org/wiki/Tay", api_url=f"http://127.0.0.1:{port}/{{lang}}/w/api.php", timeout=2)


def test_an_answer_too_large_is_refused(wiki):
    with pytest.raises(WikipediaError, match="larger than"):
        fetch_article("https://en.wikipedia.org/wiki/Tay_Bridge_disaster", api_url=wiki.api_url, max_bytes=200)


def test_a_teacher_imports_by_address_and_the_article_keeps_its_attribution(tmp_path, wiki):
    app = make_app(tmp_path, WIKIPEDIA_API_URL=wiki.api_url, WIKIPEDIA_TIMEOUT=0.5)
    client = app.test_client()
    with app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
    log_in(client, "mrs_t")
    response = client.post("/teach/articles/new", data={"wikipedia": "https://en.wikipedia.org/wiki/Tay_Bridge_disaster"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Imported" in body and "Tay Bridge disaster" in body
    with app.app_context():
        article = db.session.execute(db.select(Article).filter_by(slug="tay-bridge-disaster")).scalar_one()
        assert "revision 1234567" in article.attribution
        text = " ".join(p.text for p in article.passages)
        # The markup is gone: links read as their text, references and templates dropped.
        assert "Tay Rail Bridge collapsed" in text and "[[" not in text and "{{" not in text and "Swinfen" not in text
        assert article.questions  # questions generated from it, each cited
    reader = client.get("/articles/tay-bridge-disaster").get_data(as_text=True)
    assert "Creative Commons Attribution-Share Alike 4.0" in reader and "revision 1234567" in reader

    # Bad input changes nothing: a slow server, and two sources at once.
    response = client.post("/teach/articles/new", data={"wikipedia": "https://en.wikipedia.org/wiki/Slow_answer"})
    assert "did not answer within 0.5 seconds" in response.get_data(as_text=True)
    response = client.post("/teach/articles/new", data={"wikipedia": "https://en.wikipedia.org/wiki/X", "text": "= X =\n\nSome text."})
    assert "one of the three" in response.get_data(as_text=True)
    with app.app_context():
        assert count(Article) == 1
