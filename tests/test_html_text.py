"""HTML pasted from a web page is reduced to article text: structure kept, markup and page furniture gone."""

from quizapp.articles import parse_article
from quizapp.articles.html_text import html_to_text, looks_like_html

PAGE = """<html><head><title>t</title><style>p{}</style></head><body>
<nav><div class="navbox">Main page<br>Contents</div></nav>
<h1>Tower Bridge</h1>
<h2>History<span class="mw-editsection">[<a href="#">edit</a>]</span></h2>
<p onclick="steal()">The bridge opened in 1894.<sup class="reference"><a href="#c1">[1]</a></sup>
It crosses the <b>River Thames</b>.[2] It is 244&nbsp;m long &amp; 65 m high.</p>
<table class="infobox"><tr><th>Carries</th><td>A100 road</td></tr></table>
<table><tr><th>Total length</th><td>244 m</td></tr></table>
<ul><li>Bascule bridge</li><li>Suspension bridge</li></ul>
<script>alert("x")</script><img src=x onerror=alert(1)>
</body></html>"""


def test_structure_survives_and_furniture_does_not():
    assert looks_like_html(PAGE) and not looks_like_html("Plain text with 3 < 4 and a > b.")
    text = html_to_text(PAGE)
    article = parse_article(text)
    assert article.title == "Tower Bridge"
    assert [s.title for s in article.sections] == ["History"]
    assert [p.text for p in article.passages] == [
        "The bridge opened in 1894. It crosses the River Thames. It is 244 m long & 65 m high.",
        "Total length 244 m",
        "Bascule bridge",
        "Suspension bridge",
    ]
    for furniture in ("edit", "[1]", "[2]", "Carries", "Main page", "alert", "steal", "onerror"):
        assert furniture not in text
