"""Name mentions: runs of capitalised words in prose, with titles, possessives and noise removed.

A run is a sequence of capitalised tokens joined by single spaces, lower-case particles ("bin",
"von der") and middle initials ("Lloyd J. Austin"); Arabic articles may be joined ("al-Assad").
A possessive ends the run ("Kim Jong UN’s Big Gun" gives "Kim Jong UN"). Leading titles
("Foreign Minister"), leading ordinary words ("Ukrainian", "However" at a sentence start) and
trailing dates ("Monday") are dropped. Runs of acronyms only ("NATO", "SEOUL") are not names.
Spans are offsets into `Document.view`.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, NamedTuple

import regex

from qa.names.lexicon import (
    ARTICLE_PREFIXES,
    CHINESE_SURNAMES,
    OPENING_ZIPF,
    PARTICLES,
    TITLES,
    TRAILING_NOISE,
    function_words,
    is_common,
    korean_class,
    memo,
)  # fmt: skip
from qa.names.translit import word_key

if TYPE_CHECKING:
    from qa.documents import Document

_ARTICLE = "|".join(p[:-1] for p in ARTICLE_PREFIXES)
_TOKEN = rf"(?:(?:{_ARTICLE})[\-‐‑])?\p{{Lu}}[\p{{L}}\p{{M}}]*(?:['’\-‐‑][\p{{L}}\p{{M}}]+)*"
_LINK = rf"[ \u00a0](?:(?:{'|'.join(sorted(PARTICLES))})[ \u00a0])*(?:\p{{Lu}}\.[ \u00a0])?"
# A run starts at a capital (an Arabic article before it is added back in Python: `_with_article`);
# starting the pattern with the capital, and looking behind it only then, lets the regex engine skip
# ahead fast. Inside a run, lookaheads on the first letter spare it trying every particle and
# article after each word (the pattern matches what it would without them).
_PARTICLE_STARTS = "".join(sorted({p[0] for p in PARTICLES}))
_ARTICLE_STARTS = "".join(sorted({p[0] for p in ARTICLE_PREFIXES}))
_RUN_LINK = (
    rf"[ \u00a0](?=[\p{{Lu}}{_PARTICLE_STARTS}{_ARTICLE_STARTS}])"
    rf"(?:(?=[{_PARTICLE_STARTS}])(?:{'|'.join(sorted(PARTICLES))})[ \u00a0])*(?:\p{{Lu}}\.[ \u00a0])?"
)
_RUN_TOKEN = rf"(?:(?=[{_ARTICLE_STARTS}])(?:{_ARTICLE})[\-‐‑])?\p{{Lu}}[\p{{L}}\p{{M}}]*(?:['’\-‐‑][\p{{L}}\p{{M}}]+)*"
_RUN_START = rf"\p{{Lu}}(?:(?<![\p{{L}}\p{{M}}\p{{N}}'’\-‐‑]\p{{Lu}})|(?<=\b(?:{_ARTICLE})[\-‐‑]\p{{Lu}}))"
RUN = regex.compile(
    rf"{_RUN_START}[\p{{L}}\p{{M}}]*(?:['’\-‐‑][\p{{L}}\p{{M}}]+)*(?:{_RUN_LINK}{_RUN_TOKEN})*(?![\p{{L}}\p{{N}}])"
)
ARTICLE_BEFORE = regex.compile(rf"(?:^|(?<![\p{{L}}\p{{M}}\p{{N}}'’\-‐‑]))(?:{_ARTICLE})[\-‐‑]$")
TOKEN = regex.compile(_TOKEN)
OPENERS = "\"'“‘«([—–- "
CLAUSE_OPENERS = '"“‘«(:;—–'


class Token(NamedTuple):
    start: int
    end: int
    text: str


class Mention(NamedTuple):
    """A name as written: its tokens (after trimming) and where it stands."""

    tokens: tuple[Token, ...]
    headline: bool
    paragraph: int  # index into Document.paragraphs
    lead: Token | None = None  # an ordinary word trimmed just before it ("Denis" in "Denis Shmyhal")

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    def text(self, view: str) -> str:
        return view[self.tokens[0].start : self.tokens[-1].end]


Plain = tuple[int, int, str]  # a token as a plain tuple (start, end, text), relative to its run
Shape = tuple[tuple[tuple[Plain, ...], Plain | None], ...]  # (core, lead) of each mention in a run


Run = tuple[str, int, int, bool]  # (text, start, paragraph index, whether it opens a sentence)


def extract_mentions(doc: Document, keep: frozenset[str] = frozenset()) -> list[Mention]:
    """Every name mention of the document; `keep` holds lower-case words never trimmed (glossary).

    A capital at a sentence start proves nothing, so a lone opening word that is also an English
    word is dropped, unless the document writes it capitalised mid-sentence too ("in Odessa").
    """
    paragraphs = doc.paragraphs
    mentions: list[Mention] = []
    for text, start, number, opening in find_runs(doc, keep):
        shape = shape_of(text, opening, keep)
        if not shape:
            forget(text, opening, keep)
        for tokens, lead in shape:
            placed = tuple(Token(start + s, start + e, t) for s, e, t in tokens)
            moved = Token(start + lead[0], start + lead[1], lead[2]) if lead else None
            mentions.append(Mention(placed, paragraphs[number].kind == "headline", number, moved))
    return mentions


def find_runs(doc: Document, keep: frozenset[str]) -> list[Run]:
    """The runs of capitalised words that may hold a mention, in document order.

    Whether a run opens a sentence is only worked out for lone words that are also English words:
    for every other run it changes nothing, and this loop runs once per capitalised word of the
    corpus. A run whose shape turns out empty should be passed to `forget`.
    """
    view = doc.view
    boring = _boring(keep)
    paragraphs = doc.paragraphs
    if not paragraphs:
        return []
    runs: list[Run] = []
    openings: list[int] = []  # indexes into runs of lone words that may be sentence openers
    starts = [p.start for p in paragraphs]
    # One C scan per document, and the runs known to hold nothing ("The", "Ukraine", "Officials":
    # most of them) dropped before any per-run work; the others are found again with str.find. A
    # dropped run cannot hide another one: it has no word that is not an ordinary word.
    texts = RUN.findall(view, paragraphs[0].start, paragraphs[-1].end)
    position = 0
    single = len(starts) == 1
    for text in [t for t in texts if t not in boring]:
        start = view.find(text, position)
        if start < 0:
            continue
        end = start + len(text)
        before = view[start - 1] if start else " "
        joined = False  # an Arabic article written before it ("al-Assad")
        if before.isalnum() or before in "'’_-‐‑" or view[end : end + 1].isalnum():
            # not the common case, a run found at its first occurrence on word boundaries
            start = _find_run(view, text, position)
            if start < 0:
                continue
            end = start + len(text)
            joined = start > 0 and view[start - 1] in "-‐‑"
        position = end
        number = 0 if single else bisect.bisect_right(starts, start) - 1
        if joined:
            text, start = _with_article(view, start, text)
        if " " not in text and _opening_word(text):
            openings.append(len(runs))
        runs.append((text, start, number, False))
    if openings:
        for index in _sentence_openers(doc, runs, openings):
            runs[index] = (*runs[index][:3], True)
    return runs


def forget(text: str, opening: bool, keep: frozenset[str]) -> None:
    """A run with no mention where it stands: skipped from now on if it holds none anywhere."""
    if not shape_of(text, not opening, keep):
        remember_boring(text, keep)


def remember_boring(text: str, keep: frozenset[str]) -> None:
    """A run that holds no mention, wherever it stands: `find_runs` skips it from now on."""
    boring = _boring(keep)
    if len(boring) < BORING_LIMIT:
        boring.add(text)


def _find_run(view: str, text: str, position: int) -> int:
    """Where the run `text` found by RUN stands: its first occurrence on word boundaries."""
    start = view.find(text, position)
    while start >= 0:
        before = view[start - 1] if start else " "
        after = view[start + len(text) : start + len(text) + 1]
        bounded = not (before.isalnum() or before in "'’_") and not after.isalnum()
        if bounded and (before not in "-‐‑" or ARTICLE_BEFORE.search(view, max(0, start - 5), start)):
            return start
        start = view.find(text, start + 1)
    return -1


BORING_LIMIT = 500_000
_BORING: list[tuple[frozenset[str], set[str]]] = []


def _boring(keep: frozenset[str]) -> set[str]:
    """Runs known to hold no mention with this `keep` set (grows as documents are read)."""
    for kept, boring in _BORING:
        if kept is keep:
            return boring
    boring = {w.capitalize() for w in function_words()}  # "The", "But", "May": never a name alone
    _BORING.insert(0, (keep, boring))
    del _BORING[4:]
    return boring


@memo(100_000)
def _opening_word(word: str) -> bool:
    """A word whose fate depends on standing at a sentence start (rarer words are always names,
    commoner ones never)."""
    return is_common(word, OPENING_ZIPF) and not is_common(word)


def _sentence_openers(doc: Document, runs: list[Run], candidates: list[int]) -> set[int]:
    """The candidate runs that open a sentence and are never written capitalised inside one."""
    view = doc.view
    starts: dict[int, set[int]] = {}
    opening = set()
    for index in candidates:
        _, start, number, _ = runs[index]
        paragraph = doc.paragraphs[number]
        if number not in starts:
            starts[number] = {_first_letter(view, s.start, s.end) for s in paragraph.sentences}
        if start in starts[number] or _opens_clause(view, start, paragraph.start):
            opening.add(index)
    if not opening:
        return opening
    # Skeletons of names written away from sentence starts (a run's last word: "in Odesa", "Mr Odesa").
    inside = {_last_word_key(run[0]) for index, run in enumerate(runs) if index not in opening}
    return {index for index in opening if _last_word_key(runs[index][0]) not in inside}


@memo(100_000)
def _last_word_key(run: str) -> str:
    return word_key(run.rsplit(" ", 1)[-1])


SHAPE_LIMIT = 75_000
_SHAPES: list[tuple[frozenset[str], tuple[dict[str, Shape], dict[str, Shape]]]] = []


def shape_of(text: str, at_start: bool, keep: frozenset[str]) -> Shape:
    """The mentions one run of capitalised words holds, split at possessives and trimmed (cached
    per `keep` set in dicts keyed by the text alone: no key tuple holding the set for the collector
    to walk)."""
    shapes = _shape_tables(keep)[at_start]
    shape = shapes.get(text)
    if shape is None:
        if len(shapes) >= SHAPE_LIMIT:
            shapes.clear()
        shape = shapes[text] = _make_shape(text, at_start, keep)
    return shape


def _shape_tables(keep: frozenset[str]) -> tuple[dict[str, Shape], dict[str, Shape]]:
    for kept, tables in _SHAPES:
        if kept is keep:
            return tables
    tables: tuple[dict[str, Shape], dict[str, Shape]] = ({}, {})
    _SHAPES.insert(0, (keep, tables))
    del _SHAPES[4:]
    return tables


def _make_shape(text: str, at_start: bool, keep: frozenset[str]) -> Shape:
    if " " not in text and "\u00a0" not in text:
        groups = [(_strip_possessive(Token(0, len(text), text)),)]
    else:
        groups, current = [], []
        for match in TOKEN.finditer(text):
            token = Token(match.start(), match.end(), match.group())
            stripped = _strip_possessive(token)
            current.append(stripped)
            if stripped is not token:
                groups.append(tuple(current))
                current = []
        if current:
            groups.append(tuple(current))
    shape = []
    for number, tokens in enumerate(groups):
        trimmed = _trim(tokens, at_start and number == 0, keep)
        if trimmed:
            first = tokens.index(trimmed[0])
            lead = tokens[first - 1] if first and tokens[first - 1].text.lower() not in TITLES else None
            # Plain tuples: the collector never walks them (tuple subclasses it walks every time).
            plain = tuple((t.start, t.end, t.text) for t in trimmed)
            shape.append((plain, (lead.start, lead.end, lead.text) if lead else None))
    return tuple(shape)


def _with_article(view: str, start: int, text: str) -> tuple[str, int]:
    """ "al-Assad": the article written joined to the name belongs to the run."""
    before = ARTICLE_BEFORE.search(view, max(0, start - 5), start)
    return (view[before.start() : start] + text, before.start()) if before else (text, start)


def _first_letter(view: str, start: int, end: int) -> int:
    while start < end and view[start] in OPENERS:
        start += 1
    return start


def _opens_clause(view: str, start: int, floor: int) -> bool:
    """After an opening quotation mark, a colon, a semicolon or a dash a capital proves nothing."""
    pos = start - 1
    while pos >= floor and view[pos] == " ":
        pos -= 1
    return pos < floor or view[pos] in CLAUSE_OPENERS


def _strip_possessive(token: Token) -> Token:
    if len(token.text) > 2 and token.text[-2] in "'’" and token.text[-1] in "sS":
        return Token(token.start, token.end - 2, token.text[:-2])
    return token


def _trim(tokens: tuple[Token, ...], at_start: bool, keep: frozenset[str]) -> tuple[Token, ...]:
    first, last = 0, len(tokens)
    while last > first and tokens[last - 1].text.lower() in TRAILING_NOISE:
        last -= 1
    while first < last:
        word = tokens[first].text
        lower = word.lower()
        if lower in keep or ((korean_class(word) is not None or lower in CHINESE_SURNAMES) and first + 1 < last):
            break  # an East Asian family name before the given name ("Kim Jong Un", "Xi Jinping")
        if lower in TITLES or (first + 1 < last and is_common(word)):
            first += 1
            continue
        if at_start and first == 0 and first + 1 == last and is_common(word, OPENING_ZIPF):
            first += 1
            continue
        break
    trimmed = tokens[first:last]
    if not trimmed or all(_acronym(t.text) for t in trimmed):
        return ()
    if len(trimmed) == 1 and trimmed[0].text.lower() not in keep and is_common(trimmed[0].text):
        return ()  # a lone ordinary word or very common name ("Ukraine", "Korean") compares with nothing
    return trimmed


def _acronym(word: str) -> bool:
    return len(word) == 1 or word.isupper()
