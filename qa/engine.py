"""Running checkers: one document in, located findings out; a run over many files in a Report.

`check_document` is a pure function of (document, context, settings), so a run can be mapped
over a process pool (`-j N`) without shared state.
"""

from __future__ import annotations

import fnmatch
import hashlib
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath

from qa.checkers import Checker, Context, all_checkers
from qa.collector import collector_paused, long_lived_frozen
from qa.documents import DEFAULT_INCLUDE, Document, InputError, discover, read_document
from qa.glossary import Glossary
from qa.model import FileResult, Finding, Severity
from qa.suppressions import apply_suppressions, parse_suppressions


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, codes)
    keep_text: bool = False  # keep each file's text for reporters that show it (HTML)
    embeddings: bool = False  # run the embedding checkers after the rule pass
    model: str | None = None  # sentence-transformers model name or path; None: the packaged default
    cache_dir: str | None = None  # embedding cache; None: the user cache dir
    progress: bool = False  # progress bar on stderr for long embedding runs


@cache
def rule_selected(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """flake8's rule: the longest matching prefix wins; an empty select selects everything.
    (Cached: asked for every checker and finding of every document, with a handful of arguments.)"""
    chosen = max((len(p) for p in select if code.startswith(p)), default=-1 if select else 0)
    dropped = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    return chosen >= 0 and chosen > dropped


def check_document(
    doc: Document, context: Context, settings: Settings, checkers: Iterable[Checker] | None = None
) -> list[Finding]:
    findings: list[Finding] = []
    select, ignore = settings.select, settings.ignore + path_ignores(doc.path, settings)
    for checker in checkers if checkers is not None else all_checkers():
        if not any(rule_selected(r.code, select, ignore) for r in checker.rules):
            continue
        findings.extend(locate(f, doc) for f in checker.check(doc, context) if rule_selected(f.rule, select, ignore))
    return sorted(set(findings), key=Finding.sort_key)


def path_ignores(path: str, settings: Settings) -> tuple[str, ...]:
    """Codes ignored for this path by `per-path-ignores` globs (matched on the POSIX path)."""
    if not settings.per_path_ignores:
        return ()
    posix = PurePath(path).as_posix()
    return tuple(
        code
        for glob, codes in settings.per_path_ignores
        if fnmatch.fnmatch(posix, glob) or fnmatch.fnmatch(os.path.basename(posix), glob)
        for code in codes
    )


def locate(finding: Finding, doc: Document) -> Finding:
    """Move a finding from view offsets to file offsets, with line, column and fingerprint."""
    start, end = doc.to_source(finding.start, finding.end)
    line, column = doc.line_column(start)
    return finding.placed(
        doc.path, start, end, doc.text[start:end], line, column, fingerprint(finding.rule, doc.text, start, end)
    )


def fingerprint(rule: str, text: str, start: int, end: int, context: int = 40) -> str:
    """Identity of a finding that survives edits elsewhere in the file (baselines, SARIF).

    The context is clipped to the finding's own lines, so edits to neighbouring lines do not
    change it.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    around = " ".join(text[max(line_start, start - context) : min(line_end, end + context)].split())
    return hashlib.sha1(f"{rule}\0{text[start:end]}\0{around}".encode()).hexdigest()[:16]


@dataclass
class Report:
    """The result model every reporter renders; it also decides the exit code."""

    files: list[FileResult] = field(default_factory=list)
    glossary: Glossary | None = None
    model: str | None = None
    fail_on: Severity = Severity.ERROR

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files for f in result.findings]

    @property
    def errors(self) -> list[str]:
        return [result.error for result in self.files if result.error]

    def exit_code(self, fail_on: Severity) -> int:
        if self.errors:
            return 2
        return 1 if any(f.severity >= fail_on for f in self.findings) else 0


def check_file(path: str, context: Context, settings: Settings) -> FileResult:
    try:
        doc = read_document(path)
    except InputError as exc:
        return FileResult(path=path, error=str(exc))
    findings = check_document(doc, context, settings)
    names = None
    if rule_selected("N002", settings.select, settings.ignore + path_ignores(path, settings)):
        from qa.names import summary_for

        names = summary_for(doc, context)  # reuses the analysis the names checker just did
    return FileResult(
        path=path,
        findings=findings,
        text=doc.text if settings.keep_text else None,
        suppressions=parse_suppressions(doc.text),
        names=names,
    )


# Below this many bytes per worker a process pool costs more than it saves (start-up ~0.1 s).
BYTES_PER_WORKER = 1_000_000
_worker_context: Context | None = None


def worker_count(jobs: int, files: list[str]) -> int:
    """How many processes check `files`: `jobs`, or with 0 one per available CPU when the run is
    big enough to pay for the pool; never more than there are files."""
    if jobs == 0:
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        jobs = min(cpus, sum(map(_size, files)) // BYTES_PER_WORKER)
    return max(1, min(jobs, len(files)))


def prepared_context(glossary: Glossary, settings: Settings) -> Context:
    """The checkers' context with the glossary compiled up front (the matcher, and the name index
    when name rules run), built with the collector paused and then frozen (see `qa.collector`)."""
    context = Context(glossary)
    with collector_paused():
        context.matcher  # noqa: B018
        if rule_selected("N", settings.select, settings.ignore):
            from qa.names.index import glossary_names

            glossary_names(glossary)
    return context


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # unreadable or gone: `check_file` reports it


def _check_in_pool(files: list[str], context: Context, settings: Settings, jobs: int) -> list[FileResult]:
    """Check files in worker processes. Forked workers inherit the parent's compiled glossary
    (`prepared_context`) instead of building it again; elsewhere each worker builds its own."""
    global _worker_context
    forking = "fork" in multiprocessing.get_all_start_methods()
    if forking:
        _worker_context = context
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("fork") if forking else None,
        initializer=None if forking else _init_worker,
        initargs=() if forking else (context.glossary,),
    )
    chunk = max(1, min(32, len(files) // (jobs * 8)))  # few round trips, yet an even finish
    try:
        # Forked workers inherit the paused collector (`run`); the results arrive as many small objects.
        with pool:
            return list(pool.map(_check_in_worker, files, [settings] * len(files), chunksize=chunk))
    finally:
        _worker_context = None


def _init_worker(glossary: Glossary) -> None:
    global _worker_context
    _worker_context = Context(glossary)


def _check_in_worker(path: str, settings: Settings) -> FileResult:
    assert _worker_context is not None
    return check_file(path, _worker_context, settings)


def _cross_document_names(report: Report, glossary: Glossary, settings: Settings) -> None:
    """One name spelled several ways across the files of a run (a reduce over per-file summaries)."""
    summaries = [result.names for result in report.files if result.names is not None]
    if len(summaries) > 1:
        from qa.names import corpus_name_findings

        extra = corpus_name_findings(summaries, glossary)
        for result in report.files:
            found = extra.get(result.path)
            if not found:
                continue
            doc = read_document(result.path)
            ignore = settings.ignore + path_ignores(result.path, settings)
            located = {locate(f, doc) for f in found if rule_selected(f.rule, settings.select, ignore)}
            result.findings = sorted({*result.findings, *located}, key=Finding.sort_key)
    for result in report.files:
        result.names = None  # summaries are large; reporters do not need them


def run(paths: list[str], glossary: Glossary, settings: Settings, jobs: int = 0) -> Report:
    """Check every file under `paths`; `jobs` processes (0: automatic, see `worker_count`)."""
    files = list(discover(paths, settings.include, settings.exclude))
    report = Report(glossary=glossary)
    context = prepared_context(glossary, settings)
    workers = 1 if "-" in files else worker_count(jobs, files)  # stdin is read once, by this process
    # Checking a file leaves no cyclic garbage (tests/test_engine.py holds it to that), so the
    # collector only walks the growing results, and the name summaries most: 10-15% of a big run.
    with long_lived_frozen(), collector_paused():
        if workers > 1:
            report.files = _check_in_pool(files, context, settings, workers)
        else:
            report.files = [check_file(path, context, settings) for path in files]
        _cross_document_names(report, glossary, settings)
    if settings.embeddings:
        # Corpus-level pass: one batched encoding over every sentence of every file.
        from qa.embeddings import embedding_pass

        embedding_pass(report, settings)
    for result in report.files:
        result.findings = apply_suppressions(result.findings, result.suppressions)
    return report
