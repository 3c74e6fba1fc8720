"""The HTML correction report: self-contained, inert against hostile text, faithful to the text."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from qa.engine import Report, Settings, run
from qa.glossary import parse_glossary
from qa.model import Category, FileResult, Finding, FixSafety, Severity
from qa.reporters import html as html_report

HOSTILE = (
    "Headline <script>alert(1)</script>\n"
    'Quote "><img src=x onerror=alert(1)> and a link javascript:alert(1) here.\n'
    "Breakout </script><script>alert(2)</script> <!-- and \u2028 line \u2029 separators & more\n"
)
GLOSSARY = """\
name: Test glossary
terms:
  - term: Zelensky
    kind: person
    variants: [Zelinsky, Zelenskyy]
  - term: Kyiv
    kind: place
    variants: [Kiev]
  - term: Sybiha
    kind: person
    variants: [Sybyha]
"""


def finding(
    start: int,
    end: int,
    text: str,
    *,
    rule: str = "T001",
    category: Category = Category.TERM,
    severity: Severity = Severity.ERROR,
    suggestion: str | None = None,
    fix: FixSafety | str = FixSafety.NONE,
    path: str = "a.txt",
) -> Finding:
    """A finding at source[start:end] (offsets may be out of range on purpose)."""
    return Finding(
        rule=rule,
        name=f"rule-{rule.lower()}",
        category=category,
        severity=severity,
        confidence=0.9,
        message=f"message for {text!r}",
        start=start,
        end=end,
        text=text[start:end],
        suggestion=suggestion,
        fix=FixSafety(fix),
        path=path,
        line=1,
        column=start + 1,
    )


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def render(report: Report) -> str:
    stream = io.StringIO()
    html_report.render(report, stream, False)
    return stream.getvalue()


class Page(HTMLParser):
    """Tags, attributes, script blocks, and the text of each annotated article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.annotated: list[str] = []
        self.marks: list[tuple[str, str]] = []  # (data-ids, text)
        self._depth = 0  # > 0 inside an annotated article
        self._script: dict[str, str | None] | None = None
        self._mark: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))
        if self._depth:
            self._depth += 1
        elif attributes.get("data-role") == "annotated":
            self._depth = 1
            self.annotated.append("")
        if tag == "mark" and self._depth:
            self._mark = attributes.get("data-ids") or ""
            self.marks.append((self._mark, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        if tag == "mark":
            self._mark = None
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        if self._depth:
            self.annotated[-1] += data
            if self._mark is not None:
                ids, body = self.marks[-1]
                self.marks[-1] = (ids, body + data)


def parse(document: str) -> Page:
    page = Page()
    page.feed(document)
    page.close()
    return page


def data_block(document: str) -> dict:
    match = re.search(r'<script type="application/json" id="qa-data">(.*?)</script>', document, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


@pytest.fixture
def sample() -> Report:
    text = "Zelinsky met officials in Kiev on Monday,, officials said.\nRead more\n"
    findings = [
        finding(*at(text, "Zelinsky"), text, suggestion="Zelensky", fix=FixSafety.SAFE),
        finding(*at(text, "Kiev"), text, suggestion="Kyiv", fix=FixSafety.UNSAFE, severity=Severity.WARNING),
        finding(*at(text, ",,"), text, rule="P001", category=Category.PUNCTUATION, suggestion=",", fix=FixSafety.SAFE),
        finding(*at(text, "Read more"), text, rule="B001", category=Category.BOILERPLATE, severity=Severity.INFO),
    ]
    return Report(files=[FileResult(path="news/a.txt", findings=findings, text=text)])


# --- the document as a whole -------------------------------------------------------------------


def test_one_self_contained_document(sample: Report) -> None:
    document = render(sample)
    page = parse(document)
    assert document.startswith("<!DOCTYPE html>") and document.rstrip().endswith("</html>")
    assert document.count("<html") == 1
    for tag, attrs in page.tags:
        assert tag not in {"link", "iframe", "object", "embed", "img", "base"}, tag
        for name in ("src", "href", "action", "srcset", "data"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "javascript:")), (tag, name, value)
        if tag == "script":
            assert "src" not in attrs
    style = re.search(r"<style>(.*?)</style>", document, re.S)
    assert style and "@import" not in style.group(1) and "url(" not in style.group(1)
    assert "@font-face" not in document
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in (csp or "")


def test_the_only_script_is_allowed_by_its_hash(sample: Report) -> None:
    document = render(sample)
    page = parse(document)
    executable = [body for attrs, body in page.scripts if attrs.get("type") != "application/json"]
    assert len(executable) == 1
    digest = base64.b64encode(hashlib.sha256(executable[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in document
    assert "</script" not in executable[0].lower() and "<!--" not in executable[0]


def test_urls_in_article_text_stay_text() -> None:
    text = 'See https://example.com/a and <a href="https://example.com/b">b</a>.'
    report = Report(files=[FileResult(path="a.html", text=text, findings=[finding(*at(text, "See"), text)])])
    page = parse(render(report))
    hrefs = [a.get("href") or "" for _, a in page.tags]
    assert not any(h.startswith("http") for h in hrefs)
    assert page.annotated == [text]


# --- untrusted text ---------------------------------------------------------------------------


def test_hostile_article_renders_inert() -> None:
    text = HOSTILE
    findings = [
        finding(*at(text, "<script>alert(1)</script>"), text, rule="S001", category=Category.SENTENCE),
        finding(*at(text, "onerror=alert(1)"), text, suggestion="<b onmouseover=x>", fix=FixSafety.SAFE),
    ]
    report = Report(files=[FileResult(path='x"><svg onload=alert(3)>.txt', findings=findings, text=text)])
    document = render(report)
    page = parse(document)
    assert "<script>alert" not in document
    assert "<img src=x" not in document
    assert "<svg onload" not in document and "<b onmouseover" not in document
    for tag, attrs in page.tags:
        assert tag not in {"img", "b"}
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript:")
    assert [a.get("type") for a, _ in page.scripts] == ["application/json", None]
    # every raw "onerror=" is inside escaped text or the JSON data, never markup
    outside_data = re.sub(r'<script type="application/json".*?</script>', "", document, flags=re.S)
    for match in re.finditer("onerror=", outside_data):
        before = outside_data[: match.start()]
        assert before.rfind("<") < before.rfind(">") or "&lt;img" in before[-30:], "onerror= inside a tag"
    assert page.annotated == [text]
    assert data_block(document)["files"][0]["text"] == text


def test_json_data_block_cannot_be_broken_out_of() -> None:
    text = "a </script><script>alert(1)</script> <!-- b --> c & d > e \u2028\u2029 </SCRIPT >"
    report = Report(
        files=[FileResult(path="a.txt", text=text, findings=[finding(0, 1, text, suggestion="</script>", fix="safe")])]
    )
    document = render(report)
    block = re.search(r'<script type="application/json" id="qa-data">(.*?)</script>', document, re.S)
    assert block
    raw = block.group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\u2028" not in raw and "\u2029" not in raw
    data = json.loads(raw)
    assert data["files"][0]["text"] == text
    assert data["files"][0]["edits"][0]["suggestion"] == "</script>"
    assert document.lower().count("</script") == 2  # the data block and the report script, nothing else


def test_script_json_escapes() -> None:
    assert str(html_report.script_json({"a": "</script>&\u2028"})) == '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}'


# --- the annotated text ------------------------------------------------------------------------


def test_overlapping_findings_keep_the_text_intact() -> None:
    text = "Ukrainian President Volodymyr Zelinsky said on Monday,, in Kiev.\nLine two 😀 ends here."
    findings = [
        finding(*at(text, "President Volodymyr Zelinsky"), text, rule="S002", category=Category.SENTENCE),
        finding(*at(text, "Volodymyr Zelinsky said"), text, rule="S003", category=Category.SENTENCE),
        finding(*at(text, "Zelinsky"), text, suggestion="Zelensky", fix=FixSafety.SAFE),
        finding(*at(text, "Zelinsky"), text, rule="T003", suggestion="Zelenskyy", fix=FixSafety.UNSAFE),
        finding(*at(text, ",,"), text, rule="P001", category=Category.PUNCTUATION, suggestion=",", fix="safe"),
        finding(12, 12, "", rule="P002", category=Category.PUNCTUATION, suggestion=" ", fix=FixSafety.UNSAFE),
        finding(*at(text, "Line two 😀 ends here."), text, rule="X001", category=Category.SCRIPT),
        finding(0, len(text), text, rule="B002", category=Category.BOILERPLATE, severity=Severity.INFO),
    ]
    report = Report(files=[FileResult(path="a.txt", findings=findings, text=text)])
    document = render(report)
    page = parse(document)
    assert page.annotated == [text]
    ids = [f"f1-{n}" for n in range(1, len(findings) + 1)]
    for fid, f in zip(ids, findings, strict=True):
        covered = "".join(body for marks, body in page.marks if fid in marks.split())
        assert covered == text[f.start : f.end], fid
        assert len(re.findall(rf'\sid="{fid}"', document)) == 1  # one anchor per finding
        assert f'id="item-{fid}"' in document


def test_segments_split_at_every_boundary() -> None:
    text = "abcdefghij"
    views = [
        html_report._finding_view(finding(0, 6, text, rule="T001"), 1, 1, text),
        html_report._finding_view(finding(3, 9, text, rule="S001", category=Category.SENTENCE), 1, 2, text),
        html_report._finding_view(finding(4, 5, text, rule="P001", category=Category.PUNCTUATION), 1, 3, text),
    ]
    segments = html_report.segment(text, views)
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.ids) for s in segments] == [
        ("abc", ("f1-1",)),
        ("d", ("f1-1", "f1-2")),
        ("e", ("f1-1", "f1-2", "f1-3")),
        ("f", ("f1-1", "f1-2")),
        ("ghi", ("f1-2",)),
        ("j", ()),
    ]
    assert segments[2].category == "punctuation"  # the innermost finding sets the colour


def test_out_of_range_offsets_are_clamped() -> None:
    text = "short"
    report = Report(files=[FileResult(path="a.txt", text=text, findings=[finding(3, 99, text, rule="T001")])])
    assert parse(render(report)).annotated == [text]


def test_line_breaks_are_preserved() -> None:
    text = "one\n\ntwo\r\nthree\n"
    report = Report(files=[FileResult(path="a.txt", text=text, findings=[finding(0, 3, text)])])
    assert "one</mark>\n\ntwo\r\nthree\n" in render(report)


# --- counts, corrections, scores ----------------------------------------------------------------


def test_counts_by_category_and_severity(sample: Report) -> None:
    view = html_report.build_view(sample)
    assert view.total == 4
    assert dict(view.by_category) == {"term": 2, "punctuation": 1, "boilerplate": 1}
    assert dict(view.by_severity) == {"error": 2, "warning": 1, "info": 1}
    document = render(sample)
    row = re.search(r'<tr>\s*<th scope="row" class="col-file" data-sort="news/a.txt">.*?</tr>', document, re.S)
    assert row
    cells = re.findall(r'<td class="num[^"]*" data-sort="([^"]*)"', row.group(0))
    # total, term, sentence, boilerplate, punctuation, script, error, warning, info, fixes
    assert cells[:10] == ["4", "2", "0", "1", "1", "0", "2", "1", "1", "2"]


def test_default_accept_state(sample: Report) -> None:
    document = render(sample)
    pressed = dict(re.findall(r'data-action="accept" data-fid="([^"]+)" aria-pressed="(true|false)"', document))
    assert pressed == {"f1-1": "true", "f1-2": "false", "f1-3": "true"}  # safe, unsafe, safe; f1-4 has no fix
    edits = {e["id"]: e["accepted"] for e in data_block(document)["files"][0]["edits"]}
    assert edits == {"f1-1": True, "f1-2": False, "f1-3": True}


def test_corrected_text_applies_default_fixes(sample: Report) -> None:
    view = html_report.build_view(sample)
    assert view.files[0].corrected == "Zelensky met officials in Kiev on Monday, officials said.\nRead more\n"
    assert html.escape(view.files[0].corrected, quote=False) in render(sample)


def test_overlapping_edits_earlier_start_wins() -> None:
    text = "abcdefghij"
    raw = [
        finding(2, 6, text, suggestion="X", fix="safe"),
        finding(0, 4, text, suggestion="Y", fix="safe"),
        finding(6, 6, text, suggestion="+", fix="safe"),
        finding(6, 8, text, suggestion="Z", fix="safe"),
        finding(7, 9, text, suggestion="W", fix="safe"),
    ]
    views = [html_report._finding_view(f, 1, n, text) for n, f in enumerate(raw, start=1)]
    assert html_report.apply_fixes(text, views) == "Yef+Zij"
    assert html_report.apply_fixes(text, list(reversed(views))) == "Yef+Zij"


def test_chrf_and_ter(sample: Report) -> None:
    view = html_report.build_view(sample)
    scores = view.files[0].scores
    assert scores.chrf is not None and 0 < scores.chrf < 100
    assert scores.ter is not None and scores.ter > 0
    assert view.scores.chrf is not None and view.scores.ter is not None
    document = render(sample)
    assert "chrF" in document and "TER" in document
    assert view.signatures["chrF"] in document and view.signatures["TER"] in document
    assert "version:" in view.signatures["chrF"]


def test_unchanged_article_scores_perfectly() -> None:
    text = "Nothing to fix here.\n"
    report = Report(files=[FileResult(path="a.txt", text=text, findings=[finding(0, 7, text, suggestion="X")])])
    scores = html_report.build_view(report).files[0].scores
    assert (scores.chrf, scores.ter) == (100.0, 0.0)  # the only fix is not accepted by default


def test_corpus_scores_cover_all_articles(sample: Report) -> None:
    clean = FileResult(path="b.txt", text="A clean article.\n")
    report = Report(files=[*sample.files, clean])
    view = html_report.build_view(report)
    assert view.files[1].scores.chrf == 100.0
    assert view.scores.chrf is not None and view.files[0].scores.chrf < view.scores.chrf < 100


# --- corpus runs ----------------------------------------------------------------------------------


def test_errors_are_listed_in_the_index(sample: Report) -> None:
    broken = FileResult(path="news/broken.txt", error="news/broken.txt: cannot decode as UTF-8 <bad>")
    document = render(Report(files=[*sample.files, broken]))
    assert "news/broken.txt: cannot decode as UTF-8 &lt;bad&gt;" in document
    assert 'class="row-error"' in document
    assert document.count('class="card article"') == 1


def test_index_links_to_each_article(sample: Report) -> None:
    other = FileResult(path="news/b.txt", text="Another one.\n")
    document = render(Report(files=[*sample.files, other]))
    for anchor in ("file-1", "file-2"):
        assert f'href="#{anchor}"' in document and f'id="{anchor}"' in document
    assert document.count('class="sort"') >= 10


def test_findings_without_text_still_render() -> None:
    report = Report(
        files=[FileResult(path="a.txt", findings=[finding(0, 4, "Kiev", suggestion="Kyiv", fix=FixSafety.SAFE)])]
    )
    document = render(report)
    assert "was not kept" in document and "Kiev" in document
    assert data_block(document) == {"files": []}


def test_empty_report_renders() -> None:
    document = render(Report())
    assert "0 articles checked" in document and "No glossary entry fired." in document
    assert data_block(document) == {"files": []}


def test_glossary_panel_lists_fired_entries(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(
        "Zelinsky visited Kiev.\n\nLater, Zelinsky met Zelenskyy's aides in Kiev.\n\nSybiha was not there.\n",
        encoding="utf-8",
    )
    glossary = parse_glossary(GLOSSARY, "test.yml")
    report = run([str(article)], glossary, Settings(keep_text=True, select=("T",)))
    assert report.files[0].text is not None
    view = html_report.build_view(report)
    fired = {row.term: row.count for row in view.glossary_rows}
    assert fired == {"Zelensky": 3, "Kyiv": 2}
    assert view.glossary_unfired == ["Sybiha"]
    document = render(report)
    panel = document[document.index('id="glossary"') : document.index('id="articles"')]
    assert '<span class="term">Zelensky</span>' in panel and '<span class="term">Kyiv</span>' in panel
    assert 'Zelinsky<span class="times">×2</span>' in panel
    assert parse(document).annotated == [article.read_text(encoding="utf-8")]


def test_samples_render(tmp_path: Path) -> None:
    samples = Path(__file__).resolve().parent.parent / "samples"
    if not samples.is_dir():
        pytest.skip("no samples")
    from qa.glossary import load_glossaries

    report = run([str(samples)], load_glossaries([]), Settings(keep_text=True))
    document = render(report)
    page = parse(document)
    texts = [r.text for r in report.files if r.text is not None and not r.error]
    assert page.annotated == texts


# --- the JavaScript agrees with Python --------------------------------------------------------------

NODE = shutil.which("node")
SCRIPT = Path(html_report.__file__).resolve().parent.parent / "templates" / "report.js"
NODE_RUNNER = """
const vm = require("vm"), fs = require("fs");
const module = { exports: {} };
vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), { module });
const { correct, wordDiff } = module.exports;
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = input.files.map((f) => {
  const result = correct(f.text, f.edits, (e) => e.accepted);
  return { text: result.text, skipped: [...result.skipped], diff: wordDiff(f.text, result) };
});
process.stdout.write(JSON.stringify(out));
"""


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_javascript_corrections_match_python() -> None:
    text = "Zelinsky 😀 said,, the the 𝔘kraine 😀 Kiev war.\nRead more"
    raw = [
        finding(*at(text, "Zelinsky"), text, suggestion="Zelensky", fix="safe"),
        finding(*at(text, ",,"), text, suggestion=",", fix="safe"),
        finding(*at(text, "the the"), text, suggestion="the", fix="safe"),
        finding(*at(text, "the 𝔘kraine"), text, suggestion="Ukraine", fix="safe"),  # overlaps: skipped
        finding(*at(text, "Kiev"), text, suggestion="Kyiv", fix="safe"),
        finding(*at(text, "Read more"), text, suggestion="", fix="safe"),
    ]
    report = Report(files=[FileResult(path="a.txt", text=text, findings=raw)])
    view = html_report.build_view(report)
    payload = json.loads(str(view.data))
    result = subprocess.run(
        [NODE, "-e", NODE_RUNNER, str(SCRIPT)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    [out] = json.loads(result.stdout)
    assert out["text"] == view.files[0].corrected == "Zelensky 😀 said, the 𝔘kraine 😀 Kyiv war.\n"
    assert out["skipped"] == ["f1-4"]
    assert "".join(t for op, t in out["diff"] if op != "+") == text
    assert "".join(t for op, t in out["diff"] if op != "-") == out["text"]
    assert ["-", "Zelinsky"] in out["diff"] and ["+", "Zelensky"] in out["diff"]
