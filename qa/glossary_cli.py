"""`qa glossary`: tools for glossary maintainers (lint, test, stats, import, export).

Attached to the main command with `main.add_command(glossary)`. Exit codes as for `qa check`:
0 nothing found (at or above --fail-on), 1 problems found, 2 usage or input error (one line on
stderr naming file:line), 3 internal error.

Several glossaries are used together the way `qa check --glossary A --glossary B` uses them: B is
merged over A and, for an entry with the same `term`, the later file wins as a whole; lint reports
each replacement (G010) so that no override goes unnoticed.
"""

from __future__ import annotations

import json
import os
import sys

import click

from qa.cli_errors import handle_errors
from qa.model import Severity
from qa.output import atomic_write

GLOSSARY_SUFFIXES = (".yml", ".yaml")


def _severity(ctx: click.Context, param: click.Parameter, value: str) -> Severity:
    return Severity.parse(value)


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def _files(files: tuple[str, ...]) -> list[str]:
    from qa.glossary import default_glossary_path

    return list(files) or [default_glossary_path()]


def _write(data: str | bytes, output: str | None) -> None:
    """Write to stdout, or atomically to `output` (a half-written glossary never replaces a good one)."""
    if output is None or output == "-":
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            click.echo(data, nl=False)
        return
    atomic_write(output, data)


@click.group("glossary", context_settings={"help_option_names": ["-h", "--help"]})
def glossary() -> None:
    """Glossary maintainers' tools: lint, test, stats, import, export.

    FILES default to the shipped glossary. Several files are merged in order; for the same term
    the later file wins (the whole entry is replaced), as with `qa check -g A -g B`.
    """


@glossary.command("lint")
@click.argument("files", nargs=-1, type=click.Path())
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
    callback=_severity, help="Lowest severity that makes the exit code 1.",
)  # fmt: skip
@click.option("--select", multiple=True, help="Codes or prefixes to report (comma-separated).")
@click.option("--ignore", multiple=True, help="Codes or prefixes to skip (comma-separated; longest prefix wins).")
@click.option("--list-codes", is_flag=True, help="Print the lint codes and exit.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@handle_errors
def lint_command(
    files: tuple[str, ...], output_format: str, fail_on: Severity, select: tuple[str, ...],
    ignore: tuple[str, ...], list_codes: bool, debug: bool,
) -> None:  # fmt: skip
    """Find problems in glossary FILES: duplicates, clashing variants, bad patterns, missing kinds."""
    from qa.engine import rule_selected
    from qa.glossary_tools.lint import CODES, lint
    from qa.glossary_tools.source import read_raw

    if list_codes:
        for code in CODES.values():
            click.echo(f"{code.code} {code.name} [{code.severity}] {code.why}")
        return
    paths = _files(files)
    problems = [p for p in lint([read_raw(p) for p in paths]) if rule_selected(p.code, _codes(select), _codes(ignore))]
    if output_format == "json":
        click.echo(
            json.dumps({"files": paths, "problems": [p.to_dict() for p in problems]}, ensure_ascii=False, indent=1)
        )
    else:
        for problem in problems:
            click.echo(str(problem))
        counts = {s: sum(1 for p in problems if p.severity == s) for s in sorted(Severity, reverse=True)}
        detail = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        entries = f"{len(paths)} file{'s' if len(paths) != 1 else ''}"
        click.echo(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''}{f' ({detail})' if detail else ''} in {entries}"
        )
    sys.exit(1 if any(p.severity >= fail_on for p in problems) else 0)


@glossary.command("test")
@click.argument("files", nargs=-1, type=click.Path())
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@handle_errors
def test_command(files: tuple[str, ...], output_format: str, debug: bool) -> None:
    """Run every entry's examples: each bad must be fixed to its good, each good must raise nothing."""
    from qa.glossary import load_glossaries
    from qa.glossary_tools.selftest import run_examples
    from qa.glossary_tools.source import read_raw

    paths = _files(files)
    outcome = run_examples(load_glossaries(paths), [read_raw(p) for p in paths])
    if output_format == "json":
        data = {"files": paths, "examples": outcome.examples, "failures": [f.to_dict() for f in outcome.failures]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        for failure in outcome.failures:
            click.echo(f"{failure.location}: {failure.term}: {failure.reason}")
            click.echo(f"    text:     {failure.text}")
            click.echo(f"    expected: {failure.expected}")
            click.echo(f"    got:      {failure.got}")
            if failure.diff():
                click.echo(f"    diff:     {failure.diff()}")
        failed = len(outcome.failures)
        click.echo(f"{outcome.examples} examples, {failed} failure{'s' if failed != 1 else ''}")
    sys.exit(1 if outcome.failures else 0)


@glossary.command("stats")
@click.argument("paths", nargs=-1, required=True)
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(), help="Glossary YAML (repeatable).")
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--include", multiple=True, help="Glob of file names to read inside directories (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (repeatable).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@handle_errors
def stats_command(
    paths: tuple[str, ...], glossaries: tuple[str, ...], output_format: str, include: tuple[str, ...],
    exclude: tuple[str, ...], debug: bool,
) -> None:  # fmt: skip
    """How often each entry and variant fired on a corpus: qa glossary stats [GLOSSARY.yml...] PATHS...

    Arguments ending in .yml or .yaml are glossaries (as are -g options); the rest are the files
    and directories of the corpus.
    """
    from qa.documents import DEFAULT_INCLUDE
    from qa.glossary import load_glossaries
    from qa.glossary_tools.stats import corpus_stats

    files = [*glossaries, *(p for p in paths if p.lower().endswith(GLOSSARY_SUFFIXES))]
    corpus = [p for p in paths if not p.lower().endswith(GLOSSARY_SUFFIXES)]
    if not corpus:
        raise click.UsageError("give the corpus files or directories after the glossaries")
    merged = load_glossaries(files)
    result = corpus_stats(corpus, merged, tuple(include) or DEFAULT_INCLUDE, tuple(exclude))
    for error in result.errors:
        click.echo(f"qa: error: {error}", err=True)
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(merged), ensure_ascii=False, indent=1))
    else:
        _render_stats(result, merged)
    sys.exit(2 if result.errors else 0)


def _render_stats(result: object, merged: object) -> None:
    from qa.glossary_tools.stats import CorpusStats

    assert isinstance(result, CorpusStats)
    fired = sorted((e for e in result.entries if e.fired), key=lambda e: (-e.fired, -e.uses, e.term))
    click.echo(f"{result.documents} documents; {len(fired)} of {len(result.entries)} entries fired")
    if fired:
        click.echo(f"{'fired':>6} {'uses':>6} {'docs':>5}  entry")
    for entry in fired:
        parts = [f"{form} {n}" for form, n in entry.variants.most_common()]
        rules = (("case", entry.case), ("patterns", entry.patterns), ("mixed", entry.mixed), ("country", entry.country))
        parts += [f"{label} {n}" for label, n in rules if n]
        click.echo(f"{entry.fired:>6} {entry.uses:>6} {entry.documents:>5}  {entry.term}  [{', '.join(parts)}]")
    never = result.never_fired
    click.echo(f"Never fired ({len(never)}):")
    for entry in never:
        used = f" (used {entry.uses} times)" if entry.uses else ""
        click.echo(f"  {entry.source}: {entry.term}{used}")
    unseen = result.unseen_variants(merged)  # type: ignore[arg-type]
    click.echo(f"Variants that never fired: {len(unseen)}")


@glossary.command("import")
@click.argument("source", type=click.Path())
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the glossary YAML to FILE (default stdout)."
)
@click.option("--from", "input_format", type=click.Choice(["auto", "csv", "tbx"]), default="auto", show_default=True,
              help="Input format (auto: from the file extension).")  # fmt: skip
@click.option("--lang", default="en", show_default=True, help="TBX: the language section to import.")
@click.option(
    "--admitted-as", type=click.Choice(["accepted", "variant"]), default="accepted", show_default=True,
    help="TBX: what an admitted term becomes (accepted: tolerated, not mixed; variant: always flagged).",
)  # fmt: skip
@click.option("--name", help="Glossary name (default: the TBX title or the file name).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@handle_errors
def import_command(
    source: str, output: str | None, input_format: str, lang: str, admitted_as: str, name: str | None, debug: bool
) -> None:
    """Convert a CSV or TBX (TBX-Basic, v2 or v3) file into glossary YAML."""
    from qa.glossary import parse_glossary
    from qa.glossary_tools import csvio, tbx
    from qa.glossary_tools.yamlio import dump_entries

    fmt = input_format if input_format != "auto" else _format_of(source)
    try:
        with open(source, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ValueError(f"{source}: cannot read ({exc.strerror or exc})") from None
    title = None
    if fmt == "tbx":
        title, entries = tbx.import_tbx(data, source, language=lang, admitted=admitted_as)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{source}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        entries = csvio.import_csv(text, source)
    if not entries:
        raise ValueError(f"{source}: no entries found" + (f" in language {lang!r}" if fmt == "tbx" else ""))
    text = dump_entries(entries, name or title or os.path.splitext(os.path.basename(source))[0], lang)
    parse_glossary(text, output or "<output>")  # what is written must load
    _write(text, output)
    if output:
        click.echo(f"{len(entries)} entries written to {output}", err=True)


def _format_of(path: str) -> str:
    extension = os.path.splitext(path)[1].lower()
    if extension in (".tbx", ".xml"):
        return "tbx"
    if extension in (".csv", ".tsv", ".txt"):
        return "csv"
    raise ValueError(f"{path}: cannot tell the format from the extension; give --from csv or --from tbx")


@glossary.command("export")
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["csv", "tbx", "yaml"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE (default stdout).")
@click.option(
    "--tbx-version", type=click.Choice(["3", "2"]), default="3", show_default=True,
    help="3: ISO 30042:2019 <tbx>; 2: ISO 30042:2008 <martif> (translate-toolkit, older CAT tools).",
)  # fmt: skip
@click.option("--lang", default=None, help="Language of the terms (default: the glossary's `language`, else en).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@handle_errors
def export_command(
    files: tuple[str, ...], output_format: str, output: str | None, tbx_version: str, lang: str | None, debug: bool
) -> None:
    """Write glossary FILES (merged, later wins) as CSV, TBX-Basic or normalised YAML."""
    from qa.glossary import load_glossaries
    from qa.glossary_tools import csvio, tbx
    from qa.glossary_tools.source import read_raw
    from qa.glossary_tools.yamlio import dump_glossary

    paths = _files(files)
    merged = load_glossaries(paths)
    language = lang or next((r.language for r in map(read_raw, paths) if r.language), None) or "en"
    if output_format == "csv":
        _write(csvio.export_csv(merged), output)
    elif output_format == "yaml":
        _write(dump_glossary(merged, language=language), output)
    else:
        lost = tbx.not_carried(merged)
        if lost:
            detail = ", ".join(f"{field} of {n} entr{'y' if n == 1 else 'ies'}" for field, n in lost.items())
            click.echo(f"qa: note: TBX-Basic cannot carry {detail}; they are left out", err=True)
        _write(tbx.export_tbx(merged, language=language, version=int(tbx_version)), output)


@glossary.command("suggest")
@click.argument("paths", nargs=-1, required=True)
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(), help="Glossary YAML (repeatable).")
@click.option("--min-count", type=click.IntRange(1), default=3, show_default=True,
              help="Mentions from which a name missing from the glossary is suggested.")  # fmt: skip
@click.option("--include", multiple=True, help="Glob of file names to read inside directories (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (repeatable).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the YAML to FILE instead of stdout.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@handle_errors
def suggest_command(
    paths: tuple[str, ...], glossaries: tuple[str, ...], min_count: int, include: tuple[str, ...],
    exclude: tuple[str, ...], output: str | None, debug: bool,
) -> None:  # fmt: skip
    """Mine PATHS for glossary entries: names spelled several ways, frequent names missing.

    Prints ready-to-paste YAML: the canonical form is the glossary's if there is one, else the
    most frequent spelling; each form comes with its count and an example sentence.
    """
    from qa.documents import DEFAULT_INCLUDE, InputError, discover, read_document
    from qa.glossary import load_glossaries
    from qa.names import suggest

    errors: list[str] = []

    def documents():
        for path in discover(list(paths), tuple(include) or DEFAULT_INCLUDE, tuple(exclude)):
            try:
                yield read_document(path)
            except InputError as exc:
                errors.append(str(exc))
                click.echo(f"qa: error: {exc}", err=True)

    _write(suggest(documents(), load_glossaries(list(glossaries)), min_count=min_count), output)
    sys.exit(2 if errors else 0)
