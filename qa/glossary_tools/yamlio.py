"""Writing glossaries as YAML in the style of glossaries/world-news.yml.

PyYAML does the quoting and escaping; the representers only choose the layout: block entries
indented under `terms:`, keys in the loader's order, lists of names in flow style on one line,
examples as one-line `{bad: "…", good: "…"}` mappings, and no line folding, so that a change to
one entry is a one-line diff.
"""

from __future__ import annotations

from typing import Any

import yaml

from qa.glossary import Glossary, Term

KEY_ORDER = (
    "term", "kind", "full", "country", "variants", "accepted", "exceptions", "patterns", "severity", "note", "examples",
)  # fmt: skip


class _Flow(list):
    """A list written on one line: [Kiev, Kyjiw]."""


class _FlowMap(dict):
    """A mapping written on one line: {bad: "…", good: "…"}."""


class _Quoted(str):
    """A string always written in double quotes (example texts, as in the shipped glossary)."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)  # "  - term:" rather than "- term:" under "terms:"


_Dumper.add_representer(_Flow, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))
_Dumper.add_representer(_FlowMap, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))
_Dumper.add_representer(_Quoted, lambda d, data: d.represent_scalar("tag:yaml.org,2002:str", str(data), style='"'))


def entry_data(term: Term) -> dict[str, Any]:
    """One entry as plain data, keys in `KEY_ORDER`, empty fields left out."""
    data: dict[str, Any] = {"term": term.term, "kind": term.kind}
    if term.full:
        data["full"] = term.full
    if term.country:  # one country as a plain name, as maintainers write it
        data["country"] = term.country[0] if len(term.country) == 1 else list(term.country)
    for key in ("variants", "accepted", "exceptions", "patterns"):
        values = getattr(term, key)
        if values:
            data[key] = list(values)
    if term.severity is not None:
        data["severity"] = str(term.severity)
    if term.note:
        data["note"] = term.note
    if term.examples:
        data["examples"] = [
            {k: v for k, v in (("bad", e.bad), ("good", e.good)) if v is not None} for e in term.examples
        ]
    return data


def dump_entries(entries: list[dict[str, Any]], name: str | None = None, language: str | None = "en") -> str:
    """YAML text for `entries` (dicts with the glossary's keys); the header gives name and language."""
    document: dict[str, Any] = {}
    if name:
        document["name"] = name
    if language:
        document["language"] = language
    document["terms"] = [_styled(entry) for entry in entries]
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1 << 16, indent=2)


def dump_glossary(glossary: Glossary, name: str | None = None, language: str | None = "en") -> str:
    return dump_entries([entry_data(t) for t in glossary.terms], name or glossary.name or None, language)


def _styled(entry: dict[str, Any]) -> dict[str, Any]:
    styled: dict[str, Any] = {}
    for key in sorted(entry, key=lambda k: KEY_ORDER.index(k) if k in KEY_ORDER else len(KEY_ORDER)):
        value = entry[key]
        if key == "examples":
            value = [_FlowMap({k: _Quoted(v) for k, v in example.items()}) for example in value]
        elif key == "patterns":
            value = list(value)  # regular expressions read best one per line
        elif isinstance(value, (list, tuple)):
            value = _Flow(value)
        styled[key] = value
    return styled
