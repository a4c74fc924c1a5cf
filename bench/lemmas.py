"""Would a lemmatiser serve the generator better than its five-letter stems?

    python bench/lemmas.py [--split tune|test|all] [--library simplemma|lemminflect]

quizapp compares words by their first five letters (``quizapp.generation.facts.content_stems``:
"denied" and "denial" share "denie"/"denia" -> close enough), in every check that asks whether two
texts speak of the same thing: the article's subject named, a fact told twice, a distractor also
true, a model's question proved. This bench swaps in a dictionary lemmatiser (simplemma or
lemminflect, neither a quizapp dependency: ``pip install simplemma lemminflect``) for the run and
prints, per split, what the banks become: questions kept, changed and unrated, the rated share
acceptable, and the generation time against the stems.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import quality  # noqa: E402
from quizapp.generation import facts, generate_questions, lexicon  # noqa: E402

# The modules that imported content_stems by name: each gets the lemmatiser's version.
USERS = (
    "quizapp.generation.facts",
    "quizapp.generation.screening",
    "quizapp.generation.distractors",
    "quizapp.generation.proof",
    "quizapp.generation.model_writer",
    "quizapp.generation.types.multiple_choice",
)


def lemma_stems(library: str):
    if library == "simplemma":
        import simplemma

        def lemma(word: str) -> str:
            return simplemma.lemmatize(word, lang="en")
    else:
        from lemminflect import getAllLemmas

        def lemma(word: str) -> str:
            found = getAllLemmas(word)
            for pos in ("VERB", "NOUN", "ADJ", "ADV", "AUX"):
                if pos in found:
                    return found[pos][0]
            return word

    @lru_cache(maxsize=65536)
    def content_lemmas(text: str) -> frozenset[str]:
        lemmas = set()
        for word in facts._WORD.findall(text):
            if len(word) > 2 and word.lower() not in lexicon.STOPWORDS:
                lemmas.add(lemma(word.lower()).lower())
        return frozenset(lemmas)

    return content_lemmas


def banks(entries: list[dict]) -> tuple[dict[str, dict[str, dict | None]], float]:
    """slug -> {question key: its rating or None}, and the seconds generation took."""
    found: dict[str, dict[str, dict | None]] = {}
    seconds = 0.0
    for entry in entries:
        article = quality.read(entry)
        ratings = quality.load_ratings(Path(entry["file"]).stem)
        started = time.perf_counter()
        questions = generate_questions(article)
        seconds += time.perf_counter() - started
        found[article.slug] = {quality.question_key(q, article): ratings.get(quality.question_key(q, article)) for q in questions}
    return found, seconds


def report(name: str, found: dict[str, dict[str, dict | None]], seconds: float, base: dict | None = None) -> None:
    keys = [(slug, key) for slug, bank in found.items() for key in bank]
    rated = [found[slug][key] for slug, key in keys if found[slug][key] is not None]
    acceptable = sum(1 for r in rated if r["acceptable"])
    changed = ""
    if base is not None:
        before = {(slug, key) for slug, bank in base.items() for key in bank}
        changed = f", {len(set(keys) - before)} new and {len(before - set(keys))} gone against the stems"
    print(
        f"  {name:12} {len(keys)} questions{changed}; rated {len(rated)}, acceptable {acceptable}"
        f" ({100 * acceptable / max(1, len(rated)):.0f}%), unrated {len(keys) - len(rated)}; generation {seconds:.2f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "test", "all"], default="tune")
    parser.add_argument("--library", choices=["simplemma", "lemminflect"], default="simplemma")
    args = parser.parse_args()
    manifest = json.loads((quality.ARTICLES / "manifest.json").read_text(encoding="utf-8"))
    entries = [e for e in manifest if args.split in ("all", e["split"])]
    print(f"split {args.split}: {len(entries)} articles")
    stems, stem_seconds = banks(entries)
    report("stems", stems, stem_seconds)
    swapped = lemma_stems(args.library)
    originals = {name: sys.modules[name].content_stems for name in USERS}
    for name in USERS:
        sys.modules[name].content_stems = swapped
    try:
        lemmas, lemma_seconds = banks(entries)
    finally:
        for name, original in originals.items():
            sys.modules[name].content_stems = original
    report(args.library, lemmas, lemma_seconds, stems)
    return 0


if __name__ == "__main__":
    sys.exit(main())
