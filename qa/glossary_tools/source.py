"""A tolerant reader of glossary YAML that keeps the line of every value.

The strict loader (`qa.glossary.parse_glossary`) stops at the first duplicate term, variant equal
to its term or pattern that does not compile; `qa glossary lint` wants to list all of them, each
with its own line. This reader accepts those (they are lint problems, not syntax errors) and
still refuses what is not a glossary at all (malformed YAML, unknown keys, wrong types) with the
same one-line `file:line` GlossaryError.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import yaml

from qa.glossary import (
    KINDS,
    TERM_KEYS,
    TOP_KEYS,
    GlossaryError,
    compose,
    country_names,
    location,
    mapping_fields,
    read_source,
)


class Located(NamedTuple):
    text: str
    line: int


@dataclass
class RawExample:
    bad: str | None
    good: str | None
    line: int


@dataclass
class RawEntry:
    path: str
    line: int  # the line of the entry, as in Term.source
    term: Located
    kind: Located | None = None
    full: Located | None = None
    country: list[Located] = field(default_factory=list)
    variants: list[Located] = field(default_factory=list)
    accepted: list[Located] = field(default_factory=list)
    exceptions: list[Located] = field(default_factory=list)
    patterns: list[Located] = field(default_factory=list)
    note: Located | None = None
    severity: Located | None = None
    examples: list[RawExample] = field(default_factory=list)

    @property
    def source(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class RawGlossary:
    path: str
    name: str | None = None
    language: str | None = None
    entries: list[RawEntry] = field(default_factory=list)


def read_raw(path: str) -> RawGlossary:
    return parse_raw(read_source(path), path)


def parse_raw(source: str, path: str = "<glossary>") -> RawGlossary:
    root = compose(source, path)
    raw = RawGlossary(path=path)
    if root is None:
        return raw
    top = mapping_fields(root, path, "the glossary", TOP_KEYS)
    if "name" in top:
        raw.name = _scalar(top["name"], path).text
    if "language" in top:
        raw.language = _scalar(top["language"], path).text
    terms = top.get("terms")
    if not isinstance(terms, yaml.SequenceNode):
        raise GlossaryError(f"{location(path, terms or root)}: 'terms' must be a list of entries")
    raw.entries = [_entry(node, path) for node in terms.value]
    return raw


def _scalar(node: yaml.Node, path: str) -> Located:
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null") or not str(node.value).strip():
        raise GlossaryError(f"{location(path, node)}: expected a non-empty string")
    return Located(str(node.value).strip(), node.start_mark.line + 1)


def _strings(node: yaml.Node, path: str) -> list[Located]:
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise GlossaryError(f"{location(path, node)}: expected a list of strings")
    return [_scalar(item, path) for item in node.value]


def _entry(node: yaml.Node, path: str) -> RawEntry:
    fields = mapping_fields(node, path, "a glossary entry", TERM_KEYS)
    if "term" not in fields:
        raise GlossaryError(f"{location(path, node)}: entry has no 'term'")
    entry = RawEntry(path=path, line=node.start_mark.line + 1, term=_scalar(fields["term"], path))
    for key in ("kind", "full", "note", "severity"):
        if key in fields:
            setattr(entry, key, _scalar(fields[key], path))
    if entry.kind is not None and entry.kind.text not in KINDS:
        raise GlossaryError(f"{path}:{entry.kind.line}: kind {entry.kind.text!r} is not one of {', '.join(KINDS)}")
    for key in ("variants", "accepted", "exceptions", "patterns"):
        if key in fields:
            setattr(entry, key, _strings(fields[key], path))
    if "country" in fields:
        node_country = fields["country"]
        names = country_names(node_country, path)  # the strict loader's check: a name or a list of names
        items = node_country.value if isinstance(node_country, yaml.SequenceNode) else [node_country]
        entry.country = [Located(name, item.start_mark.line + 1) for name, item in zip(names, items, strict=True)]
    if "examples" in fields:
        node_examples = fields["examples"]
        if not isinstance(node_examples, yaml.SequenceNode):
            raise GlossaryError(f"{location(path, node_examples)}: 'examples' must be a list of {{bad, good}} mappings")
        for item in node_examples.value:
            pair = mapping_fields(item, path, "an example", {"bad", "good"})
            if not pair:
                raise GlossaryError(f"{location(path, item)}: an example needs 'bad' or 'good'")
            entry.examples.append(
                RawExample(
                    bad=_scalar(pair["bad"], path).text if "bad" in pair else None,
                    good=_scalar(pair["good"], path).text if "good" in pair else None,
                    line=item.start_mark.line + 1,
                )
            )
    return entry
