"""Acceptance on the shared seed articles (skipped when ../shared is absent)."""

import json
import subprocess
import sys

from click.testing import CliRunner

from qa.cli import main
from qa.engine import Settings, run
from qa.evaluate import load_gold, score
from qa.glossary import load_glossaries
from tests.conftest import SEEDS, SHARED, needs_seeds

pytestmark = needs_seeds
DEV = ["000", "001", "002"]


def dev_files():
    return sorted(str(p) for p in SEEDS.glob("*.txt") if p.name[:3] in DEV)


def test_every_core_term_span_found_and_no_term_false_positive():
    gold = load_gold(str(SEEDS / "gold-dev.jsonl"))
    report = run(dev_files(), load_glossaries([]), Settings())
    term_gold = [g for g in gold if g.tier == "core" and "term" in g.accept]
    term_findings = [f for f in report.findings if str(f.category) == "term"]
    result = score(term_gold, term_findings)
    assert result.hits["core"] == result.totals["core"] > 0
    all_result = score(gold, term_findings)
    assert all_result.false_positives == []


def test_core_recall_and_precision_on_all_rules():
    gold = load_gold(str(SEEDS / "gold-dev.jsonl"))
    report = run(dev_files(), load_glossaries([]), Settings())
    result = score(gold, report.findings)
    assert result.precision >= 0.95, result.false_positives
    assert [m.quote for m in result.misses if m.tier == "core"] == []


def test_qa_eval_agrees_with_reference_scorer(tmp_path):
    runner = CliRunner()
    checked = runner.invoke(main, ["check", *dev_files(), "--format", "json"])
    findings = tmp_path / "findings.json"
    findings.write_text(checked.stdout)
    reference = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score_gold.py"), str(SEEDS / "gold-dev.jsonl"), str(findings)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    ours = runner.invoke(main, ["eval", "--gold", str(SEEDS / "gold-dev.jsonl"), *dev_files()])
    assert ours.output.splitlines()[0] == reference.stdout.strip()
    assert json.loads(checked.stdout)["files"]
