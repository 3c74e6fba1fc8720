"""Hostile input: every case gives a clean result or one clear line, never a traceback."""

import json
import os

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.checkers import Context
from qa.cli import main
from qa.documents import load_text
from qa.engine import Settings, check_document
from qa.glossary import GlossaryError, load_glossaries, parse_glossary


@pytest.fixture
def runner():
    return CliRunner()


def check(runner, *paths, extra=()):
    result = runner.invoke(main, ["check", *map(str, paths), "-f", "json", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_utf16_file_is_checked_like_any_other(runner, tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("President Zelinsky spoke.\r\n".encode("utf-16"))
    result = check(runner, path)
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["text"] == "Zelinsky" and finding["start"] == 10


def test_empty_file_is_clean(runner, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert check(runner, tmp_path / "empty.txt").exit_code == 0


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bin.txt", b"\x00\x01\x02binary", "binary file"),
        ("bad.txt", b"ok line\nbad \xc3\x28 here", "bad.txt:2: not valid UTF-8"),
        ("bad16.txt", b"\xff\xfe\x00\xd8", "not valid UTF-16"),
    ],
)
def test_unreadable_text_is_one_line_and_others_still_checked(runner, tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "ok.txt").write_text("Kiev.\n")
    result = check(runner, tmp_path / name, tmp_path / "ok.txt")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("qa: error: ") and message in line and "Traceback" not in result.output
    assert json.loads(result.stdout)["findings"][0]["text"] == "Kiev"


def test_huge_file_is_refused_clearly(runner, tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(100_000_000)  # sparse: costs nothing on disk
    result = check(runner, path)
    assert result.exit_code == 2 and "file too large (100 MB; the limit for txt files is 50 MB)" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(runner, tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    assert "permission denied" in check(runner, path).stderr


def test_symlink_loop_and_dangling_link(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Kiev.\n")
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    result = check(runner, tmp_path)
    assert result.exit_code == 2 and "dangling.txt: no such file" in result.stderr
    assert len(json.loads(result.stdout)["findings"]) == 1


def test_very_long_line(runner, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(("The talks went on in Kyiv, officials said. " * 50_000) + "They met in Kiev.\n")
    result = check(runner, path)
    assert [f["text"] for f in json.loads(result.stdout)["findings"]] == ["Kiev"]


def test_deeply_nested_html(runner, tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 50_000 + "<p>They met in Kiev.</p>" + "</div>" * 50_000)
    result = check(runner, path)
    assert [f["text"] for f in json.loads(result.stdout)["findings"]] == ["Kiev"]


def test_malformed_markdown(runner, tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("# Unclosed `code\n\n```\nnever closed fence Kiev\n\n[link](http://x\n> > > *em **strong\n")
    result = check(runner, path)
    assert result.exit_code in (0, 1)


@pytest.mark.parametrize(
    "source, message",
    [
        ("terms:\n  - term: [x\n", "malformed YAML"),
        ("terms:\n  - {term: Kyiv}\n  - {term: Kyiv}\n", "duplicate term"),
        ("terms:\n  - term: 5\n    variants: {a: b}\n", "expected a list of strings"),
        ("terms:\n  - term: Kyiv\n    patterns: ['(a+)+b']\n", "can backtrack catastrophically"),
        ("terms:\n  - term: Kyiv\n    patterns: ['(\\w*)*x']\n", "can backtrack catastrophically"),
    ],
)
def test_hostile_glossaries_are_rejected_with_file_and_line(runner, tmp_path, source, message):
    glossary = tmp_path / "g.yml"
    glossary.write_text(source)
    (tmp_path / "a.txt").write_text("x\n")
    result = check(runner, tmp_path / "a.txt", extra=("-g", str(glossary)))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"qa: error: {glossary}:") and message in result.stderr
    with pytest.raises(GlossaryError):
        parse_glossary(source, "g.yml")


# --- fuzzing the whole pipeline -----------------------------------------------------------------

CONTEXT = Context(load_glossaries([]))
WORDS = st.sampled_from(
    ["Kiev", "Zelinsky", "the", "the", ". .", " ,", "“", "”", '"', "(", ")", "general.alists", "Click here",
     "Кursk", "â€™", "\u200b", "\ufffd", "U.S.", "a.m.", "\n", "\n\n", "Read more", "Arguing?", "Слава"]
)  # fmt: skip
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=40).map(" ".join)
TAGS = st.sampled_from(["p", "div", "h1", "script", "style", "em", "a", "li", "pre", "code", "title"])


def _assert_sane(doc_text, fmt):
    doc = load_text(f"f.{fmt}", doc_text)
    findings = check_document(doc, CONTEXT, Settings())
    for f in findings:
        assert 0 <= f.start <= f.end <= len(doc_text)
        assert doc_text[f.start : f.end] == f.text
        assert f.line >= 1 and f.column >= 1
    json.dumps([f.to_dict() for f in findings])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_fuzz_plain_text(text):
    _assert_sane(text, "txt")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(["", "# ", "> ", "- ", "```\n", "`", "[", "](http://x.org)", "*"]), TEXT), max_size=8
    )
)
def test_fuzz_markdown(parts):
    _assert_sane("\n".join(prefix + text for prefix, text in parts), "md")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(TAGS, TEXT, st.booleans(), st.sampled_from(["", "&amp;", "&#8217;", "&bogus;", "&#x41"])), max_size=8
    )
)
def test_fuzz_html(parts):
    html = "".join(f"<{tag}>{text}{entity}" + (f"</{tag}>" if close else "") for tag, text, close, entity in parts)
    _assert_sane(html, "html")
