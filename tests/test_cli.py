import json

import pytest
from click.testing import CliRunner

from qa.cli import main


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Troops Advance\nPresident Zelinsky spoke in Kyiv. The talks went on.\n", encoding="utf-8")
    return path


def test_text_output_and_exit_1(runner, article):
    result = runner.invoke(main, ["check", str(article)])
    assert result.exit_code == 1
    assert f"{article}:2:11: T001 'Zelinsky' is a variant of 'Zelensky' (→ Zelensky)" in result.output
    assert "1 finding (1 error) in 1 of 1 file" in result.output


def test_json_contract(runner, article):
    result = runner.invoke(main, ["check", str(article), "--format", "json"])
    data = json.loads(result.output)
    assert data["tool"]["name"] == "qa" and data["tool"]["glossaries"][0].endswith("world-news.yml")
    assert data["files"] == [{"path": str(article), "findings": 1}]
    [finding] = data["findings"]
    assert len(finding.pop("fingerprint")) == 16
    assert finding == {
        "path": str(article), "rule": "T001", "name": "term-variant", "category": "term",
        "severity": "error", "confidence": 1.0, "message": "'Zelinsky' is a variant of 'Zelensky'",
        "start": 25, "end": 33, "line": 2, "column": 11, "text": "Zelinsky", "suggestion": "Zelensky",
        "fix": "safe",
    }  # fmt: skip


def test_clean_file_exits_0(runner, tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("President Zelensky spoke in Kyiv on Monday.\n")
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output


def test_fail_on_and_ignore(runner, article):
    assert runner.invoke(main, ["check", str(article), "--ignore", "T"]).exit_code == 0
    assert runner.invoke(main, ["check", str(article), "--select", "S,B"]).exit_code == 0
    assert runner.invoke(main, ["check", str(article), "--ignore", "T", "--select", "T001"]).exit_code == 1


def test_bad_input_is_one_line_and_others_still_checked(runner, article, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xff\xfe broken")
    result = runner.invoke(main, ["check", str(bad), str(tmp_path / "missing.txt"), str(article), "-f", "json"])
    assert result.exit_code == 2
    assert f"qa: error: {bad}:2: not valid UTF-8" in result.stderr
    assert "missing.txt: no such file" in result.stderr
    assert json.loads(result.stdout)["findings"][0]["text"] == "Zelinsky"


def test_glossary_error_exit_2(runner, article, tmp_path):
    glossary = tmp_path / "g.yml"
    glossary.write_text("terms:\n  - term: Kyiv\n    colour: x\n")
    result = runner.invoke(main, ["check", str(article), "-g", str(glossary)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"qa: error: {glossary}:3: unknown key 'colour' in a glossary entry"


def test_stdin(runner):
    result = runner.invoke(main, ["check", "-", "-f", "json"], input="They met in Kiev.\n")
    assert json.loads(result.stdout)["findings"][0]["path"] == "-"


def test_output_file_is_written(runner, article, tmp_path):
    out = tmp_path / "out" / "r.json"
    result = runner.invoke(main, ["check", str(article), "-f", "json", "-o", str(out)])
    assert result.exit_code == 1 and json.loads(out.read_text())["findings"]


def test_jobs_give_the_same_result(runner, tmp_path):
    for index in range(4):
        (tmp_path / f"{index}.txt").write_text(f"Article {index} mentions Kiev. It ends.\n")
    serial = runner.invoke(main, ["check", str(tmp_path), "-f", "json", "-j", "1"]).stdout
    parallel = runner.invoke(main, ["check", str(tmp_path), "-f", "json", "-j", "2"]).stdout
    assert serial == parallel


def test_rules_lists_every_rule(runner):
    result = runner.invoke(main, ["rules", "--format", "json"])
    codes = [r["code"] for r in json.loads(result.output)]
    assert {"T001", "T002", "S001", "B001"} <= set(codes)
    text = runner.invoke(main, ["rules", "T001"]).output
    assert "term-variant" in text and "bad:" in text


def test_eval(runner, tmp_path, article):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"doc": "a.txt", "quote": "Zelinsky", "start": 25, "end": 33, "accept": ["term"], "tier": "core"})
        + "\n"
    )
    result = runner.invoke(main, ["eval", "--gold", str(gold), str(article)])
    assert result.exit_code == 0
    assert result.output.startswith("recall core 1/1 (all 1.00); precision 1.00 (1 tp, 0 fp)")


def test_eval_bad_gold(runner, tmp_path, article):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a.txt"}\n')
    result = runner.invoke(main, ["eval", "--gold", str(gold), str(article)])
    assert result.exit_code == 2 and f"{gold}:1: not a gold span" in result.stderr
