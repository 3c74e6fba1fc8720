"""Embedding checkers (E0xx): inserted text and garbled sentences.

Both work on vectors the encoder computed for every sentence of a run; `check` is a pure function of
the document and those vectors, so unit tests can give it a tiny fake encoder.

* E001 inserted-text compares each short line (or sentence) with two things: the article around it
  (the mean of its other body sentences) and a bank of web/app chrome phrases (`data/chrome.txt`).
  A line that reads like chrome and is unrelated to the article, or a title-like line in the body
  that is unrelated to the article, is reported.
* E002 garbled-sentence reads the garbled-sentence head's score (see `garble.py`) of each body
  sentence of eight words or more (not direct speech) and reports those above the head's threshold.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from qa.model import Category, Example, Finding, FixSafety, Rule, Severity
from qa.segment import WORD

if TYPE_CHECKING:
    from qa.documents import Document
    from qa.embeddings.encoder import Encoded
    from qa.segment import Paragraph

_ARTICLE = (
    "Kharkiv races to restore heating after strikes on power grid\n"
    "Russian missiles struck a thermal power plant and two substations in Kharkiv overnight.\n"
    "Repair crews worked through the night to restore heating to apartment blocks across the city.\n"
    "{line}\n"
    "The city opened more than 40 heating points in schools and metro stations for residents.\n"
    "Officials said repairs to the damaged power plant would take weeks because parts must be imported."
)
INSERTED_TEXT = Rule(
    code="E001",
    name="inserted-text",
    category=Category.BOILERPLATE,
    severity=Severity.WARNING,
    fix=FixSafety.NONE,
    message="This line does not belong to the article ({reason}): '{text}'",
    why=(
        "Scraped articles carry lines from around the story: app promotions, newsletter and "
        "comment prompts worded in ways no pattern list foresees, and headlines of other stories. "
        "The line's meaning is compared with the rest of its article and with typical page chrome; "
        "a line that reads like chrome, or a title-like line about something else, is reported."
    ),
    examples=(
        Example(bad=_ARTICLE.format(line="Pop Star Announces Surprise Stadium Tour for Next Summer"), good=None),
        Example(bad=None, good=_ARTICLE.format(line="Repairs race against the cold")),
    ),
    scope=(
        "Lines of up to 20 words after the article's first line, and sentences of up to 20 words; "
        "the unrelated-headline test applies only to title-case lines of six words or more. "
        "Quotations, credits and bylines are exempt; lines the B rules already report are not repeated."
    ),
)
GARBLED_SENTENCE = Rule(
    code="E002",
    name="garbled-sentence",
    category=Category.SENTENCE,
    severity=Severity.WARNING,
    fix=FixSafety.NONE,
    message="This sentence does not read as fluent English (margin {score:+.2f}): '{text}'",
    why=(
        "Machine translation drops words and verbs, loses the head of an introductory phrase "
        "('According to X, ...' becomes 'X, ...'), swaps words and splices clauses. The result "
        "has no shape a pattern could match, but the contextual token vectors of a language model "
        "around the damage look unlike those of edited news; a small model trained on clean news "
        "sentences against systematic corruptions of them scores every sentence."
    ),
    examples=(
        Example(
            bad="The minister said talks the would next resume week in Geneva with the delegations of both sides.",
            good="The minister said the talks would resume next week in Geneva with the delegations of both sides.",
        ),
        Example(
            bad=None, good="The bridge, which carries about 40,000 vehicles a day, reopened on Friday after repairs."
        ),
    ),
    scope=(
        "Body sentences of eight words or more; headlines, title-like lines and sentences that start "
        "inside a direct quotation (speech is elliptic) are exempt. Only sentences scoring above the "
        "model's threshold (set on held-out and calibration text never trained on) are reported, so the "
        "rule catches badly broken word order and misses subtler damage. Sentences a S rule already "
        "reports are not repeated."
    ),
)
RULES = (INSERTED_TEXT, GARBLED_SENTENCE)

CHROME_FILE = Path(__file__).parent / "data" / "chrome.txt"
MAX_INSERTED_WORDS = 20
MIN_GARBLED_WORDS = 8
MIN_CONTEXT = 4  # body sentences needed to judge what an article is about
# E001 decision: reads like chrome and is off-topic, or a title-like line far off-topic.
CHROME_SIMILARITY = 0.62
CHROME_TOPIC = 0.25
HEADLINE_TOPIC = 0.10
HEADLINE_MIN_WORDS = 6
CREDIT = (
    "by ",
    "reporting by",
    "additional reporting",
    "editing by",
    "writing by",
    "(reporting",
    "photo",
    "to contact",
)
MINOR_WORDS = frozenset(
    "a an the of in on at to for and or but nor with from by as vs via over into onto after before".split()
)


def title_case(text: str) -> bool:
    """Headline capitalisation: nearly every word of four or more content words is capitalised."""
    content = [w for w in WORD.findall(text) if w.lower() not in MINOR_WORDS]
    capital = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return len(content) >= 4 and capital >= 0.8 * len(content)


def chrome_phrases() -> list[str]:
    lines = CHROME_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Unit:
    """A span the embedding checkers judge: a sentence, or a whole short paragraph (a line)."""

    start: int
    end: int
    text: str
    paragraph: Paragraph
    line: bool  # the whole paragraph


def units(doc: Document) -> list[Unit]:
    view = doc.view
    out = []
    for paragraph in doc.paragraphs:
        if len(paragraph.sentences) <= 1:
            out.append(Unit(paragraph.start, paragraph.end, view[paragraph.start : paragraph.end], paragraph, True))
            continue
        for sentence in paragraph.sentences:
            out.append(Unit(sentence.start, sentence.end, view[sentence.start : sentence.end], paragraph, False))
    return [u for u in out if u.text.strip()]


def unit_texts(doc: Document) -> list[str]:
    return [u.text for u in units(doc)]


def check(
    doc: Document,
    vectors: Callable[[str], Encoded],
    prototypes: np.ndarray | None,
    garble_threshold: float | None,
    covered: Callable[[int, int, str], bool] = lambda start, end, category: False,
) -> Iterator[Finding]:
    """Findings in view coordinates. `vectors(text)` gives a unit's encoding; `prototypes` the
    unit-length chrome embeddings (None: E001 off); `garble_threshold` None: E002 off;
    `covered(start, end, category)` tells whether a rule already reports that span."""
    pieces = units(doc)
    if not pieces:
        return
    encoded = [vectors(u.text) for u in pieces]
    if prototypes is not None:
        yield from _inserted(pieces, encoded, prototypes, covered)
    if garble_threshold is not None:
        yield from _garbled(pieces, encoded, garble_threshold, covered)


def _words(text: str) -> int:
    return len(WORD.findall(text))


def _is_body(unit: Unit) -> bool:
    return unit.paragraph.kind == "paragraph" and _words(unit.text) >= 6 and not unit.paragraph.in_quote(unit.start)


def _inserted(pieces: list[Unit], encoded: list[Encoded], prototypes: np.ndarray, covered) -> Iterator[Finding]:
    body = np.array([_is_body(u) for u in pieces])
    matrix = np.stack([e.embedding for e in encoded])
    total = matrix[body].sum(axis=0) if body.any() else np.zeros(matrix.shape[1], dtype=np.float32)
    count = int(body.sum())
    for i, unit in enumerate(pieces):
        words = _words(unit.text)
        if unit.paragraph.index == 0 or not 1 <= words <= MAX_INSERTED_WORDS:
            continue
        if unit.paragraph.in_quote(unit.start) or unit.text.lower().startswith(CREDIT):
            continue
        others = count - int(body[i])
        if others < MIN_CONTEXT:
            continue
        centroid = total - (matrix[i] if body[i] else 0)
        norm = float(np.linalg.norm(centroid))
        topic = float(matrix[i] @ centroid) / norm if norm else 0.0
        chrome = float((prototypes @ matrix[i]).max()) if len(prototypes) else 0.0
        reason = None
        if chrome >= CHROME_SIMILARITY and topic <= CHROME_TOPIC:
            reason, strength = (
                "it reads like website or app text",
                (chrome - CHROME_SIMILARITY) + (CHROME_TOPIC - topic),
            )
        elif (
            unit.line
            and unit.paragraph.kind == "headline"
            and words >= HEADLINE_MIN_WORDS
            and topic <= HEADLINE_TOPIC
            and title_case(unit.text)
            and "," not in unit.text
        ):
            reason, strength = "a headline unrelated to the article", HEADLINE_TOPIC - topic
        if reason is None or covered(unit.start, unit.end, "boilerplate"):
            continue
        confidence = 0.6 + 0.35 * (1 - math.exp(-6 * strength))
        yield INSERTED_TEXT.finding(unit.start, unit.end, unit.text, confidence=confidence, reason=reason)


def _garbled(pieces: list[Unit], encoded: list[Encoded], threshold: float, covered) -> Iterator[Finding]:
    for unit, enc in zip(pieces, encoded, strict=True):
        if enc.garble is None or enc.garble < threshold:
            continue
        if unit.paragraph.kind != "paragraph" or _words(unit.text) < MIN_GARBLED_WORDS:
            continue
        if unit.paragraph.in_quote(unit.start) or unit.text.startswith(("“", '"', "‘")):
            continue
        if covered(unit.start, unit.end, "sentence") or covered(unit.start, unit.end, "boilerplate"):
            continue
        confidence = 1.0 / (1.0 + math.exp(-(enc.garble - threshold) - 1.0))  # 0.73 at the threshold
        yield GARBLED_SENTENCE.finding(unit.start, unit.end, unit.text, confidence=confidence, score=enc.garble)
