"""The teachers' rubric, where a rule can see it: sentences not fit to ask from, questions a rater
would reject, and questions that spoil each other in one bank.

Raters judged generated banks blind (``bench/quality``); what they rejected most was stems that
lean on what they never name, fragments of lists, headings and citations, blanks on generic
words, options of the wrong kind and one question giving another away. Every generated
question passes these checks on top of ``validation`` (which hand-written questions pass too).
Each check returns the rubric's name for what fails, or None.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .fact_types import Fact
from .facts import ArticleFacts, content_stems
from .lexicon import CITY_COUNTRIES, STOPWORDS, TITLE_WORDS, WORK_WORDS, is_finite_verb
from .quantities import CURRENCIES
from .question import BLANK, TRUE_FALSE_CHOICES, GeneratedQuestion

MIN_STEM_WORDS = 5
MAX_STEM_WORDS = 40

# Markup, citations and page furniture left in the text: "==Leadership==", "Shaw, Sophia (ed.)",
# "Wells, p. 12", "Building.Wells" (a reference glued to the sentence), "ISBN", TeX.
_DEBRIS = re.compile(
    r"==|\{\{|\}\}|\[\[|\]\]|[<>|]|\bISBN\b|\bpp?\.\s*\d|\(eds?\.\)|\bRetrieved\b|\bet al\b|\bibid\b|\bop\. cit\b"
    r"|[a-z]{2}\.[A-Z][a-z]|\s\.[A-Z]|\bpp?\.$|^\W*[*#:;•]|\s[-–—]\s*$|\(\s*[;,)]|\(see\b|\bsee also\b|\S  +\S|\(years? ago\)"
    # a reference list run together: "40 by Calder * Main Staircase ..., Shaw, pg.", "Chicago. . *Wells"
    r"|\bpg\.|\s\*\s?\S|\.\s+\."
    # a formula's TeX, as a page's <math> copies: "{\alpha}= (1-D) \bar \alpha(\theta_i)"
    r"|[{}\\]"
    # a conversion template's remains: "over 3 e6carat of diamonds"
    r"|\b\d+ e\d+[a-z]"
)
# Openings that point back to what came before: "For this reason", "Another governor", "Both".
_LEANS_BACK = re.compile(
    r"^(?:However|Also|Thus|Therefore|Hence|Moreover|Furthermore|Additionally|Nevertheless|Nonetheless|Meanwhile|"
    r"Instead|Still|Later|Then|Afterwards|Thereafter|Shortly thereafter|Soon after|Again|Similarly|Likewise|"
    r"Eventually|Subsequently|Ultimately|Finally|In the end|Significantly|Notably|Interestingly|Importantly|"
    r"(?:Years|Months|Weeks|Days|Decades) later|"
    r"Consequently|Accordingly|Otherwise|Here|There|"
    r"On the other hand|In practice|In any case|Even so|Yet|Indeed|In response|In return|By contrast|Conversely|"
    r"Elsewhere|Alternatively|In comparison|At the same time|In the meantime|Like (?:in|at|on|with|for|many|most|other)|"
    r"Another|Other|Others|Both|Each|Either|Neither|Such|Some|Many|Most|Several|All|None|One|Two|Three|"
    r"The (?:other|two|three|four|latter|former|rest|remainder|previous|same)|"
    r"For (?:this|that|these|those) (?:reason|purpose)s?|For (?:example|instance)|In (?:addition|contrast|turn|fact|particular|this|that|these)|"
    r"As a result|As such|At (?:this|that|the) (?:time|point|stage)|By (?:then|this time|that time)|After (?:this|that)|"
    r"Before (?:this|that)|Despite (?:this|that)|Because of (?:this|that)|Due to (?:this|that)|In (?:doing|so doing)|"
    r"To (?:them|him|her|this end)|Of (?:these|those|them|this)|Among (?:them|these|those)|"
    r"(?:A|The) (?:second|third|fourth|fifth|sixth|next) (?:type|kind|form|class|category|group|method|way|stage|step|phase|part|approach))\b"
)
# Things the reader is expected to know from the sentences before: "the club", "the couple",
# "these screenings" (not "the club of ...", and not "the band Redd Kross", which names it).
_DETERMINED_NOUN = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hese|[Tt]hose|[Tt]hat) ([\w']+)(?: (\S+))?")
_BARE_NOUNS = frozenset(
    """club band couple group book film album song novel poem painting work piece ship plane aircraft star planet
    mission spacecraft probe company firm party team project program programme process method methods technique
    system device machine instrument tablet war conflict event events incident fire blaze attack strike recount
    recounts election trial tribunal court prison jail building museum region island town city village country
    nation state river lake ocean sea disease animal plant organization organisation movement show series report
    law act treaty agreement plan campaign protest protests rebellion revolt uprising dynasty empire kingdom church
    school university college society committee commission council government administration agency family pair
    duo trio magazine newspaper station site area territory province district county parish community cdp
    screening screenings works case cases warehouse venue prisoners inmates defendants accused men women children
    people members artists players soldiers troops author writer artist composer singer player scientist astronaut
    crew capital landing flight launch decision change changes idea ideas concept theory model design version
    edition issue problem result results engine car cars vehicle fires telethon atmosphere surface interior core
    structure collection exhibition declaration statement speech letter letters article meeting conference visit
    tour record records residents inhabitants population victims survivors fans critics audience product products
    purchase farm""".split()
)
_NAMES_IT_AFTER = frozenset("of in at on from for known called named to".split())

# A sentence that opens with "The <common noun> <verb>" speaks of something named before it:
# "The trials were held ...", "The engine was ...". "The study of ...", "The pigment that ..." and
# "The Arts Club ..." say what they mean.
_OPENS_WITH_BARE_NOUN = re.compile(
    r"^(?:The|This|These|Those|Both|All (?:two|three|four|five)|Each of the) ([a-z][a-z'-]+)(?: ([a-z][a-z'-]+))?\b"
)
_DEFINES_IT = frozenset("of that which who whom whose in at on from for known called named by to with as".split())
_VERBS = frozenset("was were is are had has have did could would".split())
_RANKS = frozenset("first second third fourth fifth last only largest smallest oldest earliest latest highest longest biggest main".split())


def opens_with_bare_noun(text: str) -> bool:
    match = _OPENS_WITH_BARE_NOUN.match(text)
    if match is None:
        return False
    first, second = match.group(1), match.group(2) or ""
    if first in _RANKS or first.endswith("est"):
        return second in _VERBS  # "The first was ..." leans back; "The first bridge ..." says what it means
    if first in _DEFINES_IT or second in _DEFINES_IT:
        return False  # "The study of ...", "The pigment that ..."
    following = text[match.end(1) + 1 : match.end(1) + 2]
    return not following.isupper()  # "The name Jupiter ...", "The band Redd Kross ..." name it


def _names_its_subject_first(facts: ArticleFacts, text: str) -> bool:
    """"The aardwolf is ...", "The aardwolves in the south ...": in an article on Aardwolf, the
    common noun the one-word title is names the subject, as "Aardwolf" would."""
    opening = _OPENS_WITH_BARE_NOUN.match(text)
    title = facts.bare_title
    if opening is None or not opening.group(0).startswith("The ") or " " in title:
        return False  # "The awards" in "Academy Awards" is a kind, not the name (see ArticleFacts._resolve_it)
    return content_stems(opening.group(1)) == content_stems(title)


def _bare_reference(text: str) -> bool:
    for match in _DETERMINED_NOUN.finditer(text):
        noun, following = match.group(1).lower().removesuffix("'s"), match.group(2) or ""
        if noun in _BARE_NOUNS and following.lower() not in _NAMES_IT_AFTER and not following[:1].isupper() and following[:1] not in ("\"", "“"):
            return True
    return False


# Words that point back wherever they stand: "hosted another telethon", "without such a declaration",
# "a previous solo flight".
_POINTS_BACK = re.compile(
    r"\b(?:another|such (?:a|an)|the aforementioned|said (?:above|earlier)|(?:a|the) previous)\b"
    r"|^(?:[\w'’-]+ ){0,4}[\w'’-]+, for (?:example|instance),",  # "Unimak Island, for example, is": of what?
    re.IGNORECASE,
)
# "To the north are the Chukchi and Beaufort Seas": north of what the sentence does not say.
_BARE_DIRECTION = re.compile(r"\b(?:[Tt]o|[Ii]n) the (?:north|south|east|west)(?:-?(?:east|west))?(?:ern part)?\b(?! of\b)")
# "the present Principality": the one the text is about, never named here ("the present day" is a time).
_THE_PRESENT_NAME = re.compile(r"\b[Tt]he present [A-Z]")
_POINTS_ELSEWHERE = re.compile(
    r"\b(?:cited|mentioned|listed|described|shown|noted|discussed|quoted) (?:above|below|earlier|previously)\b|\bthe above\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|theirs|itself|themselves|this|these|those)\b", re.IGNORECASE)
# "this" standing for a thing, not before one ("a variant of this, Algomeiza", "A result of this is"),
# with no clause of the sentence before it that it could mean (", but this is dwarfed by ...").
_THIS_ALONE = re.compile(r"^[^,;:]*?\b[Tt]his(?=\s*[,.;:)]|\s+(?:is|was|has|had|led|meant|means|made|makes|became)\b)")
# "The Articles did not, and ...": a main verb whose action only the sentence before says.
_ELLIPSIS = re.compile(r"^[^,;]{1,80}?\b(?:did|does|do|could|would|should|will|can|had|has|have) (?:not|so|too)\s*[,.;]")
# "Protests in Michigan occurred as well.": besides what the sentences before told.
_AS_WELL_AS_BEFORE = re.compile(r"(?:\bas well|,\s*too)[.!?\"”’']*$")
_NAME = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]")
# A numbered list's item run into the text after its heading: "3 Formal description Most detailed, ...".
_NUMBERED_ITEM = re.compile(r"\d{1,2}[.)]?\s+[A-Z][\w'’-]*(?:\s+[a-z][\w'’-]*)+\s+[A-Z][a-z]")
_LIST_ITEM = re.compile(r"(?:[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*, ){3,}")
_DECADE = re.compile(r"(\d{3})0s")
# "Albania then became a Principality ...": then, after what the sentence before told.
_THEN_AFTER_ITS_SUBJECT = re.compile(r"(?:[A-Z][\w'’.-]*\s){1,4}then\s[a-z]")
# The figure again, converted: "_____ metres (3,356 ft)", "_____ km (620 mi)".
_CONVERTED_AFTER = re.compile(
    r"^\s*(?:[a-z²³\d]+\s*){0,2}\(\s*(?:about |approx(?:imately|\.)? |c\. )?[\d,.]+\s*"
    r"(?:ft|feet|foot|mi|miles?|km|m|metres?|meters?|kg|lbs?|pounds?|oz|°[CF]|sq|acres?|ha|hectares?|in|inches|cm|mm|"
    r"yd|yards?|nmi|knots?|mph|km/h|litres?|liters?|gal|gallons?|tons?|tonnes?|st)\b"
)
_RANGE_BEFORE = re.compile(r"(?:\bfrom|\bbetween|\d\s*(?:to|and|or|until|[-–—])(?:\s[A-Z][a-z]+)?)\s*$")
_RANGE_AFTER = re.compile(r"^\s*(?:to|and|or|until|till|[-–—])\s*(?:[A-Z][a-z]+ )?\$?\d")
_BOUND_BEFORE = re.compile(
    r"\b(?:more|greater|higher|larger|bigger|less|fewer|lower|smaller|longer|shorter|older|younger) than\s*$|"
    r"\b(?:over|under|above|below|at least|at most|exceeding)\s*$",
    re.IGNORECASE,
)
# "Before _____, Andorra had no protection": a bound, true of any earlier year too ("until 1970" is exact).
BEFORE_A_TIME = re.compile(r"\b(?:[Bb]efore|[Pp]rior to)\s*$")
_BOUND_AFTER = re.compile(r"\s*(?:or (?:more|fewer|less|over|above|so)|\+|plus)\b")
_YEAR_IN = re.compile(r"\b(?:1\d{3}|20\d{2})\b")
# Before a quantity, a hedge or a bound ("about", "at least"): the figure is not one to type exactly.
_HEDGED = re.compile(_BOUND_BEFORE.pattern + r"|\b(?:up to|nearly|almost|about|around|approximately|roughly|some)\s*$", re.IGNORECASE)
# "After _____, Huxley applied": a blank after these fits many events.
_OPEN_TIME_BEFORE = re.compile(r"(?:^|[,;] )(?:After|Before|Following|Since|Until|During|Throughout|(?:Before|Prior to) the)\s*$")
# A figure that is not a year: "7.7", "43.3%", "75,534", "16" (a year alone, "1846", is not counted).
_FIGURE = re.compile(r"(?<![\w.,])(?!(?:1[0-9]|20)\d\d\b)\d[\d,]*(?:\.\d+)?%?(?![\w])")
# Just after a quantity: the unit or era of it ("3.5 _____ from the Sun", "around 600 _____").
_AFTER_QUANTITY = re.compile(r"(?<![\w,.])\d{1,3}(?:[.,]\d+)?\s*$")
# A name that goes on after the blank: "_____ 2022" (ISO 2022), "_____ on Drugs", "_____ of Chicago", "_____ № 554".
_NAME_GOES_ON = re.compile(r"^\s?(?:\d|№|No\. ?\d|(?:on|of|and|for)(?: the)? [A-Z])")
# Part of a work's title: "Jules Verne's 1865 novel From the _____ to the Moon", "the 1940 book Hopousia
# or The Sexual and Economic Foundations of a(n) _____". Words of the title before the blank, or after it.
_TITLE_WORD = r"(?:[A-Z0-9][\w'’.-]*|of|the|a|an|and|or|to|in|on|for|from|with|at|by|is|&)"
_IN_A_WORKS_TITLE = re.compile(
    r"\b(?:" + "|".join(sorted(WORK_WORDS)) + r"),? (?:\(?\d{4}\)? )?[\"“]?[A-Z0-9][\w'’.-]*[,:]? (?:" + _TITLE_WORD + r"[,:]? )*$"
)
_TITLE_GOES_ON = re.compile(r"^(?: (?:of|the|a|an|and|or|to|in|on|for|from|with|at|by))+ [A-Z]")
_WORKS_TITLE_STARTS = re.compile(r"\b(?:" + "|".join(sorted(WORK_WORDS)) + r"),? (?:\(?\d{4}\)? )?[\"“]?$")
_NICKNAME_AFTER = re.compile(r"^\s?[\"“][^\"”]{1,30}[\"”] [A-Z]")  # 'actor _____ "El Indio" Fernández': a first name
# A capitalised word just before the blank: "the General _____" (Council), "Saint _____" (Petersburg).
_NAME_BEGINS_BEFORE = re.compile(r"\b([A-Z][\w'’-]*) $")
# Endings that derive a word from a root the stem may hold: "abacist" (abacus), "British" (Britain).
_DERIVING_ENDINGS = ("ist", "ists", "ian", "ians", "ish", "ism", "ese", "ic", "ical")
_CODE = re.compile(r"^(?=.*[A-Z].*[A-Z0-9])[A-Z0-9./–-]+$")  # "AD", "EP", "WIRE", "F5IV": codes and acronyms
_ERA = re.compile(r"^(?:BC|AD|BCE|CE|B\.C\.|A\.D\.)$")  # the era of a year, not the fact
# Initials in brackets just after the blank spell the answer out: "The _____ (IAU) adopted ..."
_INITIALS_AFTER = re.compile(r"^\s*\(([A-Z][A-Za-z]{1,7})\)")
_ADDRESS_PART = re.compile(r",\s*$")  # "Basra, _____," or "Cornwall, _____, United Kingdom": one link of an address
_ADVERBS = frozenset("almost also still even soon often again just never always already only later together once twice too very now then yet".split())
# Past tenses is_finite_verb does not know, that may follow a name: "The World Bank lent ...".
_IRREGULAR_PASTS = frozenset(
    "lent bent wept swept crept knelt leapt learnt overcame forgave forgot lay rang shone shrank slid spun stuck "
    "strode strove swung trod upheld withheld withstood understood ate did drank got heard said saw read".split()
)
# The blank as the sentence's subject, followed by "also": another one is meant that the stem never names.
_ALSO_AFTER = re.compile(r"^ (?:(?:is|are|was|were|has|have|had) )?also\b")
_OPENS_SENTENCE = re.compile(r"^(?:In [A-Z][\w'’ -]*, )?(?:[Tt]he )?$")
# The blank as the source a figure is reported from: "the _____ states that approximately one billion ...".
_SOURCE_OF_A_FIGURE = re.compile(
    r"^,? (?:states|stated|reports|reported|estimates|estimated|says|said|notes|noted|claims|claimed|finds|found) that\b[^.;]*?\d"
)
_NEXT_WORD = re.compile(r" ([a-z]+)\b(?!-)(?!['’](?!s\b))")  # "_____ machine's" too, not "_____ o'clock"
_SUPERLATIVE_IN = re.compile(
    r"\bthe (?:(?!(?:north|south)?west\b)\w+est|most \w+|only|first)(?: [\w-]+){0,3} (?:in|of) (?:the )?$", re.IGNORECASE
)
_NEAR = re.compile(r"\bnear (?:the )?$")  # "whose plant was in Scarmagno, near _____": where a place lies, not the fact
# One item in the middle of a list: "the Franco-Prussian War, the _____, and the establishment of ...".
_LIST_BEFORE = re.compile(r",\s(?:the |a |an )?$")
_LIST_AFTER = re.compile(r"^,\s(?:and|or)\s")
_LIST_AND = re.compile(r"^\s(?:and|or)\s")  # without the serial comma, only after two items: not "In 1995, _____ and his wife"
# The last of three or more short items: "the Cairo Declaration, the Potsdam Declaration, the Instrument of
# Surrender, and the _____"; each earlier item set off by commas, so "... to the east, and the _____" is no list.
_LIST_LAST = re.compile(r"(?:^|,\s)(?:\S+ ){0,5}\S+,\s(?:\S+ ){0,5}\S+,\s(?:and|or)\s(?:the |a |an )?$")
# A place as the setting a sentence opens with: "In _____, breeding occurs in early July." What follows
# is true of many places, and is the fact the sentence states.
_SETTING = re.compile(r"^(?:In|Across|Throughout) (?:the )?$")
# "_____, DC" (or "D.C."): only Washington is a city of the District of Columbia.
_DISTRICT_AFTER = re.compile(r"^,? D\.? ?C\.?(?!\w)")
# "21.7 million people as of _____": the year a figure was counted, not when something happened.
_AS_OF = re.compile(r"\b[Aa]s of (?:(?:early|mid|late) )?(?:[A-Z][a-z]+ )?(?:\d{1,2} )?$")

# What a teacher tests: what something is or is called, who did what first, when it was founded,
# discovered or ended. Statistics, citations and asides are what raters called trivia.
_KEY_FACT = re.compile(
    r"\b(?:founded|established|born|died|discovered|invented|named|became|won|elected|appointed|began|ended|"
    r"signed|launched|built|created|formed|opened|introduced|developed|published|released|led|defeated|"
    r"killed|destroyed|declared|abolished|ratified|adopted|is (?:a|an|the)|are (?:a|an|the)|was (?:a|an|the)|"
    r"first|largest|smallest|only|oldest|highest|longest|deepest|biggest|earliest|last|known as|called|"
    r"consists? of|composed of|made of|causes?|caused|produces?|produced)\b",
    re.IGNORECASE,
)
_ASIDE = re.compile(
    r"\b(?:census|per cent of|percent of|ranked|ranking|turnover|head of cattle|"
    r"manuscripts?|cited|citation|episode|appeared on|nickname|mentions?|mentioned)\b",
    re.IGNORECASE,
)


def title_stems(facts: ArticleFacts) -> frozenset[str]:
    return content_stems(facts.article.title)  # content_stems caches its results


# A section on where a name comes from ("Etymology", "Name and symbol", "Situation and origin of the
# name"): of every question ever rated from one on the tune split, 9 in 43 were acceptable
# (bench/rated_history.py): the Tahitian name of a star, the word a town's name may come from.
_NAMING_SECTION = re.compile(r"\b(?:etymolog\w*|toponym\w*|names?|naming)\b", re.IGNORECASE)


def in_a_naming_section(facts: ArticleFacts, index: int) -> bool:
    return bool(_NAMING_SECTION.search(facts.sentences[index].passage.section or ""))


def worth(facts: ArticleFacts, index: int) -> float:
    """How much a sentence looks like a fact a teacher would test, beyond where it stands: its
    subject is the article's, and it states a defining or key event. (Statistics and asides are
    not weighed here: ``unfit_sentence`` refuses them outright.)"""
    text = facts.statement_text(index)
    score = 0.0
    if content_stems(" ".join(text.split()[:4])) & title_stems(facts):
        score += 0.3  # the subject of the sentence is the subject of the article
    if _KEY_FACT.search(text):
        score += 0.25
    return score


def unfit_sentence(facts: ArticleFacts, index: int) -> str | None:
    """Why sentence ``index`` cannot be a question's stem or statement, or None when it can."""
    text = facts.statement_text(index).strip()
    words = facts.words(index)
    if not MIN_STEM_WORDS <= words <= MAX_STEM_WORDS:
        return "worth asking" if words < MIN_STEM_WORDS else "sensible alone"
    if _DEBRIS.search(text) or not _balanced(text):
        return "grammatical"
    first = text.lstrip("\"'“‘(")[:1]
    if not (first.isupper() or first.isdigit()) or not text.rstrip("\"'”’)").endswith((".", "!", "?")):
        return "grammatical"
    if _LIST_ITEM.search(text) or text.count(";") >= 2 or _NUMBERED_ITEM.match(text):
        return "worth asking"  # a list of names or items, not a statement to test
    if len(_FIGURE.findall(text)) >= 3:
        return "worth asking"  # "43.3% mountains, 30.3% hills, 26.4% plains": statistics to look up, not to know
    if facts.dangling(index) or _LEANS_BACK.match(text) or _THEN_AFTER_ITS_SUBJECT.match(text):
        return "sensible alone"
    if _THIS_ALONE.search(text) or _AS_WELL_AS_BEFORE.search(text) or _ELLIPSIS.search(text):
        return "sensible alone"
    if (
        (opens_with_bare_noun(text) and not _names_its_subject_first(facts, text))
        or _bare_reference(text)
        or _POINTS_ELSEWHERE.search(text)
        or _POINTS_BACK.search(text)
        or _THE_PRESENT_NAME.search(text)
        or _first_name_only(facts, index)
    ):
        return "sensible alone"
    if _BARE_DIRECTION.search(text) and not content_stems(text) & title_stems(facts):
        return "sensible alone"
    if _refers_back(facts, index):
        return "sensible alone"
    if _ASIDE.search(text):
        return "worth asking"
    pronoun = _PRONOUN.search(text)
    if pronoun and not _NAME.search(text, 0, pronoun.start()) and not _owned_by_its_subject(facts, index, text, pronoun):
        return "sensible alone"  # "they", "its" with nothing named before it in the sentence
    return None


def _owned_by_its_subject(facts: ArticleFacts, index: int, text: str, pronoun: re.Match) -> bool:
    """"Vallora earns ... from its ski slopes": an its or their whose owner is the name the sentence
    opens with (a name, not "Many" or "The")."""
    if pronoun.group().lower() not in ("its", "their") or text != facts.sentences[index].text:
        return False
    start = facts.sentences[index].start
    return any(
        f.start == start and (f.kind in ("person", "org", "place", "event") or f.text in facts.subject_names)
        for f in facts.facts[index]
    )


_PERSONAL = re.compile(r"\b(?:he|she|his|him|her|hers|himself|herself)\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_QUOTATION = re.compile(r"[\"“][^\"“”]*[\"”]")
_DEFINED_AFTER = re.compile(r"(?: [a-z][\w'-]*){0,2} (?:of|at|in|from|on|for) (?:the )?(?:[A-Z]|\d)")


def leans_on_context(stem: str, title: str = "") -> str:
    """What a written stem (a language model's) leans on without naming it: "he", "its", "the band",
    "Thus ..."; "" when it makes sense on its own. A pronoun or "the band" after a name in the stem
    refers to it, one inside a quotation is the speaker's; "The abacus ..." or "the club" in an
    article called "Abacus" or "Arts Club of Chicago" names its subject."""
    text = _QUOTATION.sub(lambda m: '"' + " " * (len(m.group()) - 2) + '"', stem.strip())
    title_words = {word.lower() for word in _WORDS.findall(title)}

    def named_before(position: int) -> bool:
        return any(
            m.start() > 0 or m.group().lower() not in STOPWORDS for m in _CAPITALISED.finditer(text, 0, position)
        )

    opening = _LEANS_BACK.match(text)
    if opening:
        return opening.group()
    bare = _OPENS_WITH_BARE_NOUN.match(text)
    defined = bare and _DEFINED_AFTER.match(text, bare.end(1))  # "The cholera outbreak of 1866", "... of Jupiter"
    if bare and opens_with_bare_noun(text) and bare.group(1) not in title_words and not defined:
        return f"{bare.group().split(' ', 1)[0]} {bare.group(1)}"
    for pattern in (_PRONOUN, _PERSONAL):
        found = pattern.search(text)
        if found and not named_before(found.start()):
            return found.group()
    for match in _DETERMINED_NOUN.finditer(text):
        noun = match.group(1).lower().removesuffix("'s")
        if _bare_reference(match.group()) and noun not in title_words and not named_before(match.start()):
            return f"{match.group().split(' ', 1)[0]} {match.group(1)}"
    pointer = _POINTS_BACK.search(text)
    return pointer.group() if pointer else ""


_DETERMINER = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hese|[Tt]hose) ")
_DEFINED_BY = frozenset("of in at on from for known called named to that which who whose".split())
# Nouns "the" makes unique without a sentence before: "the world", "the war" of a history, "the public".
_UNIQUE_NOUNS = frozenset(
    "world time period century year years day war government country state people sun moon earth sky sea ocean "
    "end beginning start rest first last same past future present following public latter former".split()
)
SENTENCES_BACK = 3  # how far back in its passage a sentence's "the script" may find the script it means


def _refers_back(facts: ArticleFacts, index: int) -> bool:
    """'In Greece, the script was modified': "the script" is the one the sentences just before name
    (its noun is theirs), and the sentence says neither which nor whose."""
    sentence = facts.sentences[index]
    text = sentence.text
    for match in _DETERMINER.finditer(text):
        opening = text[: match.start()]
        # Only the subject, after at most a short opening ("In Greece, the script ..."): further on,
        # "through the bones to the inner ear" speaks generally.
        if opening and not (opening.endswith(", ") and len(opening.split()) <= 4):
            continue
        tokens = text[match.end() :].split(" ", 4)
        run: list[str] = []
        ended = False  # by a comma or full stop
        for token in tokens[:3]:
            bare = token.rstrip(",.;:")
            if not (bare.isalpha() and bare.islower()) or bare in STOPWORDS:
                break
            run.append(bare)
            if bare != token:
                ended = True
                break
        if not run:
            continue
        following = "" if ended or len(tokens) <= len(run) else tokens[len(run)]
        if following in _DEFINED_BY or following[:1].isupper() or following[:1] in ("\"", "“", "("):
            continue  # "the script of ...", "the band Redd Kross": it says which
        noun = run[-1]
        if noun in _UNIQUE_NOUNS or any(word in _RANKS or word.endswith("est") for word in run) or noun.endswith(("ly", "ing", "ed")):
            continue  # "the earliest salamander", "the largest and most complex algae": it says which
        stems = content_stems(noun)
        if not stems or stems & title_stems(facts):
            continue
        before = range(max(0, index - SENTENCES_BACK), index)
        if any(facts.sentences[j].passage is sentence.passage and stems <= facts.stems(j) for j in before):
            return True
    return False


def _first_name_only(facts: ArticleFacts, index: int) -> bool:
    """'Julia was the niece of ...': someone the article named in full earlier, here by first name."""
    for fact in facts.facts[index]:
        if fact.kind == "person" and fact.form == "surname":
            names = facts.entities[fact.key].name.split()
            if len(names) > 1 and fact.text == names[0] and fact.key != facts.main_person_key:
                return True
    return False


def _balanced(text: str) -> bool:
    return (
        text.count("(") == text.count(")")
        and text.count("[") == text.count("]")
        and text.count('"') % 2 == 0
        and text.count("“") == text.count("”")
    )


def names_a_year_of(decade: str, text: str) -> bool:
    """Does ``text`` hold a year of ``decade`` ("1977" of "the 1970s")?"""
    match = _DECADE.search(decade)
    return match is not None and re.search(r"\b" + match.group(1) + r"\d\b", text) is not None


def counted_as_of(before: str) -> bool:
    """Is the date after ``before`` when a figure was counted ("21.7 million people as of _____")?"""
    return _AS_OF.search(before) is not None


def half_a_range(before: str, after: str) -> bool:
    """Is the figure between ``before`` and ``after`` one end of a range ("from _____ to 1866", "30 to _____")?"""
    return bool(_RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after))


def unfit_answer(facts: ArticleFacts, fact: Fact, choices: bool) -> str | None:
    """Why the span ``fact`` makes a poor blank or option key; ``choices``: asked with options."""
    sentence = facts.sentences[fact.sentence]
    passage = sentence.passage.text
    before = passage[sentence.start : fact.start]
    after = passage[fact.end : sentence.end]
    if fact.text in ("", BLANK):
        return "grammatical"
    if after[:1].isalnum() or after[:1] in "$€£¥" or before[-1:].isalnum():
        return "grammatical"  # part of a word or a token: "_____$68.4 billion" (US$)
    if before.endswith(("-", "–", "/")) or (after.startswith(("-", "–", "'s ")) and fact.kind not in ("person", "org")):
        return "worth asking"  # half a compound ("the light-dependent _____", "_____-based", "OS/_____"); a name's "'s" is fine
    if fact.kind not in ("date", "number", "rank"):
        if _AFTER_QUANTITY.search(before):
            return "worth asking"  # the unit or the era of a quantity, not the fact
        if (_NAME_GOES_ON.match(after) and fact.kind != "person") or _NICKNAME_AFTER.match(after):
            return "worth asking"  # half of a longer name or title
        if _IN_A_WORKS_TITLE.search(before) or (_WORKS_TITLE_STARTS.search(before) and _TITLE_GOES_ON.match(after)):
            return "worth asking"  # part of a work's title, not the work
        if fact.text[:1].isupper() and _ends_a_name(before, fact):
            return "worth asking"  # the end of a name whose start the stem keeps
        entity = facts.entities.get(fact.key)
        if _CODE.match(fact.text) and (entity is None or entity.mentions < 3):
            return "worth asking"  # "AD", "EP", "F5IV": a code, not the fact a teacher tests
        if _ALSO_AFTER.match(after) and _OPENS_SENTENCE.match(before):
            return "sensible alone"  # "In Andorra, the _____ also appoints ...": also, beside what?
        if _SOURCE_OF_A_FIGURE.match(after):
            return "worth asking"  # "the _____ states that approximately one billion people ...": who counted, not the count
        if _used_as_modifier(after):
            return "worth asking"  # "prepared with _____ assistance", "a(n) _____ state": a name as an adjective
        if fact.kind == "place" and _names_a_city_of(fact.text, before + " " + after):
            return "no giveaway"  # "in the _____, living in Los Angeles": the city gives the country
        if fact.kind == "place" and _SUPERLATIVE_IN.search(before):
            return "unambiguous"  # "the highest mountain in _____": every region around it is true as well
        if fact.kind == "place" and (_ADDRESS_PART.search(before) or _NEAR.search(before)):
            return "worth asking"  # "in Basra, _____": the country of a town, not what the sentence says
        if _LIST_BEFORE.search(before) and (_LIST_AFTER.match(after) or (_LIST_AND.match(after) and before.count(",") >= 2)):
            return "worth asking"  # one item of a list, any of which the sentence could have been asked about
        if _LIST_LAST.search(before):
            return "worth asking"  # the list's last item: as arbitrary as any other
        if _DISTRICT_AFTER.match(after):
            return "no giveaway"  # "_____, DC": only Washington
        if fact.kind == "place" and _SETTING.match(before) and after.startswith(","):
            return "unambiguous"  # the setting: what follows is true of many places
        if not choices and (len(fact.text.split()) > 3 or " of " in fact.text):
            return "worth asking"  # a long name to type word for word
        once = entity is None or entity.mentions < 2
        if fact.kind != "term" and not choices and " " not in fact.text and once and not facts.sure_of_kind(fact.key):
            return "worth asking"  # "the Dig It Up _____ concert series", "_____ on Drugs": a word of a name
    if _ERA.match(fact.text):
        return "worth asking"  # "the 5th century _____" -> BC
    if in_brackets(before):
        return "worth asking"  # "Jane Eyre (_____)", "(now in _____)", "(the largest after ... _____)": a detail in brackets
    if fact.kind == "number" and _CONVERTED_AFTER.match(after):
        return "no giveaway"  # "_____ metres (3,356 ft)": the same figure in other units
    if _spelt_by_initials(fact.text, after):
        return "no giveaway"
    if _derived_from_the_stem(fact.text, before + " " + after):
        return "no giveaway"  # "The user of an abacus is called a(n) _____" -> abacist
    if "%" in fact.text and "%" in before + after:
        return "no giveaway"  # "_____ hydrogen and 10% helium": the other shares give the answer
    if fact.kind not in ("date", "number") and _OPEN_TIME_BEFORE.search(before):
        return "unambiguous"  # "After _____, Huxley applied ...": the war, 1945, his move...
    if fact.kind == "number" and _significant_digits(fact.text) >= 4 and not sentence.is_lead:
        return "worth asking"  # "310,543 immigrants", "1,473 hotels": a statistic to look up, not to know
    # Outside the lead, an amount of money and a percentage in a dated sentence are what raters called
    # trivia: of the generator's questions ever rated on the tune split, money 3 of 14 acceptable
    # ("raised a further £347 million", "a £778 million deal"), dated percentages 2 of 13 ("accounted
    # for 42% of ... in 2002", "41.5% of the vote" in 2013) against 5 of 17 undated (bench/rated_history.py rows).
    if fact.kind == "number" and not sentence.is_lead and (
        fact.form in CURRENCIES or (fact.form in ("%", "percent") and _YEAR_IN.search(before + after))
    ):
        return "worth asking"  # a price or a deal's value; a share dated to one year: what it was then
    if fact.kind == "number" and names_nothing(facts, fact):
        return "sensible alone"  # "Courts operated in only 12 of more than _____ municipalities": where? when?
    if fact.kind in ("number", "date"):
        if half_a_range(before, after):
            return "worth asking"  # half a range: "30 to _____ years", "from _____ to 1866"
        if fact.kind == "number" and choices and _BOUND_BEFORE.search(before):
            return "unambiguous"  # "more than _____": a smaller option is true as well
        if fact.kind == "number" and not choices and _HEDGED.search(before):
            return "unambiguous"  # typed, "about _____ km" or "more than _____ papers" marks a fair answer wrong
        if fact.kind == "number" and _BOUND_AFTER.match(after):
            return "unambiguous"  # "_____ or more prisons": any number up to the real one is true too
    if fact.kind not in ("date", "number", "rank") and (
        content_stems(fact.text) & facts.subject_stems or f" {_words(fact.text)} " in _title_words(facts.article.title)
    ):
        return "no giveaway"  # the article's own subject ("United States" in a "U.S. prison strike", "the IMTFE"): the title says it
    if fact.form == "decade" and names_a_year_of(fact.text, before + " " + after):
        return "no giveaway"  # "During the _____, ... in 1977": the year names its decade
    if fact.kind == "date" and counted_as_of(before):
        return "worth asking"  # the date of a count, not of an event
    if fact.kind == "date" and BEFORE_A_TIME.search(before):
        return "unambiguous"  # "Before _____, Andorra had no protection": any earlier year is true as well
    if fact.kind == "date" and set(_YEAR_IN.findall(fact.text)) & _title_years(facts.article.title):
        return "no giveaway"  # "on September 12, _____" in "2016 U.S. prison strike": the title dates it
    return None


@functools.lru_cache(maxsize=1)
def _cities_by_country() -> dict[str, tuple[str, ...]]:
    return {_words(country): tuple(city.replace("_", " ") for city in cities.split()) for country, cities in CITY_COUNTRIES.items()}


def _names_a_city_of(answer: str, text: str) -> bool:
    """Does ``text`` name a city of the country ``answer`` (under any of its names)?"""
    cities = _cities_by_country().get(_words(answer), ())
    return any(re.search(rf"\b{re.escape(city)}\b", text) for city in cities)


def _used_as_modifier(after: str) -> bool:
    """Does a common noun follow the blank straight away ("_____ assistance"), not a verb or a preposition?"""
    match = _NEXT_WORD.match(after)
    if match is None:
        return False
    word = match.group(1)
    if word in STOPWORDS or word in _ADVERBS or word.endswith(("ed", "s", "ly", "ing")):
        return False
    return not is_finite_verb(word) and word not in _IRREGULAR_PASTS


def in_brackets(before: str) -> bool:
    """Does a bracket opened in ``before`` (the text up to some point) stay open there?"""
    return before.count("(") > before.count(")")


def names_nothing(facts: ArticleFacts, fact: Fact) -> bool:
    """A figure's sentence names no one, nowhere and not the article's subject: a count with
    nothing to count it in ("At least _____ residents were forced to evacuate")."""
    statement = facts.statement(fact.sentence)
    text = (statement.text if statement else facts.sentences[fact.sentence].text).replace(fact.text, " ", 1)
    if content_stems(text) & title_stems(facts):
        return False
    return not any(m.start() > 0 and m.group().lower() not in STOPWORDS for m in _CAPITALISED.finditer(text))


@functools.lru_cache(maxsize=64)
def _title_words(title: str) -> str:
    return f" {_words(title)} "


@functools.lru_cache(maxsize=64)
def _title_years(title: str) -> frozenset[str]:
    return frozenset(_YEAR_IN.findall(title))


def _ends_a_name(before: str, fact: Fact) -> bool:
    match = _NAME_BEGINS_BEFORE.search(before)
    if match is None or match.group(1).lower() in STOPWORDS:
        return False
    # "President _____", "Sir _____": a title then a person's name asks the name, not half of it.
    return not (fact.kind == "person" and match.group(1) in TITLE_WORDS and match.group(1) != "Saint")


def _derived_from_the_stem(answer: str, stem: str) -> bool:
    stem_words = {word.casefold() for word in _WORDS.findall(stem)}
    for word in _WORDS.findall(answer.casefold()):
        for ending in _DERIVING_ENDINGS:
            root = word.removesuffix(ending)
            if root != word and len(root) >= 4 and any(other != word and other.startswith(root) for other in stem_words):
                return True
    return False


def _spelt_by_initials(answer: str, after: str) -> bool:
    """"The _____ (IAU)" -> International Astronomical Union: the bracket gives the answer's initials."""
    match = _INITIALS_AFTER.match(after)
    if match is None:
        return False
    initials = "".join(word[0] for word in answer.split() if word[0].isupper())
    return len(initials) >= 2 and initials == "".join(ch for ch in match.group(1) if ch.isupper())


def _significant_digits(text: str) -> int:
    digits = re.sub(r"\D", "", text.split(".")[0]).strip("0")
    return len(digits)


class BankEntry(NamedTuple):
    """A chosen question as the bank-level checks compare it: answer and stem normalised once."""

    type: str
    answer: str  # normalised words of the answer ("" for a verdict or an order)
    stem: str  # normalised stem, padded with spaces
    name_may_recur: bool = False  # another stem naming the answer gives nothing away (see QuestionType)
    events: tuple[frozenset[str], ...] = ()  # an ordering's events, as content words: other stems may date them
    dated: frozenset[str] = frozenset()  # the stem's and answer's words when the stem holds a year (it may date an event)
    stem_stems: frozenset[str] = frozenset()  # the stem's content stems (``content_stems``): "caquetíos" holds "caque"
    answer_stems: frozenset[str] = frozenset()  # the answer's content stems; none for a figure
    # A statement made false: the article's words it changed, and the statement's other content stems.
    true_words: str = ""
    claim: frozenset[str] = frozenset()


_WORDS = re.compile(r"\w+")
_VERDICT_STEMS = content_stems(" ".join(TRUE_FALSE_CHOICES))


# One country under its several names, so that "the U.S." in one stem gives away "United States" in another.
_COUNTRY_NAMES = (
    (re.compile(r"\bU\.S\.(?:A\.)?|\bUSA?\b|\bUnited States of America\b"), "United States"),
    (re.compile(r"\bU\.K\.|\bUK\b|\bGreat Britain\b|\bUnited Kingdom\b"), "Britain"),
)


def _words(text: str) -> str:
    """Lower-case words, one space apart: enough to see one text inside another, and several times
    cheaper than grading's normalisation (the bank compares every candidate with every question)."""
    for pattern, name in _COUNTRY_NAMES:
        if pattern.search(text):
            text = pattern.sub(name, text)
    return " ".join(_WORDS.findall(text.lower()))


def bank_entry(
    question: GeneratedQuestion,
    answer_text: str,
    name_may_recur: bool = False,
    states_the_article: bool = True,
    swapped: tuple[str, str] | None = None,
) -> BankEntry:
    """``states_the_article``: False for a statement made false, whose year may be the wrong one;
    ``swapped``: its right and wrong words."""
    # Events and dates compared by stems: "Brazil becomes independent" is dated by "the independence of Brazil in 1822".
    events = tuple(content_stems(label) for label in question.answer) if isinstance(question.answer, list) else ()
    if len(events) >= 2:
        shared = frozenset.intersection(*events)  # "Lake Orme Canal" in every event tells none of them apart
        events = tuple(event - shared for event in events)
    # An ordering shows its events: they can give away what other questions ask, as a stem does.
    shown = " ".join([question.prompt, *question.choices]) if events else question.prompt
    stem = f" {_words(shown)} "
    answer = _words(answer_text) if answer_text else ""
    # A stem that holds a year dates what it tells, the blanked words too ("In 2010, Redd Kross
    # headlined the _____"); asking for the year is what an ordering's own question does, and is kept.
    dated = content_stems(f"{stem}{answer}") if _YEAR.search(stem) else frozenset()
    if not states_the_article:
        dated = frozenset()  # a false statement's year may be the wrong one: it dates nothing
    # (Not for a figure: "1,500" is asked as itself, and "15" is not given by "1500".)
    answer_stems = frozenset() if _detail(answer) else content_stems(answer)
    true_words, claim = "", frozenset()
    stem_stems = content_stems(stem)
    if swapped:
        right, wrong = swapped
        true_words = _words(right)
        # Not "true" and "false": every true/false stem holds them, and they say nothing of the claim.
        claim = stem_stems - content_stems(wrong) - content_stems(right) - _VERDICT_STEMS
    return BankEntry(question.type, answer, stem, name_may_recur, events, dated, stem_stems, answer_stems, true_words, claim)


# An ordering is spoilt once other questions date this many of its events: two blind raters failed
# 12 of 17 orderings on the corpus for one event another stem dated (round 43, 2026-12-08).
SPOILING_DATES = 1


def conflicts(entry: BankEntry, chosen: list[BankEntry]) -> bool:
    """Does this question spoil, or get spoilt by, a question already in the bank?

    An answer another stem states is given away ("_____ composed An American in Paris" beside
    "Gershwin's tour"); a date or number asked twice is one fact asked twice, a name only when
    asked the same way (the article's main people rightly answer several different questions).
    An ordering is spoilt once other questions date one of its events; a dated question is never
    refused for an ordering's sake (the selection drops the ordering instead: ``spoilt_orderings``).
    """
    for other in chosen:
        if entry.answer and entry.answer == other.answer and (_detail(entry.answer) or other.type == entry.type):
            return True
        if _gives(other, entry) or _gives(entry, other) or _refutes(other, entry) or _refutes(entry, other):
            return True
    if entry.events:
        return len(dated_events(entry, chosen)) >= SPOILING_DATES
    return False


def spoilt_orderings(bank: list[BankEntry]) -> set[int]:
    """The positions of the orderings in a finished bank that other questions date an event of:
    the years asked or stated elsewhere give the order away, and those questions are worth more."""
    return {
        i
        for i, entry in enumerate(bank)
        if entry.events and len(dated_events(entry, bank[:i] + bank[i + 1 :])) >= SPOILING_DATES
    }


_YEAR = re.compile(r" (?:1\d{3}|20\d{2}) ")


def _dates(entry: BankEntry, event: frozenset[str]) -> bool:
    """Does the stem tell the event's date: a year, and most of the event's words?"""
    return bool(event) and len(event & entry.dated) * 5 >= len(event) * 3


def dated_events(ordering: BankEntry, chosen: list[BankEntry]) -> set[int]:
    """Which of an ordering's events (their positions) the stems of ``chosen`` date."""
    dating = [other for other in chosen if other.dated]
    return {i for i, event in enumerate(ordering.events) if any(_dates(other, event) for other in dating)}


# A stem tells the fact a false statement changed when it holds the article's words and this many of
# the statement's other content stems ("Which label folded after Redd Kross released the album
# Neurotica in 1987?" beside "In 1991, Redd Kross released Neurotica, an album ...").
SHARED_WITH_A_CLAIM = 3


def _refutes(telling: BankEntry, statement: BankEntry) -> bool:
    """Does the stem of ``telling`` say what a statement made false changed, so it is plainly false?"""
    if not statement.true_words or telling.true_words or f" {statement.true_words} " not in telling.stem:
        return False  # (another false statement says nothing of the article)
    return len(statement.claim & telling.stem_stems) >= min(SHARED_WITH_A_CLAIM, len(statement.claim))


def _detail(norm: str) -> bool:
    return any(ch.isdigit() for ch in norm)


def _gives(telling: BankEntry, asked: BankEntry) -> bool:
    """Does the stem of ``telling`` state the answer of ``asked``, word for word or each of its words
    in another form or order ("the native Caquetíos" for "Caquetío", "Council General" for "General
    Council")? A name is not given away where its type says so (who said a quotation is not what
    another stem says of them)."""
    answer = asked.answer
    if not answer or (len(answer) < 3 and not _detail(answer)) or (asked.name_may_recur and not _detail(answer)):
        return False
    if f" {answer} " in telling.stem:
        return True
    return bool(asked.answer_stems) and asked.answer_stems <= telling.stem_stems
