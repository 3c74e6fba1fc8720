"""Writing reports: any format to stdout or to a file; several format/file pairs in one run."""

from __future__ import annotations

import io
import os
import tempfile

import click

from qa.engine import Report
from qa.reporters import EXTENSIONS, FORMATS, reporter


def output_pairs(formats: tuple[str, ...], outputs: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """Pair `--format` and `--output` in order; an output without a format takes its extension's.

    At most one format may go to stdout.
    """
    pairs: list[tuple[str, str | None]] = []
    for index, output in enumerate(outputs):
        if index < len(formats):
            pairs.append((formats[index], output))
        else:
            fmt = EXTENSIONS.get(os.path.splitext(output)[1].lower())
            if fmt is None:
                raise click.UsageError(f"--output {output}: give its --format (one of {', '.join(FORMATS)})")
            pairs.append((fmt, output))
    to_stdout = list(formats[len(outputs) :])
    if len(to_stdout) > 1:
        raise click.UsageError("only one --format can go to stdout; give the others an --output FILE")
    if to_stdout or not pairs:
        pairs.append((to_stdout[0] if to_stdout else "text", None))
    return pairs


def render_to_string(report: Report, fmt: str, color: bool = False) -> str:
    buffer = io.StringIO()
    reporter(fmt)(report, buffer, color)
    return buffer.getvalue()


def write_report(report: Report, fmt: str, output: str | None, color: bool, quiet: bool) -> None:
    text = render_to_string(report, fmt, color and output is None)
    if quiet and fmt == "text":
        text = "".join(line for line in text.splitlines(keepends=True) if ": " in line and not line.startswith(" "))
    if output is None:
        click.echo(text, nl=False)
        return
    atomic_write(output, text)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: str, text: str | bytes) -> None:
    """Write via a temporary file and rename, so a half-written file never replaces a good one."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".qa-", suffix=".tmp")
    try:
        os.chmod(temp, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
