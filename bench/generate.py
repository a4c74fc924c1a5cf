"""Benchmark the question generator on a corpus of at least 100 articles.

    python bench/generate.py [--articles N] [--repeat R]

Prints articles per second, KB of article text per second (parse + generate, one
core) and questions per 1,000 words, with the count of each question type; then the
time for one long article (``--large`` KB, by default 500: ``corpus.large_article``,
many quotations by many people), and for one article that is a single sentence of half and of
all of ``--single-line`` KB (by default 1 MB): both must stay linear in their length.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import corpus, large_article, single_line_article  # noqa: E402
from quizapp.articles import parse_article  # noqa: E402
from quizapp.generation import QUESTION_TYPES, generate_questions  # noqa: E402

GOAL_MB_PER_SECOND = 1.0
GOAL_LARGE_SECONDS = 5.0  # for a 500 KB article: "a few seconds"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the best is reported")
    parser.add_argument("--large", type=int, default=500, help="KB of the one long article timed (0: skip)")
    parser.add_argument("--single-line", type=int, default=1000, help="KB of the one-sentence article timed (0: skip)")
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
    if args.large:
        text = large_article(args.large * 1000)
        started = time.perf_counter()
        article = parse_article(text, filename="large.txt")
        generated = generate_questions(article, seed=0)
        seconds = time.perf_counter() - started
        large_types = Counter(q.type for q in generated)
        print(
            f"large article: {len(text.encode('utf-8')) / 1000:.0f} KB, {article.word_count} words, "
            f"{len(article.passages)} paragraphs: {seconds:.2f} s (goal < {GOAL_LARGE_SECONDS:.0f} s), "
            f"{len(generated)} questions (" + ", ".join(f"{t} {large_types[t]}" for t in QUESTION_TYPES) + ")"
        )
    if args.single_line:
        for kilobytes in (args.single_line // 2, args.single_line):
            text = single_line_article(kilobytes * 1000)
            started = time.perf_counter()
            article = parse_article(text, filename="single-line.txt")
            generated = generate_questions(article, seed=0)
            seconds = time.perf_counter() - started
            print(
                f"one-sentence article: {len(text.encode('utf-8')) / 1000:.0f} KB in one line, {article.word_count} words: "
                f"{seconds:.2f} s, {len(generated)} questions"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
