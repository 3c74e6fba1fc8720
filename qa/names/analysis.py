"""One document's names: near-variants of glossary names, inconsistent spellings, and a summary.

`analyse` is a pure function of (document, context). It returns the issues the `names` checker
reports and a `DocNames` summary (spellings, counts, spans and one example sentence each) that the
corpus pass and `qa glossary suggest` reduce over, so documents can be analysed in any process.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qa.matcher import normalise
from qa.names.clusters import FULL, NAME, FormUse, cluster, eligible, majority
from qa.names.index import GlossaryNames, glossary_names
from qa.names.lexicon import CHINESE_SURNAMES, is_common, korean_class, memo, same_korean_surname
from qa.names.mentions import Mention, Token, extract_mentions
from qa.names.translit import derived_pair, gendered_pair, name_form, vowel_respelling

if TYPE_CHECKING:
    from qa.checkers import Context
    from qa.documents import Document
    from qa.segment import Paragraph

NEAR, INCONSISTENT = "N001", "N002"
EVIDENCE_CONFIDENCE = 0.6  # a near-variant accepted on the strength of the rest of the document


@dataclass(frozen=True)
class Issue:
    """What a name check found, before it becomes a Finding."""

    rule: str
    start: int
    end: int
    text: str
    suggestion: str
    confidence: float
    counts: tuple[int, int] = (0, 0)  # N002: (this spelling, the majority spelling)


@dataclass
class TermUse:
    """How a glossary entry was written in one document (for `qa glossary suggest`)."""

    surfaces: dict[str, int] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)
    near: set[str] = field(default_factory=set)  # unlisted near-variants found by N001


@dataclass
class DocNames:
    """The per-document summary that corpus passes reduce over (plain, picklable data)."""

    path: str
    forms: dict[tuple[str, str], FormUse] = field(default_factory=dict)  # (level, key) -> spelling
    terms: dict[int, TermUse] = field(default_factory=dict)  # glossary term index -> use


@dataclass
class _State:
    view: str
    names: GlossaryNames
    summary: DocNames
    paragraphs: list[Paragraph]
    examples: bool  # keep example sentences and glossary uses (for `suggest`), or not (checking)
    covered: set[int] = field(default_factory=set)  # offsets inside glossary matches and N001 spans
    present: dict[int, int] = field(default_factory=dict)  # term -> first offset it is named at
    issues: list[Issue] = field(default_factory=list)

    def cover(self, start: int, end: int) -> None:
        self.covered.update(range(start, end))

    def is_covered(self, token: Token) -> bool:
        """Matches sit on word boundaries, so a token is covered where its first or last letter is."""
        return token.start in self.covered or token.end - 1 in self.covered

    def any_covered(self, mention: Mention) -> bool:
        covered = self.covered
        if covered:
            for token in mention.tokens:
                if token.start in covered or token.end - 1 in covered:
                    return True
        return False

    def example(self, mention: Mention) -> str:
        if not self.examples:
            return ""
        sentences = self.paragraphs[mention.paragraph].sentences
        index = max(0, bisect.bisect_right([s.start for s in sentences], mention.start) - 1)
        start, end = (sentences[index].start, sentences[index].end) if sentences else (mention.start, mention.end)
        text = " ".join(self.view[start:end].split())
        if len(text) > 160:
            middle = mention.start - start
            text = "…" + text[max(0, middle - 70) : middle + 80].strip() + "…"
        return text

    def use(self, term: int, surface: str, mention: Mention | None, near: bool = False) -> None:
        if not self.examples:
            return
        use = self.summary.terms.setdefault(term, TermUse())
        use.surfaces[surface] = use.surfaces.get(surface, 0) + 1
        if mention is not None and surface not in use.examples:
            use.examples[surface] = self.example(mention)
        if near:
            use.near.add(surface)


_LAST: list[tuple[str, str, object, DocNames]] = []  # (path, view, glossary, summary) of the last check


def summary_for(doc: Document, context: Context) -> DocNames:
    """The document's name summary for the corpus pass: the one the `names` checker just made for
    this very document (same text object, same glossary) when there is one, else a fresh one."""
    for path, view, glossary, summary in _LAST:
        if path == doc.path and view is doc.view and glossary is context.glossary:
            return summary
    return analyse(doc, context, examples=False)[1]


def analyse(doc: Document, context: Context, *, examples: bool = True) -> tuple[list[Issue], DocNames]:
    """Issues and the document's name summary; `examples=False` skips what only `suggest` needs."""
    view = doc.view
    names = glossary_names(context.glossary)
    state = _State(view, names, DocNames(doc.path), doc.paragraphs, examples)
    mentions = extract_mentions(doc, names.vocabulary)
    singles: list[Mention] = []
    pending: list[Mention] = []
    unlisted = [mention for mention in mentions if not _listed(state, mention)]
    for mention in unlisted:
        found = _near_variants(state, mention)
        if found or state.any_covered(mention):
            continue
        if len(mention.tokens) == 1:
            singles.append(mention)
        else:
            pending.append(mention)
    _given_name_evidence(state, pending, singles)
    _short_surnames(state, singles)
    _inconsistencies(state, unlisted)
    if not examples:
        _LAST[:] = [(doc.path, view, context.glossary, state.summary)]
    return sorted(state.issues, key=lambda i: (i.start, i.end)), state.summary


def _listed(state: _State, mention: Mention) -> bool:
    """Cover the glossary's own forms in the mention (the T0xx rules report those), longest first;
    True when they cover all of it."""
    tokens, view = mention.tokens, state.view
    base = tokens[0].start
    spans, complete = state.names.listed_spans(view[base : tokens[-1].end], tokens)
    for start, end, term in spans:
        state.cover(base + start, base + end)
        if term is not None:  # None: a listed exception ("Chicken Kiev")
            state.present.setdefault(term, base + start)
            state.use(term, view[base + start : base + end], mention)
    return complete


def _near_variants(state: _State, mention: Mention) -> bool:
    """N001 on the uncovered stretches of a mention, longest glossary match first."""
    tokens = mention.tokens
    if mention.lead is not None and _with_lead(state, mention):
        return True
    if len(tokens) == 1:  # the common case, without the n-gram machinery
        token = tokens[0]
        hit = state.names.lookup(token.text, whole=True)
        if hit is not None and hit.established and hit.entry.term not in state.present:
            hit = None
        if hit is not None:
            _report_near(state, mention, token.start, token.end, hit.entry.term, hit.entry.suggestion, hit.confidence)
        return hit is not None
    segments: list[list[Token]] = [[]]
    for token in tokens:
        if state.is_covered(token):
            segments.append([])
        else:
            segments[-1].append(token)
    found = False
    for segment in segments:
        taken = [False] * len(segment)
        for length in range(min(len(segment), state.names.max_parts), 0, -1):
            for first in range(len(segment) - length + 1):
                if any(taken[first : first + length]):
                    continue
                start, end = segment[first].start, segment[first + length - 1].end
                hit = state.names.lookup(state.view[start:end], whole=length == len(tokens))
                if hit is None or (hit.established and hit.entry.term not in state.present):
                    continue
                taken[first : first + length] = [True] * length
                _report_near(state, mention, start, end, hit.entry.term, hit.entry.suggestion, hit.confidence)
                found = True
    return found


def _with_lead(state: _State, mention: Mention) -> bool:
    """A given name that is also an English word was trimmed ("Denis Shmyhal"): try it back on."""
    lead, tokens = mention.lead, mention.tokens
    assert lead is not None
    if state.any_covered(mention):
        return False
    for last in range(len(tokens) - 1, -1, -1):
        hit = state.names.lookup(state.view[lead.start : tokens[last].end], whole=last == len(tokens) - 1)
        if hit is not None and not hit.entry.surname and (not hit.established or hit.entry.term in state.present):
            _report_near(
                state, mention, lead.start, tokens[last].end, hit.entry.term, hit.entry.suggestion, hit.confidence
            )
            return True
    return False


def _report_near(state: _State, mention: Mention, start: int, end: int, term: int, target: str, score: float) -> None:
    text = state.view[start:end]
    suggestion = target.upper() if len(text) > 1 and text.isupper() and not target.isupper() else target
    state.issues.append(Issue(NEAR, start, end, text, suggestion, score))
    state.cover(start, end)
    state.present.setdefault(term, start)
    state.use(term, text, mention, near=True)


def _given_name_evidence(state: _State, pending: list[Mention], singles: list[Mention]) -> None:
    """An East Asian name whose given name is a glossary person's, with another surname ("Ying
    Sung-lak" for Wi Sung-lac): reported only when the document names that person elsewhere or
    uses the person's bare surname."""
    bare: set[str] | None = None
    for mention in pending:
        if len(mention.tokens) > 3:
            continue
        candidates = state.names.given_name_candidates(mention.text(state.view))
        if not candidates:
            continue
        if bare is None:
            bare = {name_form(m.text(state.view)).strict for m in singles}
        backed = {
            entry.term: entry.suggestion
            for entry in candidates
            if entry.term in state.present or name_form(state.names.surnames[entry.term]).strict in bare
        }
        if len(set(backed.values())) == 1:
            term, target = next(iter(backed.items()))
            _report_near(state, mention, mention.start, mention.end, term, target, EVIDENCE_CONFIDENCE)


def _short_surnames(state: _State, singles: list[Mention]) -> None:
    """A bare short surname close to the surname of a glossary person named earlier ("Wai" after
    Wi Sung-lac): Korean romanisations of one surname, or one edit with the same first letter."""
    people = [(term, position, state.names.surnames[term]) for term, position in state.present.items()
              if len(state.names.surnames.get(term, "12345")) <= 4]  # fmt: skip
    if not people:
        return
    for mention in singles:
        word = mention.text(state.view)
        form = name_form(word)
        if len(word) > 5 or state.any_covered(mention) or not form.strict or is_common(form.strict):
            continue
        targets = set()
        for term, position, surname in people:
            if position >= mention.start:
                continue
            known = name_form(surname)
            if known.strict == form.strict:
                targets = set()
                break
            if len(known.strict) <= 4 and _short_variant(form.strict, known.strict, form.skeleton, known.skeleton):
                targets.add((term, surname))
        if len({surname for _, surname in targets}) == 1:
            term, surname = next(iter(targets))
            _report_near(state, mention, mention.start, mention.end, term, surname, EVIDENCE_CONFIDENCE)


def _short_variant(word: str, surname: str, skel: str, surname_skel: str) -> bool:
    if same_korean_surname(word, surname):
        return True
    if korean_class(word) is not None or word in CHINESE_SURNAMES or len(word) > 4:
        return False
    if gendered_pair(word, surname) or derived_pair(word, surname):
        return False
    return word[0] == surname[0] and vowel_respelling(skel, surname_skel)  # "Wai"/"Wi", not "Kyiv"/"Kim"


@memo(100_000)
def _plan(key: tuple[str, int]) -> tuple[str | None, int]:
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


def _count(
    state: _State, forms: dict, key: tuple[str, str], surface: str, mention: Mention, start: int, end: int
) -> None:
    use = forms.get(key)
    if use is None:
        use = forms[key] = FormUse(key[1], key[0])
    fresh = state.examples and (surface not in use.examples or (not mention.headline and surface not in use.surfaces))
    use.add(surface, start, end, state.example(mention) if fresh else "", mention.headline)


def _inconsistencies(state: _State, mentions: list[Mention]) -> None:
    """N002: one name spelled two ways in this document, neither spelling in the glossary."""
    forms = state.summary.forms
    for mention in mentions:
        if state.any_covered(mention):
            continue
        text = mention.text(state.view)
        full, surname_at = _plan((text, len(mention.tokens)))
        if full is not None:
            _count(state, forms, (FULL, full), text, mention, mention.start, mention.end)
        surname = mention.tokens[surname_at]
        surname_key = _surname_key(surname.text)
        if surname_key is not None:
            _count(state, forms, (NAME, surname_key), surname.text, mention, surname.start, surname.end)
    for level in (NAME, FULL):
        candidates = [f for (lvl, _), f in forms.items() if lvl == level and f.count]
        if len(candidates) < 2:
            continue
        for group in cluster(candidates, level):
            head = group[0]
            for minor in group:
                minor.settled = True
            for minor in group[1:]:
                keep = majority(head, minor, head.count, minor.count)
                if keep is None or (not keep and len(group) > 2):
                    continue
                winner, loser = (head, minor) if keep else (minor, head)
                confidence = 0.7 if winner.count > loser.count else 0.55
                for start, end in loser.spans:
                    _inconsistent(state, start, end, winner.display, confidence, (loser.count, winner.count))
    for use in forms.values():
        if len(use.surfaces) > 1:
            _respaced(state, use)


def _respaced(state: _State, use: FormUse) -> None:
    """One spelling hyphenated or spaced two ways ("Kim Jong-un", "Kim Jong Un"); case is T002's."""
    counts: dict[str, int] = {}
    for surface, count in use.surfaces.items():
        counts[normalise(surface)] = counts.get(normalise(surface), 0) + count
    if len(counts) < 2:
        return
    (best, best_count), (_, second_count) = sorted(counts.items(), key=lambda item: -item[1])[:2]
    if best_count == second_count:
        return
    target = max((s for s in use.surfaces if normalise(s) == best), key=use.surfaces.__getitem__)
    for start, end in use.spans:
        key = normalise(state.view[start:end])
        if key != best:
            _inconsistent(state, start, end, target, 0.6, (counts[key], best_count))


def _inconsistent(state: _State, start: int, end: int, target: str, confidence: float, counts: tuple[int, int]) -> None:
    if any(i.start == start and i.end == end for i in state.issues[-8:]):
        return
    state.issues.append(Issue(INCONSISTENT, start, end, state.view[start:end], target, confidence, counts))
