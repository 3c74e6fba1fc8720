"""Applying fixes: `qa fix` and the HTML report's corrected text share these functions.

Only the characters inside finding spans change. Of overlapping edits the one that starts
first wins (ties: the shorter span, then the rule code), the others are skipped and reported,
so the outcome never depends on the order findings arrive in.
"""

from __future__ import annotations

import difflib
import html
import os
from dataclasses import dataclass

from qa.documents import InputError, decode, sniff_encoding
from qa.model import Finding, FixSafety


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    rule: str = ""


def plan_edits(findings: list[Finding], unsafe: bool = False, fmt: str = "txt") -> tuple[list[Edit], list[Finding]]:
    """Choose the edits to apply; return them with the findings skipped for overlapping."""
    allowed = {FixSafety.SAFE, FixSafety.UNSAFE} if unsafe else {FixSafety.SAFE}
    wanted = sorted(
        (f for f in findings if f.suggestion is not None and f.fix in allowed and _fixable_in(f, fmt)),
        key=lambda f: (f.start, f.end, f.rule),
    )
    escape = (lambda s: html.escape(s, quote=False)) if fmt == "html" else (lambda s: s)
    candidates = [Edit(f.start, f.end, escape(f.suggestion or ""), f.rule) for f in wanted]
    edits = without_overlaps(candidates)
    kept = {id(edit) for edit in edits}
    skipped = [f for f, edit in zip(wanted, candidates, strict=True) if id(edit) not in kept]
    return edits, skipped


def without_overlaps(edits: list[Edit]) -> list[Edit]:
    """Keep edits that do not overlap an earlier one: earliest start first, then shortest, then rule."""
    kept: list[Edit] = []
    position = -1
    for edit in sorted(edits, key=lambda e: (e.start, e.end, e.rule)):
        previous = kept[-1] if kept else None
        two_insertions = previous and previous.start == previous.end == edit.start == edit.end
        if edit.start < position or two_insertions:
            continue
        kept.append(edit)
        position = edit.end
    return kept


def _fixable_in(finding: Finding, fmt: str) -> bool:
    """In markup, never edit a span that holds markup or a character reference."""
    return fmt == "txt" or not any(c in finding.text for c in "<>&`[]")


def apply_edits(text: str, edits: list[Edit]) -> str:
    parts: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        parts += [text[position : edit.start], edit.replacement]
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


@dataclass
class FileFix:
    path: str
    original: str
    fixed: str
    applied: list[Edit]
    skipped: list[Finding]

    @property
    def changed(self) -> bool:
        return self.original != self.fixed

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True),
            self.fixed.splitlines(keepends=True),
            fromfile=f"a/{self.path.lstrip('/')}",
            tofile=f"b/{self.path.lstrip('/')}",
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def fix_text(path: str, text: str, findings: list[Finding], unsafe: bool, fmt: str) -> FileFix:
    edits, skipped = plan_edits(findings, unsafe, fmt)
    for edit in edits:  # the file must still hold what was checked
        if not 0 <= edit.start <= edit.end <= len(text):
            raise InputError(f"{path}: changed while being fixed; run qa fix again")
    return FileFix(path, text, apply_edits(text, edits), edits, skipped)


def write_fixed(path: str, fixed: str) -> None:
    """Write in the file's own encoding (and byte-order mark) atomically, keeping its mode."""
    with open(path, "rb") as handle:
        raw = handle.read()
    codec, bom = sniff_encoding(raw)
    decode(raw, path)  # refuse to overwrite something that is no longer text
    data = bom + fixed.encode(codec)
    folder = os.path.dirname(os.path.abspath(path))
    temp = os.path.join(folder, f".{os.path.basename(path)}.qa-fix.tmp")
    mode = os.stat(path).st_mode & 0o7777
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
