"""Benchmark the question generator on a corpus of at least 100 articles.

    python bench/generate.py [--articles N] [--repeat R]

Prints articles per second, KB of article text per second (parse + generate, one
core) and questions per 1,000 words, with the count of each question type.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import corpus  # noqa: E402
from quizapp.articles import parse_article  # noqa: E402
from quizapp.generation import QUESTION_TYPES, generate_questions  # noqa: E402

GOAL_MB_PER_SECOND = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the best is reported")
    args = parser.parse_args()
    articles = corpus(max(100, args.articles))
    sizes = sum(len(text.encode("utf-8")) for _name, text in articles)
    best = float("inf")
    types: Counter = Counter()
    words = questions = 0
    for _ in range(args.repeat):
        types.clear()
        words = questions = 0
        started = time.perf_counter()
        for name, text in articles:
            article = parse_article(text, filename=name)
            generated = generate_questions(article, seed=0)
            words += article.word_count
            questions += len(generated)
            types.update(q.type for q in generated)
        best = min(best, time.perf_counter() - started)
    mb_per_second = sizes / best / 1_000_000
    print(f"corpus: {len(articles)} articles, {sizes / 1000:.0f} KB, {words} words")
    print(f"articles per second: {len(articles) / best:.1f}")
    print(f"KB of text per second: {sizes / best / 1000:.0f}  ({mb_per_second:.2f} MB/s, goal {GOAL_MB_PER_SECOND} MB/s)")
    print(f"questions per 1,000 words: {1000 * questions / max(1, words):.1f}  ({questions} questions)")
    print("by type: " + ", ".join(f"{t} {types[t]}" for t in QUESTION_TYPES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
