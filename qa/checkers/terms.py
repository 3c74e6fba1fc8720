"""Glossary term checks: listed variants, casing errors, mixed accepted forms, places put in the
wrong country (T0xx)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from qa.glossary import countries
from qa.matcher import ACCEPTED, CANONICAL, EXCEPTION, IMPLICIT, VARIANT, TermMatch, is_word_char, normalise
from qa.model import Category, Example, Finding, FixSafety, Rule, Severity
from qa.names.lexicon import is_common

if TYPE_CHECKING:
    from qa.checkers import Context
    from qa.documents import Document
    from qa.glossary import Term
    from qa.segment import Paragraph

GLOSSARY_SCOPE = "Everywhere: a name is spelled the house way in quotations and headlines too."

TERM_VARIANT = Rule(
    code="T001",
    name="term-variant",
    category=Category.TERM,
    severity=Severity.ERROR,
    fix=FixSafety.SAFE,
    message="'{text}' is a variant of '{suggestion}'",
    why=(
        "The glossary lists this spelling as a variant of a canonical term. Machine translation "
        "and transliteration produce several spellings of one name; a newsroom prints one. The "
        "fix is safe when the variant belongs to exactly one entry, unsafe when it is ambiguous "
        "or was found by a glossary pattern."
    ),
    examples=(Example(bad="President Zelinsky said", good="President Zelensky said"),),
    scope=GLOSSARY_SCOPE,
)
TERM_CASE = Rule(
    code="T002",
    name="term-case",
    category=Category.TERM,
    severity=Severity.ERROR,
    fix=FixSafety.SAFE,
    message="'{text}' should be written '{suggestion}'",
    why=(
        "A glossary term written with the wrong capitalisation, a typical machine-translation "
        "slip ('Kim Jong UN'). Case carries meaning in news, so only the whole term is compared: "
        "'UN' alone is never touched. All-capitals text, a lower-case single word and the "
        "capitalised first letter of a term are tolerated, and so is title case in headlines."
    ),
    examples=(Example(bad="Kim Jong UN's missile", good="Kim Jong Un's missile"),),
    scope=GLOSSARY_SCOPE + " Headlines may title-case particles ('Al-Assad').",
)
TERM_INCONSISTENT = Rule(
    code="T003",
    name="term-inconsistent",
    category=Category.TERM,
    severity=Severity.WARNING,
    fix=FixSafety.UNSAFE,
    message="'{text}' and '{suggestion}' both name {entity} in this document; use one form",
    why=(
        "Some entries accept more than one form, but one article should not mix them. Each "
        "minority form is reported once, pointing at the canonical or most frequent form."
    ),
    examples=(
        Example(
            bad="Kharkiv was shelled. Later Kharkov was calm.", good="Kharkiv was shelled. Later Kharkiv was calm."
        ),
    ),
    scope=GLOSSARY_SCOPE,
)

PLACE_COUNTRY = Rule(
    code="T004",
    name="place-country",
    category=Category.TERM,
    severity=Severity.WARNING,
    fix=FixSafety.UNSAFE,
    message="'{place}' is in {expected}, not in {found}",
    why=(
        "A glossary place followed by 'of' or 'in' and a country it is not in ('the Kursk region of "
        "Ukraine'): machine translation mixes up the countries of a war or a border. Only this "
        "pattern is checked, with an optional region word (region, oblast, province, district, "
        "governorate, prefecture, county, state) before 'of' or 'in'; 'Ukraine's Kursk' and "
        "'Kursk, Ukraine' are ordinary English too often. A country that qualifies what follows "
        "('in Ukraine's offensive', 'Ukraine-held') is not a location and is skipped, and so is a bare "
        "'in' after by, from, for, against, with, to or of ('refugees from Kharkiv in Poland', "
        "'militias loyal to Tehran in Iraq': an origin, a government) and a bare 'of' after an "
        "article ('the Aleppo of Ukraine': a comparison). The place's countries come from the glossary field "
        "`country`; the fix names the first of them and is unsafe."
    ),
    examples=(
        Example(bad="Drones hit the Kursk region of Ukraine.", good="Drones hit the Kursk region of Russia."),
        Example(bad=None, good="Drones hit Kursk in Ukraine's first incursion."),
    ),
    scope="Outside direct quotations (a speaker is quoted as spoken); headlines are checked.",
)

RULES = (TERM_VARIANT, TERM_CASE, TERM_INCONSISTENT, PLACE_COUNTRY)
REGION_WORDS = ("region", "oblast", "province", "district", "governorate", "prefecture", "county", "state")
HYPHENS = "-\u2010\u2011\u2013"
# Before a bare "in": an origin, or a capital standing for its government ("from Kharkiv in Poland",
# "militias loyal to Tehran in Iraq", "the role of Beijing in Taiwan").
NOT_LOCATED_BEFORE_IN = frozenset({"by", "from", "for", "against", "with", "to", "of"})
# Before a bare "of": a comparison ("the Aleppo of Ukraine").
COMPARISON_BEFORE_OF = frozenset({"the", "a", "an", "another"})
PRECEDING_WORD = re.compile(r"(\w+)[^\S\r\n]+$")


def check(doc: Document, context: Context) -> Iterator[Finding]:
    terms = context.glossary.terms
    view = doc.view
    headlines = [(p.start, p.end) for p in doc.paragraphs if p.kind == "headline"]
    usage: dict[int, Counter[str]] = {}
    first_seen: dict[tuple[int, str], int] = {}
    matches = context.matcher.find(view)
    for match in matches:
        found = view[match.start : match.end]
        correct = [e for e in match.entries if e.role in (CANONICAL, ACCEPTED)]
        if any(e.form == found for e in correct):
            entry = next(e for e in correct if e.form == found)
            usage.setdefault(entry.term_index, Counter())[found] += 1
            first_seen.setdefault((entry.term_index, found), match.start)
            continue
        wrong = [e for e in match.entries if e.role in (VARIANT, IMPLICIT)]
        if wrong:
            yield _variant_finding(
                match, found, sorted({terms[e.term_index].term for e in wrong}), terms[wrong[0].term_index].severity
            )
        elif correct:
            target = correct[0].form
            in_headline = any(s <= match.start < e for s, e in headlines)
            if not _case_tolerated(found, target, in_headline):
                yield TERM_CASE.finding(
                    match.start, match.end, found, suggestion=target, confidence=0.95,
                    severity=terms[correct[0].term_index].severity,
                )  # fmt: skip
    yield from _pattern_findings(doc, context, matches)
    yield from _inconsistencies(terms, usage, first_seen)
    yield from _country_findings(doc, terms, matches)


def _variant_finding(match: TermMatch, found: str, targets: list[str], severity: Severity | None) -> Finding:
    suggestion = _keep_case(found, targets[0])
    if len(targets) == 1:
        return TERM_VARIANT.finding(match.start, match.end, found, suggestion=suggestion, severity=severity)
    finding = TERM_VARIANT.finding(
        match.start, match.end, found, suggestion=suggestion, fix=FixSafety.UNSAFE, confidence=0.7
    )
    alternatives = " or ".join(f"'{t}'" for t in targets)
    return Finding(**{**finding.__dict__, "message": f"'{found}' is a variant of {alternatives} (ambiguous)"})


def _keep_case(found: str, target: str) -> str:
    """All-capitals text keeps its capitals ("KIEV" -> "KYIV"); otherwise the glossary form."""
    if len(found) > 1 and found.isupper() and not target.isupper():
        return target.upper()
    return target


def _case_tolerated(found: str, target: str, in_headline: bool) -> bool:
    if found.isupper() and len(found) > 1:
        return True  # capitals for emphasis or a shouting headline
    if found.islower() and (" " not in found or all(is_common(word) for word in found.split())):
        return True  # "turkey", "china", "the port said": ordinary words more often than a slip
    for index, (have, want) in enumerate(zip(found, target, strict=False)):
        if have == want:
            continue
        word_start = index == 0 or not is_word_char(target[index - 1])
        if have.isupper() and want.islower() and (index == 0 or (in_headline and word_start)):
            continue  # sentence-initial capital, or title case in a headline
        return False
    return True


def _pattern_findings(doc: Document, context: Context, matches: list[TermMatch]) -> Iterator[Finding]:
    """Glossary `patterns`: regular expressions for families of variants (fix is unsafe)."""
    view = doc.view
    taken = [(m.start, m.end) for m in matches]
    for term in context.matcher.patterned_terms:
        known = {normalise(f) for f in (term.term, *term.variants, *term.accepted, *term.exceptions)}
        for pattern in term.patterns:
            compiled = context.glossary.compiled_patterns[pattern]
            try:
                for hit in compiled.finditer(view, timeout=1.0):
                    start, end = hit.span()
                    if start == end or normalise(hit.group()) in known:
                        continue
                    if (start > 0 and is_word_char(view[start - 1])) or (end < len(view) and is_word_char(view[end])):
                        continue
                    if any(s < end and start < e for s, e in taken):
                        continue
                    yield TERM_VARIANT.finding(
                        start, end, hit.group(), suggestion=term.term, fix=FixSafety.UNSAFE, confidence=0.8,
                        severity=term.severity,
                    )  # fmt: skip
            except TimeoutError:
                continue  # a pathological pattern must not stall the run; `qa glossary lint` reports it


def _inconsistencies(
    terms: list[Term], usage: dict[int, Counter[str]], first_seen: dict[tuple[int, str], int]
) -> Iterator[Finding]:
    for term_index, counts in usage.items():
        if len(counts) < 2:
            continue
        canonical = terms[term_index].term
        dominant = canonical if canonical in counts else counts.most_common(1)[0][0]
        for form in counts:
            if form == dominant:
                continue
            start = first_seen[(term_index, form)]
            yield TERM_INCONSISTENT.finding(
                start, start + len(form), form, suggestion=dominant, entity=f"'{canonical}'",
                confidence=0.9,
            )  # fmt: skip


@cache
def _country_after_place() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """The pattern after a place ("[region] of|in [the] COUNTRY") and each spelling's canonical names.

    Countries are matched with their capitals ("turkey" is no country), longest alias first;
    all-capitals spellings are added for shouting headlines.
    """
    table = countries()
    spellings: dict[str, tuple[str, ...]] = {}
    for name, owners in table.owners.items():
        spellings[name] = owners
        spellings.setdefault(name.upper(), owners)
    space = r"[^\S\r\n]+"
    names = "|".join(
        re.escape(name).replace("\\ ", space).replace("'", "['’]") for name in sorted(spellings, key=len, reverse=True)
    )
    regions = "|".join(REGION_WORDS)
    pattern = re.compile(
        rf"(?P<region>{space}(?i:{regions})s?)?{space}(?P<link>(?i:of|in)){space}"
        rf"(?P<country>(?:(?i:the){space})?(?P<name>{names}))(?!\w)"
    )
    return pattern, spellings


def _country_findings(doc: Document, terms: list[Term], matches: list[TermMatch]) -> Iterator[Finding]:
    """T004: a glossary place followed by "[region] of|in [the] COUNTRY" that it is not in."""
    view = doc.view
    paragraph_starts: list[int] | None = None
    for match in matches:
        owners = [terms[i] for i in dict.fromkeys(e.term_index for e in match.entries if e.role != EXCEPTION)]
        owners = [term for term in owners if term.country]
        if not owners or not view[match.start].isupper():  # "a turkey in ..." is no place
            continue
        pattern, spellings = _country_after_place()  # built on first need: most glossaries have no countries
        hit = pattern.match(view, match.end)
        if hit is None or _not_a_location(view, match.start, hit):
            continue
        expected = [name for term in owners for country in term.country for name in _canonical(country)]
        found = spellings.get(" ".join(hit.group("name").split()).replace("’", "'"), ())
        if set(found) & set(expected):
            continue
        if paragraph_starts is None:
            paragraph_starts = [p.start for p in doc.paragraphs]
        if _paragraph_at(doc.paragraphs, paragraph_starts, match.start).in_quote(match.start, hit.end()):
            continue
        replacement = countries().in_text(expected[0])
        if view[match.start : hit.end()].isupper():  # a shouting headline keeps its capitals
            replacement = replacement.upper()
        yield PLACE_COUNTRY.finding(
            match.start, hit.end(), view[match.start : hit.end()],
            suggestion=view[match.start : hit.start("country")] + replacement, confidence=0.85,
            place=view[match.start : match.end], found=hit.group("country"),
            expected=" or ".join(countries().in_text(name) for name in dict.fromkeys(expected)),
        )  # fmt: skip


def _canonical(country: str) -> tuple[str, ...]:
    return countries().resolve(country) or (country,)  # an unknown country (lint G011) compares as written


def _not_a_location(view: str, place_start: int, hit: re.Match[str]) -> bool:
    """The country qualifies what follows, or the phrase is an origin, a government or a comparison."""
    end = hit.end()
    next_char, after_next = view[end : end + 1], view[end + 1 : end + 3]
    if next_char and next_char in HYPHENS:
        return True  # "Ukraine-held", "Russia–Ukraine talks"
    if next_char in ("'", "’"):
        possessive_s = after_next[:1] in ("s", "S") and not is_word_char(after_next[1:2] or " ")
        if possessive_s or view[end - 1] in "sS":
            return True  # "Ukraine's Kursk offensive", "the Philippines' coast guard"
    if hit.group("region"):
        return False
    before = PRECEDING_WORD.search(view, max(0, place_start - 20), place_start)
    word = before.group(1).lower() if before else ""
    if hit.group("link").lower() == "in":
        return word in NOT_LOCATED_BEFORE_IN
    return word in COMPARISON_BEFORE_OF


def _paragraph_at(paragraphs: list[Paragraph], starts: list[int], offset: int) -> Paragraph:
    return paragraphs[max(0, bisect.bisect_right(starts, offset) - 1)]
