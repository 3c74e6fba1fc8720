"""Markdown and HTML loaders: build a Document's prose view with a map back into the file.

Markdown is parsed with markdown-it-py; its block source maps locate each paragraph or heading,
and the inline tokens tell which parts are code spans, link destinations or inline HTML.
HTML is read with the standard library's tokenizer, which reports the position of every tag,
text run and character reference; `script`, `style` and other non-prose elements are skipped.
"""

from __future__ import annotations

import html
from functools import cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import regex

from qa.documents import Block, Document, Run

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

PARAGRAPH_BREAK = "\n\n"
# Stands for code spans removed from prose, so "use `x`." does not read as "use ." to the rules.
CODE_PLACEHOLDER = "0"


class ViewBuilder:
    """Accumulates the prose view and the runs that map it back to the source."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.runs: list[Run] = []
        self.blocks: list[Block] = []
        self.length = 0
        self._block_start: int | None = None
        self._block_kind = "paragraph"

    def keep(self, text: str, source_start: int) -> None:
        """Copy source text verbatim (each character maps to itself)."""
        if not text:
            return
        last = self.runs[-1] if self.runs else None
        if last and last.verbatim and last.view_end == self.length and last.source_end == source_start:
            self.runs[-1] = Run(
                last.view_start, self.length + len(text), last.source_start, source_start + len(text), True
            )
        else:
            self.runs.append(Run(self.length, self.length + len(text), source_start, source_start + len(text), True))
        self.parts.append(text)
        self.length += len(text)

    def stand_in(self, text: str, source_start: int, source_end: int) -> None:
        """Put `text` in the view for the source span (an entity, a removed code span...)."""
        if not text:
            return
        self.runs.append(Run(self.length, self.length + len(text), source_start, source_end, False))
        self.parts.append(text)
        self.length += len(text)

    def open_block(self, kind: str, source_pos: int) -> None:
        self.close_block(source_pos)
        if self.length:
            self.stand_in(PARAGRAPH_BREAK, source_pos, source_pos)
        self._block_start = self.length
        self._block_kind = kind

    def close_block(self, source_pos: int) -> None:
        if self._block_start is not None and self.length > self._block_start:
            self.blocks.append(Block(self._block_start, self.length, self._block_kind))
        self._block_start = None

    def document(self, path: str, text: str, fmt: str) -> Document:
        self.close_block(len(text))
        return Document(
            path=path,
            text=text,
            format=fmt,
            view="".join(self.parts),
            blocks=self.blocks,
            runs=self.runs,
        )


def _line_offsets(text: str, newlines: str = "\n") -> list[int]:
    """Offsets of line starts; markdown-it breaks lines at \\r\\n, \\r and \\n, html.parser at \\n."""
    if newlines == "\n":
        return [0, *(m.end() for m in regex.finditer("\n", text))]
    return [0, *(m.end() for m in regex.finditer(r"\r\n?|\n", text))]


# --- Markdown ---------------------------------------------------------------------------------


@cache
def _markdown_parser() -> MarkdownIt:
    """One parser for every file: a MarkdownIt is a cycle of bound methods (garbage the collector
    would have to find after each file), and parsing keeps no state in it."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin).enable("table")


def load_markdown(path: str, text: str) -> Document:
    tokens = _markdown_parser().parse(text)
    lines = _line_offsets(text, newlines="any")
    builder = ViewBuilder()
    heading = False
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline" and token.map:
            first_line = token.map[0]
            builder.open_block("headline" if heading else "paragraph", lines[first_line])
            _add_inline(builder, text, lines, token)
            builder.close_block(lines[min(token.map[1], len(lines) - 1)])
    return builder.document(path, text, "md")


def _add_inline(builder: ViewBuilder, text: str, lines: list[int], token) -> None:
    """Walk an inline token's children in source order, keeping only prose text."""
    assert token.map is not None
    region_start = lines[token.map[0]]
    region_end = lines[token.map[1]] if token.map[1] < len(lines) else len(text)
    cursor = region_start
    in_autolink = False
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            found = text.find(child.content, cursor, region_end) if child.content else -1
            if found == -1:
                continue  # escaped or entity-decoded text: leave it out rather than misplace it
            if in_autolink:  # a bare URL: stands in as a word, so "at <url>." does not read "at ."
                builder.stand_in(CODE_PLACEHOLDER, found, found + len(child.content))
            else:
                builder.keep(child.content, found)
            cursor = found + len(child.content)
        elif kind in ("softbreak", "hardbreak"):
            newline = text.find("\n", cursor, region_end)
            if newline != -1:
                builder.keep("\n", newline)
                cursor = newline + 1
        elif kind == "code_inline":
            fence = child.markup or "`"
            opening = text.find(fence, cursor, region_end)
            closing = text.find(fence, opening + len(fence), region_end) if opening != -1 else -1
            if closing != -1:
                builder.stand_in(CODE_PLACEHOLDER, opening, closing + len(fence))
                cursor = closing + len(fence)
        elif kind == "link_open":
            in_autolink = child.markup == "autolink"
        elif kind == "link_close":
            # skip past the destination "(url ...)" or the closing ">" of an autolink
            closer = ">" if in_autolink else ")"
            end = text.find(closer, cursor, region_end)
            if end != -1 and (in_autolink or text.startswith("](", cursor) or "](" in text[cursor:end]):
                cursor = end + 1
            in_autolink = False
        elif kind in ("html_inline", "image"):
            closer = ">" if kind == "html_inline" else ")"
            end = text.find(closer, cursor, region_end)
            if end != -1:
                cursor = end + 1


# --- HTML -------------------------------------------------------------------------------------

SKIPPED_ELEMENTS = {"script", "style", "noscript", "template", "svg", "math", "code", "pre", "head"}
HEADING_ELEMENTS = {"h1", "h2", "h3", "h4", "h5", "h6", "title"}
BLOCK_ELEMENTS = HEADING_ELEMENTS | {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
    "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "caption", "figure",
    "figcaption", "br", "hr", "form", "address", "body", "html",
}  # fmt: skip
VOID_ELEMENTS = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col"}
# Prose inside <head> that is still worth checking.
HEAD_PROSE = {"title"}


class _ProseParser(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.lines = _line_offsets(text)
        self.builder = ViewBuilder()
        self.skip_depth = 0
        self.open_skipped: list[str] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:
            if tag in BLOCK_ELEMENTS and not self.skip_depth:
                self.builder.open_block("paragraph", self._offset())
            return
        if tag in HEAD_PROSE and self.open_skipped == ["head"]:
            self.open_skipped.append(tag)  # a <title> inside <head>: prose again
            self.skip_depth -= 1
            self.builder.open_block("headline", self._offset())
            return
        if tag in SKIPPED_ELEMENTS:
            self.open_skipped.append(tag)
            self.skip_depth += 1
            return
        if tag in BLOCK_ELEMENTS and not self.skip_depth:
            self.builder.open_block("headline" if tag in HEADING_ELEMENTS else "paragraph", self._offset())

    def handle_endtag(self, tag: str) -> None:
        if self.open_skipped and self.open_skipped[-1] == tag:
            self.open_skipped.pop()
            if tag in HEAD_PROSE and self.open_skipped == ["head"]:
                self.skip_depth += 1
                self.builder.close_block(self._offset())
            else:
                self.skip_depth -= 1
            return
        if tag in BLOCK_ELEMENTS and not self.skip_depth:
            self.builder.open_block("paragraph", self._offset())

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.builder.keep(data, self._offset())

    def _reference(self, literal: str) -> None:
        if self.skip_depth:
            return
        start = self._offset()
        end = start + len(literal)
        if self.text.startswith(";", end):
            end += 1
        self.builder.stand_in(html.unescape(self.text[start:end]), start, end)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)


def load_html(path: str, text: str) -> Document:
    parser = _ProseParser(text)
    parser.feed(text)
    parser.close()
    return parser.builder.document(path, text, "html")
