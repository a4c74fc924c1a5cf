"""Reading Aiken, the simplest multiple-choice format Moodle imports:

    What is the capital of France?
    A. Paris
    B) London
    ANSWER: A

A question is one line, then lettered options, then ``ANSWER:`` with the right letter. Aiken
carries no evidence: the import finds it in the article for the teacher to confirm.
"""

from __future__ import annotations

import re

from .common import ImportedQuestion, QuestionFileError, opening_words, quizapp_type

MULTIPLE_CHOICE = quizapp_type("multichoice")  # Aiken is Moodle's multiple choice, nothing else

_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*\S)\s*$")
_ANSWER = re.compile(r"^ANSWER:\s*(\S*)\s*$", re.IGNORECASE)


def looks_like_aiken(text: str) -> bool:
    """Lettered options or an ANSWER: line, and none of GIFT's braces."""
    lettered = re.search(r"(?m)^\s*A[.)] .*\n\s*B[.)] ", text)
    return "{" not in text and bool(lettered or re.search(r"(?m)^ANSWER:", text))


def read_aiken(text: str) -> list[ImportedQuestion]:
    questions: list[ImportedQuestion] = []
    prompt, start, options = None, 0, []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if prompt is None:
            prompt, start, options = line, number, []
            continue
        option, answer = _OPTION.match(line), _ANSWER.match(line)
        if option:
            letter = option.group(1)
            if letter != chr(ord("A") + len(options)):
                raise QuestionFileError(f"option {letter} is out of order (expected {chr(ord('A') + len(options))})", number, opening_words(prompt))
            options.append(option.group(2))
        elif answer:
            letter = answer.group(1).upper()
            if len(options) < 2:
                raise QuestionFileError("a question needs at least two options (A., B., ...)", start, opening_words(prompt))
            if len(letter) != 1 or not "A" <= letter < chr(ord("A") + len(options)):
                raise QuestionFileError(f"ANSWER: {answer.group(1)!r} is not one of the options A to {chr(ord('A') + len(options) - 1)}", number, opening_words(prompt))
            questions.append(ImportedQuestion(
                line=start, name=opening_words(prompt), type=MULTIPLE_CHOICE.name, prompt=prompt,
                choices=options, answer=options[ord(letter) - ord("A")],
            ))
            prompt = None
        elif not options:
            raise QuestionFileError("the question must be on one line, followed by its options (A. ...)", start, opening_words(prompt))
        else:
            raise QuestionFileError(f"expected an option (\"{chr(ord('A') + len(options))}. ...\") or ANSWER:, found {opening_words(line, 6)!r}", number, opening_words(prompt))
    if prompt is not None:
        raise QuestionFileError("the question has no ANSWER: line", start, opening_words(prompt))
    return questions
