"""Word lists for telling names from ordinary words: frequencies, titles, particles, surnames.

English word frequencies come from `wordfreq` (its small English list: every word with a Zipf
frequency of about 3 or more; the large list only where an unusual spelling must be weighed). A
capitalised token whose lower-case form is that frequent is an ordinary word ("However",
"Officials", "Union") or a name so common that a spelling slip of it is unlikely to be an invented
transliteration ("Iran"/"Iraq", "Johnson").

The lists are read from wordfreq's data files (its documented "cBpack" format: bucket i holds the
words of frequency 10^(-i/100)) without importing the `wordfreq` package, whose import costs a
quarter of a second per process; `wordfreq.get_frequency_dict` is the fallback.
"""

from __future__ import annotations

import gzip
import importlib.util
import os
from collections.abc import Callable
from functools import cache, wraps
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def memo(limit: int) -> Callable[[Callable[[K], V]], Callable[[K], V]]:
    """A one-argument cache in a plain dict, emptied when full. Unlike `lru_cache`, whose linked
    entries the garbage collector walks again and again, a dict of strings and tuples costs the
    collector nothing; the name pass caches a lot (every spelling it has seen)."""

    def decorate(function: Callable[[K], V]) -> Callable[[K], V]:
        table: dict[K, V] = {}

        @wraps(function)
        def cached(key: K) -> V:
            try:
                return table[key]
            except KeyError:
                if len(table) >= limit:
                    table.clear()
                value = table[key] = function(key)
                return value

        return cached

    return decorate


COMMON_ZIPF = 3.5  # at or above: an ordinary English word (or a very common name)
FUNCTION_ZIPF = 5.0  # "the", "but", "may", "however"
OPENING_ZIPF = 3.0  # a capital at a sentence start proves less: any listed word is ordinary there
# A spelling this established in English text is a word or a name in its own right, not a slip:
# a transliteration fold of a glossary name must stay below FOLD_ZIPF, any other edit below EDIT_ZIPF,
# unless the document names the glossary entry too.
FOLD_ZIPF, EDIT_ZIPF = 2.2, 1.5
WORD_ZIPF = 3.0  # at or above, never a slip of a glossary name (the doc naming the entry or not)

# Words before a name that are not part of it (closed class; compared lower-case).
TITLES = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady gen general lt lieutenant col colonel maj major capt
    captain cmdr commander adm admiral sgt sergeant cpl pvt sen senator rep representative gov
    governor amb ambassador president vice prime minister premier chancellor secretary foreign
    defence defense interior finance deputy chief leader chairman chairwoman chair spokesman
    spokeswoman spokesperson king queen prince princess emperor pope sheikh emir sultan ayatollah
    imam rev father judge justice mayor lawmaker mp envoy director head commissioner speaker
    state national security adviser advisor attorney marshal field first lady st saint mt
    """.split()
)
# Lower-case particles allowed inside a name ("Ursula von der Leyen", "Mohammed bin Salman").
PARTICLES = frozenset("de da di du del della der den van von la le bin ibn bint al el ter ten zu dos das y".split())
# Arabic article prefixes written joined to the next word ("al-Assad", "el-Sisi").
ARTICLE_PREFIXES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "ez-", "ul-")
# Words that end a name run but are not names: days, months, directions used as adverbs.
TRAILING_NOISE = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    jr sr ii iii iv
    """.split()
)

# Romanisations of one Korean surname (RR, McCune-Reischauer and customary spellings). Two
# spellings in one class name the same family name; "Li" is Chinese and not in the Lee class.
KOREAN_SURNAMES = (
    "kim gim",
    "lee yi rhee rhie i ri",
    "park pak bak bahk",
    "choi choe chey",
    "jung jeong chung chong joung",
    "kang gang",
    "cho jo joh",
    "yoon yun",
    "jang chang",
    "lim im rim yim",
    "han",
    "oh o",
    "seo suh so",
    "shin sin",
    "kwon gwon",
    "hwang",
    "ahn an",
    "song",
    "ryu yoo yu ryoo",
    "jeon chun jun chon",
    "hong",
    "ko koh go",
    "moon mun",
    "yang",
    "son sohn",
    "bae pae",
    "baek paik paek",
    "heo hur huh",
    "nam",
    "noh roh no ro",
    "ha",
    "kwak gwak",
    "sung seong",
    "cha",
    "joo ju chu",
    "min",
    "woo u",
    "byun byeon pyon",
    "wi wee wie ui",
    "hyun hyeon",
    "na ra",
    "ji chi",
    "um eom",
    "yeo yo",
    "chae",
    "pyo",
    "ban pan",
    "tae",
    "won",
)
KOREAN_SURNAME_CLASS: dict[str, int] = {
    spelling: index for index, names in enumerate(KOREAN_SURNAMES) for spelling in names.split()
}
# Chinese surnames (pinyin and Wade-Giles) that look like Korean ones but name other people.
CHINESE_SURNAMES = frozenset(
    "li wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao xi wen "
    "tsai chiang lai hsiao teng mao deng cai jiang xiao ho chou chao".split()
)


@cache
def _frequencies() -> dict[str, float]:
    """Zipf frequency of every word of wordfreq's small English list."""
    return _zipf_table("small")


def _zipf_table(size: str) -> dict[str, float]:
    try:
        import msgpack

        spec = importlib.util.find_spec("wordfreq")
        folder = (spec.submodule_search_locations or [""])[0] if spec else ""
        with gzip.open(os.path.join(folder, "data", f"{size}_en.msgpack.gz"), "rb") as handle:
            header, *buckets = msgpack.load(handle, raw=False)
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"unexpected wordfreq data header {header!r}")
        table: dict[str, float] = {}
        for index, bucket in enumerate(buckets):  # one C-level update per bucket, not a loop per word
            table.update(dict.fromkeys(bucket, round(9 - index / 100, 2)))
        return table
    except (ImportError, OSError, ValueError):
        import math

        import wordfreq

        table = wordfreq.get_frequency_dict("en", wordlist=size)
        return {word: round(math.log10(frequency) + 9, 2) for word, frequency in table.items()}


@cache
def function_words() -> frozenset[str]:
    """Very frequent words (Zipf >= 5) that are not also East Asian surnames ("he", "so", "an")."""
    return frozenset(
        word for word, frequency in _frequencies().items()
        if frequency >= FUNCTION_ZIPF and word.isascii() and word.isalpha() and len(word) > 1
        and word not in KOREAN_SURNAME_CLASS and word not in CHINESE_SURNAMES
    )  # fmt: skip


@cache
def words_from(threshold: float) -> frozenset[str]:
    """Every English word at or above a Zipf frequency (a set: membership is the fast test)."""
    return frozenset(word for word, value in _frequencies().items() if value >= threshold)


def is_common(token: str, threshold: float = COMMON_ZIPF) -> bool:
    """An ordinary English word (or a name too common to be an invented spelling)."""
    return token.lower().replace("’", "'") in words_from(threshold)


def korean_class(token: str) -> int | None:
    return KOREAN_SURNAME_CLASS.get(token.lower())


def same_korean_surname(a: str, b: str) -> bool:
    left, right = korean_class(a), korean_class(b)
    return left is not None and left == right


@cache
def _large_frequencies() -> dict[str, float]:
    return _zipf_table("large")


def attestation(form: str) -> float:
    """How established a spelling is in English text (large list; only used to break ties)."""
    words = form.lower().replace("-", " ").split()
    if not words:
        return 0.0
    table = _large_frequencies()
    return min(table.get(w, 0.0) for w in words)
