"""Candidate search for near-variants: glossary spellings blocked by coarse consonant keys.

Every glossary spelling (canonical, variants, accepted forms, `full`, and the bare surname of a
person) is indexed under its coarse key (consonant classes, no vowels). A query probes its own key
and its one-deletion keys; large buckets are screened with rapidfuzz in C, and the survivors are
verified with `translit.compare`. The index is built once per glossary and cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, repeat
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from qa.matcher import normalise
from qa.names.lexicon import (
    CHINESE_SURNAMES,
    COMMON_ZIPF,
    EDIT_ZIPF,
    FOLD_ZIPF,
    FUNCTION_ZIPF,
    KOREAN_SURNAME_CLASS,
    WORD_ZIPF,
    attestation,
    is_common,
    memo,
    same_korean_surname,
    words_from,
)  # fmt: skip
from qa.names.translit import (
    KOREAN_GIVEN,
    NameForm,
    Pair,
    bulk_coarse,
    collapse,
    compare,
    confidence,
    german_reading,
    name_form,
)  # fmt: skip

if TYPE_CHECKING:
    from qa.glossary import Glossary

T = TypeVar("T", bound=int)
MIN_SIMILARITY = 0.8
NOT_LISTED = -1
Listed = tuple[tuple[tuple[int, int, "int | None"], ...], bool]
PREFILTER = 16  # more candidates than this are screened by rapidfuzz (C) before verification
_CACHE: list[tuple[Glossary, GlossaryNames]] = []


@memo(100_000)
def deletions(key: str) -> frozenset[str]:
    return frozenset({key[:i] + key[i + 1 :] for i in range(len(key))} if len(key) >= 3 else ())


class DeletionIndex(Generic[T]):
    """Items under a key; a query also probes its keys with one class deleted.

    Vowels and swaps within a consonant class leave the coarse key unchanged, and other
    consonant swaps are never accepted, so the only key change left to cover is one consonant
    too many in the query (a dropped one is caught when the roles are reversed).
    """

    def __init__(self) -> None:
        self.exact: dict[str, list[T]] = {}

    def add(self, key: str, item: T) -> None:
        if key:
            self.exact.setdefault(key, []).append(item)

    def freeze(self) -> None:
        """Lists to tuples once built: tuples of ints are invisible to the garbage collector."""
        self.exact = {key: tuple(items) for key, items in self.exact.items()}  # type: ignore[misc]

    def probes(self, key: str) -> list[str]:
        """The key and its one-deletion keys that hold items (their buckets are disjoint: an item
        sits under the one key it was added with)."""
        if not key:
            return []
        exact = self.exact
        found = [key] if key in exact else []
        found.extend(probe for probe in deletions(key) if probe in exact)
        return found

    def find(self, key: str) -> list[T]:
        """Every item under the key or under one of its one-deletion keys, once each, in the order
        they were added (sorted: the probes come from a set, whose order varies between runs)."""
        if not key:
            return []
        exact = self.exact
        found = set(exact.get(key, ()))
        for probe in deletions(key):
            items = exact.get(probe)
            if items:
                found.update(items)
        return sorted(found)


class Entry(NamedTuple):
    term: int  # index into glossary.terms
    text: str  # the glossary spelling compared against
    suggestion: str  # what replaces a mention that matches this spelling
    surname: bool = False  # the bare surname of a multi-part person term

    @property
    def form(self) -> NameForm:
        return name_form(self.text)


@dataclass(frozen=True)
class Hit:
    entry: Entry
    similarity: float
    confidence: float
    # The spelling is established English in its own right ("Kharkov", "Micron"): only a slip when
    # the document also names the glossary entry itself.
    established: bool = False


class GlossaryNames:
    """What the name checks need from one glossary, computed once (in bulk: 50,000 entries ~1 s)."""

    def __init__(self, glossary: Glossary) -> None:
        self.terms = glossary.terms
        self.index: DeletionIndex[int] = DeletionIndex()
        self.given: dict[str, list[Entry]] = {}  # East Asian given name skeleton -> people
        self.surnames: dict[int, str] = {}  # person term -> its surname as written
        # (term, text, suggestion, surname) as plain tuples: invisible to the collector, fast to make
        entries: list[tuple[int, str, str, bool]] = []
        others: list[str] = []
        append = entries.append
        for number, term in enumerate(self.terms):
            name = term.term
            for text in (name, *term.variants, *term.accepted, *term.implicit_variants()):
                append((number, text, name, False))
            if term.full:
                append((number, term.full, term.full, False))
            if term.exceptions:
                others.extend(term.exceptions)
        texts = [entry[1] for entry in entries]
        joined = "\n".join(texts)
        # Every listed spelling, normalised as the matcher does, -> its term (None: an exception);
        # the first entry of a spelling wins, and exceptions win over entries.
        keys = normalise(joined).split("\n") if texts else []
        if len(keys) != len(texts):
            raise ValueError("a glossary spelling holds a line break")
        self.listed: dict[str, int | None] = dict(zip(reversed(keys), reversed([e[0] for e in entries]), strict=True))
        if others:
            self.listed.update(dict.fromkeys(normalise("\n".join(others)).split("\n")))
        spaced = joined.replace("-", " ")  # hyphens part words as spaces do
        words = set(spaced.lower().split())
        words.update("\n".join(others).lower().replace("-", " ").split())
        self.vocabulary = frozenset(words - words_from(FUNCTION_ZIPF))  # not "the", "of", "new"
        self.max_parts = max(map(str.count, spaced.split("\n"), repeat(" ")), default=0) + 2  # words in a spelling
        bare = self._people()
        self.entries = entries
        # Coarse keys of every spelling and bare surname in one bulk pass (one joined string).
        keys = bulk_coarse(texts + [entry[1] for entry in bare])
        exact: dict[str, list[int]] = {}
        for number, key in enumerate(keys[: len(texts)]):
            if key:
                if key in exact:
                    exact[key].append(number)
                else:
                    exact[key] = [number]
        number = len(entries)
        self.texts = texts  # the spelling of each entry, bare surnames included below
        for entry, key in zip(bare, keys[len(texts) :], strict=True):
            text = entry[1]
            form = name_form(text) if not text.isalpha() else None
            if form is None or (len(form.parts) == 1 and len(form.strict) >= 5):
                append(entry)
                texts.append(text)
                if key in exact:
                    exact[key].append(number)
                elif key:
                    exact[key] = [number]
                number += 1
        self.index.exact = exact
        self.index.freeze()
        # Coarse key -> the skeletons of its bucket, for the rapidfuzz screen (made when first screened).
        self.skeletons: dict[str, tuple[str, ...]] = {}
        self._cache: dict[str, Hit | None] = {}
        self._listed_cache: dict[str, Listed] = {}
        self._given_cache: dict[str, list[Entry]] = {}
        # What each run of capitalised words holds, by whether it opens a sentence (`qa.names.runs`).
        self.plans: tuple[dict[str, object], dict[str, object]] = ({}, {})
        self.whole: dict[str, int] = {}  # run -> the term it is listed under as a whole (`runs.whole_term`)

    def listed_spans(self, text: str, tokens: list[tuple[int, int]]) -> Listed:
        """Listed glossary forms among a mention's token n-grams (`tokens`: (start, end) in `text`),
        longest first, without overlap: (start, end, term) relative to the mention (term None for a
        listed exception), and whether they cover every token (cached)."""
        found = self._listed_cache.get(text)
        if found is None:
            if len(self._listed_cache) > 200_000:
                self._listed_cache.clear()
            found = self._listed_spans(text, tokens)
            self._listed_cache[text] = found
        return found

    def _listed_spans(self, text: str, tokens: list[tuple[int, int]]) -> Listed:
        taken = [False] * len(tokens)
        spans = []
        for length in range(min(len(tokens), self.max_parts), 0, -1):
            for first in range(len(tokens) - length + 1):
                if any(taken[first : first + length]):
                    continue
                start, end = tokens[first][0], tokens[first + length - 1][1]
                term = self.listed.get(normalise(text[start:end]), NOT_LISTED)
                if term != NOT_LISTED:
                    taken[first : first + length] = [True] * length
                    spans.append((start, end, term))
        return tuple(spans), all(taken)

    def _people(self) -> list[tuple[int, str, str, bool]]:
        """Surnames of people: East Asian given names for the evidence path, and the bare surnames
        worth a lookup of their own (returned; indexed when a single part of five letters or more)."""
        bare: list[tuple[int, str, str, bool]] = []
        common = words_from(COMMON_ZIPF)
        for number, term in enumerate(self.terms):
            if term.kind != "person":
                continue
            name = term.term
            words = name.split()
            if len(words) < 2 and len(words) + name.count("-") < 2:
                continue
            first = words[0].lower()
            if first in KOREAN_SURNAME_CLASS or first in CHINESE_SURNAMES:
                form = name_form(name)
                if form.east_asian:
                    self.surnames[number] = words[0]
                    entry = Entry(number, name, name)
                    self.given.setdefault(collapse("".join(form.skeletons[1:])), []).append(entry)
                    continue
            surname = words[-1]
            self.surnames[number] = surname
            if len(words) > 1 and len(surname) >= 5 and surname.lower().replace("’", "'") not in common:
                bare.append((number, surname, surname, True))
        return bare

    def _make_skeletons(self, keys: list[str]) -> None:
        """Skeletons of the spellings under these keys, made in one bulk pass and kept by key."""
        exact, texts = self.index.exact, self.texts
        made = bulk_coarse([texts[number] for key in keys for number in exact[key]], skeleton=True)
        start = 0
        for key in keys:
            end = start + len(exact[key])
            self.skeletons[key] = tuple(made[start:end])
            start = end

    def _candidates(self, form: NameForm) -> list[int]:
        """Entry numbers worth verifying, in index order; past PREFILTER, only those whose skeleton
        is close (rapidfuzz), ordered as a screen of the sorted numbers would order them: by score,
        then number."""
        probes = self.index.probes(form.coarse)
        exact = self.index.exact
        if len(probes) == 1:
            numbers: tuple[int, ...] = exact[probes[0]]
        else:
            numbers = tuple(chain.from_iterable([exact[probe] for probe in probes]))
        if len(numbers) <= PREFILTER:
            return sorted(numbers)
        made = self.skeletons
        missing = [probe for probe in probes if probe not in made]
        if missing:
            self._make_skeletons(missing)
        skeletons = list(chain.from_iterable([made[probe] for probe in probes]))
        close = process.extract(form.skeleton, skeletons, scorer=Levenshtein.normalized_similarity,
                                score_cutoff=MIN_SIMILARITY - 0.1, limit=None)  # fmt: skip
        return [number for _, number in sorted([(-score, numbers[index]) for _, score, index in close])]

    def lookup(self, text: str, *, whole: bool = True) -> Hit | None:
        """The glossary spelling `text` is a near-variant of, if one stands out (cached)."""
        key = text if whole else "\x00" + text
        if key not in self._cache:
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = self._lookup(text, whole)
        return self._cache[key]

    def _lookup(self, text: str, whole: bool) -> Hit | None:
        if normalise(text) in self.listed:
            return None  # the glossary matcher's business (a listed form or an exception)
        hit = self._search(name_form(text), whole)
        german = german_reading(text) if hit is None else None
        if german is not None:
            read = name_form(german)
            hit = self._search(NameForm(text, read.parts, read.skeletons, name_form(text).raw), whole)
            if hit is not None and attestation(text) >= EDIT_ZIPF:
                hit = None  # an English word read the German way ("Charge" is not "Kharg")
            if hit is not None:
                hit = Hit(hit.entry, hit.similarity, round(hit.confidence * 0.9, 3), hit.established)
        return hit

    def _search(self, form: NameForm, whole: bool) -> Hit | None:
        if len(form.strict) <= 3 or (len(form.parts) == 1 and is_common(form.strict)):
            return None
        best: list[Hit] = []
        for number in self._candidates(form):
            entry = Entry(*self.entries[number])
            if entry.surname and not whole:
                continue
            hit = self._verify(form, entry)
            if hit is not None:
                best.append(hit)
        if not best:
            return None
        best.sort(key=lambda h: (-h.similarity, h.entry.surname))
        top = best[0]
        rivals = {h.entry.suggestion for h in best if h.similarity >= top.similarity - 0.02}
        house = name_form(top.entry.suggestion)
        if len(rivals) > 1 or (house.parts == form.parts and (_has_article(house) or _has_article(form))):
            return None  # ambiguous, or the house form itself with another article ("al-Mandeb")
        return top

    def _verify(self, form: NameForm, entry: Entry) -> Hit | None:
        if _native_latin(form.text) and not _native_latin(entry.text):
            return None  # "Zielińska", "Łukasz": a name written in its own alphabet, not a transliteration slip
        result = compare(form, entry.form)
        if result is None:
            return None
        similarity, differing = result
        if similarity < MIN_SIMILARITY:
            return None
        if not differing:
            if normalise(form.text) == normalise(entry.form.text):
                return None  # the same spelling: a bare surname, or a case slip (T002's)
            if anyascii(form.text).lower() == anyascii(entry.form.text).lower():
                return None  # diacritics only: "Erdoğan" is as correct as "Erdogan"
            if _has_article(form) or _has_article(entry.form):
                return None  # "Assad" for "al-Assad", "al-Mandeb" for "el-Mandeb": house style, not a slip
            differing = [(form.raw, entry.form.raw, form.raw, entry.form.raw)]  # "Kim Jongun", "el-Sisi"
        established = False
        if not _anchored(form, differing):
            for part, other, skel, other_skel in differing:
                if same_korean_surname(part, other):
                    continue  # one surname in two romanisations ("Wee"/"Wi"): the table vouches for it
                known, folded = attestation(part), skel == other_skel
                if known >= (COMMON_ZIPF if folded else WORD_ZIPF):
                    return None  # an English word or famous name in its own right ("Sharia", "Kiev")
                established = established or known >= (FOLD_ZIPF if folded else EDIT_ZIPF)
        score = (
            confidence(form, entry.form, similarity) * (0.9 if entry.surname else 1.0) * (0.85 if established else 1.0)
        )
        return Hit(entry, similarity, round(score, 3), established)

    def given_name_candidates(self, text: str) -> list[Entry]:
        """East Asian glossary people whose given name is spelled like this one's (cached)."""
        if not self.given:
            return []
        found = self._given_cache.get(text)
        if found is None:
            form = name_form(text)
            found = []
            if form.east_asian or (len(form.parts) >= 2 and all(len(p) <= 6 for p in form.parts)):
                found = self.given.get(collapse("".join(form.skeletons[1:]).translate(KOREAN_GIVEN)), [])
            if len(self._given_cache) > 100_000:
                self._given_cache.clear()
            self._given_cache[text] = found
        return found


def _native_latin(text: str) -> bool:
    """Holds a letter with a diacritic (or another non-ASCII Latin letter)."""
    return not text.isascii() and any(not char.isascii() and char.isalpha() for char in text)


def _has_article(form: NameForm) -> bool:
    return len(form.raw) > len(form.strict)


def _anchored(form: NameForm, differing: list[Pair]) -> bool:
    """A multi-part name with a rare part spelled exactly as in the glossary ("Dmitri Kuleba")."""
    changed = {part for part, *_ in differing}
    return len(form.parts) > 1 and any(len(p) >= 4 and p not in changed and not is_common(p) for p in form.parts)


def glossary_names(glossary: Glossary) -> GlossaryNames:
    """The per-glossary data, built once and kept for the last few glossaries used."""
    for cached, names in _CACHE:
        if cached is glossary:
            return names
    names = GlossaryNames(glossary)
    _CACHE.insert(0, (glossary, names))
    del _CACHE[4:]
    return names
