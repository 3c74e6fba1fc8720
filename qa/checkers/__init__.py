"""Checker families and the rule registry.

A checker family is one module that declares its rules as data (`RULES`) and one function
`check(doc, context)` that yields findings in view coordinates. Third-party families register
through the `qa.checkers` entry-point group, the way flake8 plugins do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa.documents import Document
    from qa.glossary import Glossary
    from qa.matcher import TermMatcher
    from qa.model import Finding, Rule


@dataclass
class Context:
    """What checkers may consult besides the document: the glossary and the run's settings."""

    glossary: Glossary
    settings: dict[str, object] = field(default_factory=dict)

    @cached_property
    def matcher(self) -> TermMatcher:
        from qa.matcher import TermMatcher

        return TermMatcher(self.glossary)


@dataclass(frozen=True)
class Checker:
    family: str
    rules: tuple[Rule, ...]
    check: Callable[[Document, Context], Iterable[Finding]]


@cache
def builtin_checkers() -> list[Checker]:
    from qa.checkers import boilerplate, names, punctuation, script, sentences, terms

    return [
        Checker("terms", terms.RULES, terms.check),
        Checker("names", names.RULES, names.check),
        Checker("sentences", sentences.RULES, sentences.check),
        Checker("boilerplate", boilerplate.RULES, boilerplate.check),
        Checker("punctuation", punctuation.RULES, punctuation.check),
        Checker("script", script.RULES, script.check),
    ]


@cache
def all_checkers() -> list[Checker]:
    checkers = builtin_checkers()
    from importlib.metadata import entry_points

    for entry in entry_points(group="qa.checkers"):
        module = entry.load()
        checkers.append(Checker(entry.name, tuple(module.RULES), module.check))
    return checkers


def all_rules() -> list[Rule]:
    from qa.embeddings.checkers import RULES as EMBEDDING_RULES  # numpy only; the model loads lazily

    rules = [rule for checker in all_checkers() for rule in checker.rules] + list(EMBEDDING_RULES)
    return sorted(rules, key=lambda r: r.code)
