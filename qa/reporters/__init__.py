"""Reporters: each renders the same `Report` model to a stream.

A reporter is a function `render(report, stream, color) -> None`, registered by format name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from qa.engine import Report

Renderer = Callable[["Report", TextIO, bool], None]


def reporter(name: str) -> Renderer:
    if name == "text":
        from qa.reporters.text import render
    elif name == "json":
        from qa.reporters.json import render
    else:
        raise KeyError(name)
    return render


FORMATS = ("text", "json")
