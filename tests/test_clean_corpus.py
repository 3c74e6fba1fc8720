"""Precision guard: the rule checkers raise nothing on carefully edited news (tests/data/clean)."""

from pathlib import Path

import pytest

from qa.checkers import Context
from qa.documents import read_document
from qa.engine import Settings, check_document, run

CLEAN = sorted((Path(__file__).parent / "data" / "clean").glob("*.txt"))


def test_corpus_is_large_enough():
    sentences = sum(len(p.sentences) for path in CLEAN for p in read_document(str(path)).paragraphs)
    assert len(CLEAN) >= 10 and sentences >= 300


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_no_findings_on_clean_news(path, default_glossary):
    findings = check_document(read_document(str(path)), Context(default_glossary), Settings())
    assert [(f.rule, f.line, f.text) for f in findings] == []


def test_no_findings_across_the_clean_corpus_as_one_run(default_glossary):
    """The run-level passes too (a name spelled two ways across documents): `qa check` of the folder."""
    report = run([str(CLEAN[0].parent)], default_glossary, Settings(), jobs=1)
    assert [(Path(f.path).name, f.rule, f.text) for f in report.findings] == []
