"""The article reader, open to everyone: article text is public, questions are not shown here."""

from flask import render_template, request
from flask_login import current_user

from ..extensions import db
from ..models import Article, Question, QuestionStatus
from ..security import local_path
from ..services.progress import passage_mastery
from ..services.reading import article_blocks, parse_highlight
from . import bp


@bp.route("/")
def index():
    # Listed once a teacher has published questions on them; drafts under review stay unlisted.
    published = db.select(Question.article_id).where(Question.status == QuestionStatus.PUBLISHED)
    articles = db.session.execute(db.select(Article).where(Article.id.in_(published)).order_by(Article.title)).scalars().all()
    return render_template("reader/index.html", articles=articles, title="Articles")


@bp.route("/articles/<slug>")
def article(slug: str):
    article = db.first_or_404(db.select(Article).filter_by(slug=slug))
    # A bad or stale evidence span (the article re-imported since) shows the article unmarked, never a 404.
    highlight = parse_highlight(request.args.get("evidence"), article.passages)
    # Colour passages by the signed-in student's mastery, when asked for.
    show_mastery = request.args.get("mastery") == "1" and current_user.is_authenticated
    return render_template(
        "reader/article.html",
        article=article,
        blocks=article_blocks(article),
        highlight=highlight,
        evidence_lost=bool(request.args.get("evidence")) and highlight is None,
        corrected_since=request.args.get("corrected") == "1",
        mastery=passage_mastery(current_user.id, article) if show_mastery else None,
        back=local_path(request.args.get("back")),
        title=article.title,
    )
