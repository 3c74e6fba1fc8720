"""Segmentation of a document's prose into paragraphs, headlines, sentences and quotations.

The sentence splitter is a small rule-based one tuned for news: it knows titles ("Gen.", "Sen."),
dotted acronyms ("U.S.", "a.m."), middle initials ("Lloyd J. Austin III"), dates ("Jan. 5"),
numbers ("No. 84") and quotations that end in a closing quote. It was written instead of using
segtok or pysbd because both run at under 2 MB/s, and the rule pass has to sustain 5 MB/s.
All spans are offsets into `Document.view`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

import regex

if TYPE_CHECKING:
    from qa.documents import Document

# Abbreviations that never end a sentence (a name or a number always follows).
TITLES = frozenset(
    "Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Cmdr Adm Sgt Cpl Pvt Sen Rep Gov Pres Amb Supt "
    "Rev Fr Sr Sra Hon Gens Reps Sens Messrs Mme Mlle St Mt Ft Ste vs Nos approx ca cf".split()
)
# Abbreviations before a number ("Jan. 5", "No. 84", "Art. 5"): split only before a capital word.
BEFORE_NUMBER = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No Art Vol Fig p pp para Ch Sec".split())
# Ends of dotted acronyms ("U.S.") are sentence ends only before a typical sentence opener.
SENTENCE_OPENERS = frozenset(
    "A An The He She It I We They You This That These Those There Here But And Yet So Or Nor "
    "In On At By For From With Without After Before During Since While When Where Why How What "
    "Who Which If As Although Though Despite However Meanwhile Still Also Some Many Most Other "
    "Officials Its His Her Their Our Now Then One Two Three Last Next Earlier Later".split()
)
# AP state abbreviations ("SANTA ROSA, Calif. (AP) —") end a sentence only before an opener.
STATE_ABBREVIATIONS = frozenset(
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb "
    "Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo".split()
)
EXCLAIMED_NAMES = frozenset({"Yahoo", "Jeopardy", "E", "Wham", "Oklahoma"})

# The hot patterns use the standard `re` engine, which is faster for these simple classes.
BOUNDARY = re.compile(r"""[.!?…]+[)\]"'”’»]*(?=\s)""")
NEXT_START = re.compile(r"""\s+([(\["'“‘«]*)(\S)""")
LINE = re.compile(r"[^\r\n]+")
QUOTE_CHARS = re.compile(r"[\"“”]|(?<![^\W_])‘|’(?![^\W_])")
DOTTED_ACRONYM = regex.compile(r"^(?:\p{L}\.)+\p{L}?$")
LETTERS = regex.compile(r"\p{L}+")
SENTENCE_END_CHARS = ".!?…\"'”’)]»"
TERMINAL = regex.compile(r"""[.!?…]["'”’)\]»]*\s*$""")
INNER_BOUNDARY = regex.compile(r"""[.!?]["'”’)\]]*\s+["“‘(]?\p{Lu}""")
WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")


class Sentence(NamedTuple):
    start: int
    end: int


@dataclass
class Paragraph:
    kind: str  # "headline" (a heading or title-like line) | "paragraph"
    start: int
    end: int
    index: int  # position among the document's paragraphs
    sentences: list[Sentence] = field(default_factory=list)
    view: str = field(default="", repr=False)  # the document view (shared, not copied)

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Direct-quotation spans, found on first use (most paragraphs never need them)."""
        return quotation_spans(self.view, self.start, self.end)

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """True when the span starts (or lies wholly) inside a direct quotation."""
        end = start if end is None else end
        return any(q_start <= start and end <= q_end for q_start, q_end in self.quotes)


def segment_document(doc: Document) -> list[Paragraph]:
    view = doc.view
    spans = [(b.start, b.end, b.kind) for b in doc.blocks] if doc.blocks is not None else _text_blocks(view)
    paragraphs: list[Paragraph] = []
    for start, end, kind in spans:
        start, end = _strip(view, start, end)
        if start >= end:
            continue
        if kind == "paragraph" and is_title_like(view[start:end], first=not paragraphs):
            kind = "headline"
        paragraphs.append(Paragraph(kind, start, end, len(paragraphs), split_sentences(view, start, end), view))
    return paragraphs


def _strip(view: str, start: int, end: int) -> tuple[int, int]:
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    return start, end


def _text_blocks(view: str) -> list[tuple[int, int, str]]:
    """Plain text: one paragraph per line, unless paragraphs are hard-wrapped blocks."""
    lines = [(m.start(), m.end()) for m in LINE.finditer(view)]
    if not lines or ("\n\n" not in view and "\n\r\n" not in view):
        return [(s, e, "paragraph") for s, e in lines]
    # A line that runs on to the next without closing its sentence was wrapped by hand.
    joined = [e for (_, e), (s, _) in pairwise(lines) if view.count("\n", e, s) == 1]
    wrapped = sum(1 for e in joined if view[e - 1] not in SENTENCE_END_CHARS)
    if joined and wrapped > len(joined) / 2:
        blocks = [(m.start(), m.end()) for m in regex.finditer(r"\S(?:.|\r?\n(?![ \t]*\r?\n))*", view)]
        return [(s, e, "paragraph") for s, e in blocks]
    return [(s, e, "paragraph") for s, e in lines]


def is_title_like(text: str, first: bool = False) -> bool:
    """A line that reads as a headline or subhead: short, no sentence-final full stop."""
    if len(text) > (300 if first else 160):
        return False
    if text[-1] in SENTENCE_END_CHARS and TERMINAL.search(text) and not text.endswith("?"):
        return False  # ends like a sentence (a question may still be a headline)
    words = WORD.findall(text)
    if not words or len(words) > (30 if first else 16):
        return False
    if INNER_BOUNDARY.search(text):
        return False  # two sentences, the last one unfinished: a paragraph, not a title
    return text[0].isupper() or text[0].isdigit() or text[0] in "“\"‘'"


def split_sentences(view: str, start: int, end: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    sentence_start = start
    for match in BOUNDARY.finditer(view, start, end):
        following = NEXT_START.match(view, match.end(), end)
        if following is not None and _is_boundary(view, match, following, sentence_start):
            sentences.append(Sentence(sentence_start, match.end()))
            sentence_start = following.start(1)
    if sentence_start < end:
        sentences.append(Sentence(sentence_start, end))
    return sentences


def _word_before(view: str, pos: int, floor: int) -> str:
    """The word (letters, digits, dots, apostrophes, hyphens) that ends at `pos`."""
    start = pos
    while start > floor and (view[start - 1].isalnum() or view[start - 1] in ".'’-"):
        start -= 1
    return view[start:pos]


def _is_boundary(view: str, match: regex.Match, following: regex.Match, sentence_start: int) -> bool:
    opener, next_char = following.group(1), following.group(2)
    if not (next_char.isupper() or next_char.isdigit() or opener):
        return False  # "e.g. the", "said. the": not a clean boundary
    marks = match.group()
    word = _word_before(view, match.start(), sentence_start)
    if marks.startswith("!") and word in EXCLAIMED_NAMES:
        return False
    if marks != ".":
        return True  # "?", "!", an ellipsis, or a full stop closed by a quote or bracket
    bare = word.rstrip(".")
    if bare in TITLES or bare.capitalize() in TITLES:
        return False  # "Gen. Smith", and "ST. LOUIS" in an all-capitals dateline
    if bare in BEFORE_NUMBER:
        return not next_char.isdigit()
    if len(bare) == 1 and bare.isupper():
        return False  # a middle initial: "Lloyd J. Austin"
    if bare in STATE_ABBREVIATIONS or DOTTED_ACRONYM.match(word + "."):
        next_word = LETTERS.match(view, following.start(2), following.start(2) + 20)
        return bool(next_word) and next_word.group() in SENTENCE_OPENERS
    return True


def quotation_spans(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Direct quotations in a paragraph; an unclosed quotation runs to the paragraph end."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in QUOTE_CHARS.finditer(view, start, end):
        char, pos = match.group(), match.start()
        if char in "“‘" or (char == '"' and open_at is None):
            if open_at is None:
                open_at = pos
        elif open_at is not None:
            spans.append((open_at, pos + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, end))
    return spans
