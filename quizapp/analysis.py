"""Quiz statistics as Moodle's quiz statistics report defines them.

Pure Python (no web layer, no database) so the report can be computed, tested and benchmarked
without them. Definitions follow Moodle's ``quiz_statistics`` calculator: per-question facility,
standard deviation, random guess score, discrimination index and discriminative efficiency;
for the whole quiz mean, median, SD, skewness, kurtosis, Cronbach's alpha (Moodle's
"coefficient of internal consistency"), error ratio and standard error. Beyond Moodle, each
option also reports how often the upper and lower 27% of students chose it, which is what
shows whether a distractor works. For typed questions the most common wrong answers get a
row each, so a teacher sees what students actually wrote.

Every statistic that cannot be computed (no attempts, one attempt, zero variance) is ``None``;
nothing here raises or divides by zero.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from .generation.types import REGISTRY

NO_ANSWER = "(no answer)"
OTHER_ANSWERS = "(other answers)"

# Typed answers: the most common wrong ones get a row each, the rest stay "other answers".
TOP_WRONG_ANSWERS = 5

# Kelley's classic split: the top and bottom 27% of students by total score.
EXTREME_GROUP_FRACTION = 0.27

# Below this many attempts, correlations (discrimination, Cronbach's alpha) are mostly noise:
# with two students a single answer swings them from -100 to +100.
FEW_ATTEMPTS = 10


@dataclass(frozen=True)
class AttemptRecord:
    attempt_id: int
    student: str
    marks: dict[str, float]  # question key -> mark 0..1 (missing key or unanswered = 0)
    chosen: dict[str, str | None]  # question key -> option text chosen or typed (None = unanswered)
    # The questions this attempt was asked, in a quiz that draws them per student; None: all of them.
    asked: frozenset[str] | None = None


@dataclass(frozen=True)
class QuestionInfo:
    key: str
    prompt: str
    type: str  # multiple_choice | cloze | true_false | who_said | ordering
    choices: list[str]  # [] for cloze
    answer: str | list[str]


@dataclass
class OptionStats:
    option: str
    count: int
    share: float  # count / attempts (0.0 when there are no attempts)
    is_answer: bool
    upper_share: float | None  # share of the top 27% of students who chose it
    lower_share: float | None  # share of the bottom 27%


@dataclass
class QuestionStats:
    key: str
    attempts: int
    facility: float | None  # 0..1
    sd: float | None  # of the question's marks, 0..1 scale, n-1
    random_guess: float | None  # 0..1
    discrimination_index: float | None  # 100 * r(question, rest of test)
    discriminative_efficiency: float | None  # 100 * cov / max achievable cov
    options: list[OptionStats]


@dataclass
class QuizStats:
    attempts: int
    mean: float | None  # percent 0..100
    median: float | None  # percent
    sd: float | None  # percent, n-1
    skewness: float | None  # sample-adjusted G1 (k3 / k2^1.5), needs n >= 3
    kurtosis: float | None  # sample-adjusted excess G2 (k4 / k2^2), needs n >= 4
    cronbach_alpha: float | None  # percent
    error_ratio: float | None  # percent
    standard_error: float | None  # percent of the maximum grade


def simple_normalise(text: str) -> str:
    """Case and spacing folded: the default grouping of typed answers ('  Lyon ' with 'lyon')."""
    return " ".join(text.casefold().split())



def analyse_quiz(
    questions: list[QuestionInfo],
    attempts: list[AttemptRecord],
    normalise: Callable[[str], str] = simple_normalise,
) -> tuple[QuizStats, list[QuestionStats]]:
    """Compute Moodle's quiz and question statistics over each student's first attempt.

    Takes the quiz's questions and every attempt (several per student allowed: only the one
    with the lowest attempt_id counts, as in Moodle's "first attempts" report), and
    ``normalise``, which decides which wrong typed answers count as the same (the grader's
    normalisation, say). Returns the quiz statistics and one QuestionStats per question,
    hardest (lowest facility) first, questions without a facility last, ties by key.
    """
    first_attempts = _first_attempt_per_student(attempts)
    keys = [question.key for question in questions]
    if any(attempt.asked is not None for attempt in first_attempts):
        return _analyse_drawn(questions, first_attempts, normalise)
    marks_by_question = {
        key: [float(attempt.marks.get(key, 0.0) or 0.0) for attempt in first_attempts] for key in keys
    }
    totals = [sum(marks_by_question[key][i] for key in keys) for i in range(len(first_attempts))]
    upper, lower = _extreme_groups(first_attempts, totals)

    quiz_stats = _quiz_stats(marks_by_question, totals, len(questions))
    question_stats = [
        _question_stats(question, first_attempts, marks_by_question[question.key], totals, upper, lower, normalise)
        for question in questions
    ]
    return quiz_stats, _hardest_first(question_stats)


def _analyse_drawn(
    questions: list[QuestionInfo], attempts: list[AttemptRecord], normalise: Callable[[str], str]
) -> tuple[QuizStats, list[QuestionStats]]:
    """The statistics of a quiz whose attempts each drew their own questions: each question's over
    the attempts that were asked it, each attempt's score as the share of its own questions right.
    Cronbach's alpha needs every attempt to answer the same questions: it is left out."""
    keys = [question.key for question in questions]

    def asked(attempt: AttemptRecord) -> list[str]:
        return [key for key in keys if attempt.asked is None or key in attempt.asked]

    marks = [{key: float(attempt.marks.get(key, 0.0) or 0.0) for key in asked(attempt)} for attempt in attempts]
    shares = [sum(m.values()) / len(m) if m else 0.0 for m in marks]
    upper, lower = _extreme_groups(attempts, shares)
    quiz_stats = _quiz_stats({}, shares, 1)  # shares are already per attempt: 100 × share is its percentage
    question_stats = []
    for question in questions:
        indexes = [i for i, m in enumerate(marks) if question.key in m]
        position = {i: j for j, i in enumerate(indexes)}
        question_stats.append(
            _question_stats(
                question,
                [attempts[i] for i in indexes],
                [marks[i][question.key] for i in indexes],
                [sum(marks[i].values()) for i in indexes],
                [position[i] for i in upper if i in position],
                [position[i] for i in lower if i in position],
                normalise,
            )
        )
    return quiz_stats, _hardest_first(question_stats)


def _hardest_first(question_stats: list[QuestionStats]) -> list[QuestionStats]:
    question_stats.sort(key=lambda stats: (stats.facility is None, stats.facility or 0.0, stats.key))
    return question_stats


def random_guess_score(question: QuestionInfo) -> float | None:
    """Expected mark from guessing (1/choices, 0.5 for true/false, 1/n! for ordering, 0 typed):
    the question type's to say; None for a type quizapp no longer has."""
    kind = REGISTRY.get(question.type)
    return kind.random_guess_score(list(question.choices), question.answer) if kind else None


def _answer_input(question: QuestionInfo) -> str:
    """How the question was answered: "choice", "text", "positions" ("" for a type no longer known)."""
    kind = REGISTRY.get(question.type)
    return kind.answer_input if kind else ""


# --- building blocks -------------------------------------------------------------------


def _first_attempt_per_student(attempts: list[AttemptRecord]) -> list[AttemptRecord]:
    first: dict[str, AttemptRecord] = {}
    for attempt in attempts:
        kept = first.get(attempt.student)
        if kept is None or attempt.attempt_id < kept.attempt_id:
            first[attempt.student] = attempt
    return sorted(first.values(), key=lambda attempt: attempt.attempt_id)


def _extreme_groups(attempts: list[AttemptRecord], totals: list[float]) -> tuple[list[int], list[int]]:
    """Indexes of the top and bottom 27% by total (at least one each once there are two).

    Ties at the boundary are broken by attempt_id so the split is reproducible.
    """
    count = len(attempts)
    if count < 2:
        return [], []
    group_size = min(max(1, int(EXTREME_GROUP_FRACTION * count + 0.5)), count // 2)
    ranked = sorted(range(count), key=lambda i: (-totals[i], attempts[i].attempt_id))
    return ranked[:group_size], ranked[-group_size:]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _sample_variance(values: list[float]) -> float | None:
    if len(values) < 2:
        return None
    mean = _mean(values)
    return sum((value - mean) ** 2 for value in values) / (len(values) - 1)


def _sample_covariance(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 2:
        return None
    mean_x, mean_y = _mean(xs), _mean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / (len(xs) - 1)


def _is_zero(value: float) -> bool:
    # Sums of float marks leave rounding dust; treat it as the zero variance it really is.
    return abs(value) < 1e-12


def _quiz_stats(marks_by_question: dict[str, list[float]], totals: list[float], question_count: int) -> QuizStats:
    count = len(totals)
    stats = QuizStats(count, None, None, None, None, None, None, None, None)
    if count == 0 or question_count == 0:
        return stats
    percents = [100 * total / question_count for total in totals]
    stats.mean = _mean(percents)
    stats.median = statistics.median(percents)
    if count < 2:
        return stats

    deviations = [percent - stats.mean for percent in percents]
    m2, m3, m4 = (sum(d**power for d in deviations) / count for power in (2, 3, 4))
    k2 = count * m2 / (count - 1)  # unbiased variance
    stats.sd = math.sqrt(k2)
    if _is_zero(k2):
        return stats
    # Moodle uses the sample-adjusted (k-statistic) forms: G1 = k3 / k2^1.5 and the excess
    # kurtosis G2 = k4 / k2^2, the same as Excel's SKEW and KURT.
    if count > 2:
        k3 = count**2 * m3 / ((count - 1) * (count - 2))
        stats.skewness = k3 / k2**1.5
    if count > 3:
        k4 = count**2 * ((count + 1) * m4 - 3 * (count - 1) * m2**2) / ((count - 1) * (count - 2) * (count - 3))
        stats.kurtosis = k4 / k2**2

    if question_count > 1:
        total_variance = _sample_variance(totals)
        if total_variance and not _is_zero(total_variance):
            item_variance_sum = sum(_sample_variance(marks) or 0.0 for marks in marks_by_question.values())
            alpha = 100 * question_count / (question_count - 1) * (1 - item_variance_sum / total_variance)
            stats.cronbach_alpha = alpha
            # alpha cannot exceed 100 except by rounding; clamp so the root stays real.
            stats.error_ratio = 100 * math.sqrt(max(0.0, 1 - alpha / 100))
            stats.standard_error = stats.error_ratio * stats.sd / 100
    return stats


def _question_stats(
    question: QuestionInfo,
    attempts: list[AttemptRecord],
    marks: list[float],
    totals: list[float],
    upper: list[int],
    lower: list[int],
    normalise: Callable[[str], str],
) -> QuestionStats:
    count = len(marks)
    stats = QuestionStats(
        key=question.key,
        attempts=count,
        facility=_mean(marks) if count else None,
        sd=None,
        random_guess=random_guess_score(question),
        discrimination_index=None,
        discriminative_efficiency=None,
        options=_option_stats(question, attempts, marks, upper, lower, normalise),
    )
    variance = _sample_variance(marks)
    if variance is None:
        return stats
    stats.sd = math.sqrt(variance)

    rest = [total - mark for total, mark in zip(totals, marks)]
    rest_variance = _sample_variance(rest)
    covariance = _sample_covariance(marks, rest)
    if not _is_zero(variance) and rest_variance and not _is_zero(rest_variance):
        stats.discrimination_index = 100 * covariance / math.sqrt(variance * rest_variance)
    # The largest covariance these two score distributions allow pairs them in the same order.
    max_covariance = _sample_covariance(sorted(marks), sorted(rest))
    if max_covariance and not _is_zero(max_covariance):
        stats.discriminative_efficiency = 100 * covariance / max_covariance
    return stats


def _answer_label(question: QuestionInfo) -> str:
    if isinstance(question.answer, list):
        return " → ".join(question.answer)
    return question.answer


def _is_answer(question: QuestionInfo, option: str) -> bool:
    if isinstance(question.answer, list):
        return option in question.answer
    return option == question.answer


# Bucket keys: a tuple per kind, so no text a student types can pass for another bucket.
_RIGHT, _OTHER, _NONE = ("right",), ("other",), ("none",)


def _option_stats(
    question: QuestionInfo,
    attempts: list[AttemptRecord],
    marks: list[float],
    upper: list[int],
    lower: list[int],
    normalise: Callable[[str], str],
) -> list[OptionStats]:
    """How often each option was chosen, overall and by the upper and lower 27%.

    Single-choice questions get one row per choice. Typed (cloze) questions get one row for
    the right answer (full mark: its correctness is the grader's mark, not its literal text),
    one for each of the TOP_WRONG_ANSWERS commonest wrong answers (grouped by ``normalise``,
    shown as most often typed) and one for the rest. Ordering questions get one row for the
    right order and one for every other response.
    """
    # rows: (bucket key, label shown, is the right answer), in display order
    answer_input = _answer_input(question)
    if answer_input == "choice":
        labels = list(question.choices) or list(REGISTRY[question.type].fixed_choices)
        rows = [(("choice", label), label, _is_answer(question, label)) for label in labels]
    else:
        rows = [(_RIGHT, _answer_label(question), True)]

    def bucket(index: int) -> tuple:
        chosen = attempts[index].chosen.get(question.key)
        if chosen is None:
            return _NONE
        if answer_input == "choice":
            return ("choice", chosen) if chosen in labels else _OTHER
        if marks[index] >= 1.0:
            return _RIGHT
        if answer_input == "text":
            return ("typed", normalise(chosen))
        return _OTHER

    buckets = [bucket(index) for index in range(len(attempts))]
    if answer_input == "text":
        top = _commonest_typed(question, attempts, buckets)
        rows += top
        kept = {key for key, _, _ in top}
        buckets = [key if key[0] != "typed" or key in kept else _OTHER for key in buckets]
        if _OTHER in buckets:
            rows.append((_OTHER, OTHER_ANSWERS, False))
    elif answer_input != "choice" or _OTHER in buckets:
        rows.append((_OTHER, OTHER_ANSWERS, False))
    if _NONE in buckets:
        rows.append((_NONE, NO_ANSWER, False))

    def share_in(group: list[int], key: tuple) -> float | None:
        if not group:
            return None
        return sum(1 for index in group if buckets[index] == key) / len(group)

    options = []
    for key, label, is_answer in rows:
        count = buckets.count(key)
        options.append(
            OptionStats(
                option=label,
                count=count,
                share=count / len(attempts) if attempts else 0.0,
                is_answer=is_answer,
                upper_share=share_in(upper, key),
                lower_share=share_in(lower, key),
            )
        )
    return options


def _commonest_typed(question: QuestionInfo, attempts: list[AttemptRecord], buckets: list[tuple]) -> list[tuple]:
    """Rows for the TOP_WRONG_ANSWERS commonest wrong typed answers, most frequent first (ties:
    first typed first), each shown in the spelling most students used."""
    spellings: dict[tuple, dict[str, int]] = {}  # insertion order = first typed
    for index, key in enumerate(buckets):
        if key[0] == "typed":
            typed = attempts[index].chosen[question.key].strip()
            forms = spellings.setdefault(key, {})
            forms[typed] = forms.get(typed, 0) + 1
    ranked = sorted(spellings, key=lambda key: -sum(spellings[key].values()))  # stable: ties keep first-typed order
    return [(key, max(spellings[key], key=spellings[key].get), False) for key in ranked[:TOP_WRONG_ANSWERS]]
