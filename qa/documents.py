"""Documents: the decoded file text, its checkable prose ("view"), and reading files safely.

Checkers work on `Document.view`, which holds only prose: for plain text it *is* the file text;
for Markdown and HTML the loaders build it from the prose pieces and keep, for every view
character, the span of the file it came from. `Document.to_source` maps view spans back, so every
finding points into the original file whatever its format.
"""

from __future__ import annotations

import bisect
import codecs
import fnmatch
import os
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from qa.segment import Paragraph

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
# Larger files are refused with a clear message rather than risking the machine's memory:
# checking costs about 10 bytes per character of plain text, far more for parsed markup.
MAX_FILE_BYTES = {"txt": 50_000_000, "md": 10_000_000, "html": 10_000_000}


class InputError(Exception):
    """A file that cannot be checked; the message is one line and names the file."""


@dataclass(frozen=True)
class Block:
    """A run of the view that is one paragraph or heading in the source format."""

    start: int
    end: int
    kind: str  # "paragraph" | "headline"


@dataclass(frozen=True)
class Run:
    """A stretch of the view and the source span it came from.

    Verbatim runs map character for character; other runs (a decoded entity, a placeholder for
    a code span, a paragraph break) map every character to the whole source span.
    """

    view_start: int
    view_end: int
    source_start: int
    source_end: int
    verbatim: bool


@dataclass
class Document:
    path: str
    text: str  # the whole decoded file (BOM removed, line endings kept)
    format: str = "txt"  # txt | md | html
    view: str = ""  # the checkable prose; offsets of findings are computed against it
    blocks: list[Block] | None = None  # None: plain text, paragraphs are lines
    # how the view maps back to `text`; None when offsets in the view are offsets in the text
    runs: list[Run] | None = None
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _run_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if self.runs is None and not self.view:
            self.view = self.text
        if self.runs is not None:
            self._run_starts = [run.view_start for run in self.runs]

    def _run_at(self, pos: int) -> Run | None:
        assert self.runs is not None
        index = bisect.bisect_right(self._run_starts, pos) - 1
        return self.runs[index] if index >= 0 and pos < self.runs[index].view_end else None

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span to the span of the original file it was read from."""
        if self.runs is None:
            return start, end
        first = self._run_at(start)
        if first is None:
            return len(self.text), len(self.text)
        source_start = first.source_start + (start - first.view_start if first.verbatim else 0)
        if end <= start:
            return source_start, source_start
        last = self._run_at(end - 1) or first
        source_end = last.source_start + (end - last.view_start) if last.verbatim else last.source_end
        return source_start, max(source_start, source_end)

    def is_verbatim(self, start: int, end: int) -> bool:
        """True when the view span is a copy of one contiguous stretch of the file."""
        if self.runs is None:
            return True
        run = self._run_at(start)
        return run is not None and run.verbatim and end <= run.view_end

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a code-point offset into `text`."""
        if not self._line_starts:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        from qa.segment import segment_document

        return segment_document(self)


# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def sniff_encoding(raw: bytes) -> tuple[str, bytes]:
    """The codec and byte-order mark of a file: UTF-8 (BOM optional) or UTF-16/32 with a BOM."""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            return codec, bom
    return "utf-8", b""


def decode(raw: bytes, path: str) -> str:
    """Decode a file's bytes (see `sniff_encoding`); refuse binary data and invalid text."""
    codec, bom = sniff_encoding(raw)
    body = raw[len(bom) :]
    if not bom and b"\x00" in raw[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), not checked")
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        if codec == "utf-8":
            line = body.count(b"\n", 0, exc.start) + 1
            byte, offset = body[exc.start], exc.start + len(bom)
            raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{byte:02x} at offset {offset})") from None
        raise InputError(f"{path}: not valid {codec.upper()} ({exc.reason})") from None


def format_for(path: str, default: str = "txt") -> str:
    return FORMATS.get(os.path.splitext(path)[1].lower(), default)


def load_text(path: str, text: str, fmt: str | None = None) -> Document:
    """Build a Document from already decoded text (used for files, stdin and tests)."""
    fmt = fmt or format_for(path)
    if fmt == "md":
        from qa.loaders import load_markdown

        return load_markdown(path, text)
    if fmt == "html":
        from qa.loaders import load_html

        return load_html(path, text)
    from qa.suppressions import blank_directive_lines

    view = blank_directive_lines(text)
    return Document(path=path, text=text, format="txt", view=view if view is not text else "")


def read_document(path: str, fmt: str | None = None) -> Document:
    """Read and decode one file (or `-` for stdin); raise InputError with a one-line reason."""
    if path == "-":
        raw = sys.stdin.buffer.read()
        return load_text("-", decode(raw, "<stdin>"), fmt or "txt")
    fmt = fmt or format_for(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES[fmt]:
            limit = MAX_FILE_BYTES[fmt] // 1_000_000
            raise InputError(f"{path}: file too large ({size / 1e6:.0f} MB; the limit for {fmt} files is {limit} MB)")
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return load_text(path, decode(raw, path), fmt)


def discover(
    paths: list[str],
    include: tuple[str, ...] = DEFAULT_INCLUDE,
    exclude: tuple[str, ...] = (),
) -> Iterator[str]:
    """Expand files and directories (recursively) into the files to check, in a stable order.

    Files named explicitly are always checked (an explicit path is a request); files found in
    directories must match `include` and not `exclude`. Hidden directories are skipped.
    """
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        seen_dirs: set[tuple[int, int]] = set()
        for root, dirs, files in os.walk(path, followlinks=True):
            stat = os.stat(root)
            if (stat.st_dev, stat.st_ino) in seen_dirs:  # a symlink loop
                dirs[:] = []
                continue
            seen_dirs.add((stat.st_dev, stat.st_ino))
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(d, exclude))
            for name in sorted(files):
                full = os.path.join(root, name)
                if _matches(name, include) and not _excluded(full, exclude):
                    yield full


def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def _excluded(path: str, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    posix = Path(path).as_posix()
    return any(fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(os.path.basename(posix), p) for p in patterns)
