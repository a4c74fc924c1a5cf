"""Question quality on articles the generator was not written for: rating sheets and the figures.

    python bench/quality.py [--split tune|test|all] [--sheets] [--only SLUG ...]

The corpus is ``bench/articles/`` (``manifest.json``: subject, format, source, licence, and a
split: ``tune`` articles may guide changes to the generator, ``test`` articles only measure it).
Each article is read as a teacher's upload or paste would be (HTML reduced to text first) and
its default bank generated.

``--sheets`` writes one rating sheet per article, ``bench/quality/sheets/<slug>.md``: the
article's passages and every question (type, stem, options, key, cited evidence), each under
a key that changes when the question changes; ``sheets/todo.json`` lists, per article, the keys
no rating covers yet. Raters see only the sheet (never the code) and
write ``bench/quality/ratings/<slug>.json``::

    {"rater": "...", "ratings": {"<key>": {"acceptable": true, "fails": [], "note": ""}}}

``fails`` names the rubric checks a question fails (see RUBRIC below; ``acceptable`` is true only
when it names none). Ratings of questions that did not change are kept across generator
changes; a changed question has a new key and waits for a new rating.

Printed, for the split: per article the words, questions, acceptable ones (of those rated)
and acceptable per 1,000 words; then acceptable % per type and per subject, the rubric checks
failed most often, the question types present per article, and the share of content passages
asked about. Unrated questions are counted and listed, never guessed.

Wherever a language model is configured (``QUIZAPP_LLM_URL`` and ``QUIZAPP_LLM_MODEL``, with
``QUIZAPP_LLM_API_KEY`` if the endpoint wants one), the model writer runs on each article too,
beside the generator as "both" does in the app (a question asking what the generator already asks
is refused as a duplicate), and adds its column: questions proposed, kept (proved by the article), refused, and of the kept the
acceptable ones. ``--sheets`` then puts the kept ones on the same sheet, after the generator's,
without saying which wrote what, so that they are rated blind alike.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizapp.articles import ParsedArticle, is_content_section  # noqa: E402
from quizapp.articles.files import parse_article_file  # noqa: E402
from quizapp.generation import QUESTION_TYPES, Citation, GeneratedQuestion, generate_questions  # noqa: E402
from quizapp.generation.model_writer import ModelSettings, OpenAIChat, WritingOutcome, write_questions  # noqa: E402

ARTICLES = ROOT / "bench" / "articles"
SHEETS = ROOT / "bench" / "quality" / "sheets"
RATINGS = ROOT / "bench" / "quality" / "ratings"
GOAL_ACCEPTABLE = 0.90
GOAL_PER_1000_WORDS = 15.0

RUBRIC = {
    "grammatical": "the stem is not well-formed English",
    "sensible alone": 'it leans on something it never names: "he", "it", "this process", "on Monday", "the same year", "the group"',
    "unambiguous": "more than one defensible answer",
    "key right": "the stored answer is wrong per the article",
    "grounded": "the cited evidence does not state the answer",
    "no giveaway": "the stem's own words give the answer away",
    "distractors": "options not of the answer's kind, implausible, possibly right, or ruled out by the stem",
    "worth asking": "a side remark, a citation detail, half a compound, a generic word: not what a teacher would test",
    "bank level": "another question's stem in the same bank gives this one's answer away",
}


@dataclass
class Article:
    slug: str
    entry: dict
    parsed: ParsedArticle
    questions: list[GeneratedQuestion]
    model: WritingOutcome | None = None  # the language model's, where one is configured

    @property
    def words(self) -> int:
        return sum(len(p.text.split()) for p in self.parsed.passages if is_content_section(p.section))


def model_settings() -> ModelSettings | None:
    """The endpoint the environment names, as the app reads it; None when there is none."""
    url, model = os.environ.get("QUIZAPP_LLM_URL"), os.environ.get("QUIZAPP_LLM_MODEL")
    if not url or not model:
        return None
    return ModelSettings(url, model, api_key=os.environ.get("QUIZAPP_LLM_API_KEY") or None,
                         timeout=float(os.environ.get("QUIZAPP_LLM_TIMEOUT", 120)), retries=int(os.environ.get("QUIZAPP_LLM_RETRIES", 2)))


def read(entry: dict) -> ParsedArticle:
    """The article as quizapp reads it from a teacher's file: a saved page is reduced to text first."""
    return parse_article_file((ARTICLES / entry["file"]).read_bytes(), entry["file"])


def question_key(question: GeneratedQuestion, parsed: ParsedArticle) -> str:
    """The question's id and a hash of everything a rater judges: a changed question is a new one."""
    evidence = "\n".join(cited_text(parsed, source) for source in question.citations)
    material = json.dumps([question.type, question.prompt, question.choices, question.answer, evidence])
    return f"{question.id}-{hashlib.sha256(material.encode()).hexdigest()[:8]}"


def cited_text(parsed: ParsedArticle, source: Citation) -> str:
    return parsed.passage(source.passage).text[source.start : source.end]


def sheet(article: Article) -> str:
    """What a rater sees: the article, then the bank."""
    parsed = article.parsed
    lines = [f"# Rating sheet: {parsed.title}", "", f"Subject: {article.entry['subject']}", "", "## The article", ""]
    section = None
    for passage in parsed.passages:
        if passage.section != section:
            section = passage.section
            lines += [f"### {section or '(lead)'}", ""]
        lines += [f"[{passage.anchor}] {passage.text}", ""]
    lines += ["## The questions", ""]
    for number, question in enumerate(rated_questions(article), 1):
        lines.append(f"### Q{number} `{question_key(question, parsed)}` ({question.type})")
        lines.append("")
        lines.append(f"Stem: {question.prompt}")
        if question.type == "ordering":
            lines.append("Events (as shown): " + " | ".join(question.choices))
            lines.append("Key (right order): " + " -> ".join(question.answer))
        else:
            if question.choices:
                lines.append("Options: " + " | ".join(question.choices))
            lines.append(f"Key: {question.answer}")
        for source in question.citations:
            lines.append(f"Evidence [{source.passage}]: \"{cited_text(parsed, source)}\"")
        lines.append("")
    return "\n".join(lines)


def rated_questions(article: Article) -> list[GeneratedQuestion]:
    """The generator's questions, then the model's kept ones: one sheet, one blind rating."""
    return article.questions + (article.model.accepted if article.model else [])


def load_ratings(slug: str) -> dict[str, dict]:
    path = RATINGS / f"{slug}.json"
    return json.loads(path.read_text(encoding="utf-8"))["ratings"] if path.exists() else {}


def percent(part: int, whole: int) -> str:
    return f"{part / whole:5.0%}" if whole else "   - "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "test", "all"], default="test")
    parser.add_argument("--sheets", action="store_true", help="write the rating sheets of the split")
    parser.add_argument("--only", nargs="*", help="these articles (slugs) only")
    args = parser.parse_args()
    manifest = json.loads((ARTICLES / "manifest.json").read_text(encoding="utf-8"))
    articles = []
    for entry in manifest:
        slug = Path(entry["file"]).stem
        if (args.split != "all" and entry["split"] != args.split) or (args.only and slug not in args.only):
            continue
        parsed = read(entry)
        articles.append(Article(slug, entry, parsed, generate_questions(parsed)))
    settings = model_settings()
    if settings is not None:
        client = OpenAIChat(settings)
        for article in articles:
            # beside the generator, as "both" in the app: what the generator already asks is refused
            article.model = write_questions(article.parsed, client, settings, existing=article.questions)
    if args.sheets:
        SHEETS.mkdir(parents=True, exist_ok=True)
        todo = {}
        for article in articles:
            (SHEETS / f"{article.slug}.md").write_text(sheet(article) + "\n", encoding="utf-8")
            ratings = load_ratings(article.slug)
            keys = [question_key(q, article.parsed) for q in rated_questions(article)]
            if [k for k in keys if k not in ratings]:
                todo[article.slug] = [k for k in keys if k not in ratings]
        (SHEETS / "todo.json").write_text(json.dumps(todo, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {len(articles)} rating sheets to {SHEETS.relative_to(ROOT)}/; questions to rate in sheets/todo.json")

    by_type: dict[str, Counter] = defaultdict(Counter)
    by_subject: dict[str, Counter] = defaultdict(Counter)
    fails: Counter = Counter()
    unrated: list[str] = []
    totals = Counter()
    print(f"\n{args.split} split: {len(articles)} articles")
    print(f"{'article':44s} {'subject':15s} {'words':>5s} {'qs':>4s} {'rated':>5s} {'ok':>4s} {'ok%':>5s} {'ok/1000w':>8s}  types")
    for article in articles:
        ratings = load_ratings(article.slug)
        rated = ok = 0
        for question in article.questions:
            rating = ratings.get(question_key(question, article.parsed))
            if rating is None:
                unrated.append(f"{article.slug}: {question.id}")
                continue
            rated += 1
            good = bool(rating["acceptable"]) and not rating.get("fails")
            ok += good
            fails.update(rating.get("fails", []))
            for counter in (by_type[question.type], by_subject[article.entry["subject"]]):
                counter["rated"] += 1
                counter["ok"] += good
        types = Counter(q.type for q in article.questions)
        content = [p for p in article.parsed.passages if is_content_section(p.section)]
        asked = {source.passage for q in article.questions for source in q.citations}
        totals.update(words=article.words, questions=len(article.questions), rated=rated, ok=ok,
                      passages=len(content), asked=len(asked & {p.anchor for p in content}))
        per_1000 = ok / article.words * 1000 if rated == len(article.questions) and article.words else float("nan")
        print(
            f"{article.slug[:44]:44s} {article.entry['subject']:15s} {article.words:5d} {len(article.questions):4d} "
            f"{rated:5d} {ok:4d} {percent(ok, rated)} {per_1000:8.1f}  "
            + " ".join(f"{name.split('_')[0][:5]}:{types[name]}" for name in QUESTION_TYPES if types[name])
        )
    print()
    print(f"questions: {totals['questions']} on {totals['words']} words = {totals['questions'] / max(1, totals['words']) * 1000:.1f} per 1,000 words")
    print(f"rated: {totals['rated']}, acceptable: {totals['ok']} = {percent(totals['ok'], totals['rated']).strip()} "
          f"(goal {GOAL_ACCEPTABLE:.0%}); unrated: {len(unrated)}")
    if totals["rated"] == totals["questions"]:
        print(f"acceptable per 1,000 words: {totals['ok'] / max(1, totals['words']) * 1000:.1f} (goal {GOAL_PER_1000_WORDS:g})")
    print(f"content passages asked about: {totals['asked']} of {totals['passages']} = {percent(totals['asked'], totals['passages']).strip()}")
    print("\nacceptable by type:")
    for name in QUESTION_TYPES:
        c = by_type[name]
        present = sum(1 for a in articles if any(q.type == name for q in a.questions))
        print(f"  {name:16s} {c['ok']:4d} of {c['rated']:4d} = {percent(c['ok'], c['rated'])}   present in {present} of {len(articles)} articles")
    print("\nacceptable by subject:")
    for subject in sorted(by_subject):
        c = by_subject[subject]
        print(f"  {subject:16s} {c['ok']:4d} of {c['rated']:4d} = {percent(c['ok'], c['rated'])}")
    if fails:
        print("\nrubric checks failed (a question may fail several):")
        for check, n in fails.most_common():
            print(f"  {check:16s} {n:4d}")
    if unrated:
        print(f"\nunrated ({len(unrated)}): " + ", ".join(unrated[:12]) + (" ..." if len(unrated) > 12 else ""))
    if settings is not None:
        report_model(articles, settings)
    return 0


def report_model(articles: list[Article], settings: ModelSettings) -> None:
    """The language model's column: proposed, kept by the proof, refused, acceptable of the kept."""
    print(f"\nlanguage model {settings.model} at {settings.url}:")
    print(f"{'article':44s} {'proposed':>8s} {'kept':>5s} {'refused':>7s} {'rated':>5s} {'ok':>4s} {'ok%':>5s}")
    totals: Counter = Counter()
    reasons: Counter = Counter()
    for article in articles:
        outcome = article.model
        ratings = load_ratings(article.slug)
        marks = [ratings.get(question_key(q, article.parsed)) for q in outcome.accepted]
        rated = [m for m in marks if m is not None]
        ok = sum(1 for m in rated if m["acceptable"] and not m.get("fails"))
        totals.update(proposed=outcome.proposed, kept=len(outcome.accepted), refused=len(outcome.rejected), rated=len(rated), ok=ok,
                      words=article.words)
        reasons.update(r.reason.split(" (“")[0].split(":")[0].split(" “")[0] for r in outcome.rejected)
        print(f"{article.slug[:44]:44s} {outcome.proposed:8d} {len(outcome.accepted):5d} {len(outcome.rejected):7d} "
              f"{len(rated):5d} {ok:4d} {percent(ok, len(rated))}")
    print(f"kept {totals['kept']} of {totals['proposed']} proposed = {percent(totals['kept'], totals['proposed']).strip()}; "
          f"acceptable {totals['ok']} of {totals['rated']} rated = {percent(totals['ok'], totals['rated']).strip()}; "
          f"kept per 1,000 words: {totals['kept'] / max(1, totals['words']) * 1000:.1f}")
    if reasons:
        print("refused, by reason:")
        for reason, n in reasons.most_common(8):
            print(f"  {n:4d}  {reason}")


if __name__ == "__main__":
    sys.exit(main())
