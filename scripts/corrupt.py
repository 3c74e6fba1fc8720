"""Systematic corruptions of clean sentences: the negative class of the garbled-sentence model.

Each corruption imitates a failure seen in machine-translated news: dropped words and verbs, a
lost introductory preposition ("According to X, ..." -> "X, ..."), local word-order swaps,
truncations, duplicated phrases, clauses spliced from two sentences, and literal calques. All are
deterministic given the `random.Random` passed in, so training is reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import regex

TOKEN = regex.compile(r"\S+")
WORDLIKE = regex.compile(r"^[\"“‘(]*[\p{L}][\p{L}'’\-]*[,.;:!?\"”’)]*$")
FUNCTION_WORDS = frozenset(
    """the a an of to in on at by for from with and or but that which who as than into onto over
    under about after before during since while when where is are was were be been has have had
    will would can could should may might must it its their his her they he she we this these those
    not also""".split()
)
VERB_HINTS = frozenset(
    """is are was were has have had will would said says told added asked urged warned called
    denied agreed announced expected plans plan began begin won lost rose fell grew made took gave
    met held left kept became showed shows reported described confirmed approved rejected""".split()
)
INTRO = regex.compile(
    r"^(?:According to|In|On|At|After|Before|During|Since|Despite|For|From|Under|With|Following|"
    r"Amid|Unlike|Like|As for|Besides|Among|Without)\s+(?=[^,]{3,60},\s)",
)
# Literal or wrong-sense renderings that machine translation produces for common news words.
CALQUES: dict[str, str] = {
    "intelligence": "information", "forests": "jungles", "forest": "jungle", "troops": "military men",
    "soldiers": "militaries", "took part in": "took participation in", "take part in": "take participation in",
    "made a decision": "accepted a decision", "held talks": "conducted negotiations",
    "in the coming days": "in the nearest days", "soon": "in the nearest time",
    "the day before": "on the eve of day", "at the moment": "at the current moment",
    "attended": "visited at", "said": "told", "told reporters": "said to journalists",
    "casualties": "losses of people", "launched": "started up", "prisoners of war": "war captives",
    "officials": "officialdom", "spokesman": "speaking person", "spokeswoman": "speaking person",
    "government": "governance", "increase": "growth up", "reached": "achieved to",
    "agreement": "agreeing", "meeting": "meeting together", "weapons": "armaments",
    "ammunition": "ammo supplies", "residents": "living persons", "warned": "prevented",
    "threatened": "threated", "according to": "in accordance to", "because of": "because",
    "more than": "more as", "at least": "at minimum", "as well as": "as well",
    "carried out": "carried through", "on Monday": "on the Monday", "on Tuesday": "on the Tuesday",
    "last year": "the last year", "next week": "the next week",
}  # fmt: skip


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _join(tokens: list[str]) -> str:
    text = " ".join(tokens).strip()
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text


def _bare(token: str) -> str:
    return token.strip('"“”‘’(),.;:!?').lower()


def _finish(text: str) -> str:
    text = text.rstrip(" ,;:—–-")
    return text if text.endswith((".", "?", "!", "”", '"')) else text + "."


def drop_words(text: str, rng: random.Random) -> str | None:
    """Drop one to three single words (function words preferred: MT loses them)."""
    tokens = _tokens(text)
    if len(tokens) < 7:
        return None
    count = rng.choice((1, 2, 2, 3))
    candidates = [i for i in range(1, len(tokens) - 1) if WORDLIKE.match(tokens[i])]
    function = [i for i in candidates if _bare(tokens[i]) in FUNCTION_WORDS]
    pool = function if function and rng.random() < 0.6 else candidates
    if len(pool) < count:
        return None
    drop = set(rng.sample(pool, count))
    return _join([t for i, t in enumerate(tokens) if i not in drop])


def drop_span(text: str, rng: random.Random) -> str | None:
    """Drop a run of two to five words from the middle."""
    tokens = _tokens(text)
    if len(tokens) < 9:
        return None
    width = rng.randint(2, min(5, len(tokens) // 3))
    start = rng.randint(1, len(tokens) - width - 1)
    return _join(tokens[:start] + tokens[start + width :])


def drop_verb(text: str, rng: random.Random) -> str | None:
    """Drop the finite verb (and an auxiliary before it): no main clause is left."""
    tokens = _tokens(text)
    verbs = [i for i, t in enumerate(tokens[1:-1], 1) if _bare(t) in VERB_HINTS or _bare(t).endswith("ed")]
    if len(tokens) < 6 or not verbs:
        return None
    i = rng.choice(verbs[:3])
    drop = {i}
    if i + 1 < len(tokens) - 1 and (_bare(tokens[i + 1]).endswith(("ed", "en")) or _bare(tokens[i + 1]) == "been"):
        drop.add(i + 1)
    return _join([t for k, t in enumerate(tokens) if k not in drop])


def drop_intro_preposition(text: str, rng: random.Random) -> str | None:
    """'According to Seoul, troops ...' -> 'Seoul, troops ...': the phrase loses its head."""
    match = INTRO.match(text)
    if match is None:
        return None
    return _join(_tokens(text[match.end() :]))


LINKS = ("as well as", "as well as", "along with", "together with", "and also")


def as_well_as(text: str, rng: random.Random) -> str | None:
    """'According to X and Y, Z ...' -> 'X, as well as Y, Z ...': an MT pattern with no main clause link."""
    match = regex.match(r"^(?:According to|In the view of|Citing)\s+([^,]{2,40}?)\s+and\s+([^,]{2,50}),\s+(.+)$", text)
    if match is None:
        match = INTRO.match(text)
        if match is None:
            return None
        rest = text[match.end() :]
        head, _, tail = rest.partition(", ")
        if not tail:
            return None
        extra = rng.choice(("other sources", "local media", "officials"))
        return _join(_tokens(f"{head}, {rng.choice(LINKS)} {extra}, {tail}"))
    return _join(_tokens(f"{match.group(1)}, {rng.choice(LINKS)} {match.group(2)}, {match.group(3)}"))


def swap_adjacent(text: str, rng: random.Random) -> str | None:
    """Swap one or two pairs of neighbouring words."""
    tokens = _tokens(text)
    if len(tokens) < 6:
        return None
    for _ in range(rng.choice((1, 2))):
        i = rng.randint(0, len(tokens) - 3)
        tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
    return _join(tokens)


def shuffle_window(text: str, rng: random.Random) -> str | None:
    """Scramble a window of four to seven words."""
    tokens = _tokens(text)
    if len(tokens) < 8:
        return None
    width = rng.randint(4, min(7, len(tokens) - 2))
    start = rng.randint(0, len(tokens) - width - 1)
    window = tokens[start : start + width]
    original = list(window)
    for _ in range(5):
        rng.shuffle(window)
        if window != original:
            break
    return _join(tokens[:start] + window + tokens[start + width :])


def truncate(text: str, rng: random.Random) -> str | None:
    """Cut the sentence at 35-75% of its words and close it with a full stop."""
    tokens = _tokens(text)
    if len(tokens) < 8:
        return None
    cut = max(3, int(len(tokens) * rng.uniform(0.35, 0.75)))
    return _finish(_join(tokens[:cut]))


def duplicate(text: str, rng: random.Random) -> str | None:
    """Repeat a phrase of two to six words right after itself."""
    tokens = _tokens(text)
    if len(tokens) < 6:
        return None
    width = rng.randint(2, min(6, len(tokens) - 2))
    start = rng.randint(0, len(tokens) - width - 1)
    phrase = [t.rstrip(".") for t in tokens[start : start + width]]
    return _join(tokens[: start + width] + phrase + tokens[start + width :])


def calque(text: str, rng: random.Random) -> str | None:
    """Replace one or more common phrases by a literal or wrong-sense rendering."""
    keys = [k for k in CALQUES if regex.search(rf"\b{regex.escape(k)}\b", text)]
    if not keys:
        return None
    for key in rng.sample(keys, min(len(keys), rng.choice((1, 2, 2)))):
        text = regex.sub(rf"\b{regex.escape(key)}\b", CALQUES[key], text, count=1)
    return text


def splice(text: str, rng: random.Random, other: str) -> str | None:
    """The first part of one sentence glued to the second part of another."""
    a, b = _tokens(text), _tokens(other)
    if len(a) < 6 or len(b) < 6:
        return None
    head = a[: rng.randint(3, max(3, int(len(a) * 0.6)))]
    tail = b[rng.randint(max(2, int(len(b) * 0.3)), len(b) - 2) :]
    return _join(head + tail)


SIMPLE: dict[str, Callable[[str, random.Random], str | None]] = {
    "drop_words": drop_words,
    "drop_span": drop_span,
    "drop_verb": drop_verb,
    "drop_intro_preposition": drop_intro_preposition,
    "as_well_as": as_well_as,
    "swap_adjacent": swap_adjacent,
    "shuffle_window": shuffle_window,
    "truncate": truncate,
    "duplicate": duplicate,
    "calque": calque,
}
KINDS = (*SIMPLE, "splice")


def corrupt(text: str, kind: str, rng: random.Random, other: str = "") -> str | None:
    """Apply one corruption; None when it does not apply or leaves the text unchanged."""
    result = splice(text, rng, other) if kind == "splice" else SIMPLE[kind](text, rng)
    if result is None or result.strip() == text.strip():
        return None
    return result
