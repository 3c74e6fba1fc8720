"""The CI gate: output formats, configuration, suppressions, baselines, changed files."""

import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from click.testing import CliRunner

from qa.cli import main

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
ARTICLE = "Troops Advance\nPresident Zelinsky spoke in Kiev. They met in August. the talks failed.\n"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def invoke(runner, *args):
    return runner.invoke(main, ["check", *args])


def test_sarif_is_valid_against_the_official_schema(runner, folder):
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00")
    result = invoke(runner, "a.txt", "bad.txt", "-f", "sarif")
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, SCHEMA)
    run = sarif["runs"][0]
    assert {r["ruleId"] for r in run["results"]} == {"T001", "S003"}
    first = run["results"][0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"] == "a.txt" and first["region"]["startLine"] == 2
    assert run["invocations"][0]["executionSuccessful"] is False


def test_junit_has_one_testcase_per_file(runner, folder):
    (folder / "clean.txt").write_text("President Zelensky spoke in Kyiv.\n")
    result = invoke(runner, "a.txt", "clean.txt", "-f", "junit")
    suites = ElementTree.fromstring(result.stdout)
    cases = suites.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["a.txt", "clean.txt"]
    assert cases[0].find("failure") is not None and cases[1].find("failure") is None
    assert suites.get("failures") == "1"


def test_github_annotations(runner, folder):
    result = invoke(runner, "a.txt", "-f", "github")
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::error file=a.txt,line=2,col=11,endColumn=19,title=T001 term-variant::"
        "'Zelinsky' is a variant of 'Zelensky' (→ Zelensky)"
    )
    assert any(line.startswith("::warning file=a.txt,line=2,") and "S003" in line for line in lines)


def test_several_outputs_in_one_run(runner, folder):
    result = invoke(
        runner, "a.txt", "-f", "json", "-o", "r.json", "-f", "sarif", "-o", "r.sarif", "-f", "text", "-o", "r.xml"
    )
    assert result.exit_code == 1
    assert json.loads((folder / "r.json").read_text())["findings"]
    jsonschema.validate(json.loads((folder / "r.sarif").read_text()), SCHEMA)
    assert "T001" in (folder / "r.xml").read_text() and result.stdout == ""
    inferred = invoke(runner, "a.txt", "-o", "r2.sarif")
    jsonschema.validate(json.loads((folder / "r2.sarif").read_text()), SCHEMA)
    assert inferred.stdout == ""


def test_two_formats_to_stdout_is_a_usage_error(runner, folder):
    result = invoke(runner, "a.txt", "-f", "json", "-f", "sarif")
    assert result.exit_code == 2 and "only one --format" in result.output


@pytest.mark.parametrize(
    "name, content",
    [
        (".qa.toml", 'ignore = ["T"]\nfail-on = "error"\n'),
        ("pyproject.toml", '[tool.qa]\nignore = ["T"]\n'),
        ("setup.cfg", "[qa]\nignore = T\n"),
    ],
)
def test_configuration_files(runner, folder, name, content):
    (folder / name).write_text(content)
    result = invoke(runner, "a.txt", "-f", "json")
    assert {f["rule"] for f in json.loads(result.stdout)["findings"]} == {"S003"}
    assert result.exit_code == 0  # S003 is a warning
    flags_win = invoke(runner, "a.txt", "-f", "json", "--ignore", "S")
    assert {f["rule"] for f in json.loads(flags_win.stdout)["findings"]} == {"T001"}


def test_config_found_in_a_parent_folder_and_explicit_config(runner, folder):
    (folder / "sub").mkdir()
    (folder / "sub" / "b.txt").write_text(ARTICLE)
    (folder / ".qa.toml").write_text('select = ["T"]\nglossaries = ["g.yml"]\n')
    (folder / "g.yml").write_text("terms:\n  - {term: Kyiv, variants: [Kiev]}\n")
    result = runner.invoke(main, ["check", "sub/b.txt", "-f", "json", "--config", str(folder / ".qa.toml")])
    assert [f["text"] for f in json.loads(result.stdout)["findings"]] == ["Kiev"]


def test_per_path_ignores(runner, folder):
    (folder / ".qa.toml").write_text('[per-path-ignores]\n"a.*" = ["S003"]\n')
    result = invoke(runner, "a.txt", "-f", "json")
    assert "S003" not in {f["rule"] for f in json.loads(result.stdout)["findings"]}


@pytest.mark.parametrize(
    "content, message",
    [
        ('colour = "blue"\n', "unknown key 'colour'"),
        ('fail-on = "fatal"\n', "fail-on: unknown severity 'fatal'"),
        ("embeddings = 3\n", "embeddings: expected true or false"),
        ("select = 3\n", "select: expected a list of strings"),
        ("select = [\n", "cannot read configuration"),
    ],
)
def test_config_errors_name_file_and_key(runner, folder, content, message):
    (folder / ".qa.toml").write_text(content)
    result = invoke(runner, "a.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"qa: error: {folder / '.qa.toml'}: ") and message in result.stderr


def test_inline_suppressions_in_plain_text(runner, folder):
    text = "# qa: ignore[T001]\nPresident Zelinsky spoke.\nZelinsky again.\nqa: off\nKiev and Kiev.\nqa: on\nKiev.\n"
    (folder / "s.txt").write_text(text)
    result = invoke(runner, "s.txt", "-f", "json")
    data = json.loads(result.stdout)
    assert [(f["line"], f["text"]) for f in data["findings"]] == [(3, "Zelinsky"), (7, "Kiev")]
    assert data["unused_suppressions"] == []


def test_markdown_comment_suppression_and_unused_report(runner, folder):
    text = "# Title\n\n<!-- qa: ignore[T001] -->\nZelinsky spoke.\n\n<!-- qa: ignore[B] -->\nA clean line.\n"
    (folder / "s.md").write_text(text)
    result = invoke(runner, "s.md", "-f", "json")
    data = json.loads(result.stdout)
    assert data["findings"] == []
    assert [(u["line"], u["text"]) for u in data["unused_suppressions"]] == [(6, "qa: ignore[B]")]
    assert "s.md:6:6: unused suppression 'qa: ignore[B]'" in invoke(runner, "s.md").stdout


def test_baseline_reports_only_new_findings_after_lines_shift(runner, folder):
    assert invoke(runner, "a.txt", "--write-baseline", "base.json").exit_code == 0
    assert invoke(runner, "a.txt", "--baseline", "base.json").exit_code == 0
    (folder / "a.txt").write_text("New first line.\n\n" + ARTICLE + "Zelenskiy arrived.\n", encoding="utf-8")
    result = invoke(runner, "a.txt", "--baseline", "base.json", "-f", "json")
    assert [f["text"] for f in json.loads(result.stdout)["findings"]] == ["Zelenskiy"]
    assert result.exit_code == 1


def test_bad_baseline(runner, folder):
    (folder / "base.json").write_text("{not json")
    result = invoke(runner, "a.txt", "--baseline", "base.json")
    assert result.exit_code == 2 and "base.json:1: not a qa baseline" in result.stderr


def _git(folder, *args):
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def test_changed_since_and_changed_lines(runner, folder):
    _git(folder, "init", "-q")
    _git(folder, "-c", "user.email=a@b", "-c", "user.name=a", "add", "a.txt")
    _git(folder, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "one")
    (folder / "new.txt").write_text("Kiev is new.\n")
    assert json.loads(invoke(runner, ".", "--changed-since", "HEAD", "-f", "json").stdout)["files"] == [
        {"path": "./new.txt", "findings": 1}
    ]
    (folder / "a.txt").write_text(ARTICLE + "Zelenskiy arrived.\n", encoding="utf-8")
    result = invoke(runner, "--changed-since", "HEAD", "--changed-lines", "-f", "json")
    assert sorted(f["text"] for f in json.loads(result.stdout)["findings"]) == ["Kiev", "Zelenskiy"]


def test_changed_since_outside_git(runner, folder, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(folder.parent))
    result = invoke(runner, ".", "--changed-since", "HEAD")
    assert result.exit_code == 2 and result.stderr.startswith("qa: error: git rev-parse")
