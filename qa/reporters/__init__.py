"""Reporters: each renders the same `Report` model to a stream.

A reporter is a function `render(report, stream, color) -> None`, registered by format name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from qa.engine import Report

Renderer = Callable[["Report", TextIO, bool], None]
FORMATS = ("text", "json", "sarif", "junit", "github", "html")
# File extensions that imply a format when --output is given without --format.
EXTENSIONS = {".json": "json", ".sarif": "sarif", ".xml": "junit", ".html": "html", ".htm": "html", ".txt": "text"}


def reporter(name: str) -> Renderer:
    if name not in FORMATS:
        raise KeyError(name)
    return importlib.import_module(f"qa.reporters.{name}").render
