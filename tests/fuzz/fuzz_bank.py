"""Coverage-guided fuzzing (atheris, libFuzzer) of question-bank loading.

    python tests/fuzz/fuzz_bank.py CORPUS_DIR [SEED_DIR...] -max_total_time=3600

Any libFuzzer flag works (-runs=N, -seed=N, -max_len=N, ...). Each input is tried twice: as a
whole file, and as instructions for corrupting one field of a valid bank (so that most inputs get
past the JSON syntax to the checks behind it). An input fails only when it raises something other
than BankError (the documented refusal, with a message) or when an accepted bank breaks what
loading promises: every question valid against its article, and the bank written back by
dump_bank reading back to the same article and questions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # a checkout, installed or not

import quizapp  # noqa: F401  (Flask and friends loaded uninstrumented: only our code is traced)

with atheris.instrument_imports(include=["quizapp"]):
    from quizapp.generation import validate_question
    from quizapp.generation.bank import BankError, dump_bank, load_bank

VALID_BANK = json.loads((ROOT / "questions" / "2021-ukrainian-coup-attempt-allegations.json").read_text("utf-8"))
ARTICLE_KEYS = ("slug", "title", "passages")
PASSAGE_KEYS = ("id", "section", "text")
QUESTION_KEYS = ("id", "type", "prompt", "choices", "answer", "source", "explanation")
SOURCE_KEYS = ("passage", "start", "end")


def load_or_refuse(document: bytes | str) -> None:
    try:
        article, questions = load_bank(document)
    except BankError as error:
        assert str(error), "a BankError must say why"
        return
    for question in questions:
        assert validate_question(article, question) == [], question
    assert len({q.id for q in questions}) == len(questions), "question ids are unique"
    for passage in article.passages:
        assert article.source[passage.start : passage.end] == passage.text
    rebuilt, reloaded = load_bank(json.dumps(dump_bank(article, questions)))
    assert (rebuilt, reloaded) == (article, questions), "dump_bank then load_bank changes the bank"


def fuzzed_value(fdp: atheris.FuzzedDataProvider, depth: int = 0):
    """A JSON value of any type, drawn from the fuzzer's bytes."""
    kind = fdp.ConsumeIntInRange(0, 7 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return fdp.ConsumeBool()
    if kind == 2:
        return fdp.ConsumeIntInRange(-(2**40), 2**40)
    if kind == 3:
        return fdp.ConsumeRegularFloat()
    if kind in (4, 5):
        return fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40))
    if kind == 6:
        return [fuzzed_value(fdp, depth + 1) for _ in range(fdp.ConsumeIntInRange(0, 4))]
    return {
        fdp.PickValueInList(list(QUESTION_KEYS + SOURCE_KEYS)): fuzzed_value(fdp, depth + 1)
        for _ in range(fdp.ConsumeIntInRange(0, 4))
    }


def corrupted_bank(data: bytes) -> str:
    """The bundled bank with one to three fields replaced, removed or borrowed from another question."""
    fdp = atheris.FuzzedDataProvider(data)
    bank = json.loads(json.dumps(VALID_BANK))
    article, passages, questions = bank["article"], bank["article"]["passages"], bank["questions"]
    sources = [question["source"] for question in questions]
    for _ in range(fdp.ConsumeIntInRange(1, 3)):
        where = fdp.ConsumeIntInRange(0, 3)
        if where == 0:
            target, keys = article, ARTICLE_KEYS
        elif where == 1:
            target, keys = passages[fdp.ConsumeIntInRange(0, len(passages) - 1)], PASSAGE_KEYS
        else:
            index = fdp.ConsumeIntInRange(0, len(questions) - 1)
            target, keys = (questions[index], QUESTION_KEYS) if where == 2 else (sources[index], SOURCE_KEYS)
        key = fdp.PickValueInList(list(keys))
        action = fdp.ConsumeIntInRange(0, 2)
        if action == 0:
            target.pop(key, None)
        elif action == 1:
            donor = VALID_BANK["questions"][fdp.ConsumeIntInRange(0, len(VALID_BANK["questions"]) - 1)]
            target[key] = json.loads(json.dumps(donor.get(key, donor["source"].get(key))))
        else:
            target[key] = fuzzed_value(fdp)
    # Later corruptions go into the original objects even when an earlier one replaced them in the bank.
    return json.dumps(bank, ensure_ascii=fdp.ConsumeBool())


def TestOneInput(data: bytes) -> None:
    load_or_refuse(data)
    load_or_refuse(corrupted_bank(data))


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
