"""Quiz statistics against small examples worked out by hand or with the statistics module."""

import ast
import math
import re
import statistics
from pathlib import Path

import pytest

from quizapp.analysis import (
    NO_ANSWER,
    OTHER_ANSWERS,
    AttemptRecord,
    QuestionInfo,
    analyse_quiz,
    random_guess_score,
)

QUESTIONS = [
    QuestionInfo("A", "Which?", "multiple_choice", ["w", "x", "y", "z"], "x"),
    QuestionInfo("B", "True?", "true_false", ["True", "False"], "True"),
    QuestionInfo("C", "The capital is _____.", "cloze", [], "Paris"),
]


def make_attempts(rows):
    """rows: (marks A B C, chosen A B C) per student, attempt ids 1.. in order."""
    return [
        AttemptRecord(number, f"s{number}", dict(zip("ABC", marks)), dict(zip("ABC", chosen)))
        for number, (marks, chosen) in enumerate(rows, 1)
    ]


# Totals 3, 2, 1, 0 out of 3.
FOUR_STUDENTS = make_attempts(
    [
        ((1, 1, 1), ("x", "True", "Paris")),
        ((1, 0, 1), ("x", "False", "paris")),
        ((0, 1, 0), ("w", "True", "Lyon")),
        ((0, 0, 0), (None, "False", None)),
    ]
)


def by_key(question_stats):
    return {stats.key: stats for stats in question_stats}


def test_quiz_statistics_of_four_students_match_hand_computation():
    quiz, _ = analyse_quiz(QUESTIONS, FOUR_STUDENTS)
    percents = [100, 200 / 3, 100 / 3, 0]
    assert quiz.attempts == 4
    assert quiz.mean == pytest.approx(50)
    assert quiz.median == pytest.approx(50)  # (66.7 + 33.3) / 2
    # Deviations ±50, ±16.7: SD = sqrt((2*2500 + 2*277.8) / 3) = 43.03
    assert quiz.sd == pytest.approx(43.0331, abs=1e-4)
    assert quiz.sd == pytest.approx(statistics.stdev(percents))
    assert quiz.skewness == pytest.approx(0, abs=1e-9)  # symmetric
    # Four evenly spaced scores: sample excess kurtosis (Excel KURT) is exactly -1.2.
    assert quiz.kurtosis == pytest.approx(-1.2)
    # Item variances (n-1) are 1/3 each, total variance of 3,2,1,0 is 5/3:
    # alpha = 100 * 3/2 * (1 - 1 / (5/3)) = 60.
    assert quiz.cronbach_alpha == pytest.approx(60)
    assert quiz.error_ratio == pytest.approx(100 * math.sqrt(0.4))  # 63.25
    assert quiz.standard_error == pytest.approx(100 * math.sqrt(0.4) * quiz.sd / 100)


def test_question_statistics_of_four_students_match_hand_computation():
    _, questions = analyse_quiz(QUESTIONS, FOUR_STUDENTS)
    stats = by_key(questions)

    a = stats["A"]
    assert (a.attempts, a.facility) == (4, 0.5)
    assert a.sd == pytest.approx(math.sqrt(1 / 3))
    assert a.random_guess == 0.25
    # A = 1,1,0,0 and rest = 2,1,1,0: cov = 1/3, var = 1/3 and 2/3, r = 1/sqrt(2).
    assert a.discrimination_index == pytest.approx(100 / math.sqrt(2))
    assert a.discrimination_index == pytest.approx(100 * statistics.correlation([1, 1, 0, 0], [2, 1, 1, 0]))
    # Already in the best possible order, so the efficiency is 100%.
    assert a.discriminative_efficiency == pytest.approx(100)

    b = stats["B"]
    assert b.random_guess == 0.5
    # B = 1,0,1,0 against rest = 2,2,0,0: covariance 0, so no discrimination at all.
    assert b.discrimination_index == pytest.approx(0, abs=1e-9)
    assert b.discriminative_efficiency == pytest.approx(0, abs=1e-9)

    c = stats["C"]
    assert c.random_guess == 0.0
    assert c.discrimination_index == pytest.approx(100 / math.sqrt(2))


def test_discriminative_efficiency_compares_with_the_best_ordering():
    questions = [QuestionInfo(key, "?", "cloze", [], "a") for key in "PQ"]
    # With two questions the rest of the test for P is just Q.
    attempts = [
        AttemptRecord(1, "s1", {"P": 1, "Q": 1}, {}),
        AttemptRecord(2, "s2", {"P": 0, "Q": 1}, {}),
        AttemptRecord(3, "s3", {"P": 1, "Q": 0}, {}),
        AttemptRecord(4, "s4", {"P": 0, "Q": 0}, {}),
        AttemptRecord(5, "s5", {"P": 1, "Q": 1}, {}),
    ]
    stats = by_key(analyse_quiz(questions, attempts)[1])
    p, rest = [1, 0, 1, 0, 1], [1, 1, 0, 0, 1]
    # cov(p, rest): means 0.6, 0.6; products .16, -.24, -.24, .36, .16 -> 0.2 / 4 = 0.05
    # sorted p 0,0,1,1,1 and rest 0,0,1,1,1 -> max cov = 1.2 / 4 = 0.3; efficiency 100*0.05/0.3
    assert statistics.covariance(p, rest) == pytest.approx(0.05)
    assert stats["P"].discriminative_efficiency == pytest.approx(100 * 0.05 / 0.3)
    assert stats["P"].discrimination_index == pytest.approx(100 * statistics.correlation(p, rest))


def test_larger_example_agrees_with_the_statistics_module():
    questions = [QuestionInfo(f"q{index}", "?", "multiple_choice", ["a", "b", "c"], "a") for index in range(4)]
    table = [
        [1, 1, 0.5, 1],
        [1, 0, 0, 1],
        [0, 1, 1, 0],
        [1, 1, 1, 1],
        [0, 0, 0.5, 0],
        [1, 0, 1, 0],
        [0, 0, 0, 1],
    ]
    attempts = [
        AttemptRecord(number, f"s{number}", {f"q{i}": mark for i, mark in enumerate(row)}, {})
        for number, row in enumerate(table, 1)
    ]
    quiz, question_stats = analyse_quiz(questions, attempts)
    totals = [sum(row) for row in table]
    percents = [100 * total / 4 for total in totals]
    n = len(percents)
    mean, sd = statistics.fmean(percents), statistics.stdev(percents)
    # Sokal & Rohlf's forms of the sample skewness and excess kurtosis (same as Excel's).
    standardised = [(value - mean) / sd for value in percents]
    skew = n / ((n - 1) * (n - 2)) * sum(z**3 for z in standardised)
    kurt = n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * sum(z**4 for z in standardised) - 3 * (n - 1) ** 2 / (
        (n - 2) * (n - 3)
    )
    item_variances = [statistics.variance(column) for column in zip(*table)]
    alpha = 100 * 4 / 3 * (1 - sum(item_variances) / statistics.variance(totals))

    assert quiz.mean == pytest.approx(mean)
    assert quiz.median == pytest.approx(statistics.median(percents))
    assert quiz.sd == pytest.approx(sd)
    assert quiz.skewness == pytest.approx(skew)
    assert quiz.kurtosis == pytest.approx(kurt)
    assert quiz.cronbach_alpha == pytest.approx(alpha)

    stats = by_key(question_stats)
    for index, column in enumerate(zip(*table)):
        rest = [total - mark for total, mark in zip(totals, column)]
        question = stats[f"q{index}"]
        assert question.facility == pytest.approx(statistics.fmean(column))
        assert question.sd == pytest.approx(statistics.stdev(column))
        assert question.discrimination_index == pytest.approx(100 * statistics.correlation(column, rest))
        best = statistics.covariance(sorted(column), sorted(rest))
        assert question.discriminative_efficiency == pytest.approx(100 * statistics.covariance(column, rest) / best)


def test_option_counts_and_upper_lower_groups():
    stats = by_key(analyse_quiz(QUESTIONS, FOUR_STUDENTS)[1])
    # With 4 students the 27% groups hold one each: s1 (3 marks) and s4 (0 marks).
    options = {option.option: option for option in stats["A"].options}
    assert list(options) == ["w", "x", "y", "z", NO_ANSWER]
    assert (options["x"].count, options["x"].share, options["x"].is_answer) == (2, 0.5, True)
    assert (options["x"].upper_share, options["x"].lower_share) == (1.0, 0.0)
    assert (options["w"].count, options["w"].is_answer) == (1, False)
    assert (options["y"].count, options["y"].share) == (0, 0.0)
    assert (options[NO_ANSWER].count, options[NO_ANSWER].lower_share) == (1, 1.0)

    # Typed answers: right (full mark, whatever the spelling), each wrong answer as typed, no answer.
    cloze = [(option.option, option.count, option.is_answer) for option in stats["C"].options]
    assert cloze == [("Paris", 2, True), ("Lyon", 1, False), (NO_ANSWER, 1, False)]
    lyon = stats["C"].options[1]
    assert (lyon.upper_share, lyon.lower_share) == (0.0, 0.0)  # s3 was in neither group

    true_false = {option.option: option for option in stats["B"].options}
    assert true_false["True"].is_answer and not true_false["False"].is_answer
    assert (true_false["False"].upper_share, true_false["False"].lower_share) == (0.0, 1.0)


def typed_attempts(answers, right="Paris"):
    """One attempt per typed answer, marked right when it is ``right`` (as the grader would)."""
    return [
        AttemptRecord(number, f"s{number}", {"C": 1 if given == right else 0}, {"C": given})
        for number, given in enumerate(answers, 1)
    ]


def typed_rows(answers, **kwargs):
    stats = analyse_quiz([QUESTIONS[2]], typed_attempts(answers), **kwargs)[1][0]
    return [(option.option, option.count) for option in stats.options]


def test_typed_questions_show_the_commonest_wrong_answers_as_typed():
    answers = ["Paris", "Lyon", "lyon", "  LYON ", "Marseille", "Nice", "Nice", "Lille", "Nantes", "Brest", "Metz", None]
    assert typed_rows(answers) == [
        ("Paris", 1),
        ("Lyon", 3),  # grouped, shown in the first of the spellings used equally often
        ("Nice", 2),
        ("Marseille", 1),  # ties: the first typed first
        ("Lille", 1),
        ("Nantes", 1),
        (OTHER_ANSWERS, 2),  # Brest and Metz, beyond the top five
        (NO_ANSWER, 1),
    ]


def test_typed_wrong_answers_group_by_the_given_normalisation_and_show_the_usual_spelling():
    answers = ["Paris", "the Lyon", "lyon", "Lyon!", "lyon"]
    assert typed_rows(answers) == [("Paris", 1), ("lyon", 2), ("the Lyon", 1), ("Lyon!", 1)]
    grader_like = lambda text: text.casefold().removeprefix("the ").strip("!")  # noqa: E731
    assert typed_rows(answers, normalise=grader_like) == [("Paris", 1), ("lyon", 4)]


def test_typed_answers_that_look_like_row_labels_stay_their_own_rows():
    rows = typed_rows(["Paris", OTHER_ANSWERS, NO_ANSWER, None, "Paris"])
    assert rows == [("Paris", 2), (OTHER_ANSWERS, 1), (NO_ANSWER, 1), (NO_ANSWER, 1)]
    stats = analyse_quiz([QUESTIONS[2]], typed_attempts(["Paris", OTHER_ANSWERS, None]))[1][0]
    assert [option.is_answer for option in stats.options] == [True, False, False]


def test_typed_questions_without_wrong_answers_have_no_other_row():
    assert typed_rows(["Paris", "Paris"]) == [("Paris", 2)]
    assert typed_rows([]) == [("Paris", 0)]


def test_groups_take_27_percent_of_students():
    questions = [QuestionInfo("A", "?", "multiple_choice", ["r", "w"], "r")]
    # Ten students, best first: round(2.7) = 3 in each group; the top three chose r.
    attempts = [
        AttemptRecord(number, f"s{number}", {"A": 1 if number <= 5 else 0}, {"A": "r" if number <= 5 else "w"})
        for number in range(1, 11)
    ]
    option = analyse_quiz(questions, attempts)[1][0].options[0]
    assert (option.option, option.upper_share, option.lower_share) == ("r", 1.0, 0.0)
    assert option.share == 0.5


def test_unknown_choice_goes_to_other_answers_bucket():
    questions = [QuestionInfo("A", "?", "who_said", ["Ann", "Bob"], "Ann")]
    attempts = [AttemptRecord(1, "s1", {"A": 0}, {"A": "Carol"}), AttemptRecord(2, "s2", {"A": 1}, {"A": "Ann"})]
    options = [(option.option, option.count) for option in analyse_quiz(questions, attempts)[1][0].options]
    assert options == [("Ann", 1), ("Bob", 0), (OTHER_ANSWERS, 1)]


def test_only_each_students_first_attempt_counts():
    questions = [QUESTIONS[0]]
    attempts = [
        AttemptRecord(7, "ann", {"A": 1}, {"A": "x"}),  # a retake
        AttemptRecord(3, "ann", {"A": 0}, {"A": "w"}),  # her first attempt
        AttemptRecord(4, "bob", {"A": 1}, {"A": "x"}),
    ]
    quiz, [stats] = analyse_quiz(questions, attempts)
    assert quiz.attempts == 2 and stats.attempts == 2
    assert stats.facility == 0.5


def test_hardest_questions_come_first_then_by_key():
    questions = [QuestionInfo(key, "?", "cloze", [], "a") for key in ("easy", "hard", "b_mid", "a_mid")]
    marks = {"easy": 1, "hard": 0, "b_mid": 1, "a_mid": 1}
    other = {"easy": 1, "hard": 0, "b_mid": 0, "a_mid": 0}
    attempts = [AttemptRecord(1, "s1", marks, {}), AttemptRecord(2, "s2", other, {})]
    order = [stats.key for stats in analyse_quiz(questions, attempts)[1]]
    assert order == ["hard", "a_mid", "b_mid", "easy"]
    # With no attempts nothing has a facility: key order only.
    assert [stats.key for stats in analyse_quiz(questions, [])[1]] == ["a_mid", "b_mid", "easy", "hard"]


def test_no_attempts_gives_none_everywhere():
    quiz, questions = analyse_quiz(QUESTIONS, [])
    assert quiz.attempts == 0
    assert [quiz.mean, quiz.median, quiz.sd, quiz.skewness, quiz.kurtosis] == [None] * 5
    assert [quiz.cronbach_alpha, quiz.error_ratio, quiz.standard_error] == [None] * 3
    for stats in questions:
        assert stats.attempts == 0
        assert [stats.facility, stats.sd, stats.discrimination_index, stats.discriminative_efficiency] == [None] * 4
        assert all(option.count == 0 and option.upper_share is None for option in stats.options)
    assert analyse_quiz([], FOUR_STUDENTS)[0].mean is None  # a quiz without questions


def test_one_attempt_has_a_mean_but_no_spread():
    quiz, questions = analyse_quiz(QUESTIONS, FOUR_STUDENTS[1:2])
    assert quiz.mean == pytest.approx(200 / 3)
    assert quiz.median == pytest.approx(200 / 3)
    assert quiz.sd is quiz.skewness is quiz.cronbach_alpha is None
    assert by_key(questions)["A"].facility == 1.0
    assert by_key(questions)["A"].sd is None


def test_identical_scores_give_zero_sd_and_no_ratios():
    attempts = [FOUR_STUDENTS[0], AttemptRecord(9, "s9", {"A": 1, "B": 1, "C": 1}, {})]
    quiz, questions = analyse_quiz(QUESTIONS, attempts)
    assert quiz.sd == 0
    assert quiz.skewness is quiz.kurtosis is quiz.cronbach_alpha is quiz.error_ratio is None
    for stats in questions:
        assert stats.sd == 0
        assert stats.discrimination_index is None and stats.discriminative_efficiency is None


def test_three_attempts_give_skewness_but_not_kurtosis():
    quiz, _ = analyse_quiz(QUESTIONS, FOUR_STUDENTS[:3])
    assert quiz.skewness is not None
    assert quiz.kurtosis is None


def test_random_guess_scores():
    def guess(question_type, choices, answer):
        return random_guess_score(QuestionInfo("k", "?", question_type, choices, answer))

    assert guess("multiple_choice", ["a", "b", "c", "d"], "a") == 0.25
    assert guess("who_said", ["a", "b", "c"], "a") == pytest.approx(1 / 3)
    assert guess("true_false", ["True", "False"], "True") == 0.5
    assert guess("cloze", [], "a") == 0
    assert guess("ordering", ["c", "a", "b"], ["a", "b", "c"]) == pytest.approx(1 / 6)
    assert guess("multiple_choice", [], "a") is None


def test_ordering_options_group_by_mark():
    question = QuestionInfo("O", "Order", "ordering", ["b", "a"], ["a", "b"])
    attempts = [AttemptRecord(1, "s1", {"O": 1}, {"O": "a,b"}), AttemptRecord(2, "s2", {"O": 0}, {"O": "b,a"})]
    stats = analyse_quiz([question], attempts)[1][0]
    options = [(option.option, option.count, option.is_answer) for option in stats.options]
    assert options == [("a → b", 1, True), (OTHER_ANSWERS, 1, False)]


def test_analysis_module_imports_only_the_standard_library_and_grading():
    source = Path(__file__).resolve().parent.parent / "quizapp" / "analysis.py"
    imported = set()
    for node in ast.walk(ast.parse(source.read_text())):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add("." * node.level + (node.module or "").split(".")[0])
    # grading and the generator's data model, both pure, say which types are typed or picked.
    assert imported <= {"__future__", "math", "statistics", "dataclasses", "collections", ".grading", ".generation"}


def test_the_analysis_page_shows_what_students_typed_escaped(app, client):
    from quizapp.extensions import db
    from quizapp.models import Enrollment, Role
    from quizapp.services.classes import create_class

    from .conftest import log_in, make_quiz, make_user

    typed = ["1903", "1904", "1,904", "1904", "<b>1905</b>", "1905 ", "1911"]
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        classroom = create_class(teacher, "Year 10")
        quiz = make_quiz(classroom=classroom, feedback="end")
        quiz.owner_id = teacher.id
        for number in range(len(typed)):
            db.session.add(Enrollment(classroom_id=classroom.id, user_id=make_user(f"s{number}").id))
        db.session.commit()
        quiz_id = quiz.id
    for number, given in enumerate(typed):
        student = app.test_client()
        log_in(student, f"s{number}")
        attempt_id = int(student.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])
        student.post(f"/attempts/{attempt_id}/questions/1", data={"answer": given})  # the cloze: 1903
        student.post(f"/attempts/{attempt_id}/finish")
    log_in(client, "mrs_t")
    page = client.get(f"/teach/quizzes/{quiz_id}/analysis").get_data(as_text=True)
    section = page[page.index("Nobel Prize in Physics in _____") :].split("</table>")[0]
    cells = [re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", section, re.S)]
    # 1904 typed twice and once as 1,904: one row, shown as most typed; the markup is text, escaped.
    assert cells == ["1903 ✓", "1904", "&lt;b&gt;1905&lt;/b&gt;", "1905", "1911"]
    assert "3 (43%)" in section  # 1904, 1,904 and 1904
    assert "<b>1905</b>" not in page
    assert OTHER_ANSWERS not in section
