"""TBX (ISO 30042 TermBase eXchange), TBX-Basic dialect, read and written with lxml.

Mapping between a glossary entry and a TBX concept (one concept per entry, one English language
section):

    term        termSec with administrativeStatus preferredTerm-admn-sts
    full        termSec with termType fullForm, administrativeStatus admittedTerm-admn-sts
    accepted    termSec with administrativeStatus admittedTerm-admn-sts
    variants    termSec with administrativeStatus deprecatedTerm-admn-sts (superseded on import too)
    kind        descrip type="subjectField" at concept level (person, place, org, term)
    note        note at concept level (import also keeps notes on terms and definitions)
    country     note "Country: <name>" at concept level, one per country (TBX-Basic has no
                data category for where a concept is; a note keeps it readable in CAT tools)

TBX-Basic has no place for patterns, exceptions, severity or examples; export leaves them out
and says so. On import an admitted term becomes an accepted form by default, because TBX's
"admitted" means "may be used", which is what `accepted` means to qa (`qa check` tolerates it
but reports mixing); `admitted="variant"` makes it a variant instead, for a house style that
allows nothing but the preferred term.

Export writes TBX v3 (ISO 30042:2019, `<tbx type="TBX-Basic" style="dca">`, conceptEntry /
langSec / termSec) or, with version 2, the older MARTIF form (ISO 30042:2008, termEntry / langSet /
tig) that translate-toolkit and many CAT tools read. Import reads both, namespaced or not, with
ntig/termGrp too, and keeps the line of every concept for error messages.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from lxml import etree

from qa.glossary import KINDS, Glossary, Term

TBX3_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED = (
    "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts",
)  # fmt: skip
# Other spellings of the statuses met in the wild (TBX-Min picklist, bare names).
STATUS_ALIASES = {
    "preferred": PREFERRED, "preferredterm": PREFERRED, "admitted": ADMITTED, "admittedterm": ADMITTED,
    "notrecommended": DEPRECATED, "deprecated": DEPRECATED, "deprecatedterm": DEPRECATED, "forbidden": DEPRECATED,
    "obsolete": SUPERSEDED, "superseded": SUPERSEDED, "supersededterm": SUPERSEDED,
}  # fmt: skip
NOT_CARRIED = ("patterns", "exceptions", "severity", "examples")
COUNTRY_NOTE = "Country: "


@dataclass(frozen=True)
class Names:
    """Element names of one TBX version."""

    root: str
    header: str
    entry: str
    lang: str
    term: str


TBX3 = Names("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec")
TBX2 = Names("martif", "martifHeader", "termEntry", "langSet", "tig")


def not_carried(glossary: Glossary) -> dict[str, int]:
    """How many entries have each field that TBX cannot carry."""
    counts = {field: sum(1 for t in glossary.terms if getattr(t, field)) for field in NOT_CARRIED}
    return {field: n for field, n in counts.items() if n}


def export_tbx(glossary: Glossary, language: str = "en", version: int = 3, title: str | None = None) -> bytes:
    names = TBX3 if version == 3 else TBX2
    ns = f"{{{TBX3_NAMESPACE}}}" if version == 3 else ""
    nsmap = {None: TBX3_NAMESPACE} if version == 3 else None

    def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        element = etree.SubElement(parent, ns + tag, {k.replace("_", ""): v for k, v in attrs.items()})
        if text is not None:
            element.text = text
        return element

    root = etree.Element(ns + names.root, nsmap=nsmap)
    root.set("type", "TBX-Basic")
    if version == 3:
        root.set("style", "dca")
    root.set(XML_LANG, language)
    file_desc = sub(sub(root, names.header), "fileDesc")
    if title or glossary.name:
        sub(sub(file_desc, "titleStmt"), "title", title or glossary.name)
    sub(sub(file_desc, "sourceDesc"), "p", "Exported by qa glossary export")
    if version == 2:
        sub(sub(root[0], "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = sub(sub(root, "text"), "body")
    ids: set[str] = set()
    for term in glossary.terms:
        entry = sub(body, names.entry, id=_unique_id(term.term, ids))
        sub(entry, "descrip", term.kind, type="subjectField")
        if term.note:
            sub(entry, "note", term.note)
        for country in term.country:
            sub(entry, "note", COUNTRY_NOTE + country)
        lang = sub(entry, names.lang)
        lang.set(XML_LANG, language)
        forms = [(term.term, PREFERRED, None)]
        if term.full:
            forms.append((term.full, ADMITTED, "fullForm"))
        forms += [(form, ADMITTED, None) for form in term.accepted]
        forms += [(form, DEPRECATED, None) for form in term.variants]
        for text, status, term_type in forms:
            section = sub(lang, names.term)
            sub(section, "term", text)
            if term_type:
                sub(section, "termNote", term_type, type="termType")
            sub(section, "termNote", status, type="administrativeStatus")
    etree.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8", pretty_print=True)


def _unique_id(term: str, taken: set[str]) -> str:
    ascii_form = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode()
    base = "qa-" + (re.sub(r"[^A-Za-z0-9]+", "-", ascii_form).strip("-").lower() or "entry")
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def import_tbx(
    data: bytes, path: str, language: str = "en", admitted: str = "accepted"
) -> tuple[str | None, list[dict[str, Any]]]:
    """The title and the entries (dicts for `yamlio.dump_entries`) of a TBX file; errors name path:line."""
    if admitted not in ("accepted", "variant"):
        raise ValueError(f"admitted terms become 'accepted' or 'variant', not {admitted!r}")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        raise ValueError(f"{path}:{line}: malformed XML: {exc.msg}") from None
    root_name = _local(root)
    if root_name not in ("tbx", "martif"):
        raise ValueError(
            f"{path}:{root.sourceline}: not a TBX file (root element <{root_name}>, expected <tbx> or <martif>)"
        )
    default_lang = root.get(XML_LANG)
    title = next((_text(e) for e in root.iter() if _local(e) == "title" and _text(e)), None)
    entries: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for concept in (e for e in root.iter() if _local(e) in ("conceptEntry", "termEntry")):
        entry = _concept(concept, path, language, default_lang, admitted)
        if entry is None:
            continue
        line = concept.sourceline or 0
        if entry["term"] in seen:
            raise ValueError(
                f"{path}:{line}: duplicate preferred term {entry['term']!r} (first at {path}:{seen[entry['term']]})"
            )
        seen[entry["term"]] = line
        entries.append(entry)
    return title, entries


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [child for child in element if _local(child) in names]


def _concept(
    concept: etree._Element, path: str, language: str, default_lang: str | None, admitted: str
) -> dict[str, Any] | None:
    where = f"{path}:{concept.sourceline}"
    notes = _notes(concept)
    country = [n.removeprefix(COUNTRY_NOTE).strip() for n in notes if n.startswith(COUNTRY_NOTE)]
    notes = [n for n in notes if not n.startswith(COUNTRY_NOTE)]
    kind = "term"
    for descrip in _children(concept, "descrip"):
        if descrip.get("type") == "subjectField":
            value = _text(descrip)
            if value in KINDS:
                kind = value
            elif value:
                notes.append(f"Subject field: {value}")
    sections = [
        s
        for s in _children(concept, "langSec", "langSet")
        if _language_matches(s.get(XML_LANG) or default_lang, language)
    ]
    if not sections:
        return None
    forms: list[tuple[str, str, str | None]] = []  # (text, status, termType)
    for section in sections:
        notes += _notes(section)
        for term_section in _children(section, "termSec", "tig", "ntig"):
            term_element = next((e for e in term_section.iter() if _local(e) == "term"), None)
            if term_element is None or not _text(term_element):
                continue
            status = term_type = None
            for note in (e for e in term_section.iter() if _local(e) == "termNote"):
                if note.get("type") == "administrativeStatus":
                    status = _status(_text(note), f"{path}:{note.sourceline}")
                elif note.get("type") == "termType":
                    term_type = _text(note)
            for note in (e for e in term_section.iter() if _local(e) in ("note", "descrip")):
                if _local(note) == "note" or note.get("type") == "definition":
                    notes.append(
                        f"{_text(term_element)}: {_text(note)}" if status not in (None, PREFERRED) else _text(note)
                    )
            forms.append((_text(term_element), status or "", term_type))
    if not forms:
        return None
    preferred = next((f for f in forms if f[1] == PREFERRED), None) or next((f for f in forms if not f[1]), None)
    if preferred is None:
        raise ValueError(f"{where}: concept has no preferred term (every term is admitted, deprecated or superseded)")
    entry: dict[str, Any] = {"term": preferred[0], "kind": kind}
    if country:
        entry["country"] = country[0] if len(country) == 1 else country
    accepted: list[str] = []
    variants: list[str] = []
    for form in forms:
        text, status, term_type = form
        if form is preferred or text.casefold() == preferred[0].casefold() or text in accepted or text in variants:
            continue  # a casing of the term is T002's business, not a variant
        if term_type == "fullForm" and status in (ADMITTED, PREFERRED, "") and "full" not in entry:
            entry["full"] = text
        elif status in (DEPRECATED, SUPERSEDED) or (status == ADMITTED and admitted == "variant"):
            variants.append(text)
        else:  # admitted, a second preferred term, or a term without status
            accepted.append(text)
    if variants:
        entry["variants"] = variants
    if accepted:
        entry["accepted"] = accepted
    if notes:
        entry["note"] = " ".join(dict.fromkeys(n for n in notes if n))
    return entry


def _notes(element: etree._Element) -> list[str]:
    notes = []
    for child in _children(element, "note", "descrip", "descripGrp"):
        if _local(child) == "descripGrp":
            child = next((d for d in child if _local(d) == "descrip"), None)
            if child is None:
                continue
        if _local(child) == "note" or child.get("type") == "definition":
            notes.append(_text(child))
    return notes


def _status(value: str, where: str) -> str:
    folded = value.strip()
    if folded in (PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED):
        return folded
    key = re.sub(r"[^a-z]", "", folded.lower()).removesuffix("admnsts")
    if key in STATUS_ALIASES:
        return STATUS_ALIASES[key]
    raise ValueError(f"{where}: unknown administrativeStatus {value!r}")


def _language_matches(tag: str | None, wanted: str) -> bool:
    if tag is None:
        return True
    return tag.lower() == wanted.lower() or tag.lower().split("-")[0] == wanted.lower().split("-")[0]


def round_trip_fields(term: Term) -> dict[str, Any]:
    """The part of an entry that TBX carries (for tests and for reporting what an export keeps)."""
    return {"term": term.term, "kind": term.kind, "full": term.full, "country": term.country,
            "variants": term.variants, "accepted": term.accepted, "note": term.note}  # fmt: skip
