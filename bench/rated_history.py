"""Every question a rating sheet has ever shown, with its blind rating: a rated set about ten times
today's banks, for judging a ranking signal on more than one generator version's questions.

    python bench/rated_history.py [--split tune|test|all]

The sheets (``bench/quality/sheets/``) are read from every commit of this repository's history
that changed them; each question is kept once (its key changes when the question does) and joined
with its rating in ``bench/quality/ratings/``. Each is then placed in the article as quizapp reads
it now: the sentence its evidence ends in (questions whose evidence is no longer found are left
out and counted). Older generator versions made faults since fixed, so the share acceptable here is
lower than the banks'; a signal is judged by how it divides the questions, not by that level.

Printed, per split: how many questions and how many placed; acceptable % by part (lead or body);
and for body questions of the types that ask a sentence (not who-said, not ordering), acceptable %
by whether the sentence reaches ``BODY_IMPORTANCE`` and whether it names the article's subject.
Needs the git history (a clone, not an export).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import quality  # noqa: E402
from quizapp.generation.distractors import DistractorFinder  # noqa: E402
from quizapp.generation.facts import ArticleFacts  # noqa: E402
from quizapp.generation.pipeline import BODY_IMPORTANCE  # noqa: E402
from quizapp.generation.types import REGISTRY  # noqa: E402
from quizapp.generation.types.base import Context, importance  # noqa: E402

SHEETS = "bench/quality/sheets"
QUESTION = re.compile(r"^### Q\d+ `(?P<key>[^`]+)` \((?P<type>\w+)\)\n(?P<body>.*?)(?=^### Q|\Z)", re.M | re.S)
EVIDENCE = re.compile(r'^Evidence \[(?P<anchor>.*?)\]: "(?P<text>.*)"$', re.M)


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout


def shown_questions() -> dict[tuple[str, str], dict]:
    """(slug, key) -> type and evidence [(anchor, text)] of every question any sheet has shown."""
    shown: dict[tuple[str, str], dict] = {}
    for commit in git("log", "--format=%H", "--", SHEETS).split():
        for name in git("ls-tree", "--name-only", commit, f"{SHEETS}/").split():
            if not name.endswith(".md"):
                continue
            questions = git("show", f"{commit}:{name}").partition("## The questions")[2]
            for match in QUESTION.finditer(questions):
                shown.setdefault(
                    (Path(name).stem, match.group("key")),
                    {"type": match.group("type"), "evidence": EVIDENCE.findall(match.group("body"))},
                )
    return shown


def percent(rows: list[bool]) -> str:
    return f"{sum(rows):4} of {len(rows):4} = {100 * sum(rows) / len(rows):3.0f}%" if rows else "   none"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "test", "all"], default="tune")
    args = parser.parse_args()
    manifest = {Path(e["file"]).stem: e for e in json.loads((quality.ARTICLES / "manifest.json").read_text(encoding="utf-8"))}
    by_article: dict[str, list[tuple[str, dict]]] = {}
    for (slug, key), question in shown_questions().items():
        entry = manifest.get(slug)
        if entry is not None and args.split in ("all", entry["split"]):
            by_article.setdefault(slug, []).append((key, question))
    rated = placed = 0
    by_part: dict[str, list[bool]] = {"lead": [], "body": []}
    body: dict[tuple[bool, bool], list[bool]] = {(a, b): [] for a in (True, False) for b in (True, False)}
    for slug, questions in sorted(by_article.items()):
        ratings = quality.load_ratings(slug)
        parsed = quality.read(manifest[slug])
        facts = ArticleFacts(parsed)
        context = Context(facts, DistractorFinder(facts), 0)
        for key, question in questions:
            rating = ratings.get(key)
            if rating is None or not question["evidence"]:
                continue
            rated += 1
            index = sentence_of(facts, *question["evidence"][0 if question["type"] == "ordering" else -1])
            if index is None:
                continue
            placed += 1
            ok = bool(rating["acceptable"])
            lead = facts.sentences[index].is_lead
            by_part["lead" if lead else "body"].append(ok)
            kind = REGISTRY.get(question["type"])
            if not lead and kind is not None and kind.stem_is_sentence:
                body[(importance(context, index) >= BODY_IMPORTANCE, facts.names_the_subject(index))].append(ok)
    print(f"split {args.split}: {rated} rated questions ever shown, {placed} placed in the articles as read now")
    for part, rows in by_part.items():
        print(f"  {part:5} acceptable {percent(rows)}")
    print(f"body questions asking a sentence, by importance (>= {BODY_IMPORTANCE}) and naming the subject:")
    for (important, names), rows in body.items():
        print(f"  {'important' if important else 'minor':9}  {'names the subject' if names else 'does not name it':17}  {percent(rows)}")
    return 0


def sentence_of(facts: ArticleFacts, anchor: str, text: str) -> int | None:
    """The index of the sentence a cited span ends in, if the article still holds the span there."""
    sentences = [s for s in facts.sentences if s.passage.anchor == anchor]
    if not sentences:
        return None
    start = sentences[0].passage.text.find(text)
    if start < 0:
        return None
    end = start + len(text)
    inside = [s.index for s in sentences if s.start < end and s.end > start]
    return inside[-1] if inside else None


if __name__ == "__main__":
    raise SystemExit(main())
