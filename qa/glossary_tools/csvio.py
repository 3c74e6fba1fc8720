"""Glossaries as CSV, for spreadsheets: one row per entry.

Columns: term, kind, full, country, variants, accepted, exceptions, patterns, severity, note,
examples. Only `term` is required on import; columns may come in any order, and the delimiter may
be a comma, a semicolon or a tab. Name lists (country, variants, accepted, exceptions) are
separated by `|` (a new line inside the cell also works); patterns, which may contain `|`, one per line inside
the cell; examples are a JSON list of {"bad": …, "good": …} objects.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from qa.glossary import KINDS, Glossary
from qa.glossary_tools.yamlio import entry_data

COLUMNS = (
    "term", "kind", "full", "country", "variants", "accepted", "exceptions", "patterns", "severity", "note", "examples",
)  # fmt: skip
NAME_LISTS = {"country": "country", "variants": "variant", "accepted": "accepted form", "exceptions": "exception"}
SEPARATOR = " | "


def export_csv(glossary: Glossary) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for term in glossary.terms:
        data = entry_data(term)
        row = []
        for column in COLUMNS:
            value = data.get(column)
            if column in NAME_LISTS and value:
                items = [value] if isinstance(value, str) else value  # `country` may be one name
                for item in items:
                    if "|" in item or "\n" in item:
                        raise ValueError(f"{term.source}: {NAME_LISTS[column]} {item!r} contains '|' or a line "
                                         "break, which the CSV list cell cannot carry")  # fmt: skip
                value = SEPARATOR.join(items)
            elif column == "patterns" and value:
                value = "\n".join(value)
            elif column == "examples" and value:
                value = json.dumps(value, ensure_ascii=False)
            row.append(value or "")
        writer.writerow(row)
    return buffer.getvalue()


def import_csv(text: str, path: str) -> list[dict[str, Any]]:
    """Entries (dicts for `yamlio.dump_entries`) from CSV text; errors name path:line."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ValueError(f"{path}:1: empty CSV file (expected a header row with a 'term' column)") from None
    except csv.Error as exc:
        raise ValueError(f"{path}:1: malformed CSV: {exc}") from None
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise ValueError(f"{path}:1: unknown column {unknown[0]!r} (columns: {', '.join(COLUMNS)})")
    if "term" not in header:
        raise ValueError(f"{path}:1: the header has no 'term' column")
    entries: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    line = reader.line_num
    try:
        for row in reader:
            line, row_line = reader.line_num, line + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise ValueError(f"{path}:{row_line}: {len(row)} cells but {len(header)} columns")
            cells = {column: cell.strip() for column, cell in zip(header, row, strict=False)}
            entry = _entry(cells, f"{path}:{row_line}")
            if entry["term"] in seen:
                raise ValueError(
                    f"{path}:{row_line}: duplicate term {entry['term']!r} (first at {path}:{seen[entry['term']]})"
                )
            seen[entry["term"]] = row_line
            entries.append(entry)
    except csv.Error as exc:
        raise ValueError(f"{path}:{reader.line_num}: malformed CSV: {exc}") from None
    return entries


def _entry(cells: dict[str, str], where: str) -> dict[str, Any]:
    if not cells.get("term"):
        raise ValueError(f"{where}: row has no term")
    entry: dict[str, Any] = {"term": cells["term"], "kind": cells.get("kind") or "term"}
    if entry["kind"] not in KINDS:
        raise ValueError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
    for column in ("full", "severity", "note"):
        if cells.get(column):
            entry[column] = cells[column]
    for column in NAME_LISTS:
        items = [i.strip() for i in cells.get(column, "").replace("\n", "|").split("|")]
        names = [i for i in items if i]
        if names:
            entry[column] = names[0] if column == "country" and len(names) == 1 else names
    patterns = [p.strip() for p in cells.get("patterns", "").splitlines() if p.strip()]
    if patterns:
        entry["patterns"] = patterns
    if cells.get("examples"):
        try:
            examples = json.loads(cells["examples"])
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: examples are not a JSON list ({exc.msg})") from None
        if not isinstance(examples, list) or not all(
            isinstance(e, dict) and e and set(e) <= {"bad", "good"} and all(isinstance(v, str) for v in e.values())
            for e in examples
        ):
            raise ValueError(f'{where}: examples must be a JSON list of {{"bad": …, "good": …}} objects')
        entry["examples"] = examples
    if entry["term"] in entry.get("variants", []):
        raise ValueError(f"{where}: variant {entry['term']!r} is the term itself")
    return entry
