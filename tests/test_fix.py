"""`qa fix`: only spans change, encodings and line endings survive, writes are atomic, reruns are no-ops."""

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.cli import main
from qa.fixes import Edit, apply_edits, plan_edits, without_overlaps
from qa.model import Category, Finding, FixSafety, Severity


@pytest.fixture
def runner():
    return CliRunner()


def finding(start, end, suggestion, fix="safe", rule="T001", text="x"):
    return Finding(rule, "n", Category.TERM, Severity.ERROR, 1.0, "m", start, end, text, suggestion, FixSafety(fix))


def test_fix_in_place_keeps_crlf_and_utf8_bom(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfTroops Advance\r\nPresident Zelinsky met Kim Jong UN in Kiev. It went on.\r\n")
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == (
        b"\xef\xbb\xbfTroops Advance\r\nPresident Zelensky met Kim Jong Un in Kyiv. It went on.\r\n"
    )
    assert "Fixed 3 findings" in result.stderr
    again = runner.invoke(main, ["fix", str(path)])
    assert again.exit_code == 0 and "Nothing to fix" in again.stderr


def test_fix_keeps_utf16_and_file_mode(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("They met in Kiev. It went on.\n".encode("utf-16-be").join([b"\xfe\xff", b""]))
    path.chmod(0o640)
    runner.invoke(main, ["fix", str(path)])
    assert path.read_bytes() == b"\xfe\xff" + "They met in Kyiv. It went on.\n".encode("utf-16-be")
    assert path.stat().st_mode & 0o777 == 0o640


def test_diff_and_check_write_nothing(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("They met in Kiev. It went on.\n")
    diff = runner.invoke(main, ["fix", str(path), "--diff"])
    assert "-They met in Kiev. It went on.\n+They met in Kyiv. It went on.\n" in diff.stdout
    assert runner.invoke(main, ["fix", str(path), "--check"]).exit_code == 1
    assert path.read_text() == "They met in Kiev. It went on.\n"
    runner.invoke(main, ["fix", str(path)])
    assert runner.invoke(main, ["fix", str(path), "--check"]).exit_code == 0


def test_unsafe_fixes_only_on_request(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("They met in August. the talks failed.\n")
    runner.invoke(main, ["fix", str(path)])
    assert path.read_text() == "They met in August. the talks failed.\n"
    runner.invoke(main, ["fix", str(path), "--unsafe-fixes"])
    assert path.read_text() == "They met in August. The talks failed.\n"


def test_markdown_and_html_markup_survive(runner, tmp_path):
    md = tmp_path / "a.md"
    md.write_text("# Talks in Kiev\n\nSee [Kiev](https://x.org/Kiev) and `Kiev` code.\n\n```\nKiev\n```\n")
    html = tmp_path / "a.html"
    html.write_text('<p class="Kiev">Talks in <b>Kiev</b> &amp; Kharkov.</p><script>var Kiev;</script>\n')
    runner.invoke(main, ["fix", str(md), str(html)])
    assert md.read_text() == "# Talks in Kyiv\n\nSee [Kyiv](https://x.org/Kiev) and `Kiev` code.\n\n```\nKiev\n```\n"
    assert html.read_text() == '<p class="Kiev">Talks in <b>Kyiv</b> &amp; Kharkiv.</p><script>var Kiev;</script>\n'


def test_stdin_is_refused(runner):
    result = runner.invoke(main, ["fix", "-"])
    assert result.exit_code == 2 and "cannot read stdin" in result.output


def test_overlapping_edits_are_refused_deterministically():
    findings = [finding(0, 4, "A"), finding(2, 6, "B"), finding(2, 3, "C", rule="P001"), finding(6, 6, "+")]
    for order in (findings, list(reversed(findings))):
        edits, skipped = plan_edits(order)
        assert [(e.start, e.end, e.replacement) for e in edits] == [(0, 4, "A"), (6, 6, "+")]
        assert sorted(f.suggestion for f in skipped) == ["B", "C"]


def test_two_insertions_at_one_point_keep_only_the_first():
    assert without_overlaps([Edit(3, 3, "b", "Z"), Edit(3, 3, "a", "A")]) == [Edit(3, 3, "a", "A")]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(min_size=1, max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 6), st.text(max_size=4), st.booleans()), max_size=8),
)
def test_property_only_span_characters_change(text, raw):
    findings = [
        finding(min(s, len(text)), min(s + n, len(text)), rep, "safe" if safe else "unsafe") for s, n, rep, safe in raw
    ]
    edits, skipped = plan_edits(findings)
    fixed = apply_edits(text, edits)
    # Rebuild the text from the untouched stretches and the replacements: nothing else may differ.
    position, pieces = 0, []
    for edit in edits:
        assert edit.start >= position
        pieces += [text[position : edit.start], edit.replacement]
        position = edit.end
    assert fixed == "".join([*pieces, text[position:]])
    assert len(edits) + len(skipped) == sum(1 for f in findings if f.fix == FixSafety.SAFE)
    assert all(f.fix == FixSafety.SAFE for f in skipped)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(["Kiev", "Zelinsky", "Kim Jong UN", ". .", "Asia ,", "the", "word", "\n", "“", "x"]),
        max_size=30,
    )
)
def test_property_fix_is_idempotent_and_outside_spans_identical(tmp_path, words):
    runner = CliRunner()
    path = tmp_path / "p.txt"
    text = " ".join(words) + "\n"
    path.write_text(text, encoding="utf-8")
    before = json.loads(runner.invoke(main, ["check", str(path), "-f", "json"]).stdout)["findings"]
    runner.invoke(main, ["fix", str(path)])
    once = path.read_text(encoding="utf-8")
    runner.invoke(main, ["fix", str(path)])
    assert path.read_text(encoding="utf-8") == once
    safe = sorted((f["start"], f["end"]) for f in before if f["fix"] == "safe")
    if safe:
        assert text[: safe[0][0]] == once[: safe[0][0]]
        tail = len(text) - safe[-1][1]
        assert text[len(text) - tail :] == once[len(once) - tail :]
