"""Questions a language model proposes, kept only when the article proves them.

The model reads the article's passages and returns questions as JSON, each quoting its evidence.
quizapp then finds that quote word for word in the article (the span becomes the citation), and
checks the key against it with the rules below: the same checks as any question, plus the ones a
model needs because it can be confidently wrong (a key the evidence does not single out, a "true"
statement the evidence does not state). Whatever fails is listed with its reason, never stored.

Pure Python, no Flask. The HTTP client is the official ``openai`` package (optional extra
``quizapp[llm]``): it speaks to any OpenAI-compatible server (llama.cpp, Ollama, vLLM, a hosted
API) and brings timeouts and retries with exponential backoff.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from ..articles import ParsedArticle, is_content_section
from ..grading import normalise_answer
from ..wording import as_sentence, shortened
from .facts import content_stems
from .pipeline import bank_entry_of
from .proof import Surroundings
from .screening import conflicts, leans_on_context
from .question import Citation, GeneratedQuestion, question_id
from .sentences import split_sentences
from .types import QUESTION_TYPES, REGISTRY
from .validation import locate_in_passages, validate_question

# What the model is asked for: the types whose key quizapp can prove from a quoted span.
MODEL_TYPES = tuple(name for name in QUESTION_TYPES if REGISTRY[name].model_guidance)
MAX_EVIDENCE_SENTENCES = 3  # a quote longer than this does not point at the answer
QUESTIONS_PER_1000_WORDS = 12  # asked of the model; fewer, better questions are fine


class ModelError(Exception):
    """The endpoint gave no usable answer; the message says why, in words for a teacher."""


class WritingCancelled(Exception):
    """The teacher cancelled: nothing is kept."""


@dataclass(frozen=True)
class ModelSettings:
    """Where the model is and how long to wait for it. The key comes from the environment."""

    url: str
    model: str
    api_key: str | None = None
    timeout: float = 120.0  # seconds per request: a local model on a CPU is slow
    retries: int = 2  # after the first try, with exponential backoff (the openai client's)
    words_per_request: int = 1200


class ChatClient(Protocol):
    def complete(self, messages: list[dict[str, str]]) -> str:
        """The model's reply to ``messages`` (its text), or ModelError."""


@dataclass
class Rejection:
    """One proposed question quizapp refused, and why, for the teacher to read."""

    type: str
    prompt: str
    reason: str
    evidence: str = ""


@dataclass
class WritingOutcome:
    accepted: list[GeneratedQuestion] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    requests: int = 0

    @property
    def proposed(self) -> int:
        return len(self.accepted) + len(self.rejected)


# --- asking -------------------------------------------------------------------------------------

RESPONSE_SCHEMA = {
    "type": "object",
    "properties": {
        "questions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string", "enum": list(MODEL_TYPES)},
                    "passage": {"type": "string"},
                    "question": {"type": "string"},
                    "choices": {"type": "array", "items": {"type": "string"}},
                    "answer": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
                    "evidence": {"type": "string"},
                    "explanation": {"type": "string"},
                },
                "required": ["type", "passage", "question", "choices", "answer", "evidence", "explanation"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["questions"],
    "additionalProperties": False,
}

INSTRUCTIONS = """You write quiz questions that a teacher would give students about an article.
Use only the passages below. Every question must be answerable from them alone.

Return JSON: {{"questions": [...]}}. Each question has:
- "type": one of the types below
- "passage": the id in square brackets of the passage the question comes from
- "question": the question, as its type says
- "choices": as its type says, otherwise []
- "answer": the right answer, copied from the evidence
- "evidence": the sentences that prove the answer, copied exactly, character for character, from that passage: one or two sentences next to each other (for ordering, up to three, holding every event and its year)
- "explanation": one sentence a student reads after answering

Rules:
- Ask about facts a teacher would test: who did what, what was found or named, when, where, how many, firsts, causes, definitions. Not side remarks.
- The question must make sense on its own: name people and things, never "he", "it", "this" or "the same year" without saying who or what.
- Exactly one defensible answer. Do not give the answer away in the question.
- Wrong choices are the same kind of thing as the answer (people for a person, years for a year), plausible, and clearly wrong according to the passage. Only the answer may appear in the evidence.
- Mix the types, and true and false statements.
- Write at most {count} questions; fewer good questions are better than more weak ones.

Types:
""" + "\n".join(f"- {name}: {REGISTRY[name].model_guidance}" for name in MODEL_TYPES)


def messages_for(title: str, passages: Sequence[tuple[str, str]], count: int) -> list[dict[str, str]]:
    """The chat messages asking for up to ``count`` questions on ``passages`` ((anchor, text) pairs)."""
    numbered = "\n\n".join(f"[{anchor}] {text}" for anchor, text in passages)
    return [
        {"role": "system", "content": INSTRUCTIONS.replace("{count}", str(count))},
        {"role": "user", "content": f"Article: {title}\n\nPassages:\n\n{numbered}"},
    ]


def chunks_of(article: ParsedArticle, words_per_request: int) -> list[list[tuple[str, str]]]:
    """The article's content passages, a request's worth at a time, in order."""
    chunks: list[list[tuple[str, str]]] = [[]]
    words = 0
    for passage in article.passages:
        if not is_content_section(passage.section):
            continue
        size = len(passage.text.split())
        if chunks[-1] and words + size > words_per_request:
            chunks.append([])
            words = 0
        chunks[-1].append((passage.anchor, passage.text))
        words += size
    return [chunk for chunk in chunks if chunk]


class OpenAIChat:
    """A ChatClient for any OpenAI-compatible endpoint, through the official client."""

    def __init__(self, settings: ModelSettings) -> None:
        try:
            import openai
        except ImportError:
            raise ModelError("The language-model writer needs the openai package: pip install 'quizapp[llm]'.") from None
        self._openai = openai
        self.settings = settings
        self.client = openai.OpenAI(
            base_url=settings.url,
            api_key=settings.api_key or "none",  # local servers take any key; the client needs one
            timeout=settings.timeout,
            max_retries=settings.retries,
        )
        self.structured = True  # JSON-schema output, until the server says it does not support it

    def complete(self, messages: list[dict[str, str]]) -> str:
        openai, settings = self._openai, self.settings
        where = f"The language model at {settings.url}"
        tries = f"{settings.retries + 1} {'try' if settings.retries == 0 else 'tries'}"
        try:
            try:
                response = self._create(messages)
            except openai.BadRequestError as error:
                if not self.structured or "response_format" not in str(error) and "json_schema" not in str(error):
                    raise
                self.structured = False  # an older server: ask for JSON in words only
                response = self._create(messages)
        except openai.APITimeoutError:
            raise ModelError(f"{where} did not answer within {settings.timeout:g} s ({tries}).") from None
        except openai.APIConnectionError:
            raise ModelError(f"{where} could not be reached ({tries}). Is the server running?") from None
        except openai.AuthenticationError:
            raise ModelError(f"{where} refused the key (HTTP 401): check QUIZAPP_LLM_API_KEY.") from None
        except openai.NotFoundError:
            raise ModelError(f"{where} has no model or endpoint named {settings.model!r} (HTTP 404).") from None
        except openai.APIStatusError as error:
            raise ModelError(f"{where} answered with an error (HTTP {error.status_code}, {tries}).") from None
        except openai.APIError as error:
            raise ModelError(f"{where} sent a reply quizapp cannot read ({type(error).__name__}).") from None
        choices = getattr(response, "choices", None) or []
        content = choices[0].message.content if choices and choices[0].message else None
        if not content:
            raise ModelError(f"{where} sent an empty reply.")
        return content

    def _create(self, messages: list[dict[str, str]]):
        extra = (
            {"response_format": {"type": "json_schema", "json_schema": {"name": "quiz_questions", "schema": RESPONSE_SCHEMA}}}
            if self.structured
            else {}
        )
        return self.client.chat.completions.create(model=self.settings.model, messages=messages, temperature=0.2, **extra)


# --- reading the reply --------------------------------------------------------------------------


@dataclass
class Proposal:
    """One question as the model wrote it, its fields as given (any may be missing or malformed)."""

    type: str
    passage: str
    prompt: str
    choices: list[str]
    answer: str | list[str]
    evidence: str
    explanation: str


class ReplyError(ValueError):
    """The reply is not the JSON asked for."""


def read_reply(text: str) -> tuple[list[Proposal], list[Rejection]]:
    """The proposals in a reply, and a rejection for each item too malformed to be one."""
    body = text.strip()
    fenced = re.fullmatch(r"```(?:json)?\s*(.*?)\s*```", body, flags=re.S)
    if fenced:
        body = fenced.group(1)
    try:
        data = json.loads(body)
    except ValueError as error:
        raise ReplyError(f"the reply is not valid JSON ({error.msg} at character {error.pos})") from None
    items = data.get("questions") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ReplyError('the reply has no "questions" list')
    proposals, rejected = [], []
    for item in items:
        proposal, problem = _proposal(item)
        if proposal is None:
            rejected.append(Rejection(_text(item, "type"), _text(item, "question"), problem))
        else:
            proposals.append(proposal)
    return proposals, rejected


def _text(item: object, key: str) -> str:
    value = item.get(key) if isinstance(item, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _proposal(item: object) -> tuple[Proposal | None, str]:
    if not isinstance(item, dict):
        return None, "Not a question: the model wrote something else in the list."
    kind, prompt, evidence = _text(item, "type"), _text(item, "question"), _text(item, "evidence")
    choices, answer = item.get("choices", []), item.get("answer")
    if kind not in MODEL_TYPES:
        return None, f"Unknown question type “{kind}”." if kind else "No question type."
    if not prompt:
        return None, "No question text."
    if not evidence:
        return None, "No evidence quoted."
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        return None, "The choices are not a list of texts."
    if isinstance(answer, list) and all(isinstance(a, str) for a in answer):
        answer = [a.strip() for a in answer]
    elif isinstance(answer, (str, int, float)) and not isinstance(answer, bool):
        answer = str(answer).strip()
    else:
        return None, "No answer."
    if not answer:
        return None, "No answer."
    choices = [c.strip() for c in choices if c.strip()]
    return Proposal(kind, _text(item, "passage").strip("[]"), prompt, choices, answer, evidence, _text(item, "explanation")), ""


# --- proving ------------------------------------------------------------------------------------


def prove(article: ParsedArticle, proposal: Proposal) -> tuple[GeneratedQuestion | None, str]:
    """The proposal as a question citing its exact span, or None and the reason, for a teacher."""
    found = _locate(article, proposal)
    if found is None:
        pieces = [proposal.evidence[s.start : s.end] for s in split_sentences(proposal.evidence)]
        if len(pieces) > 1 and all(_locate(article, replace(proposal, evidence=piece)) for piece in pieces):
            return None, "Its evidence joins sentences that are not next to each other in the article."
        return None, f"Its evidence is not in the article word for word: “{shortened(proposal.evidence, 100)}”."
    anchor, start, end = found
    passage = article.passage(anchor)
    evidence = passage.text[start:end]
    if len(split_sentences(evidence)) > MAX_EVIDENCE_SENTENCES:
        return None, f"Its evidence is more than {MAX_EVIDENCE_SENTENCES} sentences: too long to point at the answer."
    kind = REGISTRY[proposal.type]
    prompt = kind.cleaned_prompt(proposal.prompt)
    choices, answer, _ = kind.authored(proposal.choices, proposal.answer, seed=prompt)  # as a teacher's draft is stored
    if kind.answer_input == "positions":
        choices = list(proposal.choices)  # the model's own order: the key is checked against it
    question = GeneratedQuestion(
        id=question_id(kind.name, anchor, start, end, answer, prompt),
        type=kind.name,
        prompt=prompt,
        choices=choices,
        answer=answer,
        source=Citation(anchor, start, end),
        explanation=proposal.explanation,
    )
    problems = validate_question(article, question)
    if problems:
        return None, as_sentence(problems[0].split(": ", 1)[-1])
    reason = kind.proof_problem(question, evidence, Surroundings(article.title, passage.section, article.source))
    if reason:
        return None, reason
    leaning = leans_on_context(prompt, article.title) if kind.answer_input != "positions" else ""  # "Put these events ..."
    if leaning:
        return None, f"It leans on “{leaning}” without naming it: read alone, the question does not say who or what it means."
    shown = kind.as_shown(question)
    problems = validate_question(article, shown)
    return (None, as_sentence(problems[0].split(": ", 1)[-1])) if problems else (shown, "")


def _locate(article: ParsedArticle, proposal: Proposal) -> tuple[str, int, int] | None:
    """The quoted evidence in the passage the model named, else in any content passage."""
    named = [p for p in article.passages if p.anchor == proposal.passage]
    others = [p for p in article.passages if p.anchor != proposal.passage and is_content_section(p.section)]
    return locate_in_passages(named + others, proposal.evidence)


# --- the whole article --------------------------------------------------------------------------


def _duplicate_of(question: GeneratedQuestion, kept: Sequence[GeneratedQuestion]) -> GeneratedQuestion | None:
    """A question already kept that asks the same: the same prompt, or the same answer from
    overlapping evidence (a fact asked twice, whatever the wording)."""
    prompt, answer = normalise_answer(question.prompt), normalise_answer(_flat(question.answer))
    for other in kept:
        if normalise_answer(other.prompt) == prompt:
            return other
        if not question.source.overlaps(other.source):
            continue
        # A verdict (True, False) names no fact: two statements from one span ask the same thing.
        verdicts = bool(REGISTRY[question.type].fixed_choices), bool(REGISTRY[other.type].fixed_choices)
        if verdicts == (True, True) and question.type == other.type:
            return other
        if verdicts == (False, False) and normalise_answer(_flat(other.answer)) == answer:
            return other
    return None


def _restates(question: GeneratedQuestion, kept: Sequence[GeneratedQuestion]) -> GeneratedQuestion | None:
    """A question already kept, citing overlapping evidence, whose stem says much the same: one
    fact asked again in other words ("Hamas undertook a ceasefire in August 2006", true or false,
    beside "Hamas undertook a ceasefire in August _____")."""
    words = _fact_words(question)
    if not words:
        return None
    for other in kept:
        if not question.source.overlaps(other.source):
            continue
        theirs_words = _fact_words(other)
        if theirs_words and len(words & theirs_words) >= SAME_FACT_SHARE * min(len(words), len(theirs_words)):
            return other
    return None


# Two questions citing overlapping evidence ask one fact when this share of the shorter one's content
# words is in the other. On the tune split's kept model questions 0.6 refused 10, all rated
# unacceptable (9 "bank level": the same fact as an earlier question), and none rated acceptable;
# 0.5 also refused "Which record label folded after ... Neurotica in 1987?" beside "In 1987, Redd
# Kross released Neurotica ...", another fact of the same sentence.
SAME_FACT_SHARE = 0.6
_VERDICT_ASKED = re.compile(r"^\s*True or false\?\s*", re.IGNORECASE)


def _fact_words(question: GeneratedQuestion) -> frozenset[str]:
    """What a question says, as content-word stems: its stem with its answer's words (an order of
    events says too much to compare, so it gives none)."""
    kind = REGISTRY[question.type]
    if kind.answer_input == "positions":
        return frozenset()
    said = _VERDICT_ASKED.sub("", question.prompt)
    if not kind.fixed_choices and isinstance(question.answer, str):
        said += " " + question.answer
    return content_stems(said)


def _flat(answer: str | list[str]) -> str:
    return " | ".join(answer) if isinstance(answer, list) else answer


def write_questions(
    article: ParsedArticle,
    client: ChatClient,
    settings: ModelSettings,
    *,
    existing: Sequence[GeneratedQuestion] = (),
    on_progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> WritingOutcome:
    """Ask the model about each chunk of the article and keep what the article proves.

    ``existing`` are questions the article already has (the built-in generator's, a teacher's):
    a proposal that asks the same is rejected as a duplicate. ``should_stop`` is asked before each
    request; when it says so, WritingCancelled. A failing endpoint raises ModelError. Either way
    the caller keeps nothing: the outcome is all or nothing.
    """
    chunks = chunks_of(article, settings.words_per_request)
    outcome = WritingOutcome()
    kept: list[GeneratedQuestion] = list(existing)
    entries = [bank_entry_of(q) for q in kept]  # as the bank-level checks compare them
    for done, chunk in enumerate(chunks):
        if on_progress:
            on_progress(done, len(chunks))
        if should_stop and should_stop():
            raise WritingCancelled
        words = sum(len(text.split()) for _, text in chunk)
        count = max(3, round(words * QUESTIONS_PER_1000_WORDS / 1000))
        proposals, rejected = _ask(client, messages_for(article.title, chunk, count), outcome)
        outcome.rejected.extend(rejected)
        for proposal in proposals:
            question, reason = prove(article, proposal)
            if question is not None:
                same = _duplicate_of(question, kept)
                entry = bank_entry_of(question)
                spoils = next((other for other, theirs in zip(kept, entries) if conflicts(entry, [theirs])), None)
                if same is None and spoils is None:
                    same = _restates(question, kept)  # the wording differs, the fact does not
                if same is not None:
                    question, reason = None, f"It asks what another question already asks (“{shortened(same.prompt, 80)}”)."
                elif spoils is not None:
                    reason = f"It and another question give each other away (“{shortened(spoils.prompt, 80)}”): one stem states the other's answer."
                    question = None
            if question is None:
                outcome.rejected.append(Rejection(proposal.type, proposal.prompt, reason, proposal.evidence))
            else:
                kept.append(question)
                entries.append(entry)
                outcome.accepted.append(question)
    if on_progress:
        on_progress(len(chunks), len(chunks))
    return outcome


def _ask(client: ChatClient, messages: list[dict[str, str]], outcome: WritingOutcome) -> tuple[list[Proposal], list[Rejection]]:
    """One chunk's proposals; a reply that is not the JSON asked for is asked again once, then
    counted as one rejection."""
    for _ in range(2):
        outcome.requests += 1
        reply = client.complete(messages)
        try:
            return read_reply(reply)
        except ReplyError as error:
            problem = str(error)
    return [], [Rejection("", "", f"The model's reply was refused twice: {problem}.", shortened(reply, 200))]
