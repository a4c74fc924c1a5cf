"""Tolerant grading: right answers typed loosely pass, wrong answers never do."""

from __future__ import annotations

import pytest

from quizapp.generation.types import grade
from quizapp.grading import allowed_typos, normalise_answer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Kremlin", "kremlin"),
        ("  an   Apple!  ", "apple"),
        ("Élysée Palace", "elysee palace"),
        ("Skłodowska", "sklodowska"),
        ("190,000", "190000"),
        ("190 000", "190000"),
        ("190\u00a0000", "190000"),
        ("3,5", "3.5"),
        ("2.50", "2.5"),
        ("007", "7"),
        ("0.1", "0.1"),  # the leading zero stays: '.1' would read as 1 when normalised again
        ("0.50", "0.5"),
        ("000", "0"),
        ("two", "2"),
        ("build-up", "build up"),
        ("December 1\u20132", "december 1 2"),
        ("the", "the"),  # an article alone is kept, not erased
    ],
)
def test_normalise_answer(text, expected):
    assert normalise_answer(text) == expected


@pytest.mark.parametrize(
    "given, answer",
    [
        ("russia", "Russia"),
        ("the Wagner Group", "Wagner Group"),
        ("190000", "190,000"),
        ("190 000", "190,000"),
        ("Zelensky", "Zelenskyy"),  # one letter short of a long name
        ("Rusia", "Russia"),  # one typo in six letters
        ("Eromaidan", "Euromaidan"),
        ("buildup", "build-up"),
        ("Sklodowska", "Skłodowska"),
        ("November 26 2021", "November 26, 2021"),
        ("two", "2"),
        ("Novmeber 2021", "November 2021"),  # a transposition is one edit
        ("United States", "U.S."),  # another name of the same country or war
        ("the USA", "United States"),
        ("Britain", "U.K."),
        ("First World War", "Great War"),
        ("WWII", "World War II"),
    ],
)
def test_cloze_accepts_loosely_typed_right_answers(given, answer):
    assert grade("cloze", given, answer)


@pytest.mark.parametrize(
    "given, answer",
    [
        ("Prussia", "Russia"),  # a typo never changes the first letter
        ("Iraq", "Iran"),  # four letters: no typo allowed
        ("Mali", "Bali"),
        ("Austria", "Australia"),  # two edits, and the shorter word allows one
        ("Slovenia", "Slovakia"),
        ("Niger", "Nigeria"),
        ("1915", "1914"),  # a different number is always wrong
        ("1", "0.1"),
        ("190,001", "190,000"),
        ("19,000", "190,000"),
        ("November 25, 2021", "November 26, 2021"),
        ("December 2021", "November 2021"),
        ("", "Russia"),
        ("   ", "Russia"),
        ("the", "The Hague"),
        ("World War I", "World War II"),
        ("Russia", "Soviet Union"),  # a successor is not another name
        ("England", "United Kingdom"),
    ],
)
def test_cloze_never_accepts_a_wrong_answer(given, answer):
    assert not grade("cloze", given, answer)


@pytest.mark.parametrize(
    "given",
    [
        "19 April 1906",
        "April 19, 1906",
        "April 19 1906",
        "19 Apr 1906",
        "Apr. 19, 1906",
        "19 april, 1906",
        "1906-04-19",
        "19th April 1906",
        "April 19th, 1906",
        "1906 April 19",
        "1906 apr 19th",
        "the 19th of April 1906",
    ],
)
def test_a_date_is_right_however_it_is_written(given):
    assert grade("cloze", given, "19 April 1906")
    assert grade("cloze", "19 April 1906", given)
    assert normalise_answer(given) == normalise_answer("19 April 1906") == "19 april 1906"


@pytest.mark.parametrize(
    "given, answer",
    [
        ("Sept 3, 1939", "3 September 1939"),
        ("3 Sep 1939", "September 3, 1939"),
        ("1939-09-03", "Sept. 3 1939"),
        ("1 May 2004", "May 1, 2004"),
        ("April 1906", "Apr 1906"),
        ("Sept 1939", "September 1939"),
        ("in April 1906", "in Apr. 1906"),
        ("November 26 2021", "2021-11-26"),
        ("2021 April", "April 2021"),
        ("in 1906 April", "in April 1906"),
    ],
)
def test_date_pairs_that_say_the_same(given, answer):
    assert grade("cloze", given, answer)
    assert grade("cloze", answer, given)


@pytest.mark.parametrize(
    "given, answer",
    [
        ("April 18, 1906", "19 April 1906"),  # another day
        ("19 April 1907", "April 19, 1906"),  # another year
        ("1906-04-18", "19 April 1906"),
        ("1906-05-19", "19 April 1906"),  # another month, written as a number
        ("19 May 1906", "1906-04-19"),
        ("19 June 1906", "19 July 1906"),
        ("19 Jun 1906", "Jul 19, 1906"),
        ("Mar 1906", "May 1906"),
        ("April 1906", "April 1907"),
        ("April 1906", "19 April 1906"),  # a month is not a day in it
        ("4 June 1906", "June 1906"),
        ("1906-04-19", "1906-19-04"),  # not a date: no month 19
        ("19 April 1906", "19 April 1960"),
        ("1906 April 18", "19 April 1906"),
        ("1906 April", "1907 April"),
        ("1906 April", "19 April 1906"),
    ],
)
def test_different_dates_are_never_equal(given, answer):
    assert not grade("cloze", given, answer)
    assert not grade("cloze", answer, given)


def test_no_two_months_pass_for_each_other():
    months = "January February March April May June July August September October November December".split()
    for written in (lambda m: m, lambda m: m[:3]):
        for a in months:
            for b in months:
                if a != b:
                    assert not grade("cloze", f"19 {written(a)} 1906", f"19 {b} 1906"), (a, b)
                    assert not grade("cloze", f"{written(a)} 1906", f"{b} 1906"), (a, b)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("December 1\u20132", "december 1 2"),  # a pair of days, not a year
        ("may 5", "may 5"),
        ("Sept", "sept"),  # a month only becomes a name next to a day or year
        ("Jan 1906 and 3 Feb 1907", "january 1906 and 3 february 1907"),
        ("1906-13-01", "1906 13 1"),  # no month 13: left alone
    ],
)
def test_dates_are_canonical_only_where_they_are_dates(text, expected):
    assert normalise_answer(text) == expected


def test_typo_budget_grows_with_length():
    assert allowed_typos("kyiv") == 0
    assert allowed_typos("russia") == 1
    assert allowed_typos("euromaidan") == 2


@pytest.mark.parametrize("qtype", ["multiple_choice", "who_said", "true_false"])
def test_choice_types_need_the_exact_choice(qtype):
    assert grade(qtype, "  peskov ", "Peskov")
    assert not grade(qtype, "Peskof", "Peskov")  # no typos when picking from a list


def test_true_false():
    assert grade("true_false", "True", "True")
    assert grade("true_false", "false", "False")
    assert not grade("true_false", "True", "False")


def test_ordering_needs_the_same_order():
    answer = ["Yanukovych ousted", "Zelenskyy elected", "Invasion"]
    assert grade("ordering", ["yanukovych ousted", "Zelenskyy elected", "invasion"], answer)
    assert not grade("ordering", list(reversed(answer)), answer)
    assert not grade("ordering", answer[:2], answer)
    assert not grade("ordering", "Yanukovych ousted", answer)


def test_wrong_shapes_are_wrong_not_errors():
    assert not grade("cloze", ["Russia"], "Russia")
    assert not grade("multiple_choice", "Russia", ["Russia"])


def test_unknown_type_is_an_error():
    with pytest.raises(ValueError, match="Unknown question type"):
        grade("essay", "x", "x")


@pytest.mark.parametrize(
    "given, answer",
    [
        ("about 300", "300"),  # the hedge the article itself uses
        ("approximately 300", "300"),
        ("300m", "300"),  # the unit the question asks in
        ("300 metres", "300"),
        ("about 300 m", "300"),
        ("three hundred", "300"),
        ("three hundred and forty two", "342"),  # number words beyond twenty (text2num)
        ("forty", "40"),
        ("twenty-one", "21"),
        ("Forty-Two", "42"),
        ("about ninety metres", "90"),
        ("1.5 million", "1,500,000"),
        ("two thousand", "2000"),
        ("in 1906", "1906"),
    ],
)
def test_a_bare_number_may_come_with_its_unit_or_a_hedge(given, answer):
    assert grade("cloze", given, answer, "When it was completed, the tower was _____ metres tall.")


@pytest.mark.parametrize("given", ["300 ft", "300 km", "300 years", "300 percent"])
def test_a_unit_the_question_does_not_name_is_not_accepted(given):
    assert not grade("cloze", given, "300", "When it was completed, the tower was _____ metres tall.")
    assert not grade("cloze", "300 m", "300")  # without the question, no unit is known


def test_a_number_typed_with_the_word_after_the_blank():
    assert grade("cloze", "650 million", "650", "The rover cost about _____ million dollars.")
    assert not grade("cloze", "650 million", "650", "About _____ workers built it.")
    assert grade("cloze", "19 min", "19", "Aldrin joined him _____ minutes later.")


@pytest.mark.parametrize(
    "given, answer",
    [
        ("about 301", "300"),  # still a different number
        ("300 people", "300"),  # not a unit or a hedge: another claim
        ("1960s", "1960"),  # a decade is not a year
        ("300", "about 300"),  # the hedge belongs to an answer that is not a bare number
        ("3 hundred thousand", "3000"),
        ("forty", "14"),  # a spelt number is the number it spells, not a neighbour
        ("twenty-one", "20"),
        ("three hundred and forty", "342"),
    ],
)
def test_a_unit_or_hedge_never_makes_another_number_right(given, answer):
    assert not grade("cloze", given, answer)


@pytest.mark.parametrize(
    ("given", "order", "right"),
    [
        ("24/07/1969", "DMY", True), ("7/24/1969", "DMY", True), ("24.07.1969", "DMY", True),  # a day over 12 reads either way
        ("20/7/1969", "MDY", True), ("7/20/1969", "MDY", True),
        ("07/04/1969", "DMY", False), ("04/07/1969", "DMY", True),  # both under 13: the school's order decides
        ("07/04/1969", "MDY", True), ("04/07/1969", "MDY", False),
        ("32/07/1969", "DMY", False), ("24/13/1969", "DMY", False), ("24/07/1970", "DMY", False),
    ],
)
def test_all_number_dates_are_read_in_the_schools_order(given, order, right):
    from quizapp.grading import set_date_order

    key = "4 July 1969" if given.startswith(("07/04", "04/07")) else ("20 July 1969" if given.startswith(("20/7", "7/20")) else "24 July 1969")
    set_date_order(order)
    try:
        assert grade("cloze", given, key) is right, (given, order, key)
    finally:
        set_date_order("DMY")


def test_a_date_order_other_than_dmy_or_mdy_stops_the_start(tmp_path):
    from .conftest import make_app

    with pytest.raises(ValueError, match="DATE_ORDER must be DMY or MDY"):
        make_app(tmp_path, DATE_ORDER="YDM")


@pytest.mark.parametrize(
    ("given", "key", "right"),
    [
        ("Thomas Bouch", "Bouch", True), ("Sir Thomas Bouch", "Bouch", True), ("sir thomas bouch", "Bouch", True),
        ("Dr. Marie Curie", "Curie", True), ("Thomas Bowch", "Bouch", True),  # a typo in the name, as for the key alone
        ("Henry Rothery", "Bouch", False), ("Pierre Curie", "Marie Curie", False),  # another person
        ("1903 Bouch", "Bouch", False), ("Bouch was the engineer", "Bouch", False),  # the key must end it, after words of a name
        ("A B C D Bouch", "Bouch", False),  # more than a name's worth before it
        ("violent storm", "storm", False),  # not a name: no fuller form of a common word
    ],
)
def test_a_name_typed_in_full_is_right_for_its_surname(given, key, right):
    assert grade("cloze", given, key) is right
