"""The HTML correction report: one self-contained page for copy editors.

`build_view` turns a `Report` into plain view-model dataclasses: per file, the text cut into
segments, each carrying the ids of the findings that cover it (overlapping findings split the
text, so no character is lost or repeated), the findings grouped by category, counts, and the
post-edit distance (chrF, TER) between the original and the text corrected with the default
(safe) fixes. `report.html.j2` renders them with autoescaping on.

Everything interactive (details, accept/reject, the corrected text, its word diff, copy and
download) runs in inline JavaScript (`report.js`) that reads a JSON data block; the page loads
nothing from the network, and a Content-Security-Policy allows only that one script (by hash).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

import jinja2
from markupsafe import Markup

from qa import __version__
from qa.fixes import Edit, apply_edits, without_overlaps
from qa.model import Category, Finding, FixSafety, Severity

if TYPE_CHECKING:
    from qa.engine import Report
    from qa.glossary import Glossary

CATEGORIES: tuple[str, ...] = tuple(str(c) for c in Category)
SEVERITIES: tuple[str, ...] = tuple(str(s) for s in sorted(Severity, reverse=True))
_JSON_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


@dataclass(frozen=True)
class FindingView:
    id: str  # "f<file>-<n>": the anchor in the text
    rule: str
    name: str
    category: str
    severity: str
    confidence: float
    message: str
    start: int
    end: int
    line: int
    column: int
    text: str
    suggestion: str | None
    fix: str
    accepted: bool  # the default decision: safe fixes are accepted, unsafe ones are not

    @property
    def title(self) -> str:
        hint = f" → {self.suggestion!r}" if self.suggestion is not None else ""
        return f"{self.rule} {self.name} · {self.category} · {self.severity}: {self.message}{hint}"


@dataclass(frozen=True)
class Segment:
    """A run of text covered by the same findings; `ids` is empty for plain text."""

    text: str
    ids: tuple[str, ...] = ()
    category: str = ""  # of the innermost covering finding (it sets the colour)
    severity: str = ""  # the highest covering severity (it sets the underline)
    anchors: tuple[str, ...] = ()  # findings starting here
    title: str = ""
    caret: bool = False  # a zero-width finding (an insertion point)


@dataclass
class Scores:
    chrf: float | None = None
    ter: float | None = None


@dataclass
class FileView:
    index: int
    anchor: str
    path: str
    error: str | None
    text: str | None
    findings: list[FindingView]
    segments: list[Segment]
    corrected: str | None
    scores: Scores
    by_category: Counter[str]
    by_severity: Counter[str]

    @property
    def dirname(self) -> str:
        folder = os.path.dirname(self.path)
        return folder + "/" if folder else ""

    @property
    def basename(self) -> str:
        return os.path.basename(self.path) or self.path

    @property
    def groups(self) -> list[tuple[str, list[FindingView]]]:
        return [(c, [f for f in self.findings if f.category == c]) for c in CATEGORIES if self.by_category[c]]

    @property
    def fixable(self) -> int:
        return sum(1 for f in self.findings if f.suggestion is not None)

    @property
    def accepted(self) -> int:
        return sum(1 for f in self.findings if f.accepted)


@dataclass
class GlossaryRow:
    term: str
    kind: str
    source: str
    count: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    files: set[str] = field(default_factory=set)


@dataclass
class ReportView:
    files: list[FileView]
    by_category: Counter[str]
    by_severity: Counter[str]
    scores: Scores
    signatures: dict[str, str]
    glossary_name: str
    glossary_paths: list[str]
    glossary_rows: list[GlossaryRow]
    glossary_unfired: list[str]
    model: str | None
    data: Markup  # the JSON data block, safe to place inside <script type="application/json">
    version: str = __version__
    categories: tuple[str, ...] = CATEGORIES
    severities: tuple[str, ...] = SEVERITIES

    @property
    def total(self) -> int:
        return sum(len(f.findings) for f in self.files)

    @property
    def fixable(self) -> int:
        return sum(f.fixable for f in self.files)

    @property
    def accepted(self) -> int:
        return sum(f.accepted for f in self.files)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.files if f.error)


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("qa", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    assert env.loader is not None
    script = env.loader.get_source(env, "report.js")[0]
    style = env.loader.get_source(env, "report.css")[0]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    template = env.get_template("report.html.j2")
    stream.write(
        template.render(
            view=build_view(report), script=Markup(script), style=Markup(style), script_hash=f"sha256-{digest}"
        )
    )


def build_view(report: Report) -> ReportView:
    from sacrebleu.metrics import CHRF, TER  # lazily: only the HTML report needs sacrebleu

    chrf, ter = CHRF(), TER(case_sensitive=True)  # case fixes ("Kim Jong UN") are edits too
    files: list[FileView] = []
    originals: list[str] = []
    corrections: list[str] = []
    for index, result in enumerate(report.files, start=1):
        text = result.text
        views = [_finding_view(f, index, n, text) for n, f in enumerate(result.findings, start=1)]
        corrected = apply_fixes(text, views) if text is not None else None
        scores = Scores()
        if text is not None and corrected is not None and text.strip():
            hyps, refs = _segments_for_scoring(text, corrected)
            originals += hyps
            corrections += refs
            unchanged = corrected == text  # no need to ask sacrebleu
            scores = (
                Scores(100.0, 0.0)
                if unchanged
                else Scores(chrf.corpus_score(hyps, [refs]).score, ter.corpus_score(hyps, [refs]).score)
            )
        files.append(
            FileView(
                index=index,
                anchor=f"file-{index}",
                path=result.path,
                error=result.error,
                text=text,
                findings=views,
                segments=segment(text, views) if text is not None else [],
                corrected=corrected,
                scores=scores,
                by_category=Counter(f.category for f in views),
                by_severity=Counter(f.severity for f in views),
            )
        )
    corpus = Scores()
    if originals:
        corpus = Scores(
            chrf.corpus_score(originals, [corrections]).score, ter.corpus_score(originals, [corrections]).score
        )
    else:  # sacrebleu knows its signature only after scoring something
        chrf.corpus_score(["."], [["."]])
        ter.corpus_score(["."], [["."]])
    rows, unfired = glossary_usage(report.findings, report.glossary)
    return ReportView(
        files=files,
        by_category=sum((f.by_category for f in files), Counter()),
        by_severity=sum((f.by_severity for f in files), Counter()),
        scores=corpus,
        signatures={"chrF": str(chrf.get_signature()), "TER": str(ter.get_signature())},
        glossary_name=report.glossary.name if report.glossary else "",
        glossary_paths=[_short_path(p) for p in report.glossary.paths] if report.glossary else [],
        glossary_rows=rows,
        glossary_unfired=unfired,
        model=report.model,
        data=script_json(_data(files)),
    )


def _finding_view(finding: Finding, file_index: int, n: int, text: str | None) -> FindingView:
    start, end = finding.start, finding.end
    if text is not None:  # never trust offsets blindly: clamp them into the text
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
    return FindingView(
        id=f"f{file_index}-{n}",
        rule=finding.rule,
        name=finding.name,
        category=str(finding.category),
        severity=str(finding.severity),
        confidence=finding.confidence,
        message=finding.message,
        start=start,
        end=end,
        line=finding.line,
        column=finding.column,
        text=finding.text,
        suggestion=finding.suggestion,
        fix=str(finding.fix),
        accepted=finding.suggestion is not None and finding.fix == FixSafety.SAFE,
    )


def segment(text: str, findings: list[FindingView]) -> list[Segment]:
    """Cut `text` at every finding boundary; each piece lists the findings covering it."""
    starting: dict[int, list[FindingView]] = defaultdict(list)
    for f in findings:
        starting[f.start].append(f)
    cuts = sorted({0, len(text), *(f.start for f in findings), *(f.end for f in findings)})
    segments: list[Segment] = []
    active: list[FindingView] = []
    for i, here in enumerate(cuts):
        segments += [
            Segment("", (f.id,), f.category, f.severity, (f.id,), f.title, caret=True)
            for f in starting[here]
            if f.start == f.end
        ]
        if i + 1 == len(cuts):
            break
        nxt = cuts[i + 1]
        active = [f for f in active if f.end > here] + [f for f in starting[here] if f.end > f.start]
        if not active:
            segments.append(Segment(text[here:nxt]))
            continue
        inner = min(active, key=lambda f: (f.end - f.start, -Severity.parse(f.severity)))
        segments.append(
            Segment(
                text=text[here:nxt],
                ids=tuple(f.id for f in active),
                category=inner.category,
                severity=str(max(Severity.parse(f.severity) for f in active)),
                anchors=tuple(f.id for f in active if f.start == here),
                title="\n".join(f.title for f in active),
            )
        )
    return segments


def apply_fixes(text: str, findings: list[FindingView]) -> str:
    """Apply the accepted fixes; of overlapping edits the earlier-starting one wins (as in report.js)."""
    accepted = [Edit(f.start, f.end, f.suggestion, f.rule) for f in findings if f.accepted and f.suggestion is not None]
    return apply_edits(text, without_overlaps(accepted))


def _segments_for_scoring(original: str, corrected: str) -> tuple[list[str], list[str]]:
    """Score line by line when the fixes kept the lines aligned (faster TER); else the article at once."""
    hyps, refs = original.splitlines(), corrected.splitlines()
    if len(hyps) != len(refs):
        return [original], [corrected]
    pairs = [(h, r) for h, r in zip(hyps, refs, strict=True) if h.strip() or r.strip()]
    return [h for h, _ in pairs], [r for _, r in pairs]


def glossary_usage(findings: list[Finding], glossary: Glossary | None) -> tuple[list[GlossaryRow], list[str]]:
    """Which glossary entries fired (rule codes T*), and how often; plus the entries that did not."""
    terms = glossary.terms if glossary else []
    canonical = {t.term.casefold(): i for i, t in enumerate(terms)}
    forms: dict[str, int] = {}
    for i, t in enumerate(terms):
        for form in (t.term, t.full, *t.variants, *t.accepted, *t.implicit_variants()):
            if form:
                forms.setdefault(form.casefold(), i)
    rows: dict[str, GlossaryRow] = {}
    for f in findings:
        if not f.rule.startswith("T"):
            continue
        suggestion = (f.suggestion or "").casefold()
        index = canonical.get(suggestion, forms.get(f.text.casefold(), forms.get(suggestion)))
        if index is None:
            key = f.suggestion or f.text
            row = rows.setdefault(key, GlossaryRow(term=key, kind="not in glossary", source=""))
        else:
            t = terms[index]
            row = rows.setdefault(t.term, GlossaryRow(term=t.term, kind=t.kind, source=os.path.basename(t.source)))
        row.count += 1
        row.rules[f"{f.rule} {f.name}"] += 1
        row.forms[f.text] += 1
        row.files.add(f.path)
    fired = sorted(rows.values(), key=lambda r: (-r.count, r.term.casefold()))
    return fired, [t.term for t in terms if t.term not in rows]


def _data(files: list[FileView]) -> dict[str, Any]:
    """What report.js needs: each text and its fixes, offsets in UTF-16 code units (JS strings)."""
    entries = []
    for f in files:
        if f.text is None:
            continue
        units = _utf16_offsets(f.text)
        edits = [
            {
                "id": v.id,
                "start": units(v.start),
                "end": units(v.end),
                "suggestion": v.suggestion,
                "accepted": v.accepted,
            }
            for v in f.findings
            if v.suggestion is not None
        ]
        entries.append({"id": f.anchor, "name": _download_name(f.path), "text": f.text, "edits": edits})
    return {"files": entries}


def _utf16_offsets(text: str) -> Callable[[int], int]:
    if all(ord(c) < 0x10000 for c in text):
        return lambda offset: offset
    prefix = [0]
    for c in text:
        prefix.append(prefix[-1] + (2 if ord(c) >= 0x10000 else 1))
    return lambda offset: prefix[offset]


def _short_path(path: str) -> str:
    """A glossary `file:line` relative to the working directory when it lies below it."""
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _download_name(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0] or "article"
    return f"{stem}.corrected.txt"


def script_json(data: object) -> Markup:
    """JSON that cannot end its <script> block early: `<`, `>`, `&`, U+2028/2029 become escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES:
        text = text.replace(char, escape)
    return Markup(text)
