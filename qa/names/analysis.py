"""One document's names: near-variants of glossary names, inconsistent spellings, and a summary.

`analyse` is a pure function of (document, context). It returns the issues the `names` checker
reports and a `DocNames` summary (spellings, counts, spans and one example sentence each) that the
corpus pass and `qa glossary suggest` reduce over, so documents can be analysed in any process.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qa.names.inconsistency import count, inconsistencies, records_of
from qa.names.index import GlossaryNames, glossary_names
from qa.names.lexicon import CHINESE_SURNAMES, korean_class, same_korean_surname
from qa.names.mentions import Mention, Token, find_runs, remember_boring
from qa.names.runs import COMPLETE, GIVEN, LEAD, PARTIAL, QUIET, SHORT, SPANS, TOKENS, MentionPlan, run_plan, whole_term
from qa.names.summary import INCONSISTENT, NEAR, DocNames, Issue, TermUse
from qa.names.translit import derived_pair, gendered_pair, name_form, vowel_respelling

if TYPE_CHECKING:
    from qa.checkers import Context
    from qa.documents import Document
    from qa.segment import Paragraph

__all__ = ["INCONSISTENT", "NEAR", "DocNames", "Issue", "TermUse", "analyse", "document_issues", "summary_for"]
EVIDENCE_CONFIDENCE = 0.6  # a near-variant accepted on the strength of the rest of the document
# A mention the glossary does not list entirely: (its run's offset in the view, paragraph index, plan).
# Most only feed counts; a `Mention` is made of one only where it may be reported (`_State.mention`).
Occurrence = tuple[int, int, MentionPlan]


@dataclass
class _State:
    view: str
    names: GlossaryNames
    summary: DocNames
    paragraphs: list[Paragraph]
    examples: bool  # keep example sentences and glossary uses (for `suggest`), or not (checking)
    headlines: list[bool]  # by paragraph index
    covered: set[int] = field(default_factory=set)  # offsets inside glossary matches and N001 spans
    present: dict[int, int] = field(default_factory=dict)  # term -> first offset it is named at
    issues: list[Issue] = field(default_factory=list)
    uncounted: list[Occurrence] | None = None  # N002's mentions, when the summary does not count them yet

    def finished(self) -> DocNames:
        """The summary, its spelling counts made now if they were left for later."""
        if self.uncounted is not None:
            count(self, records_of(self.uncounted))
            self.uncounted = None
        return self.summary

    def mention(self, occurrence: Occurrence) -> Mention:
        start, number, plan = occurrence
        tokens, lead = plan[TOKENS], plan[LEAD]
        placed = tuple([Token(start + s, start + e, t) for s, e, t in tokens])
        moved = Token(start + lead[0], start + lead[1], lead[2]) if lead else None
        return Mention(placed, self.headlines[number], number, moved)

    def cover(self, start: int, end: int) -> None:
        self.covered.update(range(start, end))

    def occurrence_covered(self, occurrence: Occurrence) -> bool:
        """`any_covered` of the occurrence's mention, without making it."""
        covered = self.covered
        if covered:
            start = occurrence[0]
            for first, last, _ in occurrence[2][TOKENS]:
                if start + first in covered or start + last - 1 in covered:
                    return True
        return False

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


_LAST: list[tuple[str, str, object, _State]] = []  # (path, view, glossary, state) of the last check


def summary_for(doc: Document, context: Context) -> DocNames:
    """The document's name summary for the corpus pass: the one the `names` checker just made for
    this very document (same text object, same glossary) when there is one, else a fresh one."""
    for path, view, glossary, state in _LAST:
        if path == doc.path and view is doc.view and glossary is context.glossary:
            return state.finished()
    return analyse(doc, context, examples=False)[1]


def analyse(doc: Document, context: Context, *, examples: bool = True) -> tuple[list[Issue], DocNames]:
    """Issues and the document's name summary; `examples=False` skips what only `suggest` needs."""
    state = _analyse(doc, context, examples)
    return sorted(state.issues, key=lambda i: (i.start, i.end)), state.finished()


def document_issues(doc: Document, context: Context) -> list[Issue]:
    """The issues of the `names` checker; the summary is finished only if `summary_for` asks."""
    return sorted(_analyse(doc, context, False).issues, key=lambda i: (i.start, i.end))


def _analyse(doc: Document, context: Context, examples: bool) -> _State:
    names = glossary_names(context.glossary)
    paragraphs = doc.paragraphs
    headlines = [paragraph.kind == "headline" for paragraph in paragraphs]
    state = _State(doc.view, names, DocNames(doc.path), paragraphs, examples, headlines)
    unlisted = _listed(state, doc)
    singles: list[Occurrence] = []
    pending: list[Occurrence] = []  # those that may be given names of glossary people
    for occurrence in unlisted:
        plan = occurrence[2]
        if not plan[QUIET] and _near_variants(state, state.mention(occurrence)):
            continue  # (a quiet mention finds nothing)
        if state.occurrence_covered(occurrence):
            continue
        if len(plan[TOKENS]) == 1:
            singles.append(occurrence)
        elif plan[GIVEN]:
            pending.append(occurrence)
    if pending:
        _given_name_evidence(state, pending, singles)
    _short_surnames(state, [single for single in singles if single[2][SHORT]])
    state.uncounted = inconsistencies(state, unlisted)
    if not examples:
        _LAST[:] = [(doc.path, doc.view, context.glossary, state)]
    return state


def _listed(state: _State, doc: Document) -> list[Occurrence]:
    """Walk the document's mentions, noting the glossary's own forms in them (the T0xx rules report
    those; `present` keeps where each term is first named); returns the mentions they do not cover
    entirely."""
    names, view, examples, present = state.names, state.view, state.examples, state.present
    keep = names.vocabulary
    unlisted: list[Occurrence] = []
    whole = names.whole
    for text, start, number, opening in find_runs(doc, keep):
        if not examples:  # (with examples, every mention is looked at)
            term = whole.get(text)
            if term is None:
                term = whole_term(names, text)
            if term != PARTIAL:  # a glossary form as a whole: nothing else to note
                if term >= 0 and term not in present:
                    present[term] = start
                continue
        nothing, plans = run_plan(names, text, opening)
        if not plans:
            if nothing:
                remember_boring(text, keep)
            continue
        for plan in plans:
            spans, complete = plan[SPANS], plan[COMPLETE]
            for first, _, term in spans:
                if term is not None and term not in present:
                    present[term] = start + first
            if complete and not examples:
                continue
            occurrence = (start, number, plan)
            if examples and spans:
                mention = state.mention(occurrence)
                for first, last, term in spans:
                    if term is not None:
                        state.use(term, view[start + first : start + last], mention)
            if not complete:
                for first, last, _ in spans:
                    state.cover(start + first, start + last)
                unlisted.append(occurrence)
    return unlisted


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


def _given_name_evidence(state: _State, pending: list[Occurrence], singles: list[Occurrence]) -> None:
    """An East Asian name whose given name is a glossary person's, with another surname ("Ying
    Sung-lak" for Wi Sung-lac): reported only when the document names that person elsewhere or
    uses the person's bare surname. `pending` holds the mentions of two or three words with such a
    given name."""
    bare = {name_form(single[2][TOKENS][0][2]).strict for single in singles}
    for occurrence in pending:
        mention = state.mention(occurrence)
        candidates = state.names.given_name_candidates(mention.text(state.view))
        backed = {
            entry.term: entry.suggestion
            for entry in candidates
            if entry.term in state.present or name_form(state.names.surnames[entry.term]).strict in bare
        }
        if len(set(backed.values())) == 1:
            term, target = next(iter(backed.items()))
            _report_near(state, mention, mention.start, mention.end, term, target, EVIDENCE_CONFIDENCE)


def _short_surnames(state: _State, singles: list[Occurrence]) -> None:
    """A bare short surname close to the surname of a glossary person named earlier ("Wai" after
    Wi Sung-lac): Korean romanisations of one surname, or one edit with the same first letter.
    `singles` holds the bare words that may be such a surname (`runs._may_be_short_surname`)."""
    if not singles:
        return
    people = [(term, position, state.names.surnames[term]) for term, position in state.present.items()
              if len(state.names.surnames.get(term, "12345")) <= 4]  # fmt: skip
    if not people:
        return
    for occurrence in singles:
        if state.occurrence_covered(occurrence):
            continue
        mention = state.mention(occurrence)
        form = name_form(mention.text(state.view))
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
