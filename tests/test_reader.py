"""The article reader: headings, addressable passages, escaped article text, evidence highlight."""

import re

import pytest

from quizapp.articles import parse_article
from quizapp.services.importing import import_article

HOSTILE = """= Hostile <marquee>article</marquee> =

This text says <script>alert("x")</script> and <img src=x onerror=alert(1)> & more.

== <svg onload=alert(2)>Section ==

- item with <a href="javascript:alert(1)">link</a>
"""


def test_reader_shows_every_heading_and_passage_anchor(app, client, sample_article):
    with app.app_context():
        import_article(sample_article, [])
    page = client.get(f"/articles/{sample_article.slug}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    ids = re.findall(r'id="([^"]+)"', html)
    for passage in sample_article.passages:
        assert passage.anchor in ids
        assert f'href="#{passage.anchor}"' in html
    for section in sample_article.sections:
        assert re.search(rf'<h2 id="{section.anchor}"[^>]*>{section.title}</h2>', html)
    assert html.count('<li id="see-also-') == 3


def test_article_text_is_escaped(app, client):
    article = parse_article(HOSTILE)
    with app.app_context():
        import_article(article, [])
    html = client.get(f"/articles/{article.slug}").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<marquee>" not in html and "Hostile &lt;marquee&gt;article&lt;/marquee&gt;" in html
    assert "<svg" not in html and "&lt;svg onload=alert(2)&gt;Section" in html
    assert 'href="javascript:' not in html


def test_evidence_is_highlighted_in_its_passage(app, client, sample_article):
    with app.app_context():
        import_article(sample_article, [])
    passage = sample_article.passages[2]
    start = passage.text.index("190,000 troops")
    end = start + len("190,000 troops")
    html = client.get(f"/articles/{sample_article.slug}?evidence={passage.anchor}:{start}-{end}").get_data(as_text=True)
    assert '<mark class="evidence">190,000 troops</mark>' in html
    assert html.count("<mark") == 1


def test_unknown_article_is_404(app, client, sample_article):
    with app.app_context():
        import_article(sample_article, [])
    assert client.get("/articles/no-such-article").status_code == 404


@pytest.mark.parametrize(
    "evidence",
    ["intro-1:0-99999", "intro-1:5-2", "nope-1:0-5", "<script>", "intro-1", ""],
)
def test_a_bad_or_stale_evidence_link_still_shows_the_article(app, client, sample_article, evidence):
    with app.app_context():
        import_article(sample_article, [])
    page = client.get(f"/articles/{sample_article.slug}", query_string={"evidence": evidence, "back": "/quizzes"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert sample_article.passages[0].anchor in html and "<mark" not in html
    assert ("could not be found" in html) == bool(evidence)
    assert "<script>" not in html.split("<main")[1]
    assert '<a href="/quizzes">← Back to where you were</a>' in html


def test_index_lists_articles_with_published_questions(app, client, sample_article):
    with app.app_context():
        import_article(sample_article, status="published")
        import_article(parse_article(HOSTILE), [])  # nothing published: not listed
    html = client.get("/").get_data(as_text=True)
    assert f'href="/articles/{sample_article.slug}"' in html
    assert "17 passages" in html
    assert "Hostile" not in html


def test_the_bundled_article_credits_its_source_and_licence(tmp_path):
    """The sample comes from Wikipedia (CC BY-SA): its page says so, from the bundled bank."""
    from .conftest import make_app

    app = make_app(tmp_path, AUTO_SETUP=True)
    page = app.test_client().get("/articles/2021-ukrainian-coup-attempt-allegations").get_data(as_text=True)
    credit = re.search(r'<p class="muted source-note attribution">(.*?)</p>', page, re.S)
    assert credit and "Wikipedia" in credit.group(1) and "CC BY-SA 4.0" in credit.group(1)
    # Its addresses are links: the source, and the licence.
    assert '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="nofollow noopener">' in credit.group(1)
    assert '<a href="https://en.wikipedia.org/wiki/2021_Ukrainian_coup_attempt_allegations"' in credit.group(1)


def test_an_attribution_is_escaped(app, client):
    from dataclasses import replace

    with app.app_context():
        parsed = replace(
            parse_article("= Credited =\n\nSome text here.\n"),
            attribution='<script>alert("x")</script> Author https://example.org/a?b=1&c="><script>x</script>. javascript:alert(1)',
        )
        import_article(parsed, [], status="published")
    page = client.get("/articles/credited").get_data(as_text=True)
    assert "<script>alert" not in page and "<script>x" not in page and "&lt;script&gt;" in page
    assert '<a href="https://example.org/a?b=1&amp;c=&#34;&gt;&lt;script&gt;x&lt;/script&gt;"' not in page
    assert '<a href="https://example.org/a?b=1&amp;c=" rel="nofollow noopener">' in page  # stops at the quote
    assert 'href="javascript' not in page


def test_where_an_article_was_imported_from_is_shown_to_teachers_only(app, client):
    from quizapp.models import Role

    from .conftest import log_in, make_user

    with app.app_context():
        import_article(parse_article(HOSTILE), [], source_name="lovelace.wiki")
        make_user("sam")
        make_user("mrs_t", role=Role.TEACHER)
    slug = parse_article(HOSTILE).slug
    assert "Imported from" not in client.get(f"/articles/{slug}").get_data(as_text=True)
    log_in(client, "sam")
    assert "Imported from" not in client.get(f"/articles/{slug}").get_data(as_text=True)
    teacher = app.test_client()
    log_in(teacher, "mrs_t")
    assert "Imported from lovelace.wiki." in teacher.get(f"/articles/{slug}").get_data(as_text=True)
