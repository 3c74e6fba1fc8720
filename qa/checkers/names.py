"""Name checks beyond the glossary's lists: unlisted near-variants and inconsistent spellings (N0xx).

Mentions of people, places and organisations are extracted from the prose (`qa.names`), compared
with the glossary through transliteration-aware keys (y/i, kh/h, ou/u, doubled letters, Korean
romanisations, hyphenation and spacing), and grouped into entities when no glossary entry exists.
Spans the glossary matcher already matches are left to the T0xx rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from qa.model import Category, Example, Finding, FixSafety, Rule, Severity

if TYPE_CHECKING:
    from qa.checkers import Context
    from qa.documents import Document
    from qa.names.analysis import Issue

NAME_SCOPE = "Everywhere, including quotations; inconsistencies ignore headlines (title case hides names)."

NEAR_VARIANT = Rule(
    code="N001",
    name="name-near-variant",
    category=Category.TERM,
    severity=Severity.WARNING,
    fix=FixSafety.UNSAFE,
    message="'{text}' looks like a misspelling of the glossary name '{suggestion}'",
    why=(
        "A glossary never lists every spelling machine translation invents. This name is not a "
        "listed form, but it is one transliteration step from a glossary name: y/i, kh/h, ou/u, a "
        "doubled letter, a Korean romanisation, hyphenation or spacing. Ordinary English words, "
        "feminine forms ('Zelenska') and derived words ('Korean') are never reported; a short or "
        "distant spelling is only reported when the document names that person elsewhere. The fix "
        "is unsafe: a similar name can belong to somebody else."
    ),
    examples=(
        Example(bad="President Zelenskyj met reporters.", good="President Zelensky met reporters."),
        Example(bad="Foreign Minister Andriy Sibygha said", good="Foreign Minister Andrii Sybiha said"),
        Example(bad=None, good="Olena Zelenska and the Korean envoy met in Kyiv."),
    ),
    scope=NAME_SCOPE,
)
INCONSISTENT_NAME = Rule(
    code="N002",
    name="name-inconsistent",
    category=Category.TERM,
    severity=Severity.WARNING,
    fix=FixSafety.UNSAFE,
    message=(
        "'{text}' ({count}x) and '{suggestion}' ({majority}x) look like one name spelled two ways {where}; use one form"
    ),
    why=(
        "A name the glossary does not know is still spelled one way throughout an article (and a "
        "run of articles). Spellings are grouped only when each difference is a transliteration "
        "fold, a single vowel or an unattested spelling; the less frequent spelling is reported, "
        "pointing at the more frequent one. Different people with similar names (Kim Jong Un, Kim "
        "Yo Jong; Lee, Li), ordinary words and short names stay apart."
    ),
    examples=(
        Example(
            bad="Mayor Oleksandr Vilkul spoke. Later Vilkul said the strikes stopped. Vilkoul left.",
            good="Mayor Oleksandr Vilkul spoke. Later Vilkul said the strikes stopped. Vilkul left.",
        ),
        Example(bad=None, good="Kim Jong Un met Kim Yo Jong. Lee spoke to Li."),
    ),
    scope=NAME_SCOPE,
)

RULES = (NEAR_VARIANT, INCONSISTENT_NAME)
IN_DOCUMENT, IN_RUN = "in this document", "across the documents of this run"


def check(doc: Document, context: Context) -> Iterator[Finding]:
    from qa.names.analysis import document_issues

    for issue in document_issues(doc, context):
        yield to_finding(issue, IN_DOCUMENT)


def to_finding(issue: Issue, where: str) -> Finding:
    if issue.rule == NEAR_VARIANT.code:
        return NEAR_VARIANT.finding(
            issue.start, issue.end, issue.text, suggestion=issue.suggestion, confidence=issue.confidence
        )
    count, majority = issue.counts
    return INCONSISTENT_NAME.finding(
        issue.start, issue.end, issue.text, suggestion=issue.suggestion, confidence=issue.confidence,
        count=count, majority=majority, where=where,
    )  # fmt: skip
