"""Does a signal tell the questions raters accepted from those they rejected? Measured on the
rated banks of bench/quality (run ``python bench/quality.py --sheets`` and rate first).

    python bench/signals.py [--split tune|test|all]

For every rated question of the split: the generator's own ``importance`` of its sentence, and the
sentence's keyword centrality from word frequencies (``wordfreq``, not a quizapp dependency:
``pip install wordfreq`` to measure it): the mean, over its words, of how often the article uses a
word times how rare the word is in English, relative to the article's average sentence. Printed:
each signal's AUC (the chance that an accepted question scores above a rejected one; 0.5 is no
better than a coin), the two combined, and what keeping only questions above a threshold of
importance would do to the share acceptable and to the count.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import quality  # noqa: E402
from quizapp.generation import generate_questions  # noqa: E402
from quizapp.generation.distractors import DistractorFinder  # noqa: E402
from quizapp.generation.facts import ArticleFacts  # noqa: E402
from quizapp.generation.types.base import Context, importance  # noqa: E402

WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
STOP = frozenset(
    "the a an of in on at to and or for by with from as is was were are be been that this these those it its "
    "he she they his her their which who whom also not but had has have".split()
)


def centralities(sentences: list[str], zipf) -> list[float]:
    """Each sentence's keyword centrality relative to the article's mean (1.0 is average)."""
    counts = Counter(w.lower() for s in sentences for w in WORD.findall(s) if w.lower() not in STOP)
    weight = {w: n * max(0.0, 6.5 - zipf(w, "en")) for w, n in counts.items()}
    raw = []
    for sentence in sentences:
        words = {w.lower() for w in WORD.findall(sentence)} - STOP
        raw.append(sum(weight.get(w, 0.0) for w in words) / (len(words) or 1))
    mean = statistics.mean(raw) if raw else 0.0
    return [x / mean if mean else 0.0 for x in raw]


def auc(rows: list[dict], score) -> float:
    accepted = [score(r) for r in rows if r["ok"]]
    rejected = [score(r) for r in rows if not r["ok"]]
    if not accepted or not rejected:
        return float("nan")
    wins = sum((a > b) + 0.5 * (a == b) for a in accepted for b in rejected)
    return wins / (len(accepted) * len(rejected))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "test", "all"], default="tune")
    args = parser.parse_args()
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        zipf_frequency = None
        print("wordfreq is not installed: keyword centrality is left out (pip install wordfreq)")
    manifest = json.loads((quality.ARTICLES / "manifest.json").read_text())
    rows = []
    for entry in manifest:
        if args.split != "all" and entry["split"] != args.split:
            continue
        parsed = quality.read(entry)
        ratings = quality.load_ratings(Path(entry["file"]).stem)
        facts = ArticleFacts(parsed)
        context = Context(facts, DistractorFinder(facts), 0)
        central = centralities([s.text for s in facts.sentences], zipf_frequency) if zipf_frequency else None
        for question in generate_questions(parsed):
            rating = ratings.get(quality.question_key(question, parsed))
            if rating is None:
                continue
            index = next(
                s.index for s in facts.sentences
                if s.passage.anchor == question.source.passage and s.start <= question.source.start <= s.end
            )
            rows.append({
                "ok": rating["acceptable"],
                "importance": importance(context, index),
                "centrality": central[index] if central else None,
            })
    print(f"{args.split} split: {len(rows)} rated questions, {sum(r['ok'] for r in rows)} acceptable")
    print(f"  AUC importance (the generator's own):      {auc(rows, lambda r: r['importance']):.3f}")
    if zipf_frequency:
        print(f"  AUC keyword centrality (wordfreq):         {auc(rows, lambda r: r['centrality']):.3f}")
        print(f"  AUC importance + 0.5 x centrality:         {auc(rows, lambda r: r['importance'] + 0.5 * r['centrality']):.3f}")
    print("  keeping only questions of importance >= t:")
    for threshold in (0.5, 0.7, 0.9, 1.1):
        kept = [r for r in rows if r["importance"] >= threshold]
        good = sum(r["ok"] for r in kept)
        print(f"    t = {threshold:.1f}: {len(kept):4d} kept, {good:4d} acceptable = {quality.percent(good, len(kept))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
