"""The article reader, open to everyone: article text is public, questions are not shown here."""

from flask import abort, render_template, request

from ..extensions import db
from ..models import Article
from ..services.reading import article_blocks, parse_highlight
from . import bp


@bp.route("/")
def index():
    articles = db.session.execute(db.select(Article).order_by(Article.title)).scalars().all()
    return render_template("reader/index.html", articles=articles, title="Articles")


@bp.route("/articles/<slug>")
def article(slug: str):
    article = db.first_or_404(db.select(Article).filter_by(slug=slug))
    highlight = parse_highlight(request.args.get("evidence"), article.passages)
    if request.args.get("evidence") and highlight is None:
        abort(404)
    return render_template(
        "reader/article.html",
        article=article,
        blocks=article_blocks(article),
        highlight=highlight,
        title=article.title,
    )
