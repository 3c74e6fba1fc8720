"""What a run of capitalised words holds, worked out once per run text and glossary.

A run's mentions (`mentions.shape_of`), the glossary forms listed in each of them
(`GlossaryNames.listed_spans`) and the spelling keys N002 counts them under depend on the text of
the run alone (and on whether it opens a sentence), and news repeats its names: the document pass
only adds offsets. Plans are plain tuples of strings and ints, which the garbage collector stops
walking once it has seen them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.matcher import normalise
from qa.names.clusters import FULL, NAME, coarse_key, eligible
from qa.names.index import NOT_LISTED
from qa.names.lexicon import TRAILING_NOISE, is_common, memo
from qa.names.mentions import Plain, shape_of
from qa.names.translit import name_form

if TYPE_CHECKING:
    from qa.names.index import GlossaryNames

Span = tuple[int, int, "int | None"]  # a listed glossary form: (start, end, term; None: an exception)
# What N002 counts a mention under, relative to the run: ((level, key), spelling, start, end, and the
# spelling's `coarse_key`). A mention has one for its full name and one for its surname, or fewer.
Keyed = tuple[tuple[str, str], str, int, int, tuple[str, bool]]
# One mention of a run, relative to the run: its tokens and the ordinary word trimmed before it
# ("lead"); the listed forms in it; whether they cover all of it; and, for a mention they do not
# cover, what N002 counts it under; whether N001's search of it is bound to find nothing (`_quiet`);
# whether, alone, it may be a short surname (`analysis._short_surnames`); and whether it may be an
# East Asian name with a glossary person's given name (`analysis._given_name_evidence`).
MentionPlan = tuple[tuple[Plain, ...], "Plain | None", tuple[Span, ...], bool, tuple[Keyed, ...], bool, bool, bool]
TOKENS, LEAD, SPANS, COMPLETE, KEYED, QUIET, SHORT, GIVEN = range(8)  # the fields of a MentionPlan
RunPlan = tuple[bool, tuple[MentionPlan, ...]]  # (holds no mention wherever it stands, mentions)
LIMIT = 200_000


def run_plan(names: GlossaryNames, text: str, opening: bool) -> RunPlan:
    """The mentions of a run of capitalised words that does (or does not) open a sentence."""
    plans = names.plans[opening]
    plan: RunPlan | None = plans.get(text)  # type: ignore[assignment]
    if plan is None:
        if len(plans) >= LIMIT:
            plans.clear()
        plan = plans[text] = _plan_run(names, text, opening)
    return plan


PARTIAL, EXCEPTION = -1, -2  # `whole_term`: not a glossary form as a whole; a listed exception


def whole_term(names: GlossaryNames, text: str) -> int:
    """The term of the commonest run of all, a glossary form as written ("Andrii Sybiha" and no
    more), found without splitting it into tokens: where this is not PARTIAL, the run's plan is one
    mention of every word (nothing to split at or trim), listed as a whole under this term (or as an
    exception). Cached in a dict of ints, which the garbage collector never walks."""
    found = names.whole.get(text)
    if found is None:
        if len(names.whole) >= LIMIT:
            names.whole.clear()
        found = names.whole[text] = _whole_term(names, text)
    return found


def _whole_term(names: GlossaryNames, text: str) -> int:
    # (ASCII text normalises to its lower case: the matcher only folds non-ASCII look-alikes)
    term = names.listed.get(text.lower() if text.isascii() else normalise(text), NOT_LISTED)
    if term == NOT_LISTED or "'" in text or "’" in text or "." in text or "\u00a0" in text:
        return PARTIAL  # not listed, or a possessive or an initial ("Lloyd J. Austin") to look at
    words = text.split(" ")
    if (
        len(words) > names.max_parts  # longer than any n-gram `listed_spans` tries
        or words[0].lower() not in names.vocabulary  # a title, or an ordinary word, that may be trimmed
        or words[-1].lower() in TRAILING_NOISE
        # every word starts with a capital (no particle, "bin", nor article, "al-") and one holds a
        # small letter (not acronyms only)
        or text.isupper()
        or not all([word[:1].isupper() for word in words])
    ):
        return PARTIAL
    return EXCEPTION if term is None else term


def _plan_run(names: GlossaryNames, text: str, opening: bool) -> RunPlan:
    keep = names.vocabulary
    shape = shape_of(text, opening, keep)
    if not shape:
        return not shape_of(text, not opening, keep), ()
    mentions = []
    for tokens, lead in shape:
        base, end = tokens[0][0], tokens[-1][1]
        mention = text[base:end]
        spans, complete = names.listed_spans(mention, [(s - base, e - base) for s, e, _ in tokens])
        placed = tuple((base + s, base + e, term) for s, e, term in spans)
        keyed: tuple[Keyed, ...] = ()
        quiet, short, given = True, False, False
        if not complete:  # N001 and N002 only look at mentions the glossary does not list
            keyed = _keyed(mention, base, end, tokens)
            quiet = _quiet(names, text, tokens, lead, placed)
            short = len(tokens) == 1 and _may_be_short_surname(mention)
            given = 1 < len(tokens) <= 3 and bool(names.given_name_candidates(mention))
        mentions.append((tokens, lead, placed, complete, keyed, quiet, short, given))
    return False, tuple(mentions)


def _keyed(mention: str, start: int, end: int, tokens: tuple[Plain, ...]) -> tuple[Keyed, ...]:
    """What N002 counts a mention under: its full name (if several parts are worth comparing), then
    its surname (if worth comparing), in the order `inconsistency.count` adds them."""
    keyed: list[Keyed] = []
    full, surname_at = _keys((mention, len(tokens)))
    if full is not None:
        keyed.append(((FULL, full), mention, start, end, coarse_key(mention)))
    surname_start, surname_end, surname = tokens[surname_at]
    surname_key = _surname_key(surname)
    if surname_key is not None:
        keyed.append(((NAME, surname_key), surname, surname_start, surname_end, coarse_key(surname)))
    return tuple(keyed)


def _may_be_short_surname(word: str) -> bool:
    """What `analysis._short_surnames` asks of a bare word before comparing it with anybody."""
    if len(word) > 5:
        return False
    strict = name_form(word).strict
    return bool(strict) and not is_common(strict)


def _quiet(
    names: GlossaryNames, text: str, tokens: tuple[Plain, ...], lead: Plain | None, spans: tuple[Span, ...]
) -> bool:
    """Whether `analysis._near_variants` finds nothing in this mention whatever else the document
    says: none of the lookups it may make hits a glossary spelling (a bare surname after a trimmed
    word aside: `_with_lead` never takes those). Its coverage is its own listed forms."""
    lookup = names.lookup
    if lead is not None:
        for last in range(len(tokens) - 1, -1, -1):
            hit = lookup(text[lead[0] : tokens[last][1]], whole=last == len(tokens) - 1)
            if hit is not None and not hit.entry.surname:
                return False
    if len(tokens) == 1:
        return lookup(tokens[0][2], whole=True) is None
    covered: set[int] = set()
    for start, end, _ in spans:
        covered.update(range(start, end))
    segments: list[list[Plain]] = [[]]
    for token in tokens:
        if token[0] in covered or token[1] - 1 in covered:
            segments.append([])
        else:
            segments[-1].append(token)
    for segment in segments:
        for length in range(min(len(segment), names.max_parts), 0, -1):
            for first in range(len(segment) - length + 1):
                start, end = segment[first][0], segment[first + length - 1][1]
                if lookup(text[start:end], whole=length == len(tokens)) is not None:
                    return False
    return True


@memo(100_000)
def _keys(key: tuple[str, int]) -> tuple[str | None, int]:
    """What a mention adds to the spelling counts: its full-name key (None unless several parts
    worth comparing) and which of its tokens is the surname."""
    text, tokens = key
    if tokens > 1 and eligible(text):
        form = name_form(text)
        return form.strict, 0 if form.east_asian else tokens - 1
    return None, tokens - 1


@memo(100_000)
def _surname_key(word: str) -> str | None:
    return name_form(word).strict if eligible(word) and not word.isupper() else None
