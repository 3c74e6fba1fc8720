"""Glossaries: canonical terms with their variants, loaded from YAML with file:line in every error.

Several glossaries combine; a later glossary replaces an earlier entry with the same `term`
("later wins per term"), and the replacements are kept in `Glossary.overrides` for reporting.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import regex
import yaml

from qa.collector import collector_paused
from qa.model import Example, Severity

KINDS = ("person", "place", "org", "term")
TERM_KEYS = {
    "term", "kind", "full", "country", "variants", "accepted", "exceptions", "patterns", "note", "severity",
    "examples",
}  # fmt: skip
TOP_KEYS = {"name", "language", "terms", "description", "version"}
PATTERN_TIMEOUT = 0.05  # seconds a glossary pattern may spend on one paragraph
DEFAULT_GLOSSARY = "world-news.yml"
COUNTRIES_FILE = "countries.txt"  # in qa/data/


class GlossaryError(Exception):
    """A glossary that cannot be used; the message is one line and names file:line."""


@dataclass(frozen=True)
class Term:
    term: str
    kind: str = "term"
    full: str | None = None
    # Where a place is: one country, or several where house styles differ (see qa/data/countries.txt).
    country: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    # Forms tolerated on their own, but an article should not mix them with the canonical form.
    accepted: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    note: str | None = None
    severity: Severity | None = None
    examples: tuple[Example, ...] = ()
    source: str = ""  # "file:line" of the entry

    def implicit_variants(self) -> tuple[str, ...]:
        """Hyphenation slips of a hyphenated term: "Wi Sung lac" and "Wi Sunglac" for "Wi Sung-lac"."""
        if "-" not in self.term:
            return ()
        forms = (self.term.replace("-", " "),)
        listed = {v.casefold() for v in (*self.variants, *self.accepted)}
        return tuple(f for f in forms if f.casefold() not in listed and f != self.term)


@dataclass
class Glossary:
    name: str = ""
    paths: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    overrides: list[tuple[Term, Term]] = field(default_factory=list)  # (replaced, replacement)
    compiled_patterns: dict[str, regex.Pattern] = field(default_factory=dict, repr=False)

    def merge(self, other: Glossary) -> Glossary:
        by_term = {t.term: i for i, t in enumerate(self.terms)}
        merged = Glossary(
            name=" + ".join(n for n in (self.name, other.name) if n),
            paths=[*self.paths, *other.paths],
            terms=list(self.terms),
            overrides=list(self.overrides),
            compiled_patterns={**self.compiled_patterns, **other.compiled_patterns},
        )
        for term in other.terms:
            if term.term in by_term:
                index = by_term[term.term]
                merged.overrides.append((merged.terms[index], term))
                merged.terms[index] = term
            else:
                by_term[term.term] = len(merged.terms)
                merged.terms.append(term)
        return merged


@dataclass(frozen=True)
class Countries:
    """The country list (qa/data/countries.txt): every name and alias with its canonical names."""

    owners: dict[str, tuple[str, ...]]  # name or alias without a leading "the" -> canonical names
    with_article: frozenset[str]  # canonical names written "the Netherlands" in running text

    def resolve(self, name: str) -> tuple[str, ...]:
        """The canonical names `name` stands for; () when it is not a known country."""
        return self.owners.get(_without_article(name), ())

    def in_text(self, canonical: str) -> str:
        """How a country is written after "in": "the United States", "Russia"."""
        return f"the {canonical}" if canonical in self.with_article else canonical


def _without_article(name: str) -> str:
    return name.removeprefix("the ").removeprefix("The ")


def parse_countries(text: str) -> Countries:
    """One country a line, canonical name first, aliases after " | "; '#' starts a comment line."""
    owners: dict[str, list[str]] = {}
    with_article: set[str] = set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        canonical, *aliases = (name.strip() for name in line.split(" | "))
        for alias in (canonical, *aliases):
            bare = _without_article(alias)
            if bare != alias and bare == canonical:
                with_article.add(canonical)
            if canonical not in owners.setdefault(bare, []):
                owners[bare].append(canonical)
    return Countries({name: tuple(names) for name, names in owners.items()}, frozenset(with_article))


@cache
def countries() -> Countries:
    """The shipped country list, read on first use (only T004 and `qa glossary lint` need it)."""
    return parse_countries(resources.files("qa").joinpath("data", COUNTRIES_FILE).read_text(encoding="utf-8"))


def default_glossary_path() -> str:
    """The shipped glossary: the checkout's glossaries/ (editable install), else the installed copy.

    setup.cfg installs glossaries/ as data files under `<prefix>/share/qa/glossaries`.
    """
    checkout = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "glossaries")
    for folder in (checkout, os.path.join(sys.prefix, "share", "qa", "glossaries")):
        candidate = os.path.join(folder, DEFAULT_GLOSSARY)
        if os.path.isfile(candidate):
            return candidate
    return os.path.join(checkout, DEFAULT_GLOSSARY)


def load_glossaries(paths: list[str]) -> Glossary:
    glossary = Glossary()
    with collector_paused():  # (see qa.collector: 3 s of a 3.8 s load of 50,000 entries)
        for path in paths or [default_glossary_path()]:
            glossary = glossary.merge(load_glossary(path))
    return glossary


def read_source(path: str) -> str:
    """A glossary file's text; unreadable files raise GlossaryError naming the file."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        raise GlossaryError(f"{path}: no such glossary file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path}: cannot read glossary ({exc})") from None


def compose(source: str, path: str) -> yaml.Node | None:
    """The YAML node tree (nodes keep their line numbers); malformed YAML names file:line."""
    try:
        return yaml.compose(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise GlossaryError(f"{path}:{line}: malformed YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise GlossaryError(f"{path}: malformed YAML: {exc}") from None


def load_glossary(path: str) -> Glossary:
    return parse_glossary(read_source(path), path)


def parse_glossary(source: str, path: str = "<glossary>") -> Glossary:
    root = compose(source, path)
    if root is None:
        return Glossary(name=os.path.basename(path), paths=[path])
    top = mapping_fields(root, path, "the glossary", TOP_KEYS)
    terms_node = top.get("terms")
    if terms_node is None or not isinstance(terms_node, yaml.SequenceNode):
        raise GlossaryError(f"{location(path, terms_node or root)}: 'terms' must be a list of entries")
    glossary = Glossary(name=_scalar(top["name"], path) if "name" in top else os.path.basename(path), paths=[path])
    seen: dict[str, str] = {}
    for node in terms_node.value:
        term = _term(node, path, glossary.compiled_patterns)
        if term.term in seen:
            raise GlossaryError(f"{term.source}: duplicate term {term.term!r} (first at {seen[term.term]})")
        seen[term.term] = term.source
        glossary.terms.append(term)
    return glossary


def location(path: str, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}"


def mapping_fields(node: yaml.Node, path: str, what: str, allowed: set[str]) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise GlossaryError(f"{location(path, node)}: {what} must be a mapping")
    result: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in allowed:
            raise GlossaryError(f"{location(path, key_node)}: unknown key {key!r} in {what}")
        if key in result:
            raise GlossaryError(f"{location(path, key_node)}: key {key!r} given twice in {what}")
        result[key] = value_node
    return result


def _scalar(node: yaml.Node, path: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null") or not str(node.value).strip():
        raise GlossaryError(f"{location(path, node)}: expected a non-empty string")
    return str(node.value).strip()


def _strings(node: yaml.Node, path: str) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return ()
    if not isinstance(node, yaml.SequenceNode):
        raise GlossaryError(f"{location(path, node)}: expected a list of strings")
    return tuple(_scalar(item, path) for item in node.value)


def country_names(node: yaml.Node, path: str) -> tuple[str, ...]:
    """`country: Russia` or `country: [Israel, Palestine]`; anything else is a file:line error."""
    if isinstance(node, yaml.ScalarNode) and not node.tag.endswith(":null"):
        return (_scalar(node, path),)
    if isinstance(node, yaml.SequenceNode):
        return tuple(_scalar(item, path) for item in node.value)
    raise GlossaryError(f"{location(path, node)}: 'country' must be a country name or a list of names")


def _examples(node: yaml.Node, path: str) -> tuple[Example, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise GlossaryError(f"{location(path, node)}: 'examples' must be a list of {{bad, good}} mappings")
    examples = []
    for item in node.value:
        fields = mapping_fields(item, path, "an example", {"bad", "good"})
        if not fields:
            raise GlossaryError(f"{location(path, item)}: an example needs 'bad' or 'good'")
        examples.append(
            Example(
                bad=_scalar(fields["bad"], path) if "bad" in fields else None,
                good=_scalar(fields["good"], path) if "good" in fields else None,
            )
        )
    return tuple(examples)


def backtracking_risk(pattern: str, compiled: regex.Pattern | None = None) -> str | None:
    """Why a pattern could backtrack catastrophically, or None (see qa.glossary_tools.backtracking)."""
    from qa.glossary_tools import backtracking

    problems = backtracking.static_problems(pattern)
    if problems:
        return f"can backtrack catastrophically: {problems[0]}"
    slow = backtracking.timed_out(compiled or regex.compile(pattern, regex.VERSION1))
    if slow is not None:
        return f"can backtrack catastrophically: takes over {PATTERN_TIMEOUT} s on {slow!r}"
    return None


def _term(node: yaml.Node, path: str, compiled: dict[str, regex.Pattern]) -> Term:
    fields = mapping_fields(node, path, "a glossary entry", TERM_KEYS)
    where = location(path, node)
    if "term" not in fields:
        raise GlossaryError(f"{where}: entry has no 'term'")
    kind = _scalar(fields["kind"], path) if "kind" in fields else "term"
    if kind not in KINDS:
        raise GlossaryError(f"{location(path, fields['kind'])}: kind {kind!r} is not one of {', '.join(KINDS)}")
    severity = None
    if "severity" in fields:
        try:
            severity = Severity.parse(_scalar(fields["severity"], path))
        except ValueError as exc:
            raise GlossaryError(f"{location(path, fields['severity'])}: {exc}") from None
    patterns = _strings(fields["patterns"], path) if "patterns" in fields else ()
    for pattern, pattern_node in zip(patterns, fields["patterns"].value if patterns else [], strict=True):
        try:
            compiled[pattern] = regex.compile(pattern, regex.VERSION1)
        except regex.error as exc:
            raise GlossaryError(
                f"{location(path, pattern_node)}: pattern {pattern!r} does not compile: {exc}"
            ) from None
        risk = backtracking_risk(pattern, compiled[pattern])
        if risk:
            raise GlossaryError(f"{location(path, pattern_node)}: pattern {pattern!r} {risk}")
    term = Term(
        term=_scalar(fields["term"], path),
        kind=kind,
        full=_scalar(fields["full"], path) if "full" in fields else None,
        country=country_names(fields["country"], path) if "country" in fields else (),
        variants=_strings(fields["variants"], path) if "variants" in fields else (),
        accepted=_strings(fields["accepted"], path) if "accepted" in fields else (),
        exceptions=_strings(fields["exceptions"], path) if "exceptions" in fields else (),
        patterns=patterns,
        note=_scalar(fields["note"], path) if "note" in fields else None,
        severity=severity,
        examples=_examples(fields["examples"], path) if "examples" in fields else (),
        source=where,
    )
    for variant in term.variants:
        if variant == term.term:
            raise GlossaryError(f"{where}: variant {variant!r} is the term itself")
    return term
