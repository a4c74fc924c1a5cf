"""The failure patterns blind raters found in generated banks (bench/quality), each on an article
written for the test: none of them comes from the bundled sample."""

from __future__ import annotations

import re

from quizapp.articles import parse_article
from quizapp.generation import REGISTRY, generate_questions
from quizapp.generation.facts import ArticleFacts
from quizapp.generation.phrasing import gives_away
from quizapp.generation.distractors import DistractorFinder
from quizapp.generation import pipeline
from quizapp.generation.pipeline import BODY_IMPORTANCE, MIN_BANK
from quizapp.generation.question import Citation, GeneratedQuestion
from quizapp.generation.screening import bank_entry, conflicts, spoilt_orderings, unfit_answer, unfit_sentence
from quizapp.generation.types.base import Context, importance
from quizapp.generation.validation import validate_question


def bank(text: str, **options) -> list[GeneratedQuestion]:
    return generate_questions(parse_article(text), max_questions=options.pop("max_questions", 200), **options)


def unfit(text: str) -> dict[str, str | None]:
    facts = ArticleFacts(parse_article(text))
    return {s.text: unfit_sentence(facts, s.index) for s in facts.sentences}


PHOTOSYNTHESIS = """= Photosynthesis =

Photosynthesis is the process by which plants turn light into chemical energy.
The light-dependent reactions take place in the thylakoid membranes of the chloroplast.
In the Calvin cycle, two molecules of 3-phosphoglycerate are made from every carbon dioxide molecule.
The pigment that absorbs the light is called chlorophyll.
The study of plant diseases is called phytopathology.
"""


def test_no_blank_on_a_generic_word_or_half_a_compound_and_defined_terms_are_asked():
    questions = bank(PHOTOSYNTHESIS)
    answers = {q.answer for q in questions if q.type in ("cloze", "multiple_choice")}
    assert not answers & {"reactions", "molecules", "dependent", "membranes", "process"}, answers
    cloze = {q.answer: q.prompt for q in questions if q.type == "cloze"}
    # What something is called is what a teacher asks: the defined term, with no hint to give it away.
    assert cloze.get("chlorophyll") == "Photosynthesis: The pigment that absorbs the light is called _____."
    assert cloze.get("phytopathology") == "Photosynthesis: The study of plant diseases is called _____."


def test_the_articles_own_subject_is_never_the_blank():
    text = """= Amphibian =

The earliest amphibians evolved in the Devonian period from lobe-finned fish.
The largest living amphibian is the Chinese giant salamander, which lives in mountain streams.
"""
    answers = [q.answer for q in bank(text) if q.type in ("cloze", "multiple_choice")]
    assert "amphibians" not in answers and "amphibian" not in answers


def test_a_thing_never_named_is_leaned_on_before_a_comma_or_full_stop_too():
    verdicts = unfit(
        """= Isla Verdel =

Isla Verdel is a small country in the Tasman Sea with a parliament of its own.
During the Salt Wars, the Portuguese Navy took control over the island, between 1701 and 1709.
In 1752 a new constitution for Isla Verdel was approved by the council.
In 1812 the Portuguese Navy left the harbour of Isla Verdel for good.
"""
    )
    assert verdicts["In 1812 the Portuguese Navy left the harbour of Isla Verdel for good."] is None
    assert verdicts["During the Salt Wars, the Portuguese Navy took control over the island, between 1701 and 1709."] == "sensible alone"
    assert verdicts["In 1752 a new constitution for Isla Verdel was approved by the council."] == "sensible alone"


def test_stems_that_lean_on_what_they_never_name_are_not_asked():
    verdicts = unfit(
        """= Arts Club of Chicago =

The Arts Club of Chicago was founded in 1916 by a group of wealthy patrons.
The club elected Rue Winterbotham Carpenter as its president in 1918.
For this reason, critics praised the shows of the club in the 1920s.
They moved the collection to a new building on Ontario Street in 1951.
Another exhibition showed the drawings of Pablo Picasso in 1923.
The numbers cited above follow the annual reports of the Chicago art societies.
"""
    )
    assert verdicts["The Arts Club of Chicago was founded in 1916 by a group of wealthy patrons."] is None
    leaning = [sentence for sentence, why in verdicts.items() if why == "sensible alone"]
    assert len(leaning) == 4, verdicts
    # "The club", the noun the title ends in, is the Arts Club: asked with its name in place.
    facts = ArticleFacts(parse_article(
        "= Arts Club of Chicago =\n\nThe Arts Club of Chicago was founded in 1916 by a group of wealthy patrons.\n"
        "The club elected Rue Winterbotham Carpenter as its president in 1918.\n"
    ))
    assert facts.statement_text(1).startswith("The Arts Club of Chicago elected Rue Winterbotham Carpenter")
    opening = unfit(
        """= Tokyo Trial =

The trials were held in the War Ministry office in Tokyo from 1946 to 1948.
The first session of the International Military Tribunal for the Far East opened in Tokyo on 3 May 1946.
The name Tokyo Trial is used for the International Military Tribunal for the Far East.
"""
    )
    assert list(opening.values()) == ["sensible alone", None, None], opening


def test_citation_debris_lists_and_asides_are_not_asked():
    verdicts = unfit(
        """= Bodmin =

Bodmin is a civil parish and historic town in Cornwall, England.
Rue Carpenter moved the club to 610 South Michigan Avenue .Wells, p. 12.
Notable works include Guernica, The Kiss, Water Lilies, The Scream, Sunflowers and The Night Watch.
Bodmin had a population of 14,736 as of the 2011 Census.
"""
    )
    assert verdicts["Bodmin is a civil parish and historic town in Cornwall, England."] is None
    debris = [sentence for sentence in verdicts if "Wells" in sentence]
    assert debris and all(verdicts[sentence] == "grammatical" for sentence in debris), verdicts
    assert verdicts["Notable works include Guernica, The Kiss, Water Lilies, The Scream, Sunflowers and The Night Watch."] == "worth asking"
    assert verdicts["Bodmin had a population of 14,736 as of the 2011 Census."] == "worth asking"


def test_a_formula_copied_as_tex_is_not_asked():
    verdicts = unfit(
        """= Glint =

Lake Orrow was named by the surveyor Ada Brenn after the village of Orrow in 1854.
The glint index {\\gamma} is then given by the ratio of the reflected flux to the incident flux.
"""
    )
    assert verdicts["Lake Orrow was named by the surveyor Ada Brenn after the village of Orrow in 1854."] is None
    tex = [sentence for sentence in verdicts if "gamma" in sentence]
    assert tex and all(verdicts[sentence] == "grammatical" for sentence in tex), verdicts


def test_names_of_a_guessed_kind_are_neither_asked_as_people_nor_offered_as_them():
    text = """= Tokyo Trial =

The prosecutor Joseph Keenan opened the case against the defendants in May 1946.
The judge William Webb presided over the tribunal for more than two years.
The historian Herbert Bix said "the occupation reforms would be implemented smoothly with Hirohito on the throne" in 2000.
Class A charges were brought only against leaders, while Class B charges covered conventional war crimes.
The defence lawyer Ichiro Kiyose argued that the charges were made after the acts.
"""
    for q in bank(text):
        if q.type in ("multiple_choice", "who_said"):
            assert not any(choice.startswith("Class ") for choice in q.choices), q.choices


def test_a_blank_several_answers_fit_is_not_asked():
    text = """= Aldous Huxley =

Aldous Huxley was an English writer and philosopher born in Godalming in 1894.
After World War II, Huxley applied for United States citizenship.
During World War I, Huxley spent much of his time at Garsington Manor near Oxford.
"""
    prompts = [q.prompt for q in bank(text) if q.type == "cloze"]
    assert not any(p.startswith("After _____") for p in prompts), prompts


def test_hints_never_guess_the_kind_of_a_name():
    text = """= Plain text =

The American Standard Code for Information Interchange was published by ASA in 1963.
Unicode was developed by the Unicode Consortium from 1987 onwards to cover every writing system.
The Austin Seven was sold by the British Motor Corporation from 1959 to 1962 in England.
"""
    for q in bank(text):
        if q.type == "cloze":
            hint = re.search(r"\((an? [a-z ]+)\)$", q.prompt)
            assert not hint or hint.group(1) in ("a person", "a number", "a year", "a decade", "a month and year", "a date")


def test_a_quantity_in_a_range_or_below_a_bound_is_not_asked_with_options():
    text = """= Prison strike =

Inmates in more than 20 prisons across the United States took part in the strike in 2016.
The strike lasted from 30 to 45 days in most of the prisons of Alabama and Georgia.
About 24,000 prisoners refused to work on the first day of the strike in September 2016.
"""
    for q in bank(text):
        if q.type == "multiple_choice":
            assert q.answer not in ("20", "30", "45"), q.prompt


def test_a_date_is_asked_by_its_year_and_a_false_one_is_years_off():
    text = """= Aruba =

Aruba presented its first constitution in August 1947 as an autonomous state within the kingdom.
Aruba reached an official agreement for its independence in March 1983 after a long campaign.
Aruba became a separate country within the Kingdom of the Netherlands on 1 January 1986.
"""
    for seed in range(6):
        for q in bank(text, seed=seed):
            if q.type in ("cloze", "multiple_choice") and any(ch.isdigit() for ch in q.answer):
                assert re.fullmatch(r"\d{4}", q.answer), q.answer  # "1947", not "August 1947"
            if q.type == "true_false" and q.answer == "False":
                right, wrong = re.match(r'The article says "(.+)", not "(.+)"\.', q.explanation).groups()
                years = [int(y) for y in re.findall(r"\d{4}", right + " " + wrong)]
                assert abs(years[0] - years[1]) >= 4, q.explanation  # not 1947 made 1946: a quibble


def test_one_stem_never_gives_another_question_its_answer():
    def question(qtype, prompt, answer):
        from quizapp.generation.question import Citation

        return GeneratedQuestion("q", qtype, prompt, [], answer, Citation("intro-1", 0, 1))

    first = question("cloze", "The fire of 2016 killed _____ people in the warehouse.", "36")
    asked = [bank_entry(first, "36")]
    spoiler = question("true_false", "True or false? The warehouse fire that killed 36 people began at night.", "True")
    assert conflicts(bank_entry(spoiler, ""), asked)
    gershwin = [bank_entry(question("cloze", "_____ composed An American in Paris in 1928.", "Gershwin"), "Gershwin")]
    assert conflicts(bank_entry(question("true_false", "True or false? Gershwin's tour of Europe began in March.", "True"), ""), gershwin)
    # A quotation's speaker may be named elsewhere: who said it is not what the other stem says.
    quoted = question("who_said", 'Who said "we will build it once"?', "Gershwin")
    assert not conflicts(bank_entry(quoted, "Gershwin", REGISTRY["who_said"].name_may_recur), [bank_entry(question("true_false", "True or false? Gershwin wrote it in Paris.", "True"), "")])
    # Nor in another form or order: "the native Caquetíos" gives "Caquetío", "Council General" gives
    # "General Council"; a stem sharing one word of a longer answer ("the world's", "World War I") does not.
    caquetio = [bank_entry(question("cloze", "The first inhabitants of Aruba were the _____.", "Caquetío"), "Caquetío")]
    assert conflicts(bank_entry(question("cloze", "The native Caquetíos spoke _____.", "Arawak"), "Arawak"), caquetio)
    council = [bank_entry(question("cloze", "The parliament of Andorra is the _____.", "General Council"), "General Council")]
    assert conflicts(bank_entry(question("cloze", "The Council General elects the _____.", "head of government"), "head of government"), council)
    war = [bank_entry(question("cloze", "Andorra declared war on Germany during _____.", "World War I"), "World War I")]
    assert not conflicts(bank_entry(question("cloze", "Andorra is the world's 16th-smallest _____.", "country"), "country"), war)
    # A statement made false is plainly false beside a stem that tells the fact it changed (a blind
    # rater: "Q11's stem states that Neurotica was released in 1987, not 1991"); not beside one that
    # only shares the year, nor beside another false statement, which tells nothing.
    from quizapp.generation.pipeline import bank_entry_of
    from quizapp.generation.types.true_false import SAYS_NOT

    made_false = question("true_false", "True or false? In 1991, Redd Kross released Neurotica, an album influenced by cartoons.", "False")
    made_false.explanation = SAYS_NOT.format(right="1987", wrong="1991")
    label = question("multiple_choice", "Which record label folded after Redd Kross released the album Neurotica in 1987?", "Big Time")
    assert conflicts(bank_entry_of(made_false), [bank_entry_of(label)])
    assert conflicts(bank_entry_of(label), [bank_entry_of(made_false)])
    tour = question("cloze", "In 1987, Redd Kross toured _____ with Sonic Youth.", "Japan")
    assert not conflicts(bank_entry_of(made_false), [bank_entry_of(tour)])
    # Nor beside a true statement that shares only the year, the band and the "True or false?" every
    # statement is asked with.
    true_tour = question("true_false", "True or false? In 1987, Redd Kross toured Japan.", "True")
    assert not conflicts(bank_entry_of(made_false), [bank_entry_of(true_tour)])
    other_false = question("true_false", "True or false? Redd Kross released the album Neurotica in 1987 on a major label.", "False")
    other_false.explanation = SAYS_NOT.format(right="an independent label", wrong="a major label")
    assert not conflicts(bank_entry_of(made_false), [bank_entry_of(other_false)])
    # And in a whole bank: no answer appears in another question's stem.
    for q in bank(PHOTOSYNTHESIS):
        others = [o.prompt for o in bank(PHOTOSYNTHESIS) if o.id != q.id]
        if q.type in ("cloze", "multiple_choice") and any(ch.isdigit() for ch in q.answer):
            assert not any(q.answer in prompt for prompt in others)


def _seconds(text: str) -> float:
    import time

    article = parse_article(text)
    best = float("inf")
    for _ in range(5):  # the best of five: a busy machine slows a run, never speeds one up
        started = time.perf_counter()
        generate_questions(article)
        best = min(best, time.perf_counter() - started)
    return best


def test_doubling_an_article_does_not_quadruple_its_time():
    """Linear in the article, even when the article is one sentence of a hundred kilobytes (it took
    23 s when every date sent the ordering type back over the whole sentence)."""
    clause = (
        "in {year} the engineer Anna Keller built a bridge over the river, in {later} the town council of Ostend "
        "opened a harbour, and the painter Boris Lang said \"the light here is unlike any other\" in {last}"
    )

    def one_sentence(clauses: int) -> str:
        body = ", and ".join(clause.format(year=1800 + i % 150, later=1801 + i % 150, last=1802 + i % 150) for i in range(clauses))
        return f"= Long =\n\n{body[0].upper()}{body[1:]}.\n"

    def paragraphs(count: int) -> str:
        return "= Long =\n\n" + "\n\n".join(one_sentence(3).split("\n\n")[1].strip() for _ in range(count)) + "\n"

    for make, size in ((one_sentence, 300), (paragraphs, 300)):
        single, double = _seconds(make(size)), _seconds(make(2 * size))
        assert double < 3 * single + 0.05, (make.__name__, single, double)


def answer_verdicts(text: str) -> dict[str, set]:
    """Every fact span of the article and what ``unfit_answer`` says of it as a typed blank."""
    from quizapp.generation.screening import unfit_answer

    facts = ArticleFacts(parse_article(text))
    verdicts: dict[str, set] = {}
    for sentence_facts in facts.facts:
        for fact in sentence_facts:
            verdicts.setdefault(fact.text, set()).add(unfit_answer(facts, fact, choices=False))
    return verdicts


def test_the_unit_of_a_quantity_and_half_of_a_name_are_not_blanks():
    verdicts = answer_verdicts(
        """= Velmar =

Velmar is a moon of the planet Tarsis, discovered in 1911 by the astronomer Otto Brandt.
According to the capture hypothesis, Velmar formed at a distance of roughly 3.5 AU from its star.
Brandt's funding came from the War on Drugs budget of the Tarsis Republic after 1990.
Tarsis orbits its star at 5.2 AU, and its outer ring reaches 0.01 AU beyond the moon.
"""
    )
    assert verdicts["AU"] == {"worth asking"}  # "3.5 _____ from its star": the unit, however often it is used
    assert verdicts["War"] == {"worth asking"}  # "the _____ on Drugs budget": half of a name
    assert verdicts["1911"] == verdicts["Otto Brandt"] == {None}  # what the sentences state stays askable


HALVARD = """= Halvard Observatory =

The Halvard Observatory is an astronomical observatory in Norway, founded in 1884 by the astronomer Ingrid Halvard.
Ingrid Halvard discovered the comet Halvard-Berg in 1891 with the observatory's refracting telescope.
Visitors in 2019 numbered 41,230, of whom 62.5% came from abroad and 18.4% were school pupils.
The observatory employs 35 staff, owns 12 telescopes and keeps 4,100 photographic plates.
12 by Ada Lund * Blue Dome, oil on canvas, 1931, Berg, pg. 40.
The Halvard Observatory. . *Berg, Anna M. (1992).
Since 1950 the observatory has been run by the University of Bergen.
"""


def test_statistics_and_a_reference_list_run_into_the_text_are_not_asked():
    verdicts = unfit(HALVARD)
    assert verdicts["Visitors in 2019 numbered 41,230, of whom 62.5% came from abroad and 18.4% were school pupils."] == "worth asking"
    assert verdicts["The observatory employs 35 staff, owns 12 telescopes and keeps 4,100 photographic plates."] == "worth asking"
    assert verdicts["12 by Ada Lund * Blue Dome, oil on canvas, 1931, Berg, pg."] == "grammatical"
    assert verdicts["The Halvard Observatory. . *Berg, Anna M. (1992)."] == "grammatical"
    stems = " ".join(q.prompt for q in bank(HALVARD))
    assert "41,230" not in stems and "Berg, Anna" not in stems and "pg." not in stems
    assert "founded in _____" in stems  # the founding is still asked


def test_a_person_is_offered_only_against_people_of_the_same_role():
    text = """= Tay Valley Choir =

The Tay Valley Choir is a choir in Scotland, founded in 1921 by the composer Agnes Moir.
The composer Agnes Moir wrote the choir's first anthem, Riverlight, in 1922.
The baker Duncan Reid lent the choir its first rehearsal room in Perth in 1923.
The painter Elspeth Gow designed the choir's banner, which hangs in Perth town hall.
The composer Agnes Moir led the choir at the Edinburgh festival in 1930.
The gardener Tom Baird kept the roses at the choir's hall in Perth until 1950.
"""
    people = {"Agnes Moir", "Duncan Reid", "Elspeth Gow", "Tom Baird", "Moir", "Reid", "Gow", "Baird"}
    keyed_on_people = [q for q in bank(text) if q.type == "multiple_choice" and q.answer in people]
    assert keyed_on_people == []  # a composer against a baker, a painter and a gardener gives itself away


def test_era_labels_asides_in_brackets_and_spelt_out_initials_are_not_blanks():
    verdicts = answer_verdicts(
        """= Counting boards =

The oldest counting board was made in the 4th century BC on the island of Salamis in Greece.
In 1046, the Count of Vellano moved his court to Chambéry (now in France) after a long war.
The International Astronomical Union (IAU) adopted the name Velmar for the moon in 1976.
The Royal Society of Edinburgh elected the astronomer Otto Brandt as a fellow in 1924.
"""
    )
    assert verdicts["BC"] == {"worth asking"}  # "the 4th century _____": the era, not the fact
    assert verdicts["France"] == {"worth asking"}  # "(now in _____)": an aside in brackets
    assert verdicts["International Astronomical Union"] == {"no giveaway"}  # "(IAU)" spells it out
    assert verdicts["Greece"] == verdicts["1046"] == verdicts["Otto Brandt"] == {None}  # outside brackets: askable


def test_true_or_false_changes_no_year_in_a_list_of_years_nor_a_share_among_shares():
    from quizapp.generation.distractors import DistractorFinder
    from quizapp.generation.types.base import Context
    from quizapp.generation.types.true_false import TrueFalse

    facts = ArticleFacts(parse_article("""= Velmar Island =

Velmar Island is a volcanic island in the northern Atlantic Ocean, first settled by Norse farmers in 874.
The British Navy founded a base on Velmar Island in 1799 and held the island from 1802 to 1816 and in 1824.
The air of Velmar Island is 90% nitrogen and 10% methane by volume, the astronomer Otto Brandt found in 1911.
"""))
    context = Context(facts, DistractorFinder(facts), 0)
    # What each statement may be made false by: the last argument its candidate builds with.
    changeable = {c.sentences[0]: [f.text for f in c.make.args[-1]] for c in TrueFalse().candidates(context)}
    assert 1 not in changeable  # one of four years changed: hair-splitting, nothing else to change
    assert changeable[2] == ["Otto Brandt", "1911"]  # "90% ... and 40% methane" would add up wrong


def test_a_sentence_opening_with_eventually_leans_on_what_came_before():
    verdicts = unfit(
        """= Redd Kross =

Redd Kross is an American rock band formed in Hawthorne, California, in 1978.
Eventually, Greg Hetson left to join the Circle Jerks and Ron Reyes left for Black Flag.
Subsequently, the McDonald brothers signed with Atlantic Records in 1990.
"""
    )
    assert list(verdicts.values()) == [None, "sensible alone", "sensible alone"], verdicts


BRIDGE_BUILDER = """= Ada Lindqvist =

Ada Lindqvist (3 March 1871 – 9 October 1936) was a Swedish engineer and the first woman to design a railway bridge in Scandinavia.

== Career ==

Ada Lindqvist designed the Norrbro railway bridge in the 1890s, and it opened in 1899.
In 1934, Lindqvist founded the Stockholm School of Bridge Building.
In 1905, Lindqvist persuaded the Swedish railways to replace every wooden bridge by the year 1910.
Lindqvist became the first woman elected to the Royal Swedish Academy of Engineering Sciences in 1919.
Lindqvist died in Gothenburg in 1936.

== Legacy ==

The Stockholm School of Bridge Building moved to Malmö in 1948 and closed in 1951.
"""


def test_date_options_the_stem_or_the_subjects_lifetime_rules_out_are_not_offered():
    """Raters: "1995 and 1996 fall after 1991, so the stem rules them out"; "1890s implausible
    (born 1894)". A year the stem states, and the subject's own lifetime, bound the options."""
    from quizapp.generation.distractors import ruled_out_by_stem, subject_lifespan

    stem = "At the conference in _____, independence was set for the year 1991."
    assert [ruled_out_by_stem(stem, "1981", o) for o in ("1978", "1986", "1990", "1995", "1996")] == [False] * 3 + [True] * 2
    assert not ruled_out_by_stem("It was promised in _____ and delivered in 1985.", "1981", "1984")
    assert ruled_out_by_stem("She worked there during the _____.", "1920s", "1890s", lifespan=(1894, 1963))
    assert not ruled_out_by_stem("She worked there during the _____.", "1920s", "1930s", lifespan=(1894, 1963))
    assert not ruled_out_by_stem("The book came out in _____.", "1971", "1969", lifespan=(1894, 1963))  # published after death
    facts = ArticleFacts(parse_article(BRIDGE_BUILDER))
    assert subject_lifespan(facts) == (1871, 1936)
    assert subject_lifespan(ArticleFacts(parse_article(PHOTOSYNTHESIS))) is None

    # In the bank: the article's 1938 and made-up years after her death were offered for "In _____,
    # Lindqvist founded ..." (1934) before the lifetime bounded them.
    asked = [q for seed in range(6) for q in bank(BRIDGE_BUILDER, seed=seed) if q.type == "multiple_choice" and q.answer == "1934"]
    assert len(asked) == 6
    assert all(1871 <= int(option) <= 1936 for q in asked for option in q.choices), [q.choices for q in asked]


REBELLION = """= Orrin Rebellion =

The Orrin Rebellion (1831–1838) was an armed uprising of the hill farmers against the salt tax of the Vell crown. The farmers' leader Ada Brenn was captured at the Marsh Ford in 1833. The Vell army burned the town of Sorrow in 1835. The last band of armed farmers surrendered at Tarn in 1838.

== Causes ==

The Vell crown first taxed salt in 1826. The tax was doubled in 1828, and the farmers petitioned the crown in 1829.
"""


def test_a_period_in_bare_years_bounds_every_date_asked_within_it():
    """Raters: "1763/1767/1773 all predate the war (1775); only 1777 plausible". A war's or a
    product's period, given in bare years, bounds the options of any date asked within it; a
    lifetime, given with days, only those of stems about the subject."""
    from quizapp.generation.distractors import subject_is_period

    assert subject_is_period(ArticleFacts(parse_article(REBELLION)))
    assert not subject_is_period(ArticleFacts(parse_article(BRIDGE_BUILDER)))
    from quizapp.generation.distractors import DistractorFinder
    from quizapp.generation.types import REGISTRY
    from quizapp.generation.types.base import Context

    facts = ArticleFacts(parse_article(REBELLION))
    asked = []
    for seed in range(8):
        context = Context(facts, DistractorFinder(facts), seed)
        built = (c.build() for c in REGISTRY["multiple_choice"].candidates(context))
        asked += [q for q in built if q is not None and q.answer in ("1833", "1838")]  # stems that do not name it
    assert len(asked) >= 8
    assert all(1831 <= int(option) <= 1838 for q in asked for option in q.choices), [(q.prompt, q.choices) for q in asked]


ISLAND_STATE = """= Politics of Verdel =

The politics of Verdel takes place in a framework of a parliamentary republic. The Supreme Tribunal, with the power of judicial review, was founded in 1921. The Verdel Assembly has 40 members.

== Courts ==

Judges of the island of Corvo sit apart. Ada Brenn was the first chief justice.
"""


def test_a_stem_in_an_article_about_a_place_says_where_when_the_sentence_does_not():
    """Raters: "The Constitutional Court, with the power of judicial review, contains 11 justices":
    "country never named". In an article about a place, a sentence naming no place, person or event
    of its own is about that place, and its stem says so."""
    facts = ArticleFacts(parse_article(ISLAND_STATE))
    assert facts.subject_place == "Verdel"
    statements = {facts.sentences[i].text[:12]: facts.statement(i).text for i in range(len(facts.sentences))}
    assert statements["The Supreme "] == "In Verdel, the Supreme Tribunal, with the power of judicial review, was founded in 1921."
    assert statements["Judges of th"].startswith("Judges of the island of Corvo")  # names a place of its own
    assert statements["Ada Brenn wa"].startswith("Ada Brenn")  # names a person
    assert statements["The Verdel A"].startswith("The Verdel Assembly")  # names the subject
    asked = [q for q in bank(ISLAND_STATE) if "judicial review" in q.prompt]
    assert asked and all("In Verdel, " in q.prompt for q in asked), [q.prompt for q in asked]
    for title in ("Jupiter", "Abacus", "American Revolutionary War", "Ada Brenn"):
        article = f"= {title} =\\n\\n{title} is a large body known since ancient times. The surface has bands.\\n"
        assert ArticleFacts(parse_article(article)).subject_place is None


HARBOUR = """= Port Eskil =

Port Eskil is a harbour town on the island of Gotland.

== History ==

In 1621 Port Eskil received its town charter from the Swedish crown. In 1680, the town built its first stone quay. In August 1712 Danish ships burned the harbour. In 1745, the merchants of Port Eskil rebuilt the harbour. In 1790, the merchants again rebuilt the harbour. In 1850, a lighthouse was planned for the harbour entrance. In 1866, the company laid a railway to the quay. In 1801, a storm flooded the harbour.Smith
"""


def test_ordering_reads_events_a_dated_opening_leads_without_a_comma_and_refuses_labels_that_tell_the_order():
    """"In August 1712 Danish ships burned ..." is an event like "In 1745, the merchants ...";
    "its town charter" after "Port Eskil received" is the town's own; "again rebuilt" tells its
    place in the order, "the harbour.Smith" is a citation run into the text, a lighthouse "planned"
    in 1850 did not happen then, and "the company" is never named."""
    from quizapp.generation.types.base import Context
    from quizapp.generation.distractors import DistractorFinder
    from quizapp.generation.types.ordering import event_label

    facts = ArticleFacts(parse_article(HARBOUR))
    context = Context(facts, DistractorFinder(facts), 0)
    labels = {
        facts.sentences[f.sentence].text[:12]: event_label(context, f)
        for sentence in facts.facts for f in sentence if f.kind == "date"
    }
    assert labels == {
        "In 1621 Port": "Port Eskil received its town charter from the Swedish crown",
        "In 1680, the": "Port Eskil built its first stone quay",  # "the town" of a harbour town is Port Eskil
        "In August 17": "Danish ships burned the harbour",
        "In 1745, the": "The merchants of Port Eskil rebuilt the harbour",
        "In 1790, the": None,  # "again"
        "In 1801, a s": None,  # "harbour.Smith"
        "In 1850, a l": None,  # planned then, built who knows when
        "In 1866, the": None,  # which company?
    }
    [ordering] = [q for q in bank(HARBOUR) if q.type == "ordering"]
    assert ordering.answer == [labels["In 1621 Port"], labels["In 1680, the"], labels["In August 17"], labels["In 1745, the"]]


MILLBROOK = """= Millbrook Canal =

The Millbrook Canal is a disused canal in the county of Westmarch.
In 1764, the engineer Hugh Carrow surveyed a route from the Millbrook quarries to the river Lune.
In March 1767, the Westmarch Navigation Company opened the first section to boats.
In 1769, the Westmarch Navigation Company bought the Swan Inn in Kendal and in June of that year met there.
A royal warrant issued in 1771 granted the company the tolls of the upper locks.
Since 1792 the canal has been under the care of the county's magistrates.
In 1799, the Millbrook Canal reached the river Lune at Halton.
In 1802, the Millbrook Canal carried more than a hundred boats a week.
"""


def test_ordering_labels_are_events_that_stand_alone():
    """"In June of that year" names no year, "has been under the care" is a state, and "A royal
    warrant issued in 1771 granted" loses its grammar without the date: none is an event to order."""
    from quizapp.generation.distractors import DistractorFinder
    from quizapp.generation.types.base import Context
    from quizapp.generation.types.ordering import event_label

    facts = ArticleFacts(parse_article(MILLBROOK))
    context = Context(facts, DistractorFinder(facts), 0)
    labels = {
        facts.sentences[f.sentence].text[:12]: event_label(context, f)
        for sentence in facts.facts for f in sentence if f.kind == "date"
    }
    assert labels["In 1764, the"] == "The engineer Hugh Carrow surveyed a route from the Millbrook quarries to the river Lune"
    assert labels["In March 176"] == "The Westmarch Navigation Company opened the first section to boats"
    assert labels["In 1799, the"] == "The Millbrook Canal reached the river Lune at Halton"
    assert labels["In 1769, the"] is None  # of that year
    assert labels["A royal warr"] is None  # "A royal warrant issued granted ..."
    assert labels["Since 1792 t"] is None  # a state


def test_an_ordering_is_not_kept_beside_a_stem_that_dates_one_of_its_events():
    """Two blind raters failed 12 of 17 orderings for one event another stem dates (round 43)."""
    def question(kind, prompt, answer, choices=()):
        return GeneratedQuestion(id=kind + prompt[:5], type=kind, prompt=prompt, choices=list(choices), answer=answer, source=None)

    order = bank_entry(question("ordering", "Put these events in order.", [
        "Hugh Carrow surveyed a route to the river Lune",
        "The Westmarch Navigation Company opened the first section",
        "The canal reached the river Lune at Halton",
    ]), "")
    first = bank_entry(question("true_false", "True or false? In 1764 Hugh Carrow surveyed a route to the river Lune.", "True"), "")
    second = bank_entry(question("cloze", "In 1799 the canal reached the river Lune at _____.", "Halton"), "Halton")
    undated = bank_entry(question("cloze", "The Westmarch Navigation Company opened the first section to _____.", "boats"), "boats")
    assert not conflicts(order, [undated])
    assert conflicts(order, [first, undated])  # one event dated elsewhere gives part of the order away
    assert conflicts(order, [first, second])
    # A dated question is never refused for an ordering's sake: the ordering leaves the finished bank.
    assert not conflicts(second, [order, first])
    assert spoilt_orderings([order, first, second]) == {0}
    assert spoilt_orderings([first, undated, order]) == {2}
    assert spoilt_orderings([undated, order]) == set()
    # A stem that holds the year dates the event even where the blank takes most of its words.
    blanked = bank_entry(question("cloze", "In 1780 the _____ opened the first section.", "Westmarch Navigation Company"), "Westmarch Navigation Company")
    assert conflicts(order, [blanked])
    assert spoilt_orderings([undated, order, blanked]) == {1}
    # Asking for the year is what the ordering asks too, not a stem that tells it.
    asks_year = bank_entry(question("multiple_choice", "In _____ Hugh Carrow surveyed a route to the river Lune.", "1764"), "1764")
    assert not conflicts(order, [asks_year, undated])


def test_a_blank_is_not_the_end_of_a_name_or_a_word_the_stem_derives():
    text = """= Valdoria =

The parliament of Valdoria is known as the General Assembly of the Valleys.
Valdoria has an honorary consulate in Saint Petersburg and an embassy in Rome.
A maker of harpsichords is called a harpsichordist, after the instrument he builds.
The first harpsichord made in Valdoria was sold in 1702 to a merchant from Genoa.
"""
    answers = {q.answer for q in bank(text) if q.type in ("cloze", "multiple_choice")}
    assert not answers & {"Assembly", "Petersburg", "harpsichordist"}, answers


def test_a_previous_flight_leans_on_the_one_before():
    verdicts = unfit("""= Orbital Station Vega =

Vega was a crewed orbital station launched by Valdoria in 1971.
A previous crewed flight had been made on Vega 1 in 1969 by the cosmonaut Ilan Deren.
Ilan Deren flew the first crewed flight of Valdoria in 1969.
""")
    assert verdicts["A previous crewed flight had been made on Vega 1 in 1969 by the cosmonaut Ilan Deren."] == "sensible alone"
    assert verdicts["Ilan Deren flew the first crewed flight of Valdoria in 1969."] is None


def test_a_year_the_title_holds_a_bound_and_a_country_under_another_name_give_answers_away():
    text = """= 2019 Valdorian dock strike =

The 2019 Valdorian dock strike was a stoppage of dock workers in the ports of Valdoria.
Dockers in 30 or more ports across Valdoria joined the strike, which began on 3 May 2019.
Cranes at the port of Ostrel stood idle on 12 June 2019, when the dockers blocked its gates.
In 1844 the present Republic was formed from the four river provinces of Valdoria.
"""
    questions = bank(text)
    answers = {q.answer for q in questions if q.type in ("cloze", "multiple_choice", "numeric")}
    assert not answers & {"2019", "30"}, answers  # the title dates it; "30 or more" is true of 20 too
    assert not any(q.type == "true_false" and " or more ports" in q.prompt and "30" not in q.prompt for q in questions)
    assert unfit(text)["In 1844 the present Republic was formed from the four river provinces of Valdoria."] == "sensible alone"

    def question(kind, prompt, answer):
        return GeneratedQuestion(id=kind, type=kind, prompt=prompt, choices=[], answer=answer, source=None)

    lived = bank_entry(question("cloze", "Huxley spent his later life in the _____, in Los Angeles.", "U.S."), "U.S.")
    applied = bank_entry(question("cloze", "After the war, Huxley applied for United States citizenship.", "citizenship"), "citizenship")
    assert conflicts(lived, [applied])


def test_a_date_after_before_is_a_bound_and_a_title_names_its_country_under_any_name():
    text = """= U.S. canal strike of 1911 =

The U.S. canal strike of 1911 stopped the barges of the Erie Canal for six weeks.
Before 1895, the canal boatmen of New York had no union and no fixed wage.
Boatmen in 30 towns across the United States joined the strike, which the Erie Canal Company opposed.
The canal company was founded in 1817 by the merchant Jonas Wexley in Albany.
"""
    questions = bank(text)
    asked = {q.answer for q in questions if q.type in ("cloze", "multiple_choice")}
    assert not asked & {"1895", "United States"}, asked  # any year before 1895 is true too; the title says U.S.
    assert not any(q.type == "true_false" and "Before 18" in q.prompt and "1895" not in q.prompt for q in questions)


def test_a_figure_is_asked_only_where_the_stem_says_what_it_counts():
    """Raters: "At least _____ residents and tourists were forced to evacuate": "never names the
    fires or place"; "Courts operated in only 12 of more than _____ municipalities": "country never named"."""
    fire = """= Harlow Creek fire =

The Harlow Creek fire burned across the Tamsin Hills in August 1998.
At least 4,000 residents and tourists were forced to evacuate, while 300 buildings were destroyed.
The Harlow Creek fire destroyed 210 homes in the valley, and 300 buildings burned.
Crews from Oregon sent 45 engines to the hills.
"""
    verdicts = answer_verdicts(fire)
    assert verdicts["4,000"] == {"sensible alone"}  # evacuated from where?
    assert verdicts["210"] == {None}  # the stem names the fire
    assert verdicts["45"] == {None}  # and this one who sent them

    facts = ArticleFacts(parse_article(ISLAND_STATE + "\nCourts operated in only 12 of more than 140 districts.\n"))
    courts = next(s.index for s in facts.sentences if s.text.startswith("Courts"))
    # "Courts" opens the sentence but names nothing: the sentence is about Verdel and says so.
    assert facts.statement(courts).text == "In Verdel, courts operated in only 12 of more than 140 districts."


def test_one_item_of_a_list_a_place_nearby_and_a_school_number_are_not_blanks():
    """Raters: "the Franco-Prussian War, the _____, and ...": "one item of a background list";
    "Scarmagno, near _____": "location of a former plant"; "the _____ № 554": "half of a school name"."""
    verdicts = answer_verdicts(
        """= Ilse Varga =

Ilse Varga grew up in a time of change: the Hungarian Revolution, the Prague Spring, and the fall of the Berlin Wall.
In 1962 Ilse Varga enrolled at the Budapest School № 17 and studied painting.
Ilse Varga's studio was in Szentendre, near Budapest, and drew painters from Vienna.
Ilse Varga won the Kossuth Prize in 1988 for her murals in Szeged.
"""
    )
    assert verdicts["Prague Spring"] == {"worth asking"}
    assert verdicts["Budapest School"] == {"worth asking"}
    assert verdicts["Budapest"] == {"worth asking"}  # "near _____": where the town lies
    assert verdicts["Hungarian Revolution"] == verdicts["Kossuth Prize"] == verdicts["Vienna"] == {None}


def test_a_technical_text_with_few_names_is_asked_the_terms_it_defines():
    """A text on devices names few people, places or dates: the issue's raters found such texts got
    no questions, while what each device is called is what a teacher asks."""
    text = """= Hearing aids =

Hearing aids help people with hearing loss to follow speech in daily life.

== Kinds ==

Cochlear implants are electronic devices that send sound signals straight to the nerve of the inner ear through a coil.
A bone conduction aid is a device that passes sound through the bones of the skull to the inner ear without the ear canal.
This is a field that changes quickly as new parts are made smaller every year.
Often there are small batteries that must be changed by the user every week or so.
Most aids are worn behind the ear, where a thin tube carries the sound into the ear canal.
"""
    cloze = {q.answer: q.prompt for q in bank(text) if q.type == "cloze"}
    assert cloze.get("Cochlear implants", "").startswith("Hearing aids: _____ are electronic devices that send sound signals"), cloze
    assert cloze.get("bone conduction aid", "").startswith("Hearing aids: A(n) _____ is a device that passes sound"), cloze
    assert not {"This", "Often there", "field", "Most aids"} & set(cloze), cloze


def test_a_direction_from_nowhere_an_example_a_third_type_and_a_first_name_before_a_nickname():
    """Raters: "To the north are the Chukchi and Beaufort Seas": "north of what?"; "Unimak Island,
    for example, is home to ...": "leans on context"; "A third type, called _____": "of what?";
    'actor _____ "El Indio" Fernández' -> Emilio: "half a name"."""
    text = """= Keldor =

Keldor is a mountainous island state in the Northern Sea, settled by fishermen in the 9th century.
To the north are the Varn Islands, the southern edge of the Grey Ocean.
Keldor is bordered to the south by the Strait of Oss.
In 1866 cholera killed 5,500 people in the East End of Varnholm, the old harbour quarter.
Skerry Island, for example, is home to the volcano Mount Helsa, which last erupted in 1874.
A third type, called the longhouse, is one where families shared a single hearth.
The lakes of Keldor hold many fish, which include, for example, trout and pike.
The national statue was modelled on the sculptor Ansel "Old Bear" Varga in 1921.
"""
    verdicts = unfit(text)
    assert verdicts["To the north are the Varn Islands, the southern edge of the Grey Ocean."] == "sensible alone"
    assert verdicts["Keldor is bordered to the south by the Strait of Oss."] is None  # south of Keldor
    assert verdicts["In 1866 cholera killed 5,500 people in the East End of Varnholm, the old harbour quarter."] is None
    assert verdicts[next(s for s in verdicts if s.startswith("Skerry Island"))] == "sensible alone"
    assert verdicts[next(s for s in verdicts if s.startswith("A third type"))] == "sensible alone"
    assert verdicts["The lakes of Keldor hold many fish, which include, for example, trout and pike."] is None
    assert answer_verdicts(text)["Ansel"] == {"worth asking"}


def test_a_topic_word_of_the_title_does_not_say_where_and_prior_to_the_war_is_a_time_marker():
    """Raters: "An economic reform effort was launched in _____" in "Economy of Angola": "country
    unnamed"; "Prior to the _____, exportation of coffee ... joined" -> First World War: "a time marker"."""
    text = """= Economy of Verdel =

The economy of Verdel rests on fishing and shipbuilding.
An economic reform effort was launched in 1998 to open the shipyards to foreign owners.
Prior to the Second World War, exports of salt fish and timber joined the principal exports of Verdel.
"""
    facts = ArticleFacts(parse_article(text))
    statements = [facts.statement(s.index).text for s in facts.sentences]
    assert "In Verdel, an economic reform effort was launched in 1998 to open the shipyards to foreign owners." in statements
    assert answer_verdicts(text)["Second World War"] == {"unambiguous"}


def test_true_or_false_changes_no_figure():
    """Raters: "776,000 foreign-born immigrants" changed, "7.7 vs 9.6 mm", "3 vs 6 mi": a false
    statement made by changing a figure tests a measurement to look up (none of ten on the tune
    split was acceptable). Years and people still change."""
    from quizapp.generation.distractors import DistractorFinder
    from quizapp.generation.types import Context

    text = """= Tarrow Harbour =

Tarrow Harbour is a fishing port on the coast of Norland, built by the engineer Ida Brun in 1851.

== Trade ==

The Tarrow Harbour board estimated that 176,240 tonnes of fish were landed at Tarrow Harbour in 2008.
The Tarrow Harbour crane lifted 40 tonnes at a time when it opened in 1872.
The Tarrow Harbour fleet numbered 85 boats in 1900.
"""
    facts = ArticleFacts(parse_article(text))
    context = Context(facts, DistractorFinder(facts), 0)
    explanations = [q.explanation for q in (c.build() for c in REGISTRY["true_false"].candidates(context)) if q and q.answer == "False"]
    changed = {re.match(r'The article says "([^"]+)"', e).group(1) for e in explanations}
    assert changed and not changed & {"176,240", "40", "85"}, explanations
    assert changed <= {"1851", "2008", "1872", "1900", "Ida Brun"}, explanations


def test_a_subject_the_sentences_before_name_leans_on_them():
    """Raters: "In _____, the script was modified to add the vowels": "'the script' never named"."""
    verdicts = unfit(
        """= Runic writing =

Runic writing was used by Germanic peoples from about the 2nd century.
The Gothic script was spread by missionaries along the Danube.
In Sweden, the script was simplified to sixteen letters by the 8th century.
The largest and oldest runestones stand in Uppland, where over a thousand survive.
"""
    )
    assert verdicts["In Sweden, the script was simplified to sixteen letters by the 8th century."] == "sensible alone"
    assert verdicts["The Gothic script was spread by missionaries along the Danube."] is None  # says which script
    assert verdicts["The largest and oldest runestones stand in Uppland, where over a thousand survive."] is None


def test_who_said_offers_no_one_the_article_speaks_of_as_another_gender():
    """Raters: "Herrick (a woman) ruled out by 'my wife'" among the options for Harold Russell's words."""
    text = """= Marden Film Prize =

The Marden Film Prize is an award for films made in Norland, first given in 1950.
Karl Holm won the first prize in 1950. He later sold his prize to pay for his wife's treatment.
Ada Brenn chaired the jury in 1950. She founded the Norland Film Archive in 1961.
Tom Vester chaired the jury in 1960. He wrote the rules of the prize.
Maria Sorn chaired the jury in 1970. She moved the ceremony to Arnby.
Peter Dahl chaired the jury in 1980. He opened the prize to documentaries.
Erik Berg chaired the jury in 1990. He gave the prize its first foreign winner.
Ada Brenn, Tom Vester, Maria Sorn, Peter Dahl and Erik Berg all sat on the jury in 1995.
Karl Holm said, "My wife's health matters more than any prize, and I would sell it again."
"""
    asked = [q for q in bank(text) if q.type == "who_said"]
    assert asked, [q.prompt for q in bank(text)]
    for q in asked:
        assert q.answer == "Karl Holm" and not {"Ada Brenn", "Maria Sorn"} & set(q.choices), q.choices


def test_ordering_keeps_a_name_with_its_abbreviation_and_leaves_out_what_followed_the_death():
    """Raters: "Angola started an International Monetary Fund" (cut at "(IMF)"), and the release of
    Einstein's papers in 2014 plainly last among events of his life."""
    from quizapp.generation.distractors import DistractorFinder
    from quizapp.generation.types.base import Context
    from quizapp.generation.types.ordering import event_label

    text = """= Ida Moreau =

Ida Moreau (3 March 1850 – 9 May 1910) was a French chemist.
In 1872, Ida Moreau joined the Paris Academy of Sciences as its first woman member.
In 1880, Ida Moreau founded the Lyon Dye Institute (LDI) Research Laboratory in Lyon.
In 1895, Ida Moreau won the Lavoisier Medal for her work on dyes.
In 1902, Ida Moreau opened a school for chemists in Marseille.
In 1921, the Lyon Dye Institute published Ida Moreau's letters.
In 1950, the city of Lyon named a street after Ida Moreau.
"""
    facts = ArticleFacts(parse_article(text))
    context = Context(facts, DistractorFinder(facts), 0)
    labels = {facts.sentences[f.sentence].text[:7]: event_label(context, f) for s in facts.facts for f in s if f.kind == "date"}
    assert labels["In 1880"] == "Ida Moreau founded the Lyon Dye Institute Research Laboratory in Lyon"
    orderings = [c.build() for c in REGISTRY["ordering"].candidates(context)]
    assert orderings
    for q in orderings:
        assert not [item for item in q.answer if "letters" in item or "street" in item], q.answer


def test_a_day_without_its_year_is_not_asked():
    """Raters: "... the first time starting _____" -> November 1: "the start day is trivia"."""
    from quizapp.generation.distractors import DistractorFinder
    from quizapp.generation.types import Context

    facts = ArticleFacts(parse_article(
        """= Harbour Tax =

The Harbour Tax was a duty on ships in Varnholm.
The Varnholm council passed the Harbour Tax in March 1765, which imposed duties on the fishermen for the first time starting November 1.
"""
    ))
    context = Context(facts, DistractorFinder(facts), 0)
    asked = [c.build() for name in ("cloze", "multiple_choice") for c in REGISTRY[name].candidates(context)]
    answers = {q.answer for q in asked if q is not None}
    assert "November 1" not in answers and "1765" in answers, answers


def test_a_place_after_a_superlative_is_not_a_blank():
    """Raters: "Denali is the highest mountain in _____" -> North America: "Alaska / the United
    States also true"."""
    verdicts = answer_verdicts(
        """= Kessa =

Kessa is a mountainous island in the Baltic Sea, part of Sweden.
Mount Orr is the highest mountain in Sweden, rising 2,100 m above the sea.
Kessa was the first island in Europe to elect a woman mayor, in 1921.
The ferry to Kessa leaves from Stockholm every morning.
"""
    )
    assert verdicts["Sweden"] == {None, "unambiguous"}  # "part of _____" asks it; "the highest mountain in _____" does not
    assert verdicts["Europe"] == {"unambiguous"}
    assert verdicts["Stockholm"] == {None}


def test_a_name_used_as_a_modifier_is_not_a_blank():
    """Raters: "prepared with _____ assistance" -> World Bank, "Alaska is a(n) _____ state" -> U.S.:
    the name stands as an adjective, and the blank reads as a guess at a kind of thing."""
    verdicts = answer_verdicts(
        """= Port of Varnholm =

The Port of Varnholm is the largest harbour in Norway, run by the Varnholm Harbour Board.
In 2004, a new container terminal, built with World Bank assistance, opened at the Port of Varnholm.
The World Bank lent the Port of Varnholm 40 million euros in 2004.
The Norland Shipping Company almost doubled the trade of the harbour by 2010.
"""
    )
    assert "worth asking" in verdicts["World Bank"]  # "with _____ assistance"
    assert None in verdicts["World Bank"]  # "The _____ lent ...": the bank itself
    assert None in verdicts["Norland Shipping Company"]  # "_____ almost doubled": an adverb, then the verb


def test_a_stem_holding_a_longer_form_of_the_answer_gives_it_away():
    """Raters: "_____ are electronic devices that ... perform digital magnification" -> Desktop video magnifiers."""
    from quizapp.generation.phrasing import gives_away

    assert gives_away("_____ are devices that perform digital magnification of print.", "Video magnifiers")
    assert gives_away("The _____ debated the parliamentary reform.", "Parliament")
    assert not gives_away("The _____ met in Philadelphia to continue the war.", "Continental Congress")
    assert not gives_away("In 1775 the _____ named Washington its general.", "Congress")


def test_a_city_in_the_stem_gives_its_country_away():
    """Raters: "spent the later part of his life in the _____, living in Los Angeles" -> U.S."""
    verdicts = answer_verdicts(
        """= Ivo Brandt =

Ivo Brandt was a Danish painter who spent his last years in the United States, living in Los Angeles from 1950.
Ivo Brandt first exhibited in the United States in 1938.
"""
    )
    assert verdicts["United States"] == {"no giveaway", None}  # the first names Los Angeles, the second no city


def test_true_or_false_changes_no_year_in_an_aside_in_brackets():
    """Raters: "... his last two films, Nostalghia (1983) and ...": "falsity hinges only on a
    parenthetical film year"; "(circa 2012)": "false only by a parenthetical date"."""
    from quizapp.generation.distractors import DistractorFinder
    from quizapp.generation.types import Context

    text = """= Ida Moreau =

Ida Moreau (born 3 March 1850) is a French chemist and the founder of the Lyon Dye Institute.
Ida Moreau wrote seven books on dyes; her last two, Indigo (1901) and Madder (1905), were printed in Paris.
In 1895, Ida Moreau won the Lavoisier Medal for her work on dyes.
"""
    facts = ArticleFacts(parse_article(text))
    context = Context(facts, DistractorFinder(facts), 0)
    explanations = [q.explanation for q in (c.build() for c in REGISTRY["true_false"].candidates(context)) if q and q.answer == "False"]
    changed = {re.match(r'The article says "([^"]+)"', e).group(1) for e in explanations}
    assert not changed & {"1901", "1905"}, explanations
    assert "1895" in changed, explanations  # a year outside brackets still may


def test_a_blank_subject_that_also_does_something_leans_on_another():
    """Raters: "In Andorra, the _____ also appoints members of the Office of the Attorney General":
    "'also' points back to other appointments"; "_____ is also located in Southwest"."""
    verdicts = answer_verdicts(
        """= Courts of Verdel =

The Supreme Tribunal of Verdel appoints the judges of the lower courts.
The High Council also appoints members of the Office of the Prosecutor.
The Verdel Assembly elects the High Council every five years.
"""
    )
    assert verdicts["High Council"] == {"sensible alone", None}  # the second, not the third sentence


OBSERVATORY = """= Harlow Observatory =

The Harlow Observatory is an astronomical observatory on Mount Tessel in Norway, founded by Ingrid Halvorsen in 1921.
In 1934 the observatory discovered the comet Halvorsen–Lund, named after its founder and its first director.

The Great Refractor, the largest telescope of the Harlow Observatory, was built by the firm of Carl Zeiss in Jena.
In 1987 Harlow astronomers found the first brown dwarf seen from Scandinavia.

The Harlow Observatory was made a national monument by King Olav V in 1971.
In 1968 the Harlow Observatory became part of the University of Oslo.
The shipowner Fred Olsen paid for the first telescope of the Harlow Observatory.

== Buildings ==

The main dome stands on the summit of the mountain.
The architect Arne Berg designed the Bergen Museum before he planned the dome.
The painter Edvard Munch visited the dome in 1930 and drew the Great Refractor.

== Staff ==

The observatory employs about forty people.
The astronomer Sofie Dahl trained at Uppsala University before she joined the staff.
The astronomer Sofie Dahl later married the poet Tor Jonsson.
"""
# Sound questions, but side details: the architect's other work, where one of the staff trained.
SIDE_DETAILS = {"Bergen Museum", "Uppsala University"}


def answers(questions: list[GeneratedQuestion]) -> set[str]:
    return {q.answer for q in questions if isinstance(q.answer, str)}


def test_a_side_detail_outside_the_lead_only_fills_a_thin_bank():
    article = parse_article(OBSERVATORY)
    everything = answers(generate_questions(article, max_questions=50))
    assert SIDE_DETAILS <= everything  # a teacher who asks for more gets them
    by_default = generate_questions(article)
    assert len(by_default) >= MIN_BANK
    assert not SIDE_DETAILS & answers(by_default)
    # Ranked after everything else: the first five asked for are the lead's.
    assert not SIDE_DETAILS & answers(generate_questions(article, max_questions=MIN_BANK))
    # With one lead paragraph fewer, the lead gives fewer than MIN_BANK: side details fill the bank.
    thin = parse_article(OBSERVATORY.replace(OBSERVATORY.split("\n\n")[3] + "\n\n", ""))
    thin_bank = generate_questions(thin)
    assert len(thin_bank) < MIN_BANK and SIDE_DETAILS <= answers(thin_bank)


# A body sentence the generator ranks high (first in its passage, a date, a place and a person) but
# about something else than the article's subject: a side detail, like those of OBSERVATORY.
MILL = """= Kessler Mill =

Kessler Mill (KM), also known as the Old Weavery, is a former cotton mill in Chemnitz, Germany, founded by Anton Kessler in 1858.
The mill was the first in Saxony to weave cotton with steam looms.
Kessler Mill closed in 1972 after the collapse of the East German textile trade.

Kessler Mill employed 900 workers at its height, most of them women from the villages of the Ore Mountains.
In 1901 Kessler Mill became the largest cotton mill in Germany.
Kessler Mill was designed by the Berlin architect Paul Wallot.
The city of Chemnitz bought Kessler Mill in 1989 and opened it as a museum of industry in 1994.

== History ==

The steam engine maker Richard Hartmann founded the Saxon Engine Works in Chemnitz in 1837.
The Old Weavery was enlarged in 1875 by the architect Gustav Weber.

== Museum ==

The composer Robert Schumann was born in Zwickau, a town south of Chemnitz, in 1810.
The museum of Kessler Mill shows the looms of the first weaving hall.
"""


def test_a_body_sentence_that_never_names_the_subject_is_a_side_detail():
    article = parse_article(MILL)
    facts = ArticleFacts(article)
    context = Context(facts, DistractorFinder(facts), 0)
    # The first sentence gives the subject two more names; a sentence using one of them names it.
    assert facts.subject_names == ["Kessler Mill", "KM", "Old Weavery"]
    by_text = {s.text: s.index for s in facts.sentences}
    enlarged = by_text["The Old Weavery was enlarged in 1875 by the architect Gustav Weber."]
    assert facts.names_the_subject(enlarged)
    # Nor is a blank any of its names: the article's subject is never the answer to guess.
    other_name = next(f for f in facts.facts[enlarged] if f.text == "Old Weavery")
    assert unfit_answer(facts, other_name, choices=False) == "no giveaway"
    schumann = by_text["The composer Robert Schumann was born in Zwickau, a town south of Chemnitz, in 1810."]
    assert importance(context, schumann) >= BODY_IMPORTANCE and not facts.names_the_subject(schumann)
    by_default = generate_questions(article)
    assert len(by_default) >= MIN_BANK and "1810" not in answers(by_default)
    assert "1810" in answers(generate_questions(article, max_questions=50))  # asked for, it comes


LAKE = """= Lake Varden =

Lake Varden is a freshwater lake in northern Finland, near the town of Kemijärvi.
It was formed by a retreating glacier at the end of the last ice age.
Its largest island is Suursaari, home to a medieval chapel built by the monk Olaus Petri in 1473.
It is possible to reach the island by ferry from Kemijärvi.
The ferry was built in Turku by the firm Wärtsilä.
It carries forty passengers.

== History ==

Lake Varden was first mapped by the Swedish surveyor Anders Celsius in 1736.
It was later named a national park by the government of Finland in 1956.
"""


def test_it_after_a_sentence_about_the_articles_subject_is_the_subject():
    facts = ArticleFacts(parse_article(LAKE))
    stands_alone = {s.text: facts.statement_text(s.index) for s in facts.sentences if not facts.dangling(s.index)}
    assert stands_alone["It was formed by a retreating glacier at the end of the last ice age."].startswith("Lake Varden was formed")
    island = next(text for text in stands_alone.values() if "Suursaari" in text)
    assert island.startswith("Lake Varden's largest island is Suursaari")
    assert stands_alone["It was later named a national park by the government of Finland in 1956."].startswith(
        "Lake Varden was later named"
    )
    # Not an empty "it", nor after a sentence about something else (the ferry).
    assert not any(s.startswith(("It is possible", "It carries")) for s in stands_alone)
    # Asked with the subject in place, cited to the sentence as the article writes it.
    article = parse_article(LAKE)
    asked = [q for q in generate_questions(article, max_questions=50) if q.prompt.startswith("Lake Varden's")]
    assert asked
    for q in asked:
        passage = article.passage(q.source.passage).text
        assert passage[q.source.start : q.source.end].startswith("Its largest island")


def test_it_in_a_biography_is_never_its_subject():
    facts = ArticleFacts(parse_article("""= Ada Varden =

Ada Varden was a Finnish painter who founded the Kemijärvi School of Art in 1921.
It was the first art school in Lapland, and she taught there until 1950.
"""))
    assert not facts.it_stands_for


HARBOUR_TALKS = """= Harbour Talks of 1931 =

The Harbour Talks of 1931 were a round of negotiations over fishing rights in the Skagerrak.

== Positions ==
The Norwegian envoy Arne Haugland argued in a letter to the press that fishing rights should follow the depth of the water rather than the coastline.
The Danish minister Karen Holm replied that her government would not accept any line drawn by depth.
Sven Lindqvist, the Swedish delegate, wrote a report on the herring stocks of the strait.
Henrik Dahl announced that the three governments would share a single patrol fleet from the following spring.
In 1932, Magnus Berg said that the talks had failed because the herring stocks were never counted.
He later claimed that the Swedish fleet had taken twice the agreed catch during the winter of 1931.
Nordsea announced that the herring fleet of Esbjerg would stay in port until the talks ended.
"""


def test_who_said_asks_claims_reported_as_x_said_that():
    article = parse_article(HARBOUR_TALKS)
    facts = ArticleFacts(article)
    claims = {quote.speaker_text: (quote.verb, quote.text) for quote in facts.quotes if quote.verb and quote.verb != "claimed"}
    assert claims["Arne Haugland"] == (
        "argued in a letter to the press",
        "fishing rights should follow the depth of the water rather than the coastline",
    )
    assert claims["Magnus Berg"] == ("said", "the talks had failed because the herring stocks were never counted")
    # A claim that leans on what it does not name ("her government", "the following spring") is not one
    # to ask; "He later claimed" is Magnus Berg's, named in the sentence before.
    assert "Karen Holm" not in claims and "Henrik Dahl" not in claims
    # A one-word name may be a company's ("Nordsea announced that ..."): not surely a person.
    assert "Nordsea" not in claims
    assert facts.quotes[-1].verb == "claimed" and facts.quotes[-1].speaker_text == "Magnus Berg"
    asked = {q.prompt: q for q in generate_questions(article, max_questions=50) if q.type == "who_said"}
    question = asked["Who argued in a letter to the press that fishing rights should follow the depth of the water rather than the coastline?"]
    assert question.answer == "Arne Haugland"
    assert len(question.choices) == 4 and set(question.choices) <= {"Arne Haugland", "Karen Holm", "Sven Lindqvist", "Henrik Dahl", "Magnus Berg"}
    for q in asked.values():
        cited = article.passage(q.source.passage).text[q.source.start : q.source.end]
        assert q.answer in cited and "that" in cited
        assert not validate_question(article, q)
    # The later claim's evidence runs from the sentence that names him to the one that makes it
    # (not asked: one who-said question per speaker is enough).
    later = facts.quotes[-1]
    passage = facts.sentences[later.sentence].passage.text
    assert passage[later.evidence_start : later.evidence_end].startswith("In 1932, Magnus Berg said")
    assert [q.answer for q in asked.values()].count("Magnus Berg") == 1


def test_a_ruler_is_offered_by_the_whole_name_not_the_number():
    facts = ArticleFacts(parse_article("""= Tours =

Louis XI of France was born in Bourges in 1423 and later lived at the castle of Plessis near Tours.
"""))
    ruler = next(e for e in facts.entities.values() if e.name.startswith("Louis"))
    assert ruler.surname == "Louis XI"


def test_an_office_named_after_a_person_is_not_a_person():
    facts = ArticleFacts(parse_article("""= Tokyo Trial =

The accused included Kōichi Kido, Lord Keeper of the Privy Seal, and the general Iwane Matsui.
Neville Chamberlain, the British prime minister, visited Munich in 1938.
"""))
    kinds = {e.name: e.kind for e in facts.entities.values()}
    assert kinds["Keeper of the Privy Seal"] != "person"
    assert kinds["Kōichi Kido"] == kinds["Neville Chamberlain"] == "person"


def test_where_a_name_comes_from_is_asked_only_when_asked_for():
    article = parse_article("""= Vellmar Tower =

Vellmar Tower is a medieval watchtower on the Brunsberg hill in Hesse, Germany, built by Count Otto of Ziegenhain in 1341.

== Etymology ==

The name Vellmar Tower comes from the village of Vellmar, which the Ziegenhain family held from 1250 to 1450.
""")
    facts = ArticleFacts(article)
    context = Context(facts, DistractorFinder(facts), 0)
    naming = facts.sentences[-1]
    # Important and about the subject, it would otherwise be asked even in a bank of five or more.
    assert importance(context, naming.index) >= BODY_IMPORTANCE and facts.names_the_subject(naming.index)
    by_default = generate_questions(article)
    assert len(by_default) < MIN_BANK  # a thin bank, and still not filled from the etymology
    assert all(q.source.passage != naming.passage.anchor for q in by_default)
    asked_for = generate_questions(article, max_questions=20)
    assert any(q.source.passage == naming.passage.anchor for q in asked_for)


FOLK_CLUB = """= Whitby Folk Club =

Whitby Folk Club is an English music club in Yorkshire, founded by the sisters Anna Moss and Clara Moss in 1994.
The club opened its own hall on Flowergate in 1997.

== Tours ==

The club toured Norway in 2003 with the fiddler Ole Brekke.
The first Whitby Folk Club tour of Japan began in Osaka in 2008.
The club played twelve concerts in Japan and recorded a live album in Kyoto.
"""


def test_the_kind_the_first_sentence_gives_the_subject_is_the_subject():
    article = parse_article(FOLK_CLUB)
    facts = ArticleFacts(article)
    stands_alone = [facts.statement_text(s.index) for s in facts.sentences]
    assert stands_alone[1] == "Whitby Folk Club opened its own hall on Flowergate in 1997."
    assert stands_alone[2].startswith("Whitby Folk Club toured Norway")  # in another section too
    # After a sentence about one tour, "the club" may be read as that tour's company: left as written.
    assert stands_alone[4].startswith("The club played")
    asked = next(q for q in generate_questions(article, max_questions=50) if q.answer == "2003")
    assert asked.prompt.startswith("Whitby Folk Club toured Norway in _____")
    cited = article.passage(asked.source.passage).text[asked.source.start : asked.source.end]
    assert cited == "The club toured Norway in 2003 with the fiddler Ole Brekke."


def test_an_ensemble_is_not_a_person_and_its_article_no_biography():
    article = parse_article("""= Kittiwake Folk Ensemble =

Kittiwake Folk Ensemble is an English folk band from Whitby, founded by Anna Moss in 1994.
The band toured Norway with the Bergen Philharmonic Orchestra in 2003.
""")
    facts = ArticleFacts(article)
    kinds = {e.name: e.kind for e in facts.entities.values()}
    assert kinds["Kittiwake Folk Ensemble"] == kinds["Bergen Philharmonic Orchestra"] == "org"
    assert kinds["Anna Moss"] == "person"
    # Not a biography, so "The band" may mean its subject.
    assert facts.statement_text(1).startswith("Kittiwake Folk Ensemble toured Norway")


def test_only_a_biography_has_a_subject_he_or_she_may_stand_for():
    # "Art" is in "Martin Heidegger", but an article on art is no biography of him.
    art = ArticleFacts(parse_article("""= Art =

Art is a diverse range of human activities in creating visual and performing works.

== Philosophy ==

The philosopher Martin Heidegger wrote about the origin of the work of art in 1935.

== Craft ==

He was trained as a potter in Kyoto in 1950.
"""))
    potter = art.sentences[-1].index
    assert art.statement(potter) is None or "Heidegger" not in art.statement(potter).text
    # A name-shaped title that the first sentence calls a novel is not a person: its "It" is the novel.
    novel = ArticleFacts(parse_article("""= Copper Lane =

Copper Lane is a novel by the English writer Mary Holt, first published in 1931.
It was written in a fishing village in Cornwall over two winters.
"""))
    assert novel.statement_text(1).startswith("Copper Lane was written")
    # A biography without dates still is one: "He" at the start of a section is its subject.
    life = ArticleFacts(parse_article("""= Tomas Hallberg =

Tomas Hallberg was a Swedish chemist who studied dyes in Uppsala.

== Later life ==

He moved to Lund in 1921 and taught chemistry there until 1940.
"""))
    assert life.statement(life.sentences[-1].index).text.startswith("Tomas Hallberg moved to Lund")


STUDIO = """= Lindqvist Studios =

Lindqvist Studios is a Swedish film studio founded in Malmö by the director Erik Lindqvist in 1919.
Lindqvist Studios operated a second stage in Lund from August 1921 to July 1922.
During the 1950s, with over 30 films a year, Lindqvist Studios opened a stage in Stockholm in 1957.
Lindqvist Studios then became a public company and was listed on the Stockholm exchange in 1962.
Lindqvist Studios was a founding member of the Nordic Film Union for the Baltic in 1970.
"""


def test_blanks_the_stem_bounds_or_names_and_a_then_that_leans_back():
    facts = ArticleFacts(parse_article(STUDIO))
    fact = {f.text: f for sentence in facts.facts for f in sentence}
    assert facts.entities["lindqvist studios"].kind == "org"  # a studio is no person
    assert unfit_answer(facts, fact["July 1922"], choices=False) == "worth asking"  # "from August 1921 to July _____"
    assert unfit_answer(facts, fact["1950s"], choices=False) == "no giveaway"  # "... in 1957" names the decade
    assert unfit_answer(facts, fact["Nordic Film Union"], choices=False) == "worth asking"  # "_____ for the Baltic"
    assert unfit_sentence(facts, 3) == "sensible alone"  # "then": after what?
    assert unfit_sentence(facts, 0) is None
    # Nor is the decade changed in a statement whose own year would contradict it.
    statements = [q.prompt for q in generate_questions(parse_article(STUDIO), max_questions=50) if q.type == "true_false"]
    assert not any("During the" in s and "1950s" not in s for s in statements)


def test_an_orderings_events_can_give_another_questions_answer_away():
    ordering = GeneratedQuestion(
        id="q1", type="ordering", prompt="Put these events in the order in which they happened, earliest first.",
        choices=["The Asquith brothers converted an old cinema", "Noel Stockdale became chairman"],
        answer=["The Asquith brothers converted an old cinema", "Noel Stockdale became chairman"],
        source=Citation("intro-1", 0, 10),
    )
    cloze = GeneratedQuestion(
        id="q2", type="cloze", prompt="In 1965, _____ became chairman of the company.", choices=[],
        answer="Noel Stockdale", source=Citation("intro-2", 0, 10),
    )
    shown = bank_entry(ordering, "")
    asked = bank_entry(cloze, "Noel Stockdale")
    assert conflicts(asked, [shown]) and conflicts(shown, [asked])


def test_an_event_label_is_no_cut_claim_and_no_circumstance():
    from quizapp.generation.types.ordering import event_label

    article = parse_article("""= Harbour Stores =

Harbour Stores is a British supermarket chain founded in Leeds in 1949.
In October 2017, Harbour Stores announced that its chief executive, Sean Clarke, would retire in 2018.
Amid falling sales in the north, Harbour Stores closed twelve stores in 2019.
In 2021, Harbour Stores opened its first store in Scotland.
""")
    facts = ArticleFacts(article)
    context = Context(facts, DistractorFinder(facts), 0)
    labels = {f.text: event_label(context, f) for sentence in facts.facts for f in sentence if f.kind == "date"}
    assert labels["October 2017"] is None  # not "Harbour Stores announced that its chief executive"
    assert labels["2019"] is None  # not "Amid falling sales in the north"
    assert labels["2021"] == "Harbour Stores opened its first store in Scotland"


def test_a_converted_figure_a_template_remnant_a_comment_adverb_and_a_sum_of_money():
    article = parse_article("""= Vallora =

Vallora is a mountain town in the Alps, at an elevation of 1,023 metres (3,356 ft) above sea level.
Vallora produced over 3 e6carat of quartz per year in the nineteenth century.
Significantly, Vallora also built the first ski lift in the valley in 1931.
Vallora earns an estimated $40 million per year from tourism in the Alps.
""")
    facts = ArticleFacts(article)
    elevation = next(f for f in facts.facts[0] if f.text == "1,023")
    assert unfit_answer(facts, elevation, choices=False) == "no giveaway"  # "(3,356 ft)" is the same figure
    assert unfit_sentence(facts, 1) == "grammatical"
    assert unfit_sentence(facts, 2) == "sensible alone"
    numeric = [q for q in generate_questions(article, max_questions=50) if q.type == "numeric"]
    money = next(q for q in numeric if q.answer == "$40 million")
    assert money.prompt.endswith("(an amount in dollars)")
    # "its" is the town the sentence opens with; "their" after "Years later" and "Many" is nobody's.
    owners = ArticleFacts(parse_article("""= Vallora =

Vallora is a mountain town in the Alps.
Vallora earns an estimated $40 million per year from its ski slopes and hotels.
Many hotels of the town closed their doors in 1990.
Years later their owners sold the ski lift to the canton of Ticino.
"""))
    assert unfit_sentence(owners, 1) is None
    assert unfit_sentence(owners, 2) == unfit_sentence(owners, 3) == "sensible alone"


HARWICK = """= Harwick =

Harwick is a market town in Cornwall, England, on the River Fal.

== History ==

The Harwick Borough Police began policing the town in 1836.
The railway from Truro reached Harwick in 1859.
Harwick received a royal charter for its cattle market in 1874.
The Harwick Borough Police was disbanded in 1947.
"""


def test_an_ordering_whose_events_begin_and_end_something_is_not_asked():
    orderings = [q for q in generate_questions(parse_article(HARWICK), max_questions=50) if q.type == "ordering"]
    assert orderings  # the police's beginning, the railway and the charter still make one
    for question in orderings:
        labels = " | ".join(question.answer)
        assert not ("began policing" in labels and "was disbanded" in labels), labels


BREWERY = """= Halvorsen Brewery =

Halvorsen Brewery is a brewery in the Norwegian town of Drammen, founded by the merchant Anders Halvorsen in 1869.
It is the oldest brewery in Buskerud and is owned by the Ringnes group.
The brewery is known for its dark winter beer, Julebrygg.

== Production ==

In 2015, Halvorsen Brewery brewed 42,000 hectolitres of beer, of which 11,500 hectolitres went abroad.
Halvorsen Brewery opened a second brewhouse beside the Drammen River in 1924.
Halvorsen Brewery's Julebrygg won a gold medal at the Brussels Beer Challenge in 2019.
"""


def blanks(questions: list[GeneratedQuestion]) -> set[str]:
    """The answers of the questions that blank a figure or a name (not a verdict or an order)."""
    return answers([q for q in questions if q.type in ("cloze", "multiple_choice", "numeric")])


def article_with_an_important_sentence(text: str, marker: str) -> tuple:
    """The article and its facts, once it is checked that the sentence holding ``marker`` is important
    enough and names the article's subject: the rule under test is then what holds it back."""
    article = parse_article(text)
    facts = ArticleFacts(article)
    index = next(s.index for s in facts.sentences if marker in s.text)
    assert importance(Context(facts, DistractorFinder(facts), 0), index) >= BODY_IMPORTANCE
    assert facts.names_the_subject(index)
    return article, facts


def test_a_figure_among_several_in_a_body_sentence_is_a_side_detail(monkeypatch):
    article, _facts = article_with_an_important_sentence(BREWERY, "42,000")
    figures = {"2015", "42,000", "11,500"}
    asked = blanks(generate_questions(article))
    assert not asked & figures and "1924" in asked, asked  # one figure in a sentence is asked as before
    monkeypatch.setattr(pipeline, "CROWDED_FIGURES", 99)
    assert blanks(generate_questions(article)) & figures  # the rule, not another check, held them back


GLACIER = """= Kelvin Glacier =

Kelvin Glacier is a valley glacier in the Southern Alps of New Zealand, on the eastern slope of Mount Tasman.
It is fed by snowfall on the Tasman Névé and flows north for twelve kilometres.
The glacier ends in a proglacial lake, Lake Kelvin, which feeds the Hooker River.

== Description ==

Kelvin Glacier was first surveyed by the geologist Julius von Haast in 1862.
Kelvin Glacier is the longest glacier in the Tasman District.
Kelvin Glacier carries rock debris from the slopes of Mount Tasman down to Lake Kelvin.
Kelvin Glacier's ice is up to 300 metres thick near the Tasman Névé.
"""


def test_a_year_in_the_body_of_an_article_not_told_by_dates_is_a_side_detail(monkeypatch):
    article, facts = article_with_an_important_sentence(GLACIER, "1862")
    assert facts.dated_share < pipeline.CHRONOLOGY_SHARE  # one dated sentence in seven
    assert "1862" not in blanks(generate_questions(article))
    # In an article told by dates (a history, a life) the same year is asked.
    monkeypatch.setattr(pipeline, "CHRONOLOGY_SHARE", 0.1)
    assert "1862" in blanks(generate_questions(article))


def test_on_the_other_hand_as_well_and_a_this_that_stands_for_a_thing_lean_on_what_came_before():
    verdicts = unfit(
        """= Harrow Lantern =

The Harrow Lantern is a bronze ship's lantern made in Bristol in 1781 for the frigate HMS Harrow.
On the other hand, the museum in Bristol dates the bronze casting of the Harrow Lantern to 1790.
In practice, the Harrow Lantern was lit by a whale-oil lamp with two wicks and a copper chimney.
Copies of the Harrow Lantern were sold in Bath and Exeter as well.
Royal Navy lanterns of the 1850s used a variant of this, with a glass chimney made in Stourbridge.
The Harrow Lantern was restored in Bristol in 1962, but this left its bronze frame intact.
"""
    )
    assert verdicts["On the other hand, the museum in Bristol dates the bronze casting of the Harrow Lantern to 1790."] == "sensible alone"
    assert verdicts["In practice, the Harrow Lantern was lit by a whale-oil lamp with two wicks and a copper chimney."] == "sensible alone"
    assert verdicts["Copies of the Harrow Lantern were sold in Bath and Exeter as well."] == "sensible alone"
    assert verdicts["Royal Navy lanterns of the 1850s used a variant of this, with a glass chimney made in Stourbridge."] == "sensible alone"
    # "this" after a clause of its own sentence means that clause.
    assert verdicts["The Harrow Lantern was restored in Bristol in 1962, but this left its bronze frame intact."] is None
    assert verdicts["The Harrow Lantern is a bronze ship's lantern made in Bristol in 1781 for the frigate HMS Harrow."] is None


QUOLL = """= Quoll =

The quoll is a carnivorous marsupial native to Australia and New Guinea, where it hunts at night.
The quoll was first described by the naturalist Georg Forster in 1777.

== Research ==

Like in Tasmania, where the species is common, quolls on the mainland eat insects, lizards and birds.
3 Field survey Most detailed, the Forster trap design counts quolls in each valley.
As of 2011, the Australian Wildlife Society states that about 6,000 quolls live on the mainland.
The Dalton trap's design was used to count the quolls of Tasmania in 1980.
The scientist Meg Dalton studied the quolls of Kangaroo Island from 2005.
"The quoll is the most endangered hunter in the bush," said Dalton in 2012.
The scientist Tom Reid counted the quolls of the Kimberley in 2010.
The scientist Ann Reid mapped the dens of the quoll in the Kimberley in 2011.
The scientist Lars Holm tracked the quoll with radio collars in Queensland.
The scientist Per Ekman studied the diet of the quoll in Victoria.
The scientist Sven Dahl described the forests where the quoll hunts.
"""


def test_a_common_noun_title_names_the_subject_and_more_rubric_patterns():
    facts = ArticleFacts(parse_article(QUOLL))
    verdicts = {s.text: unfit_sentence(facts, s.index) for s in facts.sentences}
    # "The quoll ..." in an article called Quoll names its subject, as "Quoll" would.
    assert verdicts["The quoll was first described by the naturalist Georg Forster in 1777."] is None
    # A comparison with what came before, and a numbered list's item run into its heading.
    assert verdicts["Like in Tasmania, where the species is common, quolls on the mainland eat insects, lizards and birds."] == "sensible alone"
    assert verdicts["3 Field survey Most detailed, the Forster trap design counts quolls in each valley."] == "worth asking"
    questions = generate_questions(parse_article(QUOLL), max_questions=50)
    assert any("Georg Forster" in q.prompt or q.answer in ("Georg Forster", "1777") for q in questions)
    # The source a figure is reported from is not the fact to ask, nor a name used as a modifier.
    assert "Australian Wildlife Society" not in answers(questions)
    trap = next(s.index for s in facts.sentences if "trap's" in s.text)
    modifier = next(f for f in facts.facts[trap] if f.text == "Dalton")
    assert unfit_answer(facts, modifier, choices=False) == "worth asking"  # "the _____ trap's design"
    # A surname two people of the article share names neither: never an option for who said it.
    surnames = [display for _, display in DistractorFinder(facts).people(surname_form=True)]
    assert "Dalton" in surnames and "Holm" in surnames and "Reid" not in surnames, surnames
    context = Context(facts, DistractorFinder(facts), 0)
    said = [c.build() for c in REGISTRY["who_said"].candidates(context)]
    assert said and said[0].answer == "Dalton" and "Reid" not in said[0].choices, said


def test_a_place_whose_people_or_things_the_stem_names_is_given_away():
    assert gives_away("The revolution began in _____ (the British Agricultural Revolution).", "Britain")
    assert gives_away("Polish farms stayed small, as in _____.", "Poland")
    assert not gives_away("The revolution began in _____ in the 18th century.", "Britain")


MARTA_LIND = """= Marta Lindqvist =

Marta Lindqvist, Baroness of Skäret (3 March 1871 – 9 May 1944) was a Swedish botanist and explorer.
She is considered the founder of the modern study of Arctic lichens.
Born in Umeå, she studied botany at Uppsala University and travelled to Svalbard in 1898.
Her herbarium of lichens is kept at the Swedish Museum of Natural History in Stockholm.

== Later life ==

After her brother Nils Lindqvist died in 1920, she returned to Umeå.
Her friend Astrid Berg said of her work: "She counted lichens as other people count stars, and knew each one by name."
Lindqvist wrote that "the Arctic keeps its secrets for those who come back every summer, not for those who come once."
"""


def test_a_biography_he_or_she_after_an_opening_phrase_or_his_her_is_its_subject():
    facts = ArticleFacts(parse_article(MARTA_LIND))
    stands_alone = {s.text: facts.statement(s.index).text for s in facts.sentences if facts.statement(s.index)}
    # The first sentence names her by a title the name finder does not take for a person's name; the
    # passage names no one else, so "She" is its subject, as are a He/She after an opening phrase and "Her ...".
    assert stands_alone["She is considered the founder of the modern study of Arctic lichens."].startswith("Marta Lindqvist is considered")
    born = "Born in Umeå, she studied botany at Uppsala University and travelled to Svalbard in 1898."
    assert stands_alone[born].startswith("Born in Umeå, Marta Lindqvist studied botany")
    herbarium = "Her herbarium of lichens is kept at the Swedish Museum of Natural History in Stockholm."
    assert stands_alone[herbarium].startswith("Marta Lindqvist's herbarium of lichens")
    # Not after a clause with a subject of its own: "she" there could be that clause's.
    returned = next(s.index for s in facts.sentences if s.text.startswith("After her brother"))
    assert facts.statement(returned) is None or "Marta Lindqvist" not in facts.statement(returned).text
    # Asked with her name in place, cited from the sentence that names her to the one as the article writes it.
    article = parse_article(MARTA_LIND)
    asked = [q for q in generate_questions(article, max_questions=50) if "Marta Lindqvist's herbarium" in q.prompt]
    assert asked, "the herbarium sentence is asked"
    for q in asked:
        cited = article.passage(q.source.passage).text[q.source.start : q.source.end]
        assert cited.startswith("Marta Lindqvist, Baroness") and cited.endswith(herbarium)


def test_who_said_never_asks_a_biographys_own_subject():
    """Raters, of quotations of a biography's subject: "the subject of the bank is the obvious answer"."""
    text = """= Karl Holm =

Karl Holm (1902 – 1977) was a Norwegian film director who founded the Arnby Film School in 1950.
Karl Holm said, "A film is finished only when the last viewer has left the cinema and gone home."

== Colleagues ==

Ada Brenn edited his films from 1931. She said, "He cut every scene twice, once for the studio and once for himself."
Tom Vester wrote the scores of his films from 1935.
Maria Sorn produced his films from 1940.
Peter Dahl photographed his films from 1945.
"""
    facts = ArticleFacts(parse_article(text))
    assert facts.main_person_key == "karl holm" and len(facts.quotes) == 2
    said = [q for q in bank(text) if q.type == "who_said"]
    assert [q.answer for q in said] == ["Ada Brenn"], [(q.prompt, q.answer) for q in said]
    # Named more fully than the title names them ("Angela Dorothea Merkel" in "Angela Merkel"), still the subject.
    fuller = text.replace("= Karl Holm =", "= Karl Dahl =").replace("Karl Holm", "Karl Johan Dahl")
    facts = ArticleFacts(parse_article(fuller))
    assert facts.is_the_subject("karl johan dahl") and not facts.is_the_subject("ada brenn")
    assert [q.answer for q in bank(fuller) if q.type == "who_said"] == ["Ada Brenn"]


VELTRIA = """= Veltria =

Veltria is a landlocked country in the Carpathian Mountains.
The capital of Veltria is Ostrava.
Its largest city by population is Brenov, and its oldest city is Kalnik.
Veltria was first settled in the eighth century.

== Climate ==

Unlike most of its neighbours in the Carpathians, Veltria has a dry climate.
It receives less than 400 mm of rain a year.

== Economy ==

In 2004, Veltria sold its national airline to Skyways in a $220 million deal.
Veltria's exports grew by 14% in 2012, mostly in timber and glass.
Veltria exports 60% of its timber to Poland.
"""


def test_a_capital_is_a_place_and_it_after_an_opening_phrase_is_the_subject():
    facts = ArticleFacts(parse_article(VELTRIA))
    assert facts.entities["ostrava"].kind == "place" and facts.entities["brenov"].kind == "place"
    rain = next(s.index for s in facts.sentences if s.text.startswith("It receives"))
    assert facts.statement_text(rain).startswith("Veltria receives less than 400 mm")
    cloze = {q.prompt: q.answer for q in generate_questions(parse_article(VELTRIA), max_questions=50) if q.type == "cloze"}
    assert cloze.get("The capital of Veltria is _____.") == "Ostrava", cloze


def test_money_and_a_dated_share_outside_the_lead_are_not_blanks():
    facts = ArticleFacts(parse_article(VELTRIA))

    def verdict(text: str) -> str | None:
        fact = next(f for i in range(len(facts.sentences)) for f in facts.facts[i] if f.text == text)
        return unfit_answer(facts, fact, choices=False)

    assert verdict("$220 million") == "worth asking"  # the price of a sale, not the sale
    assert verdict("14%") == "worth asking"  # a share in 2012: what it was that year
    assert verdict("60%") is None  # an undated share says what the country does
    figures = {q.answer for q in generate_questions(parse_article(VELTRIA), max_questions=50) if q.type in ("numeric", "multiple_choice")}
    assert not figures & {"$220 million", "14%"}, figures


def test_the_noun_a_title_ends_in_names_the_subject_but_not_in_a_works_title():
    strike = ArticleFacts(parse_article("""= 1921 Tromsø dock strike =

The 1921 Tromsø dock strike was a stoppage of work by dock workers in Tromsø, Norway, that began on 3 May 1921.
The strike spread to four other ports within a week.
The Dock Workers' Club of Tromsø organised a kitchen for the strikers.

== Aftermath ==

The strike ended on 14 June 1921 with a new wage agreement.
"""))
    spread = next(s.index for s in strike.sentences if s.text.startswith("The strike spread"))
    assert strike.statement_text(spread).startswith("The 1921 Tromsø dock strike spread to four other ports")
    ended = next(s.index for s in strike.sentences if s.text.startswith("The strike ended"))
    assert strike.statement_text(ended).startswith("The 1921 Tromsø dock strike ended on 14 June 1921")
    novel = ArticleFacts(parse_article("""= Copper Farm =

Copper Farm is a novel by the English writer Mary Holt, first published in 1931.
The farm lies on a cliff above the sea and is run by three sisters.
"""))
    assert not novel.it_stands_for  # the farm of the story, not the novel


def test_a_verb_whose_action_the_sentence_before_says_leans_on_it():
    verdicts = unfit("""= Northern League =

The Northern League was a union of trading towns around the Baltic Sea.
The southern towns adopted a common coinage in 1410.
The Northern League did not, and its members kept their own coins until 1520.
""")
    assert verdicts["The Northern League did not, and its members kept their own coins until 1520."] == "sensible alone"
    assert verdicts["The Northern League was a union of trading towns around the Baltic Sea."] is None


def test_the_kind_after_an_opening_phrase_names_the_subject_and_a_kind_is_the_head_noun():
    club = ArticleFacts(parse_article("""= Kelmouth Arts Club =

The Kelmouth Arts Club is a private club in Kelmouth, Scotland, founded in 1921 to show modern painting.
In 1934, the club moved to a former bank on Harbour Street.
By 1960, the club's collection had grown to four hundred works.
"""))
    statements = {s.text[:8]: club.statement_text(s.index) for s in club.sentences}
    assert statements["In 1934,"] == "In 1934, the Kelmouth Arts Club moved to a former bank on Harbour Street."
    assert statements["By 1960,"] == "By 1960, the Kelmouth Arts Club's collection had grown to four hundred works."
    # "an agreement among the five kingdoms": the treaty is an agreement, not a kingdom.
    treaty = ArticleFacts(parse_article("""= Treaty of Varn =

The Treaty of Varn was an agreement among the five northern kingdoms that ended the Salt War in 1709.
Under its terms, the kingdoms kept their own fleets.
"""))
    assert not treaty.it_stands_for


SALT_WAR = """= Salt War =

The Salt War was a conflict between the northern kingdoms over the salt trade of the Baltic, fought from 1702 to 1709.
The war was fought by Sweden, Poland, Prussia, and Denmark over the salt pans of the Baltic coast.
In Portugal, salt from the Baltic was taxed at twice the rate of grain during the war.
Portugal taxed salt from the Baltic at twice the rate of grain during the war.
The war cost the Swedish crown US$4 million in payments to Denmark.
"""


def test_a_lists_last_item_a_setting_and_a_blank_glued_to_a_word_are_not_blanks():
    facts = ArticleFacts(parse_article(SALT_WAR))

    def verdicts(sentence_start: str) -> dict[str, str | None]:
        index = next(s.index for s in facts.sentences if s.text.startswith(sentence_start))
        return {f.text: unfit_answer(facts, f, choices=True) for f in facts.facts[index]}

    assert verdicts("The war was fought")["Denmark"] == "worth asking"  # "Sweden, Poland, Prussia, and _____"
    assert verdicts("In Portugal")["Portugal"] == "unambiguous"  # "In _____, salt ... was taxed": true of many places
    assert verdicts("Portugal taxed")["Portugal"] is None  # the one who taxed it is the fact
    cost = verdicts("The war cost")
    assert cost["US"] == "grammatical" and cost["Denmark"] is None  # "_____$4 million" is half of "US$"


def test_a_false_statement_never_changes_one_end_of_a_range_nor_what_the_sentence_denies():
    from quizapp.generation.types.true_false import TrueFalse

    facts = ArticleFacts(parse_article("""= Harald Moe =

Harald Moe (1840 – 1911) was a Norwegian politician who led the Liberal Party and reformed the courts of Norway.
Moe served as governor of Tromsø from 1878 to 1885 under King Oscar II.
Moe was unrelated to the Danish general Anders Lind, who fought in the war of 1864.
The Swedish general Karl Lund praised the court reforms of Moe in 1890.
"""))

    def statement(start: str) -> GeneratedQuestion | None:
        context = Context(facts, DistractorFinder(facts), 0)  # nothing taken yet: the first statement is made false
        return next(c.build() for c in TrueFalse().candidates(context) if facts.sentences[c.sentences[0]].text.startswith(start))

    # "from 1878 to 1885" made "from 1872 to 1885" is still partly true: it is left as it stands (a
    # bank may hold one true statement more than false ones).
    served = statement("Moe served")
    assert served is not None and served.answer == "True" and "from 1878 to 1885" in served.prompt
    # A general swapped for another in "unrelated to the Danish general ..." is as true as before.
    denied = statement("Moe was unrelated")
    assert denied is not None and denied.answer == "False" and "Anders Lind" in denied.prompt and "1864" not in denied.prompt


def test_a_stem_dates_an_orderings_event_in_other_forms_of_its_words():
    events = ["Brazil becomes independent", "The slave trade is formally abolished", "The ports are opened to foreign ships"]
    ordering = GeneratedQuestion(
        id="q1", type="ordering", prompt="Put these events in the order in which they happened, earliest first.",
        choices=events[::-1], answer=events, source=Citation("intro-1", 0, 10),
    )
    cloze = GeneratedQuestion(
        id="q2", type="cloze", prompt="Following the independence of Brazil in 1822, the slave trade was formally abolished in _____.",
        choices=[], answer="1836", source=Citation("intro-2", 0, 10),
    )
    # "independence" dates "becomes independent"; "abolished" and "slave trade" the second event.
    assert conflicts(bank_entry(ordering, ""), [bank_entry(cloze, "1836")])


def test_who_said_offers_no_historian_for_a_ministers_words_nor_a_minister_for_a_historians():
    text = """= Treaty of Ostrava =

The Treaty of Ostrava was signed in 1921 by Veltria and Norland to end the Salt War.
The Veltrian foreign minister Jan Novak said, "We have given up the salt pans, but we have kept the peace."
The Norland prime minister Erik Lund said, "No treaty will make the Baltic ours again."
The Veltrian president Pavel Kral signed the treaty for Veltria.
The Norland king Olav Berg signed the treaty for Norland.
The historian Anna Sova called the treaty "a peace that pleased nobody and lasted for fifty years".
The historian Lena Holt wrote that the treaty "gave Veltria its borders and Norland its grievance".
The historian Mark Tesar wrote that the treaty "was signed by tired men in a cold hall".
"""
    said = {q.answer: q.choices for q in bank(text, max_questions=50) if q.type == "who_said"}
    historians = {"Anna Sova", "Lena Holt", "Mark Tesar", "Sova", "Holt", "Tesar"}
    ministers = {"Jan Novak", "Erik Lund", "Pavel Kral", "Olav Berg", "Novak", "Lund", "Kral", "Berg"}
    assert said, "no who-said question"
    for answer, choices in said.items():
        # Speakers of one kind only: those who took part, or those who wrote about it afterwards.
        assert set(choices) <= ministers or set(choices) <= historians, (answer, choices)


PAINTER = """= Ada Varn =

Ada Varn (1861 – 1934) was a Danish painter of harbour scenes and a founder of the Skagen Women's Guild.
Her painting The Blue Quay won the gold medal of the Royal Danish Academy in 1889.
Ada Varn studied under the painter Peder Krøyer from 1880 to 1884.
In 1902, Ada Varn became the first woman elected to the Royal Danish Academy.
Ada Varn married the sculptor Niels Dahl in 1891.

== Life ==

Ada Varn was born in Hamburg, the daughter of a Danish shipbuilder.
Ada Varn opened the first painting school for women in Copenhagen, with the sculptor Karen Holm.
Ada Varn later taught painting to the daughters of fishermen in Skagen.
"""


def test_a_country_or_city_in_a_body_sentence_is_a_side_detail_but_not_a_birthplace(monkeypatch):
    article, _facts = article_with_an_important_sentence(PAINTER, "school for women in Copenhagen")
    article_with_an_important_sentence(PAINTER, "born in Hamburg")
    asked = blanks(generate_questions(article))
    assert "Hamburg" in asked and "Copenhagen" not in asked, asked  # where she was born; not where a school was
    monkeypatch.setattr(pipeline, "_KNOWN_PLACES", frozenset())
    assert "Copenhagen" in blanks(generate_questions(article))  # the rule, not another check, held it back


def test_a_first_name_alone_a_district_a_counts_date_and_an_american_name_are_mended_or_refused():
    life = ArticleFacts(parse_article("""= Otto Brenner =

Otto Brenner (1788 – 1860) was a German philosopher who taught at the University of Jena.
Otto spent two years as a clerk in Hamburg before going to university.
"""))
    clerk = next(s.index for s in life.sentences if s.text.startswith("Otto spent"))
    assert life.statement(clerk).text == "Otto Brenner spent two years as a clerk in Hamburg before going to university."
    institute = ArticleFacts(parse_article("""= American Bridge Institute =

The American Bridge Institute is a private body that sets standards for bridges in the United States.
The American Bridge Institute's offices are in Washington, DC.
The American Bridge Institute counted 4,200 member firms as of 2019.
"""))

    def verdict(text: str, sentence_start: str) -> str | None:
        index = next(s.index for s in institute.sentences if s.text.startswith(sentence_start))
        fact = next(f for f in institute.facts[index] if f.text == text)
        return unfit_answer(institute, fact, choices=False)

    assert verdict("Washington", "The American Bridge Institute's offices") == "no giveaway"  # "_____, DC"
    assert verdict("2019", "The American Bridge Institute counted") == "worth asking"  # when a figure was counted
    assert gives_away("The American Bridge Institute sets standards for bridges in the _____.", "United States")


def test_an_ordering_is_not_told_by_its_own_renamings_nor_by_originally():
    from quizapp.generation.types.ordering import Event, _tells_its_order

    def events(*labels: str) -> list:
        return [Event(label, None, i) for i, label in enumerate(labels)]

    # "became the X" before anything "the X" (or its initials) did; "originally" is a first.
    assert _tells_its_order(events("The AESC became the American Standards Association", "The ASA was reorganized", "The ISO was founded"))
    assert not _tells_its_order(events("Merkel became Minister for the Environment", "Merkel was appointed Minister for Women", "Merkel was elected"))
    facts = ArticleFacts(parse_article("""= Northern Standards Board =

The Northern Standards Board was originally formed in 1918 by five engineering societies.
In 1928, the board became the Northern Standards Association.
In 1966, the Northern Standards Association was reorganized.
In 1969, the Northern Standards Association adopted its present name.
"""))
    from quizapp.generation.types.ordering import event_label
    context = Context(facts, DistractorFinder(facts), 0)
    formed = next(s.index for s in facts.sentences if "originally" in s.text)
    first = next(f for f in facts.facts[formed] if f.kind == "date")
    assert event_label(context, first) is None  # "originally formed": the label says it came first


def test_a_statement_with_two_claims_is_no_true_or_false_question():
    from quizapp.generation.types.true_false import TrueFalse

    facts = ArticleFacts(parse_article("""= Otto Brenner =

Otto Brenner (1788 – 1860) was a German philosopher who taught at the University of Jena from 1820.
Otto Brenner worked as a clerk in Hamburg in 1805, but his mother moved to Weimar in 1806.
Otto Brenner published The Will and the World in 1818 with the printer Karl Vogt.
"""))
    context = Context(facts, DistractorFinder(facts), 0)
    asked = {facts.sentences[c.sentences[0]].text[:18] for c in TrueFalse().candidates(context)}
    assert "Otto Brenner publi" in asked and "Otto Brenner worke" not in asked, asked


def test_a_stem_that_never_names_the_articles_subject_opens_with_its_title():
    """Raters: "Filming began on 5 January _____ in Semarang": "filming of what is never named";
    "The number of people diagnosed has been increasing ...": "diagnosed with what?". A sentence
    that never names what the article is about is shown under the article's title; one that names
    it, or whose It stands for it, is shown as it is."""
    text = """= Velmora Festival =

The Velmora Festival is an annual folk music festival held in the Danish town of Kessel every August.

== History ==

The Velmora Festival was founded in 1962 by the fiddler Anna Brask, who led it until 1990.
It moved to the harbour meadows of Kessel in 1975 after a flood closed the old market square.
Ticket sales first passed 20,000 in 1998, when the organisers added a second stage for dance bands.
The fiddler Jonas Holt won the Brask Prize for young players at the 2004 edition.
"""
    facts = ArticleFacts(parse_article(text))
    shown = [facts.framed_statement(s.index).text for s in facts.sentences]
    assert shown == [
        "The Velmora Festival is an annual folk music festival held in the Danish town of Kessel every August.",
        "The Velmora Festival was founded in 1962 by the fiddler Anna Brask, who led it until 1990.",
        "The Velmora Festival moved to the harbour meadows of Kessel in 1975 after a flood closed the old market square.",
        "Velmora Festival: Ticket sales first passed 20,000 in 1998, when the organisers added a second stage for dance bands.",
        "Velmora Festival: The fiddler Jonas Holt won the Brask Prize for young players at the 2004 edition.",
    ]
    prompts = {q.answer: q.prompt for q in bank(text)}
    assert prompts["Brask Prize"] == "Velmora Festival: The fiddler Jonas Holt won the _____ for young players at the 2004 edition."
    assert prompts["Kessel"].startswith("The Velmora Festival is an annual folk music festival")


def test_no_blank_inside_a_works_title():
    """Raters: 'in Jules Verne's 1865 novel From the _____ to the Moon' -> Earth: "half a novel
    title"; "the 1940 book Hopousia or The Sexual and Economic Foundations of a(n) _____": "half of
    a book title". A word of a title asks nothing about the work."""
    text = """= Mara Quell =

Mara Quell (4 May 1921 – 9 June 1990) was a Scottish novelist and teacher born in Dundee.

== Works ==

Quell's 1952 novel From the Clyde to the Moon follows a Glasgow welder who builds a rocket in his yard.
In 1960 Quell published the book Letters from Norway and the Sea, which won the Hawthorn Prize.
Her last novel, Winter in Lisbon, appeared in 1979 and was filmed by Ken Loach.
Quell taught English at Dundee High School from 1945 to 1958.
"""
    answers = {q.answer for q in bank(text) if q.type in ("cloze", "multiple_choice")}
    assert "Dundee High School" in answers  # a name beside the titles is still asked
    assert not answers & {"Lisbon", "Clyde", "Moon", "Norway", "Sea"}, answers


TARN_VALLEY = """= Tarn Valley Railway =

The Tarn Valley Railway is a heritage railway in the north of England that runs steam trains along the river Tarn.

== History ==

In 1861, the Tarn Valley Railway opened its first line between Aldby and Croft to carry lead from the mines.
In 1870, the Tarn Valley Railway extended its line to the port of Wexham on the coast.
In 1902, the engineer Mary Holt built a stone viaduct in which the tracks cross the {gorge} at a great height.
In 1954, the Tarn Valley Railway closed to passengers after years of falling traffic on the line.
"""


def test_an_orderings_events_stand_alone_under_the_articles_title_and_keep_no_clause_preposition():
    """An event that never names the article's subject comes under its title, as other stems do
    ("The engineer Mary Holt built a stone viaduct": of what?); a clause cut at "in which" leaves
    no "in" behind ("Rutherford gave a model of the atom in", a blind rater: "ungrammatical")."""
    [ordering] = [q for q in bank(TARN_VALLEY.format(gorge="gorge")) if q.type == "ordering"]
    assert ordering.prompt == "Tarn Valley Railway: Put these events in the order in which they happened, earliest first."
    assert "The engineer Mary Holt built a stone viaduct" in ordering.answer
    # When every event names it, the prompt needs no title.
    named_text = TARN_VALLEY.replace("the engineer Mary Holt built", "the Tarn Valley Railway opened").format(gorge="gorge")
    [named] = [q for q in bank(named_text) if q.type == "ordering"]
    assert named.prompt == "Put these events in the order in which they happened, earliest first."


def test_a_subjects_rank_is_asked_against_the_ranks_beside_it():
    """The issue's raters: "firsts and superlatives" went unasked. "Jupiter is the fifth planet from
    the Sun" holds no name or date, and its rank is what a teacher asks; the options are the places
    beside it, written as it is. Not a rank of someone else, of a time ("the 20th century"), nor one
    the sentence counts out ("the fourth largest province after Quebec, Ontario, and British Columbia")."""
    import random

    from quizapp.generation.ranks import neighbours, ranks_in

    assert [r.text for r in ranks_in("Jupiter is the fifth planet from the Sun.")] == ["fifth"]
    assert [r.text for r in ranks_in("It was admitted as the 49th state of the U.S. in 1959.")] == ["49th"]
    assert [r.text for r in ranks_in("Vell is the seventh-largest country in Africa.")] == ["seventh-largest"]
    assert not ranks_in("On 22 December, Lamar, the second president of Texas, appointed him.")  # Lamar's rank
    assert not ranks_in("It is the 20th century's largest port.") and not ranks_in("It was the 13th Amendment that ...")
    assert not ranks_in("Alberta is the fourth largest province after Quebec, Ontario, and British Columbia.")
    assert [r.text for r in ranks_in("Vell became the third state to hold elections after independence.")] == ["third"]
    assert not ranks_in("Apollo 11 was the first crewed landing.")  # "first" is everyone's guess
    # A rank beside it in the stem rules options out (a blind rater: "fell into third place rules out third").
    assert not ranks_in("Asda was the second-largest chain until 2014, when it fell into third place.")
    assert [r.text for r in ranks_in("Ulm is the 30th-most extensive and the 24th-most populous county.")] == ["30th-most"]
    [seventh] = ranks_in("Vell is the seventh-largest country in Africa.")
    options = neighbours(seventh, 3, random.Random(0))
    assert set(options[:2]) == {"sixth-largest", "eighth-largest"} and len(set(options)) == 3
    [second] = ranks_in("Ada was the second woman to fly across the Andes.")
    assert "first" in neighbours(second, 3, random.Random(0))  # else the lowest option would always be right
    [second_largest] = ranks_in("The Atlantic is the second-largest of the world's oceans.")
    assert "largest" in neighbours(second_largest, 3, random.Random(0))  # not "first-largest"
    [numbered] = ranks_in("Lincoln was the 16th President of the United States.")
    assert set(neighbours(numbered, 3, random.Random(0))[:2]) == {"15th", "17th"}
    text = """= Vell =

Vell is a landlocked country in Central Africa, with its capital at Ostra on the river Mbeli.

== Geography ==

Vell is the seventh-largest country in Africa, and its highlands hold the sources of three rivers.
"""
    [ranked] = [q for q in bank(text) if q.type == "multiple_choice" and "largest" in q.answer]
    assert ranked.prompt == "Vell is the _____ country in Africa, and its highlands hold the sources of three rivers."
    assert ranked.answer == "seventh-largest" and {"sixth-largest", "eighth-largest"} <= set(ranked.choices)
    assert validate_question(parse_article(text), ranked) == []


def test_a_title_that_opens_a_longer_name_is_not_the_subject():
    """"The Azerbaijan Democratic Republic proclaimed ... It was also the first ..." in an article on
    Azerbaijan: the It is the republic of 1918, and "The Azerbaijan was also ..." is no statement."""
    text = """= Karvia =

Karvia is a country on the eastern shore of the Tessel Sea, with its capital at Doran.

== History ==

The Karvia Democratic Republic proclaimed its independence in 1918 and became a secular republic.
It was also the first country in the region to have an opera house and a university.
"""
    facts = ArticleFacts(parse_article(text))
    it = next(s for s in facts.sentences if s.text.startswith("It was also"))
    assert it.index not in facts.it_stands_for
