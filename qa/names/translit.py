"""Transliteration-aware keys and similarity for names.

Three keys per name part, from strict to coarse:
  - `strict`: ASCII (anyascii), lower case, letters and digits only. Equal strict keys differ only in
    case, hyphenation, spacing or diacritics ("Kim Jong-un" / "Kim Jong UN", "Erdoğan" / "Erdogan").
  - `skeleton`: the strict key with transliteration alternations folded: y/i, ij/iy/ii, kh/h, h/g
    (inside a word: Ukrainian h is Russian g), a silent final h, ou/oo/u, eo/eu/u (Korean), c/k/q,
    ts/tz, w/v, x/ks, ph/f, German sch/tsch, doubled letters; East Asian given names also fold the
    Korean pairs r/l, k/g, t/d, p/b, ch/j. Equal skeletons are spellings of one name in two romanisations.
  - `coarse`: the skeleton's consonants in broad classes (p/b, t/d, k/g, s/z/j, f/v, l/r, m/n),
    used only to find candidates (blocking), never to decide.
Similarity is rapidfuzz's Levenshtein on skeletons; chrF (as sacrebleu has it) on strict keys adds a second
opinion to the confidence.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

import regex
from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

from qa.names.lexicon import CHINESE_SURNAMES, korean_class, memo, same_korean_surname

NON_ALNUM = regex.compile(r"[^a-z0-9]+")
STRICT_LINES = regex.compile(r"[^a-z0-9\n]+")
DOUBLED = regex.compile(r"(.)\1+")
SYLLABLE_J = regex.compile(r"(?<=[aeiouy])j(?![aeiouy])")
INITIAL_YE = regex.compile(r"(?m)^[yi](?=e)")
INNER_H = regex.compile(r"(?<=.)h")
FINAL_H = regex.compile(r"(?m)(?<=[aeiouy])h$")
SPLIT = regex.compile(r"[\s\-‐‑–]+")
_BULK_SPACES = b" \t\x0b\x0c\r-"  # ASCII whitespace (as `regex` has it) and hyphens: part separators
BULK_TABLE = bytes.maketrans(_BULK_SPACES, b"|" * len(_BULK_SPACES))
BULK_DELETE = bytes(
    c for c in range(256) if c not in _BULK_SPACES and c not in b"abcdefghijklmnopqrstuvwxyz0123456789\n|"
)
BULK_DOUBLED = re.compile(r"(.)\1+")  # stdlib `re` is twice as fast as `regex` at this one


def _first_group(match: re.Match[str]) -> str:
    """Replacement for BULK_DOUBLED: Python 3.11's `re` expands an r"\1" template in Python, per match."""
    return match.group(1)


BULK_EDGES = regex.compile(r"(?m)^\||\|$")
BULK_INNER_H = regex.compile(r"(?<=[^\n|])h")
BULK_FINAL_H = regex.compile(r"(?m)(?<=[aeiouy])h(?=\||$)")
ARTICLES = frozenset("al el ad ar as ash at az an ez ul".split())
BULK_ARTICLES = regex.compile(rf"(?m)(?:^|(?<=\|))(?:{'|'.join(sorted(ARTICLES))})\|(?=[^\n])")
VOWELS = frozenset("aeiouy")
# Ordered rewrites of a strict key into a skeleton (longest first where they overlap).
REWRITES = (
    ("tsch", "C"), ("shch", "S"), ("sch", "S"), ("dzh", "j"), ("sh", "S"), ("zh", "Z"), ("ch", "C"),
    ("cz", "C"), ("sz", "S"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("tz", "T"), ("ts", "T"),
    ("ck", "k"), ("c", "k"), ("x", "ks"), ("q", "k"), ("w", "v"), ("y", "i"), ("ou", "u"), ("oo", "u"), ("eo", "u"),
    ("eu", "u"),
)  # fmt: skip
COARSE = str.maketrans(
    {**dict.fromkeys("aeiouy"), **dict.fromkeys("pb", "p"), **dict.fromkeys("td", "t"),
     **dict.fromkeys("kgcqhx", "k"), **dict.fromkeys("szSZCTj", "s"), **dict.fromkeys("fvw", "f"),
     **dict.fromkeys("lr", "l"), **dict.fromkeys("mn", "n")}
)  # fmt: skip
KOREAN_GIVEN = str.maketrans({"r": "l", "k": "g", "t": "d", "p": "b", "C": "j"})
CHRF_ORDER, CHRF_BETA = 4, 2
MORPHOLOGY = ("n", "an", "ian", "i", "s", "es", "ese", "ish", "ans", "ians", "is", "ns", "ic")


def strict_key(text: str) -> str:
    return NON_ALNUM.sub("", anyascii(text).lower())


@memo(100_000)
def skeleton(strict: str) -> str:
    """Fold transliteration alternations of one strict part key (see the module docstring).

    `bulk_coarse` applies the same rules to many spellings at once."""
    text = strict
    if "j" in text:
        text = SYLLABLE_J.sub("y", text)
    if text.startswith(("ye", "ie")):
        text = text[1:]
    for old, new in REWRITES:
        if old in text:
            text = text.replace(old, new)
    if "h" in text[1:]:
        if text.endswith("h") and len(text) > 1 and text[-2] in VOWELS:
            text = text[:-1]
        text = text[0] + text[1:].replace("h", "g")
    return DOUBLED.sub(r"\1", text)


@memo(100_000)
def word_key(word: str) -> str:
    """The skeleton of one word as written."""
    return skeleton(strict_key(word))


def collapse(text: str) -> str:
    """Doubled letters written once: "Odessa" -> "odesa", "Zaporizhzhia" -> "zaporiZia"."""
    return DOUBLED.sub(r"\1", text)


@memo(100_000)
def coarse(skel: str) -> str:
    return collapse(skel.translate(COARSE))


class NameForm(NamedTuple):
    """One spelling of a name, split into comparable parts (Arabic articles dropped)."""

    text: str
    parts: tuple[str, ...]  # strict keys
    skeletons: tuple[str, ...]
    raw: str = ""  # strict key of the whole text, articles included

    @property
    def strict(self) -> str:
        return "".join(self.parts)

    @property
    def skeleton(self) -> str:
        return "".join(self.skeletons)

    @property
    def coarse(self) -> str:
        return coarse("".join(self.skeletons))

    @property
    def east_asian(self) -> bool:
        return east_asian(self.parts)

    @property
    def surname_index(self) -> int:
        return 0 if east_asian(self.parts) else len(self.parts) - 1


def east_asian(parts: tuple[str, ...]) -> bool:
    """Family name first: "Kim Jong Un", "Wi Sung-lac", "Xi Jinping"."""
    if len(parts) < 2:
        return False
    first = parts[0]
    return (korean_class(first) is not None or first in CHINESE_SURNAMES) and all(len(p) <= 6 for p in parts)


@memo(200_000)
def name_form(text: str) -> NameForm:
    if text.isascii() and "\t" not in text and "\n" not in text:
        pieces = [NON_ALNUM.sub("", piece) for piece in text.lower().replace("-", " ").split()]
    else:
        pieces = [strict_key(piece) for piece in SPLIT.split(text)]
    parts = tuple(p for p in pieces if p and p not in ARTICLES) or tuple(p for p in pieces if p)
    return NameForm(text, parts, given_names(parts, tuple(skeleton(p) for p in parts)), "".join(pieces))


def given_names(parts: tuple[str, ...], skels: tuple[str, ...]) -> tuple[str, ...]:
    """East Asian given names fold the romanisation pairs of Korean (RR / McCune-Reischauer):
    r/l, k/g, t/d, p/b, ch/j ("Sung-rak"/"Sung-lac", "Byong"/"Pyong")."""
    if not east_asian(parts):
        return skels
    return (skels[0], *(collapse(s.translate(KOREAN_GIVEN)) for s in skels[1:]))


def bulk_coarse(texts: list[str], skeleton: bool = False) -> list[str]:
    """`name_form(t).coarse` of many spellings in a few passes over one joined string (used to
    index 50,000-entry glossaries fast); parts are kept apart by "|" so part rules still apply.
    With `skeleton`, the joined skeletons instead (East Asian given names left unfolded)."""
    if not texts:
        return []
    joined = "\n".join(texts)
    if not joined.isascii():
        joined = "\n".join([t if t.isascii() else anyascii(t) for t in texts])
    joined = joined.lower()
    # ASCII from here on: spaces and hyphens become "|", anything else but [a-z0-9\n|] goes.
    joined = joined.encode("ascii", "ignore").translate(BULK_TABLE, BULK_DELETE).decode("ascii")
    while "||" in joined:
        joined = joined.replace("||", "|")
    joined = BULK_ARTICLES.sub("", BULK_EDGES.sub("", joined))
    if "j" in joined:
        joined = SYLLABLE_J.sub("y", joined)
    # A "y" or "i" opening a part before "e" goes ("Yevgeny" as "Evgeny"); str.replace is twice as fast as a regex.
    for ye, bare in (("\nye", "\ne"), ("\nie", "\ne"), ("|ye", "|e"), ("|ie", "|e")):
        joined = joined.replace(ye, bare)
    if joined.startswith(("ye", "ie")):
        joined = joined[1:]
    for old, new in REWRITES:
        if old in joined:
            joined = joined.replace(old, new)
    if "h" in joined:
        joined = BULK_INNER_H.sub("g", BULK_FINAL_H.sub("", joined))
    if skeleton:
        return BULK_DOUBLED.sub(_first_group, joined).replace("|", "").split("\n")
    joined = joined.replace("|", "").translate(COARSE)
    return BULK_DOUBLED.sub(_first_group, joined).split("\n")


def gendered_pair(a: str, b: str) -> bool:
    """Slavic feminine and masculine forms ("Zelenska"/"Zelensky", "Zakharova"/"Zakharov",
    "Navalnaya"/"Navalny"); "Haniya"/"Haniyeh" is not one."""
    if a.endswith("a") == b.endswith("a"):
        return False
    feminine, masculine = (a, b) if a.endswith("a") else (b, a)
    stem = masculine.rstrip("yij")
    return stem in (
        feminine[:-1],
        feminine[:-1].rstrip("yij"),
        feminine[:-3] if feminine.endswith(("aya", "aja")) else "",
    )


SLAVIC_MASCULINE_ENDINGS = ("y", "i", "j", "ov", "ev", "in", "yn")


def opposite_genders(a: str, b: str) -> bool:
    """One spelling with a Slavic feminine ending, the other with a masculine one ("Zielinska" /
    "Zelensky", "Ivanova" / "Petrov"): whatever else differs, two people, not one name misspelled."""
    if a.endswith("a") == b.endswith("a"):
        return False
    masculine = b if a.endswith("a") else a
    return masculine.endswith(SLAVIC_MASCULINE_ENDINGS)


CENTRAL_EUROPEAN_SPELLING = ("w", "cz", "sz", "rz")  # Polish, Czech, German letters for v, ch, sh, zh


def other_orthographies(a: str, b: str) -> bool:
    """One spelling written the Central European way and the other not ("Nowak" / "Novak",
    "Kowalczyk" / "Kovalchuk"): across separate articles, usually two people of two nations."""
    a, b = a.lower(), b.lower()
    return any(mark in a for mark in CENTRAL_EUROPEAN_SPELLING) != any(mark in b for mark in CENTRAL_EUROPEAN_SPELLING)


def derived_pair(a: str, b: str) -> bool:
    """A name and a word derived from it: "Korea"/"Korean", "Israel"/"Israeli", "Biden"/"Bidens"."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_.startswith(short) and long_[len(short) :] in MORPHOLOGY


def _plausible_edits(a: str, b: str) -> bool:
    """Every edit between two skeletons is a transliteration slip: a vowel, a consonant swapped
    within its class (z/s, g/k, v/f), or, in a long name, a consonant dropped or added."""
    long_name = min(len(a), len(b)) >= 8
    for op, i, j in Levenshtein.editops(a, b):
        if op == "replace":
            x, y = a[i], b[j]
            if not ({x, y} <= VOWELS or (x not in VOWELS and y not in VOWELS and coarse(x) == coarse(y))):
                return False
        elif (a[i] if op == "delete" else b[j]) not in VOWELS and not long_name:
            return False
    return True


def part_similarity(a: str, b: str, skel_a: str, skel_b: str) -> float:
    """0..1 similarity of two name parts; 0 where they must be different names."""
    if a == b:
        return 1.0
    if skel_a == skel_b or same_korean_surname(a, b):
        return 0.95
    shortest = min(len(a), len(b))
    if shortest <= 3 or gendered_pair(a, b) or opposite_genders(a, b) or derived_pair(a, b):
        return 0.0
    if a[0] == b[0] == "y" and a.startswith("ye") != b.startswith("ye"):
        # The skeleton drops a leading "y" before "e" ("Yevgeny" = "Evgeny"); against a "y" kept
        # before another vowel ("Yehya" / "Yahya") that hides a one-vowel respelling: keep both.
        skel_a, skel_b = (
            ("i" + skel_a if a.startswith("ye") else skel_a),
            ("i" + skel_b if b.startswith("ye") else skel_b),
        )
        if skel_a == skel_b:
            return 0.95
    distance = Levenshtein.distance(skel_a, skel_b)
    if (shortest <= 5 and distance > 1) or not _plausible_edits(skel_a, skel_b):
        return 0.0  # a consonant of another class: another name (Mali/Bali, Iran/Iraq, Harlow)
    similarity = Levenshtein.normalized_similarity(skel_a, skel_b)
    if distance == 2 and shortest >= 7 and _vowels_only(skel_a, skel_b):
        similarity = max(similarity, 0.8)  # two vowels in a long name: "Hizballah"/"Hezbollah"
    return similarity if similarity >= 0.75 else 0.0


def _vowels_only(a: str, b: str) -> bool:
    return all(
        (a[i] if op != "insert" else b[j]) in VOWELS and (op != "replace" or b[j] in VOWELS)
        for op, i, j in Levenshtein.editops(a, b)
    )


def german_reading(text: str) -> str | None:
    """A German romanisation read the English way ("Charkiw" -> "Kharkiv", "Netanjahu" ->
    "Netanyahu", "Tschernihiw" -> "Chernihiv"), or None when nothing German-looking is there."""
    lower = text.lower()
    if not any(mark in lower for mark in ("w", "ch", "j")):
        return None
    out = lower.replace("tsch", "\x00").replace("sch", "sh").replace("ch", "kh").replace("\x00", "ch")
    out = out.replace("w", "v").replace("j", "y")
    return out if out != lower else None


Pair = tuple[str, str, str, str]  # (part, other part, skeleton, other skeleton)


def compare(q: NameForm, f: NameForm) -> tuple[float, list[Pair]] | None:
    """Length-weighted similarity of two spellings and their differing parts, or None.

    None when any aligned pair of parts is not a plausible spelling variant of the other.
    """
    if q.strict == f.strict:
        return 1.0, []
    q_parts, q_skels, f_parts, f_skels = q.parts, q.skeletons, f.parts, f.skeletons
    if len(q_parts) != len(f_parts):
        q_parts, q_skels, f_parts, f_skels = _merge_to_match(q, f)
        if not q_parts:
            return None
    total = weight = 0.0
    differing: list[Pair] = []
    for a, b, sa, sb in zip(q_parts, f_parts, q_skels, f_skels, strict=True):
        score = part_similarity(a, b, sa, sb)
        if score == 0.0:
            return None
        if score < 1.0:
            differing.append((a, b, sa, sb))
        size = max(len(a), len(b))
        total += score * size
        weight += size
    return total / weight, differing


def vowel_respelling(skel_a: str, skel_b: str) -> bool:
    """One edit, on a vowel: the commonest transliteration slip ("Zelinsky"/"Zelensky")."""
    if Levenshtein.distance(skel_a, skel_b) != 1:
        return False
    [(op, i, j)] = Levenshtein.editops(skel_a, skel_b)
    chars = {skel_a[i] if op != "insert" else "", skel_b[j] if op != "delete" else ""} - {""}
    return chars <= VOWELS


def _merge_to_match(q: NameForm, f: NameForm) -> tuple[tuple[str, ...], ...]:
    """Join two adjacent parts of the longer form so both have as many parts ("Jongun")."""
    longer, shorter = (q, f) if len(q.parts) > len(f.parts) else (f, q)
    if len(longer.parts) != len(shorter.parts) + 1:
        return (), (), (), ()
    for index in range(len(longer.parts) - 1):
        joined = longer.parts[index] + longer.parts[index + 1]
        if skeleton(joined) == shorter.skeletons[index]:
            parts = (*longer.parts[:index], joined, *longer.parts[index + 2 :])
            skels = tuple(skeleton(p) for p in parts)
            if longer is q:
                return parts, skels, f.parts, f.skeletons
            return q.parts, q.skeletons, parts, skels
    return (), (), (), ()


def chrf(a: str, b: str) -> float:
    """Character n-gram F-score (0..1) of two spellings: sacrebleu's sentence-level chrF (character
    orders 1-4, no word n-grams, beta 2, whitespace dropped, effective-order averaging), computed
    the same way here because importing sacrebleu costs a tenth of a second per process."""
    hyp, ref = "".join(a.split()), "".join(b.split())
    factor = CHRF_BETA**2
    average_precision = average_recall = 0.0
    orders = 0
    for n in range(1, CHRF_ORDER + 1):
        hyp_ngrams = Counter([hyp[i : i + n] for i in range(len(hyp) - n + 1)])
        ref_ngrams = Counter([ref[i : i + n] for i in range(len(ref) - n + 1)])
        matches = hyp_total = 0
        for ngram, number in hyp_ngrams.items():
            hyp_total += number
            if ngram in ref_ngrams:
                matches += min(number, ref_ngrams[ngram])
        n_hyp, n_ref = (hyp_total if ref_ngrams else 0), sum(ref_ngrams.values())
        if n_hyp > 0 and n_ref > 0:
            average_precision += matches / n_hyp
            average_recall += matches / n_ref
            orders += 1
    if orders:
        average_precision /= orders
        average_recall /= orders
    if not average_precision + average_recall:
        return 0.0
    score = (1 + factor) * average_precision * average_recall
    score /= (factor * average_precision) + average_recall
    return 100 * score / 100


def confidence(q: NameForm, f: NameForm, similarity: float) -> float:
    """Finding confidence from the edit similarity and chrF of the two spellings."""
    if q.strict == f.strict:
        return 0.9
    if q.skeleton == f.skeleton:
        return 0.85
    character = chrf(" ".join(q.parts), " ".join(f.parts))
    return round(min(0.8, 0.3 + 0.3 * similarity + 0.25 * character), 3)
