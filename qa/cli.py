"""The `qa` command line: check, rules, eval.

Exit codes (DESIGN §2): 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, configuration or input error (one line on stderr), 3 internal error.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace

import click

from qa import __version__
from qa.cli_errors import handle_errors
from qa.glossary_cli import glossary
from qa.reporters import FORMATS
from qa.reporters.text import plural


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qa")
def main() -> None:
    """Find machine-translation artifacts and glossary violations in news text."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: the nearest .qa.toml, pyproject.toml [tool.qa] or setup.cfg [qa]).",
)
@click.option(
    "-g",
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(),
    help="Glossary YAML (repeatable; later wins per term). Default: the shipped world-news glossary.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Output format (repeatable, paired in order with --output).",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Write a report to FILE (repeatable).",
)
@click.option(
    "--html", "html_output", type=click.Path(dir_okay=False), help="Also write the HTML correction report to FILE."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: error].",
)
@click.option("--select", multiple=True, help="Rule codes or prefixes to run (comma-separated).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip (comma-separated; longest prefix wins).")
@click.option("--include", multiple=True, help="Glob of file names to check inside directories (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (repeatable).")
@click.option(
    "--baseline", type=click.Path(dir_okay=False), help="Report only findings not recorded in this baseline file."
)
@click.option(
    "--write-baseline", type=click.Path(dir_okay=False), help="Record the current findings in FILE and exit 0."
)
@click.option("--changed-since", metavar="REF", help="Check only files changed since the git REF.")
@click.option("--changed-lines", is_flag=True, help="With --changed-since: report only findings on changed lines.")
@click.option("--embeddings/--no-embeddings", default=None, help="Run the embedding checkers E001/E002 [default: off].")
@click.option("--model", default=None, help="sentence-transformers model name or path [default: packaged MiniLM].")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Embedding cache folder.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0),
    default=None,
    help="Worker processes (0: one per CPU when the run is big enough) [default: 0].",
)
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when stdout is a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no progress bar.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@handle_errors
def check(paths: tuple[str, ...], **options: object) -> None:
    """Check PATHS (files, directories, or - for stdin) and report findings."""
    from qa.baseline import filter_known, load_baseline, write_baseline
    from qa.config import find_config, load_config, settings_from
    from qa.engine import run
    from qa.glossary import load_glossaries
    from qa.output import output_pairs, write_report

    config = load_config(options["config_path"] or find_config())  # type: ignore[arg-type]
    settings, glossary_paths, jobs = settings_from(config, options)
    if options["changed_lines"] and not options["changed_since"]:
        raise click.UsageError("--changed-lines needs --changed-since REF")
    if not paths:
        if not options["changed_since"]:
            raise click.UsageError("no PATHS given (use . for the current folder, - for stdin)")
        paths = (".",)
    formats, outputs = tuple(options["formats"]), tuple(options["outputs"])  # type: ignore[arg-type]
    pairs = output_pairs(formats, outputs)  # type: ignore[arg-type]
    if options["html_output"]:
        pairs.append(("html", str(options["html_output"])))
    if any(fmt == "html" for fmt, _ in pairs):
        settings = replace(settings, keep_text=True)
    glossary = load_glossaries(glossary_paths)
    if not options["quiet"]:
        from qa.glossary_tools.merge import override_notes

        for note in override_notes(glossary):
            click.echo(f"qa: note: {note}", err=True)
    report = run(list(paths), glossary, settings, jobs=jobs)
    report.fail_on = settings.fail_on
    if options["changed_since"]:
        from qa.gitdiff import changed_files, changed_lines

        keep = changed_files(str(options["changed_since"]))
        report.files = [r for r in report.files if r.path == "-" or os.path.realpath(r.path) in keep]
        if options["changed_lines"]:
            for result in report.files:
                lines = changed_lines(str(options["changed_since"]), result.path) if result.path != "-" else None
                if lines is not None:
                    result.findings = [f for f in result.findings if f.line in lines]
    for error in report.errors:
        click.echo(f"qa: error: {error}", err=True)
    if options["write_baseline"]:
        count = write_baseline(report, str(options["write_baseline"]))
        click.echo(f"Wrote {plural(count, 'finding')} to {options['write_baseline']}", err=True)
        sys.exit(2 if report.errors else 0)
    if options["baseline"]:
        known = filter_known(report, load_baseline(str(options["baseline"])))
        if known and not options["quiet"]:
            click.echo(f"qa: {plural(known, 'known finding')} hidden by the baseline", err=True)
    color = options["color"] if options["color"] is not None else sys.stdout.isatty()
    for fmt, output in pairs:
        write_report(report, fmt, output, bool(color), bool(options["quiet"]))
    sys.exit(report.exit_code(settings.fail_on))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(), help="Glossary YAML (repeatable).")
@click.option("--select", multiple=True, help="Fix only findings of these rule codes or prefixes.")
@click.option("--ignore", multiple=True, help="Do not fix findings of these rule codes or prefixes.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe (ambiguous or heuristic).")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff and write nothing.")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if anything would change.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@handle_errors
def fix(paths: tuple[str, ...], **options: object) -> None:
    """Apply the suggested fixes to PATHS in place (safe fixes only, unless --unsafe-fixes)."""
    from qa.config import find_config, load_config, settings_from
    from qa.documents import format_for
    from qa.engine import run
    from qa.fixes import fix_text, write_fixed
    from qa.glossary import load_glossaries

    if "-" in paths:
        raise click.UsageError("qa fix edits files in place; it cannot read stdin")
    config = load_config(options["config_path"] or find_config())  # type: ignore[arg-type]
    options = {**options, "fail_on": None, "include": (), "exclude": (), "embeddings": False, "model": None,
               "cache_dir": None, "jobs": None}  # fmt: skip
    settings, glossary_paths, jobs = settings_from(config, options)
    settings = replace(settings, keep_text=True, embeddings=False)
    report = run(list(paths), load_glossaries(glossary_paths), settings, jobs=jobs)
    changed = 0
    for result in report.files:
        if result.error:
            click.echo(f"qa: error: {result.error}", err=True)
            continue
        outcome = fix_text(
            result.path, result.text or "", result.findings, bool(options["unsafe_fixes"]), format_for(result.path)
        )
        if not outcome.changed:
            continue
        changed += 1
        if options["show_diff"]:
            click.echo(outcome.diff(), nl=False)
        elif not options["check_only"]:
            write_fixed(result.path, outcome.fixed)
        if not options["quiet"]:
            verb = "Would fix" if options["show_diff"] or options["check_only"] else "Fixed"
            note = f" ({plural(len(outcome.skipped), 'overlapping fix')} skipped)" if outcome.skipped else ""
            click.echo(f"{verb} {plural(len(outcome.applied), 'finding')} in {result.path}{note}", err=True)
    if not options["quiet"] and not changed:
        click.echo("Nothing to fix", err=True)
    if report.errors:
        sys.exit(2)
    sys.exit(1 if options["check_only"] and changed else 0)


@main.command()
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@click.argument("codes", nargs=-1)
def rules(output_format: str, codes: tuple[str, ...]) -> None:
    """Document every rule (or the rules CODES): what it finds, why, where, fix safety, examples."""
    from qa.checkers import all_rules
    from qa.ruledocs import rules_json, rules_markdown, rules_text

    selected = [r for r in all_rules() if not codes or any(r.code.startswith(c.upper()) for c in codes)]
    if output_format == "json":
        click.echo(rules_json(selected), nl=False)
    elif output_format == "markdown":
        click.echo(rules_markdown(selected), nl=False)
    else:
        click.echo(rules_text(selected, click.style), nl=False)


@main.command("eval")
@click.option("--gold", required=True, type=click.Path(), help="Gold spans (JSON lines, DESIGN §4).")
@click.argument("paths", nargs=-1, required=True)
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path())
@click.option("--select", multiple=True)
@click.option("--ignore", multiple=True)
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="List every miss and false finding.")
@click.option("--embeddings", is_flag=True, help="Also run the embedding checkers (as `qa check --embeddings`).")
@click.option("--model", default=None, help="sentence-transformers model name or path [default: packaged MiniLM].")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Embedding cache folder.")
@click.option("--debug", is_flag=True)
@handle_errors
def evaluate(
    gold: str, paths: tuple[str, ...], glossaries: tuple[str, ...], select: tuple[str, ...],
    ignore: tuple[str, ...], output_format: str, verbose: bool, embeddings: bool, model: str | None,
    cache_dir: str | None, debug: bool,
) -> None:  # fmt: skip
    """Score qa's findings on PATHS against gold span annotations."""
    import json
    import os

    from qa.engine import Settings, run
    from qa.evaluate import TIERS, load_gold, score
    from qa.glossary import load_glossaries

    spans = load_gold(gold)
    settings = Settings(
        select=_codes(select), ignore=_codes(ignore), embeddings=embeddings, model=model, cache_dir=cache_dir
    )
    report = run(list(paths), load_glossaries(list(glossaries)), settings)
    for error in report.errors:
        click.echo(f"qa: error: {error}", err=True)
    checked = {os.path.basename(r.path) for r in report.files if not r.error}
    result = score(spans, report.findings, checked & {g.doc for g in spans})
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(result.summary_line())
        for tier in TIERS:
            if result.totals[tier]:
                click.echo(f"  {tier:<7} recall {result.recall(tier):.2f} ({result.hits[tier]}/{result.totals[tier]})")
        for category in sorted(result.category_totals):
            hit, total = result.category_hits[category], result.category_totals[category]
            click.echo(f"  {category:<12} recall {hit / total:.2f} ({hit}/{total})")
        if verbose:
            for span in result.misses:
                click.echo(f"MISS {span.tier} {span.doc} {span.quote[:60]!r} {list(span.accept)}")
            for f in result.false_positives:
                click.echo(f"FP {f.path}:{f.line}:{f.column} {f.rule} {f.category} {f.text[:40]!r} {f.message[:80]}")
    sys.exit(2 if report.errors else 0)


main.add_command(glossary)
