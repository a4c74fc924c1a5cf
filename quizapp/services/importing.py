"""Bring articles and question banks into the database, in one transaction each."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from flask import Flask
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from ..articles import ArticleError, ParsedArticle, parse_article
from ..articles.html_text import html_to_text, looks_like_html
from ..articles.files import parse_article_file
from ..database import commit_with_retry, setup_lock, upgrade_schema
from ..extensions import db
from ..generation import GeneratedQuestion, generate_questions, validate_question
from ..generation.bank import BankError, CheckedQuestions, load_bank
from ..generation.pipeline import MAX_QUESTIONS, bank_entry_of
from ..generation.screening import conflicts
from ..models import Article, CitedSpan, FeedbackMode, Passage, Question, QuestionOrigin, QuestionStatus, Quiz, QuizItem, Section, User
from ..wording import plural
from . import revisions
from .authoring import as_generated, stored_as_parsed

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".wiki", ".html", ".htm")
# Files in questions/ that document the folder rather than being articles.
FOLDER_DOCUMENTS = {"readme", "sources", "licence", "license"}


class ImportConflict(ValueError):
    """An article with the same slug but different text is already in the database."""


@dataclass
class ImportResult:
    article: Article
    created: bool  # False: the article was already there (unchanged, or its bank merged in)
    passages: int
    questions_by_type: Counter = field(default_factory=Counter)
    added: int = 0  # bank merged into an existing article: questions added
    updated: int = 0  # ... questions changed
    kept: int = 0  # ... questions left as a teacher edited them in the app
    status: str = QuestionStatus.DRAFT  # the status the new questions were given
    warnings: list[str] = field(default_factory=list)  # for the teacher: the import worked, but...
    writing_job_id: int | None = None  # the language model writing its questions in the background

    @property
    def question_count(self) -> int:
        return sum(self.questions_by_type.values())

    def summary(self) -> str:
        if not self.created and (self.added or self.updated or self.kept):
            kept = f", {self.kept:,} kept as edited by a teacher" if self.kept else ""
            return (
                f"{self.article.title!r} ({self.article.slug}): question bank merged, "
                f"{plural(self.added, 'question')} added, {self.updated:,} updated{kept}"
            )
        if not self.created:
            return f"{self.article.title!r} ({self.article.slug}) is already imported, unchanged"
        kinds = ", ".join(f"{count:,} {kind}" for kind, count in sorted(self.questions_by_type.items()))
        return (
            f"{self.article.title!r} ({self.article.slug}): {plural(self.passages, 'passage')}, "
            f"{plural(self.question_count, 'question')}" + (f" ({kinds})" if kinds else "")
        )


@dataclass
class ArticleFile:
    """An article read from disk: parsed text, and questions when the file is a question bank."""

    parsed: ParsedArticle
    questions: Sequence[GeneratedQuestion] | None  # from a bank: CheckedQuestions
    name: str


def read_article_file(path: str | Path, max_bytes: int | None = None) -> ArticleFile:
    """Parse an article (.txt/.md) or a question-bank file (.json); ArticleError/BankError say why not."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    return read_article_bytes(data, path.name, max_bytes)


def read_article_bytes(data: bytes, name: str, max_bytes: int | None = None) -> ArticleFile:
    if name.lower().endswith(".json"):
        # A bank holds the article's text plus its questions: allow it a few times the article limit.
        if max_bytes and len(data) > max_bytes * 4:
            raise BankError(f"The question-bank file is too large ({len(data) / 1_048_576:.1f} MB).")
        parsed, questions = load_bank(data)
        return ArticleFile(parsed, questions, name)
    return ArticleFile(parse_article_file(data, name, max_bytes), None, name)


def same_passages(stored, parsed) -> bool:
    """Whether two articles (stored or parsed) have the same passages, anchor for anchor."""
    return [(p.anchor, p.text) for p in stored] == [(p.anchor, p.text) for p in parsed]


def content_hash(parsed: ParsedArticle) -> str:
    material = [(p.anchor, p.section, p.kind, p.text) for p in parsed.passages]
    return hashlib.sha256(json.dumps([parsed.title, material]).encode()).hexdigest()


def import_article(
    parsed: ParsedArticle,
    questions: Sequence[GeneratedQuestion] | None = None,
    *,
    status: str = QuestionStatus.DRAFT,
    origin: str = QuestionOrigin.GENERATOR,
    source_name: str | None = None,
    imported_by: User | None = None,
    seed: int = 0,
) -> ImportResult:
    """Store an article with its passages and questions, all or nothing.

    ``questions=None`` generates them from the article. Importing the same text again
    changes nothing; a question bank (``origin="bank"``) for an article already stored
    (same passages) is merged into it: new questions are added, known ones updated unless
    a teacher has edited them here. A different text under an existing slug raises ImportConflict.
    """
    existing = _existing(parsed)
    if existing is not None:
        refusal = import_refusal(existing, parsed, questions, origin, imported_by)
        if refusal:
            raise ImportConflict(refusal)
        if origin == QuestionOrigin.BANK and questions is not None and same_passages(existing.passages, parsed.passages):
            return _merge_questions(existing, parsed, questions, status=status, origin=origin)
        return ImportResult(existing, created=False, passages=len(existing.passages))
    if questions is None:
        questions = generate_questions(parsed, seed=seed)
    _validated(parsed, questions)

    try:
        article = Article(
            slug=parsed.slug,
            title=parsed.title,
            source_format=parsed.format,
            source_name=source_name,
            attribution=parsed.attribution or None,
            content_hash=content_hash(parsed),
            imported_by_id=imported_by.id if imported_by else None,
        )
        article.sections = [
            Section(position=s.position, level=s.level, title=s.title, anchor=s.anchor) for s in parsed.sections
        ]
        passages = {
            p.anchor: Passage(
                position=p.position,
                anchor=p.anchor,
                section=p.section,
                section_anchor=p.section_anchor,
                kind=p.kind,
                text=p.text,
            )
            for p in parsed.passages
        }
        article.passages = list(passages.values())
        db.session.add(article)
        db.session.flush()  # passage ids, for the questions that cite several passages
        counts: Counter = Counter()
        for generated in questions:
            article.questions.append(
                Question(
                    bank_id=generated.id,
                    **question_fields(generated, passages),
                    status=status,
                    origin=origin,
                    author_id=imported_by.id if imported_by and origin == QuestionOrigin.TEACHER else None,
                )
            )
            counts[generated.type] += 1
        db.session.add(article)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return ImportResult(
        article, created=True, passages=len(parsed.passages), questions_by_type=counts, status=status
    )


def _existing(parsed: ParsedArticle) -> Article | None:
    return db.session.execute(db.select(Article).filter_by(slug=parsed.slug)).scalar_one_or_none()


def import_refusal(
    existing: Article, parsed: ParsedArticle, questions: Sequence[GeneratedQuestion] | None, origin: str, imported_by: User | None
) -> str | None:
    """Why ``parsed`` cannot be imported beside ``existing``, the article already at its address, or None:
    the same text again is a no-op, and a bank for the same passages merges into it."""
    if origin == QuestionOrigin.BANK and questions is not None and same_passages(existing.passages, parsed.passages):
        # Only the article's own teacher (or, for the command line and bundled articles,
        # nobody in particular) may merge a bank into it.
        if imported_by is not None and existing.imported_by_id not in (None, imported_by.id):
            return f"{existing.title!r} was imported by another teacher; only they can merge questions into it."
        return None
    if existing.content_hash == content_hash(parsed):
        return None
    return (
        f"An article with the address {parsed.slug!r} already exists with different text. "
        "To correct that article, open it and choose “Correct the text”; otherwise give the new article another title."
    )


def refusal_before_import(loaded: ArticleFile, teacher: User) -> tuple[str, Article] | None:
    """Checked before the import's progress page starts (it must not say "Saving" and then refuse):
    why the upload would be refused, with the article in the way, or None."""
    existing = _existing(loaded.parsed)
    if existing is None:
        return None
    origin = QuestionOrigin.BANK if loaded.questions is not None else QuestionOrigin.GENERATOR
    refusal = import_refusal(existing, loaded.parsed, loaded.questions, origin, teacher)
    return (refusal, existing) if refusal else None


def _validated(parsed: ParsedArticle, questions: Sequence[GeneratedQuestion]) -> None:
    """Refuse any unsound question before anything is written (BankError says which and why)."""
    if isinstance(questions, CheckedQuestions) and (
        questions.article is parsed or same_passages(questions.article.passages, parsed.passages)
    ):
        return  # load_bank has checked them against these very passages
    for question in questions:
        problems = validate_question(parsed, question)
        if problems:
            raise BankError(f"Question {question.id!r} cannot be imported: {'; '.join(problems)}")


def question_fields(generated: GeneratedQuestion, passages: Mapping[str, Passage]) -> dict:
    """A generated question's content as ``Question`` columns, its citations on the stored passages."""
    return {
        "type": generated.type,
        "prompt": generated.prompt,
        "choices": list(generated.choices),
        "answer": generated.answer,
        "explanation": generated.explanation,
        "passage": passages[generated.source.passage],
        "evidence_start": generated.source.start,
        "evidence_end": generated.source.end,
        "also_cites": further_citations(generated, passages),
    }


def further_citations(generated: GeneratedQuestion, passages: Mapping[str, Passage]) -> list[dict]:
    """The question's further spans as stored (``Question.also_cites``): by passage id, not anchor,
    so a correction that retires a passage leaves them citing the text they were checked against."""
    return [CitedSpan(passages[c.passage], c.start, c.end).stored for c in generated.also_cites]


def _merge_questions(
    article: Article, parsed: ParsedArticle, questions: Sequence[GeneratedQuestion], *, status: str, origin: str
) -> ImportResult:
    """A bank edited in git, imported back: update known questions by id, add new ones, in one transaction."""
    _validated(parsed, questions)
    if parsed.attribution:
        article.attribution = parsed.attribution
    passages = {p.anchor: p for p in article.passages}
    stored = {q.bank_id: q for q in article.questions}
    added = updated = kept = 0
    try:
        for generated in questions:
            fields = question_fields(generated, passages)
            question = stored.get(generated.id)
            if question is None:
                article.questions.append(Question(bank_id=generated.id, status=status, origin=origin, **fields))
                added += 1
            elif question.author_id is not None:
                kept += 1  # a teacher's edit in the app wins over the file
            elif revisions.update_question(question, fields):
                updated += 1
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return ImportResult(
        article, created=False, passages=len(article.passages), added=added, updated=updated, kept=kept
    )


def draft_more_questions(article: Article) -> int:
    """Every sound question the generator finds in a stored article and the article lacks, added
    as drafts in one transaction; how many.

    By default the generator asks a side detail only to fill a thin bank; a teacher who wants more
    drafts asks for them here. A question the article has in any status (a rejected one is not
    offered again), or one that would give away a question it keeps or be given away by one, is
    left out. Two requests at once add them once: the second finds them stored (or its insert
    meets the unique bank id, and it adds nothing).
    """
    generated = generate_questions(stored_as_parsed(article), max_questions=MAX_QUESTIONS)
    article_id = article.id
    passages = {p.anchor: p for p in article.passages}

    def unit() -> int:
        stored = db.session.execute(db.select(Question).filter_by(article_id=article_id)).scalars().all()
        taken = {q.bank_id for q in stored}
        in_bank = [bank_entry_of(as_generated(q)) for q in stored if q.status != QuestionStatus.REJECTED]
        added = 0
        for question in generated:
            entry = bank_entry_of(question)
            if question.id in taken or conflicts(entry, in_bank):
                continue
            in_bank.append(entry)
            db.session.add(
                Question(
                    article_id=article_id, bank_id=question.id, **question_fields(question, passages),
                    status=QuestionStatus.DRAFT, origin=QuestionOrigin.GENERATOR,
                )
            )
            added += 1
        return added

    try:
        return commit_with_retry(db.session, unit)
    except IntegrityError:
        return 0  # another request stored the same questions first


def create_article_quiz(article: Article) -> Quiz | None:
    """A quiz of every published question of an article, open to all students."""
    published = [q for q in article.questions if q.status == QuestionStatus.PUBLISHED]
    if not published:
        return None
    published.sort(key=lambda q: (q.passage.position, q.evidence_start, q.id))
    quiz = Quiz(title=article.title, classroom_id=None, feedback=FeedbackMode.IMMEDIATE, published=True)
    quiz.items = [QuizItem(question=q, position=i) for i, q in enumerate(published)]
    db.session.add(quiz)
    db.session.commit()
    return quiz


def bundled_files(directory: str | Path) -> list[tuple[Path, Path | None]]:
    """(article, its bank or None) pairs in name order; a bank without its article stands alone."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    banks = {bank.stem: bank for bank in directory.glob("*.json")}
    texts = {
        path.stem: path
        for path in directory.iterdir()
        if path.suffix.lower() in ARTICLE_SUFFIXES and path.stem.lower() not in FOLDER_DOCUMENTS
    }
    return [(texts.get(stem, banks.get(stem)), banks.get(stem) if stem in texts else None) for stem in sorted(texts | banks)]


def import_bundled(directory: str | Path) -> list[ImportResult]:
    """First start: import the project's own articles, published, each with an open quiz.

    An article with a bank beside it keeps its own structure (sections, lists) from the
    text and takes its questions from the bank, reviewed and kept in git.
    """
    results = []
    if db.session.execute(db.select(func.count(Article.id))).scalar_one():
        return results
    for article_path, bank_path in bundled_files(directory):
        loaded = read_article_file(article_path)
        questions = loaded.questions
        if bank_path is not None:
            bank_article, questions = load_bank(bank_path.read_bytes())
            if not same_passages(bank_article.passages, loaded.parsed.passages):
                raise BankError(f"{bank_path.name} does not match the passages of {article_path.name}; regenerate it.")
            parsed = replace(loaded.parsed, attribution=bank_article.attribution)
            questions = CheckedQuestions(questions, parsed)  # its passages are the bank's: compared just above
        else:
            parsed = loaded.parsed
        result = import_article(
            parsed,
            questions,
            status=QuestionStatus.PUBLISHED,
            origin=QuestionOrigin.BANK if questions is not None else QuestionOrigin.GENERATOR,
            source_name=article_path.name,
        )
        if result.created:
            create_article_quiz(result.article)
        results.append(result)
    return results


def read_wikipedia(address: str, *, api_url: str, timeout: float, max_bytes: int) -> ArticleFile:
    """A Wikipedia article fetched by its address, with its attribution and licence; WikipediaError
    or ArticleError say why not."""
    from ..articles.wikipedia import fetch_article

    fetched = fetch_article(address, api_url=api_url, timeout=timeout, max_bytes=max_bytes)
    parsed = parse_article(fetched.source, fmt="wiki", max_bytes=max_bytes)
    return ArticleFile(replace(parsed, attribution=fetched.attribution), None, fetched.url or "Wikipedia")


def read_upload(*, file, text: str | None, title: str | None, max_bytes: int) -> ArticleFile:
    """A teacher's uploaded file or pasted text (HTML reduced to text), parsed; ArticleError/BankError say why not."""
    if file is not None:
        name = file.filename or "upload.txt"
        data = file.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ArticleError(f"The file is larger than {max_bytes / 1_048_576:.1f} MB.")
        return read_article_bytes(data, name, max_bytes)
    pasted = (text or "").removeprefix("\ufeff")
    fmt = None
    if looks_like_html(pasted):
        pasted, fmt = html_to_text(pasted), "markdown"
    # A typed title names the article unless the text opens with a heading of its own.
    typed = title.strip() if title and title.strip() and not pasted.lstrip().startswith(("=", "#")) else None
    parsed = parse_article(pasted, filename=title or None, fmt=fmt, title=typed, max_bytes=max_bytes)
    if parsed.title_guessed:
        raise ArticleError(
            "The text has no title. Type one in the Title box, or start the text with a heading "
            "(a short first line on its own, '# Title' or '= Title =')."
        )
    return ArticleFile(parsed, None, "pasted text")


@dataclass
class ImportStep:
    """One line of progress while an upload is imported; the last one carries the result or the error."""

    message: str
    result: ImportResult | None = None
    error: str | None = None


def import_with_progress(loaded: ArticleFile, teacher: User, builtin: bool = True) -> Iterator[ImportStep]:
    """Generate (unless the file is a bank, or ``builtin`` is false: the language model will write
    the questions) and store, saying what happens as it happens."""
    parsed = loaded.parsed
    yield ImportStep(
        f"Read {parsed.title!r}: {plural(len(parsed.passages), 'passage')} "
        + (f"in {plural(len(parsed.sections), 'section')}" if parsed.sections else "(no section headings)")
        + f", {plural(parsed.word_count, 'word')}."
    )
    questions = loaded.questions
    from_bank = questions is not None
    try:
        if not from_bank and not builtin:
            questions = []
        elif not from_bank:
            yield ImportStep("Generating questions from the article's facts…")
            questions = generate_questions(parsed)
            citing = {0: "", 1: ", citing its evidence"}.get(len(questions), ", each citing its evidence")
            yield ImportStep(f"Generated {plural(len(questions), 'question')}{citing}.")
        yield ImportStep("Saving the article and its questions…")
        result = import_article(
            parsed,
            questions,
            status=QuestionStatus.PUBLISHED if from_bank else QuestionStatus.DRAFT,
            origin=QuestionOrigin.BANK if from_bank else QuestionOrigin.GENERATOR,
            source_name=loaded.name,
            imported_by=teacher,
        )
    except (BankError, ImportConflict) as error:
        yield ImportStep("Nothing was imported.", error=str(error))
        return
    if result.created and not result.question_count and (builtin or from_bank):
        result.warnings.append(no_questions_warning(parsed, from_bank))
    # The outcome itself is shown once, under the steps.
    yield ImportStep("Done.", result=result)


def no_questions_warning(parsed: ParsedArticle, from_bank: bool) -> str:
    """Why an article arrived without questions, and what the teacher can do about it."""
    if from_bank:
        return "No questions were imported: the question-bank file holds none. You can add questions by hand."
    return (
        "No questions could be generated from this text: quizapp found no sentence in it "
        f"({plural(parsed.word_count, 'word')}, {plural(len(parsed.passages), 'passage')}) stating a fact "
        "(a name, date, number or place) to ask about. A longer article in full sentences works best; "
        "you can also add questions by hand."
    )


def setup_database(app: Flask) -> list[ImportResult]:
    """Upgrade the schema, then import the bundled articles that are not in the database yet."""
    with app.app_context(), setup_lock(app):
        upgrade_schema()
        return import_bundled(app.config["BUNDLED_QUESTIONS_DIR"])
