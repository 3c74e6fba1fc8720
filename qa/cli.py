"""The `qa` command line: check, rules, eval.

Exit codes (DESIGN §2): 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, configuration or input error (one line on stderr), 3 internal error.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TypeVar

import click

from qa import __version__
from qa.model import Severity

F = TypeVar("F", bound=Callable[..., object])
EXIT_INPUT_ERROR = 2
EXIT_INTERNAL_ERROR = 3


class QaUsageError(click.ClickException):
    exit_code = EXIT_INPUT_ERROR

    def show(self, file=None) -> None:
        click.echo(f"qa: error: {self.message}", err=True)


def handle_errors(command: F) -> F:
    """Turn known errors into one line + exit 2, and anything else into exit 3 (unless --debug)."""

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> object:
        from qa.evaluate import GoldError
        from qa.glossary import GlossaryError

        debug = bool(kwargs.get("debug"))
        try:
            return command(*args, **kwargs)
        except (GlossaryError, GoldError, ValueError) as exc:
            if debug:
                raise
            raise QaUsageError(str(exc)) from None
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:
            if debug:
                raise
            click.echo(f"qa: internal error: {exc.__class__.__name__}: {exc} (rerun with --debug)", err=True)
            sys.exit(EXIT_INTERNAL_ERROR)

    return wrapper  # type: ignore[return-value]


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def _severity(ctx: click.Context, param: click.Parameter, value: str) -> Severity:
    return Severity.parse(value)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qa")
def main() -> None:
    """Find machine-translation artifacts and glossary violations in news text."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-g",
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(),
    help="Glossary YAML (repeatable; later wins per term). Default: the shipped world-news glossary.",
)
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE instead of stdout."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    callback=_severity,
    help="Lowest severity that makes the exit code 1.",
)
@click.option("--select", multiple=True, help="Rule codes or prefixes to run (comma-separated).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip (comma-separated; longest prefix wins).")
@click.option("--include", multiple=True, help="Glob of file names to check inside directories (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (repeatable).")
@click.option(
    "-j", "--jobs", type=click.IntRange(0), default=1, show_default=True, help="Worker processes (0: one per CPU)."
)
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when stdout is a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@handle_errors
def check(
    paths: tuple[str, ...], glossaries: tuple[str, ...], output_format: str, output: str | None,
    fail_on: Severity, select: tuple[str, ...], ignore: tuple[str, ...], include: tuple[str, ...],
    exclude: tuple[str, ...], jobs: int, color: bool | None, quiet: bool, debug: bool,
) -> None:  # fmt: skip
    """Check PATHS (files, directories, or - for stdin) and report findings."""
    from qa.documents import DEFAULT_INCLUDE
    from qa.engine import Settings, run
    from qa.glossary import load_glossaries

    glossary = load_glossaries(list(glossaries))
    settings = Settings(
        select=_codes(select), ignore=_codes(ignore), fail_on=fail_on,
        include=tuple(include) or DEFAULT_INCLUDE, exclude=tuple(exclude),
    )  # fmt: skip
    report = run(list(paths), glossary, settings, jobs=jobs)
    for error in report.errors:
        click.echo(f"qa: error: {error}", err=True)
    _write_report(report, output_format, output, color, quiet)
    sys.exit(report.exit_code(fail_on))


def _write_report(report: object, output_format: str, output: str | None, color: bool | None, quiet: bool) -> None:
    import io
    import os
    import tempfile

    from qa.reporters import reporter

    render = reporter(output_format)
    if output is None:
        use_color = color if color is not None else sys.stdout.isatty()
        buffer = io.StringIO()
        render(report, buffer, use_color)  # type: ignore[arg-type]
        text = buffer.getvalue()
        if quiet and output_format == "text":
            text = "".join(line for line in text.splitlines(keepends=True)[:-1])
        click.echo(text, nl=False)
        return
    # Write atomically: a half-written report must never replace a good one.
    folder = os.path.dirname(os.path.abspath(output))
    os.makedirs(folder, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".qa-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            render(report, stream, False)  # type: ignore[arg-type]
        os.replace(temp, output)
    except BaseException:
        os.unlink(temp)
        raise


@main.command()
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.argument("codes", nargs=-1)
def rules(output_format: str, codes: tuple[str, ...]) -> None:
    """List every rule (or the rules CODES): code, name, category, severity, fix, why, example."""
    import json

    from qa.checkers import all_rules

    selected = [r for r in all_rules() if not codes or any(r.code.startswith(c.upper()) for c in codes)]
    if output_format == "json":
        data = [
            {"code": r.code, "name": r.name, "category": str(r.category), "severity": str(r.severity),
             "fix": str(r.fix), "message": r.message, "why": r.why, "scope": r.scope,
             "examples": [{"bad": e.bad, "good": e.good} for e in r.examples]}
            for r in selected
        ]  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for r in selected:
        click.echo(f"{click.style(r.code, bold=True)} {r.name}  [{r.category}, {r.severity}, fix: {r.fix}]")
        click.echo(f"    {r.why}")
        click.echo(f"    Scope: {r.scope}")
        for example in r.examples:
            for label, text in (("bad: ", example.bad), ("good:", example.good)):
                if text is not None:
                    click.echo(f"    {label} " + text.replace("\n", "\n          "))
        click.echo()


@main.command("eval")
@click.option("--gold", required=True, type=click.Path(), help="Gold spans (JSON lines, DESIGN §4).")
@click.argument("paths", nargs=-1, required=True)
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path())
@click.option("--select", multiple=True)
@click.option("--ignore", multiple=True)
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="List every miss and false finding.")
@click.option("--debug", is_flag=True)
@handle_errors
def evaluate(
    gold: str, paths: tuple[str, ...], glossaries: tuple[str, ...], select: tuple[str, ...],
    ignore: tuple[str, ...], output_format: str, verbose: bool, debug: bool,
) -> None:  # fmt: skip
    """Score qa's findings on PATHS against gold span annotations."""
    import json
    import os

    from qa.engine import Settings, run
    from qa.evaluate import TIERS, load_gold, score
    from qa.glossary import load_glossaries

    spans = load_gold(gold)
    report = run(list(paths), load_glossaries(list(glossaries)), Settings(select=_codes(select), ignore=_codes(ignore)))
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
