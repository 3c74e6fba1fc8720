"""Shared test helpers: inline-marker fixtures (pylint style) and the shared seeds folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qa.checkers import Context
from qa.documents import load_text
from qa.glossary import Glossary, load_glossaries, parse_glossary

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QA_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
OPEN, CLOSE = "⟦", "⟧"


def strip_markers(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """'a ⟦b⟧ c' -> ('a b c', [(2, 3)]): the spans a rule must report, marked inline."""
    text, spans, opened = [], [], []
    for char in marked:
        if char == OPEN:
            opened.append(sum(map(len, text)))
        elif char == CLOSE:
            spans.append((opened.pop(), sum(map(len, text))))
        else:
            text.append(char)
    return "".join(text), sorted(spans)


def run_family(module, text: str, glossary: Glossary | None = None, path: str = "t.txt") -> list:
    doc = load_text(path, text)
    findings = list(module.check(doc, Context(glossary or Glossary())))
    return sorted(findings, key=lambda f: (f.start, f.end))


def assert_marked(module, marked: str, code: str | None = None, glossary: Glossary | None = None) -> list:
    """Exactly the marked spans are reported (by `code`, when given)."""
    text, spans = strip_markers(marked)
    findings = [f for f in run_family(module, text, glossary) if code is None or f.rule == code]
    assert [(f.start, f.end) for f in findings] == spans, [(f.rule, f.text) for f in findings]
    return findings


@pytest.fixture(scope="session")
def default_glossary() -> Glossary:
    return load_glossaries([])


@pytest.fixture
def small_glossary() -> Glossary:
    return parse_glossary(
        """
name: test
terms:
  - term: Zelensky
    kind: person
    variants: [Zelenskyy, Zelenskiy, Zelinsky]
  - term: Kim Jong Un
    kind: person
    variants: [Kim Jong-un]
  - term: Kyiv
    kind: place
    variants: [Kiev]
    exceptions: [Chicken Kiev, Dynamo Kiev]
  - term: Wi Sung-lac
    kind: person
    variants: [Wi Sung-lak]
  - term: Kharkiv
    kind: place
    accepted: [Kharkov]
""",
        "test.yml",
    )


needs_seeds = pytest.mark.skipif(not (SEEDS / "gold-dev.jsonl").is_file(), reason=f"shared seeds not found at {SEEDS}")
