"""`qa glossary` lint, test, stats, import and export (CLI through CliRunner, modules directly)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from qa.checkers import Context, terms
from qa.documents import load_text
from qa.glossary import default_glossary_path, load_glossaries, load_glossary, parse_glossary
from qa.glossary_cli import glossary as glossary_group
from qa.glossary_tools import backtracking, csvio, merge, tbx
from qa.glossary_tools.lint import CODES, lint, skeleton
from qa.glossary_tools.selftest import fix_text, run_examples
from qa.glossary_tools.source import parse_raw, read_raw
from qa.glossary_tools.stats import corpus_stats
from qa.glossary_tools.yamlio import dump_entries, dump_glossary

DATA = Path(__file__).parent / "data" / "glossary"
SHIPPED = default_glossary_path()


def invoke(*args: str):
    return CliRunner().invoke(glossary_group, list(args))


def without_source(glossary):
    return [replace(t, source="") for t in glossary.terms]


# --- lint ----------------------------------------------------------------------------------------


def expected_markers(path: Path) -> set[tuple[int, str]]:
    """pylint-style functional fixture: each line to report ends in `# expect: CODE`."""
    found = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for code in re.findall(r"# expect: (G\d{3})", line):
            found.add((number, code))
    return found


def test_lint_reports_exactly_the_marked_lines():
    path = DATA / "lint-problems.yml"
    problems = lint([read_raw(str(path))])
    assert {(p.line, p.code) for p in problems} == expected_markers(path)
    assert all(p.path == str(path) for p in problems)
    assert {p.code for p in problems} == set(CODES) - {"G010"}


def test_every_lint_code_is_documented_and_exercised():
    assert list(CODES) == [f"G{n:03d}" for n in range(1, len(CODES) + 1)]
    assert all(c.why and c.name for c in CODES.values())


def test_shipped_glossary_lints_clean():
    assert lint([read_raw(SHIPPED)]) == []


def test_shipped_glossary_size():
    shipped = load_glossary(SHIPPED)
    assert len(shipped.terms) >= 400
    assert sum(1 for t in shipped.terms if t.variants) >= 350
    assert sum(1 for t in shipped.terms if t.examples) >= 40
    assert all(t.kind in ("person", "place", "org", "term") for t in shipped.terms)


def test_lint_names_the_first_entry_of_a_clash():
    problems = {p.code: p.message for p in lint([read_raw(str(DATA / "lint-problems.yml"))])}
    assert "lint-problems.yml:5" in problems["G001"]  # first Kyiv
    assert "also under 'Kyiv'" in problems["G003"] or "twice" in problems["G003"]
    assert "(a+)+" in problems["G007"] or "0.05s" in problems["G007"]


def test_lint_cli_exit_codes_and_formats():
    bad = str(DATA / "lint-problems.yml")
    result = invoke("lint", bad)
    assert result.exit_code == 1
    assert f"{bad}:8: G001 [error] duplicate term 'Kyiv'" in result.output
    assert result.output.splitlines()[-1].startswith("12 problems (8 error, 4 warning) in 1 file")
    assert invoke("lint", SHIPPED).exit_code == 0
    assert invoke("lint").exit_code == 0  # the shipped glossary by default
    # Only warnings selected: below the default --fail-on error, so exit 0; with --fail-on warning, 1.
    assert invoke("lint", bad, "--select", "G005,G008,G009").exit_code == 0
    assert invoke("lint", bad, "--select", "G005", "--fail-on", "warning").exit_code == 1
    assert invoke("lint", bad, "--ignore", "G00", "--select", "G009").exit_code == 0
    data = json.loads(invoke("lint", bad, "--format", "json").output)
    assert {p["code"] for p in data["problems"]} >= {"G001", "G007"}
    assert set(data["problems"][0]) == {"path", "line", "code", "name", "severity", "message"}
    assert "G007 pattern-backtracking" in invoke("lint", "--list-codes").output


@pytest.mark.parametrize(
    "source, message",
    [
        ("terms:\n  - term: Kyiv\n    variants: [Kiev\n", r"g\.yml:\d+: malformed YAML"),
        ("terms:\n  - term: Kyiv\n    colour: blue\n", r"g\.yml:3: unknown key 'colour'"),
        ("terms:\n  - term: Kyiv\n    kind: city\n", r"g\.yml:3: kind 'city' is not one of"),
        ("terms: {}\n", r"g\.yml:1: 'terms' must be a list"),
    ],
)
def test_lint_input_errors_exit_2_with_one_line(tmp_path, source, message):
    path = tmp_path / "g.yml"
    path.write_text(source, encoding="utf-8")
    result = CliRunner().invoke(glossary_group, ["lint", str(path)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert re.search(message, result.stderr)
    assert invoke("lint", str(tmp_path / "missing.yml")).exit_code == 2


def test_lint_accepts_what_the_strict_loader_refuses_and_lists_all():
    raw = parse_raw(
        "terms:\n  - {term: A, kind: term}\n  - {term: A, kind: term}\n  - {term: A, kind: term}\n", "d.yml"
    )
    assert [(p.line, p.code) for p in lint([raw])] == [(3, "G001"), (4, "G001")]


@pytest.mark.parametrize(
    "pattern",
    [r"(a+)+", r"(a|a)*", r"(.*)*", r"(\w+\s?)+$", r"^(a|aa)+$", r"(.|\s)*x", r"(?:\p{L}+\s?)+", r"((a+)b?)*"],
)
def test_backtracking_shapes_are_found_statically(pattern):
    assert backtracking.static_problems(pattern)


@pytest.mark.parametrize(
    "pattern",
    [r"(a+b)+", r"(?:[A-Z][a-z]+ )+", r"Zelensk(?:yy|iy|yi)", r"(?:al-|el-)?Sharaa", r"(a++)+", r"(?>a+)+",
     r"(?:ab|ac)*", r"(?:Mr|Mrs)+", r"\bKi(?:e|y)v\b"],
)  # fmt: skip
def test_safe_patterns_are_not_flagged(pattern):
    assert backtracking.static_problems(pattern) == []
    assert backtracking.timed_out(regex.compile(pattern, regex.VERSION1)) is None


def test_backtracking_is_timed_on_adversarial_paragraphs():
    assert backtracking.timed_out(regex.compile(r"^(a|aa)+$", regex.VERSION1)) is not None
    assert all(len(text) > 500 for text in backtracking.slow_inputs(r"(x+y?)+$"))


@pytest.mark.parametrize(
    "a, b", [("Zelensky", "Zelenskyy"), ("Sergei Lavrov", "Sergey Lavrov"), ("Kharkiv", "Kharkiw"),
             ("Erdogan", "Erdoğan"), ("Kim Jong Un", "Kim Jong-un"), ("Tshwane", "Tschwane")],
)  # fmt: skip
def test_transliterations_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize("a, b", [("Houthi", "Houthis"), ("Iran", "Iraq"), ("Kim Jong Un", "Kim Jong Il"),
                                  ("Austria", "Australia"), ("Niger", "Nigeria")])  # fmt: skip
def test_different_names_keep_different_skeletons(a, b):
    assert skeleton(a) != skeleton(b)


def test_shipped_terms_have_distinct_skeletons():
    glossary = load_glossary(SHIPPED)
    keys = [skeleton(t.term) for t in glossary.terms]
    assert len(keys) == len(set(keys))


# --- merging -------------------------------------------------------------------------------------


def test_later_glossary_wins_per_term_and_conflicts_are_reported():
    base, override = str(DATA / "base.yml"), str(DATA / "override.yml")
    merged = load_glossaries([base, override])
    assert [t.term for t in merged.terms] == ["Kyiv", "Seoul", "Busan"]  # order of first appearance
    kyiv = merged.terms[0]
    assert kyiv.variants == ("Kiev", "Kiew") and kyiv.source == f"{override}:7"
    assert merge.override_notes(merged) == [
        f"{override}:7: term 'Kyiv' replaces the entry at {base}:4 (later wins); "
        "drops variants Kyjiw; adds variants Kiew"
    ]
    context = Context(merged)
    flagged = [f.text for f in terms.check(load_text("t.txt", "Kyjiw, Kiew and Pusan"), context)]
    assert flagged == ["Kiew", "Pusan"]  # Kyjiw is tolerated by the later file
    reverse = load_glossaries([override, base])
    assert next(t for t in reverse.terms if t.term == "Kyiv").variants == ("Kiev", "Kyjiw")


def test_lint_reports_overrides_as_info():
    base, override = str(DATA / "base.yml"), str(DATA / "override.yml")
    result = invoke("lint", base, override)
    assert result.exit_code == 0
    assert f"{override}:7: G010 [info] term 'Kyiv' replaces the entry at {base}:4 (later wins)" in result.output
    assert invoke("lint", base, override, "--fail-on", "info").exit_code == 1


def test_cross_file_clash_is_reported(tmp_path):
    local = tmp_path / "local.yml"
    local.write_text("terms:\n  - term: Kiev Post\n    kind: org\n    variants: [Kyiv]\n", encoding="utf-8")
    problems = lint([read_raw(SHIPPED), read_raw(str(local))])
    assert [(p.path, p.line, p.code) for p in problems] == [(str(local), 4, "G002")]


# --- test ----------------------------------------------------------------------------------------


def test_shipped_examples_all_pass():
    result = invoke("test", SHIPPED)
    assert result.exit_code == 0, result.output
    count = int(result.output.split()[0])
    assert count >= 40
    assert result.output.strip().endswith("0 failures")


def test_failing_examples_are_reported_with_location_and_diff():
    path = str(DATA / "examples-failing.yml")
    outcome = run_examples(load_glossaries([path]), [read_raw(path)])
    assert outcome.examples == 4
    assert [(f.location, f.reason) for f in outcome.failures] == [
        (f"{path}:8", "bad example was not fixed to the good one"),
        (f"{path}:9", "bad example raised no finding"),
        (f"{path}:10", "good example raised findings"),
    ]
    assert outcome.failures[0].diff() == "talks in Kyiv[-,-] today"
    result = invoke("test", path)
    assert result.exit_code == 1
    assert f"{path}:8: Kyiv: bad example was not fixed to the good one" in result.output
    assert "    diff:     talks in Kyiv[-,-] today" in result.output
    assert "4 examples, 3 failures" in result.output
    data = json.loads(invoke("test", path, "--format", "json").output)
    assert data["examples"] == 4 and len(data["failures"]) == 3


def test_examples_run_against_the_merged_glossary(tmp_path):
    local = tmp_path / "local.yml"
    local.write_text("terms:\n  - term: Kiev\n    kind: place\n", encoding="utf-8")
    result = invoke("test", SHIPPED, str(local))
    assert result.exit_code == 1  # Kyiv's example now conflicts with the local entry
    assert "Kyiv" in result.output


# --- stats ---------------------------------------------------------------------------------------


def test_stats_counts_each_entry_and_variant(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kiev and Kiev again. Kyiv too. Zelenskyy spoke.\n", encoding="utf-8")
    (corpus / "b.md").write_text("# Report\n\nKIM JONG UN and Kim Jong Un met. Kharkov.\n", encoding="utf-8")
    (corpus / "skip.yml").write_text("Kiev\n", encoding="utf-8")
    gloss = tmp_path / "g.yml"
    gloss.write_text(
        "terms:\n"
        "  - {term: Kyiv, kind: place, variants: [Kiev]}\n"
        "  - {term: Zelensky, kind: person, variants: [Zelinsky], patterns: ['Zelensk(?:yy|iy)']}\n"
        "  - {term: Kim Jong Un, kind: person}\n"
        "  - {term: Kharkiv, kind: place, accepted: [Kharkov]}\n"
        "  - {term: Seoul, kind: place, variants: [Soul]}\n",
        encoding="utf-8",
    )
    merged = load_glossaries([str(gloss)])
    result = corpus_stats([str(corpus)], merged)
    by_term = {e.term: e for e in result.entries}
    assert result.documents == 2
    assert by_term["Kyiv"].variants == {"Kiev": 2} and by_term["Kyiv"].uses == 1
    assert by_term["Zelensky"].patterns == 1 and by_term["Zelensky"].fired == 1
    assert by_term["Kharkiv"].uses == 1 and by_term["Kharkiv"].fired == 0
    assert [e.term for e in result.never_fired] == ["Kim Jong Un", "Kharkiv", "Seoul"]  # capitals are tolerated
    assert result.unseen_variants(merged) == [("Zelensky", "Zelinsky"), ("Seoul", "Soul")]
    text = CliRunner().invoke(glossary_group, ["stats", str(gloss), str(corpus)])
    assert text.exit_code == 0, text.output
    assert "2 documents; 2 of 5 entries fired" in text.output
    assert "Kyiv  [Kiev 2]" in text.output
    assert f"{gloss}:6: Seoul" in text.output
    data = json.loads(invoke("stats", "-g", str(gloss), str(corpus), "--format", "json").output)
    assert data["entries"][0]["term"] == "Kyiv" and data["never_fired"] == ["Kim Jong Un", "Kharkiv", "Seoul"]
    assert invoke("stats", str(gloss), str(corpus / "none.txt")).exit_code == 2
    assert invoke("stats", str(gloss)).exit_code == 2  # no corpus


# --- YAML writing --------------------------------------------------------------------------------


def test_yaml_writer_round_trips_the_shipped_glossary():
    shipped = load_glossary(SHIPPED)
    text = dump_glossary(shipped, language="en")
    assert without_source(parse_glossary(text, "rt.yml")) == without_source(shipped)
    assert "    variants: [Zelenskyy, Zelenskiy, Zelinsky" in text
    assert '      - {bad: "Zelinsky said", good: "Zelensky said"}' in text
    assert text.startswith("name: World news house style\nlanguage: en\nterms:\n  - term: Zelensky\n")
    assert dump_glossary(parse_glossary(text, "rt.yml"), language="en") == text  # stable


@pytest.mark.parametrize("value", ["yes", "null", "No", "1984", "Sana'a", "a: b", "#hash", "[x]", '"quoted"', "a, b"])
def test_yaml_writer_escapes_yaml_specials(value):
    entry = {"term": f"T {value}", "kind": "term", "variants": [value], "note": value,
             "examples": [{"bad": value, "good": f"ok {value}"}]}  # fmt: skip
    term = parse_glossary(dump_entries([entry]), "w.yml").terms[0]
    assert term.variants == (value,) and term.note == value and term.examples[0].bad == value


names = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=20).map(str.strip)


@settings(max_examples=60, deadline=None)
@given(term=names.filter(bool), variants=st.lists(names.filter(bool), max_size=3, unique=True), note=names)
def test_yaml_writer_round_trips_any_text(term, variants, note):
    variants = [v for v in variants if v != term]
    entry = {"term": term, "kind": "person", "variants": variants, **({"note": note} if note else {})}
    parsed = parse_glossary(dump_entries([entry]), "h.yml").terms[0]
    assert (parsed.term, list(parsed.variants), parsed.note or "") == (term, variants, note)


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_round_trip_keeps_every_field():
    shipped = load_glossary(SHIPPED)
    entries = csvio.import_csv(csvio.export_csv(shipped), "x.csv")
    assert without_source(parse_glossary(dump_entries(entries, shipped.name), "rt.yml")) == without_source(shipped)


def test_csv_import_reads_semicolons_line_breaks_and_examples():
    entries = csvio.import_csv((DATA / "terms.csv").read_text(encoding="utf-8"), "terms.csv")
    assert entries[0] == {"term": "Kyiv", "kind": "place", "note": "Capital of Ukraine; AP spelling",
                          "variants": ["Kiev", "Kyjiw"], "exceptions": ["Chicken Kiev"],
                          "examples": [{"bad": "talks in Kiev", "good": "talks in Kyiv"}]}  # fmt: skip
    assert entries[1]["variants"] == ["Zelenskyy", "Zelinsky"]
    assert entries[1]["patterns"] == ["Zelensk(?:iy|ij)", "Selensk(?:yj|ij)"]
    assert entries[2]["note"] == 'Yemeni movement; AFP writes "Huthis"'


@pytest.mark.parametrize(
    "text, message",
    [
        ("term,colour\nKyiv,blue\n", r"x\.csv:1: unknown column 'colour'"),
        ("kind\nplace\n", r"x\.csv:1: the header has no 'term' column"),
        ("term,kind\nKyiv,place\n\nKyiv,place\n", r"x\.csv:4: duplicate term 'Kyiv' \(first at x\.csv:2\)"),
        ("term,kind\nKyiv,city\n", r"x\.csv:2: kind 'city' is not one of"),
        ('term,note\n"Kyiv","a\nb"\nOdesa,[\n', r"x\.csv:4: .*"),
        ('term,examples\nKyiv,[{"worse": 1}]\n', r"x\.csv:2: examples"),
        ("term,variants\nKyiv,Kyiv\n", r"x\.csv:2: variant 'Kyiv' is the term itself"),
        ("", r"x\.csv:1: empty CSV"),
    ],
)
def test_csv_errors_name_file_and_line(text, message):
    if "Odesa" in text:  # a valid multi-line cell, then a row with too many cells
        text = 'term,note\n"Kyiv","a\nb"\nOdesa,x,y\n'
        message = r"x\.csv:4: 3 cells but 2 columns"
    with pytest.raises(ValueError, match=message):
        csvio.import_csv(text, "x.csv")


def test_csv_export_refuses_a_separator_inside_a_name():
    glossary = parse_glossary("terms:\n  - {term: A, kind: term, variants: ['B | C']}\n", "p.yml")
    with pytest.raises(ValueError, match=r"p\.yml:2: variant 'B \| C' contains '\|'"):
        csvio.export_csv(glossary)


# --- TBX -----------------------------------------------------------------------------------------

ADMIN_STATUSES = {tbx.PREFERRED, tbx.ADMITTED, tbx.DEPRECATED, tbx.SUPERSEDED}
TERM_TYPES = {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"}


def assert_tbx_basic(data: bytes, version: int) -> etree._Element:
    """The TBX-Basic constraints (the dialect's Schematron rules) that an export can break."""
    root = etree.fromstring(data)
    ns = f"{{{tbx.TBX3_NAMESPACE}}}" if version == 3 else ""
    names = tbx.TBX3 if version == 3 else tbx.TBX2
    assert root.tag == ns + names.root and root.get("type") == "TBX-Basic"
    assert root.get(tbx.XML_LANG) == "en"
    if version == 3:
        assert root.get("style") == "dca"
        assert all(e.tag.startswith(ns) for e in root.iter(etree.Element))  # DCA: no foreign namespace
    assert root.find(f"{ns}{names.header}/{ns}fileDesc/{ns}sourceDesc/{ns}p") is not None
    entries = root.findall(f"{ns}text/{ns}body/{ns}{names.entry}")
    assert entries and len({e.get("id") for e in entries}) == len(entries)
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", e.get("id")) for e in entries)  # xml:id is an NCName
    for element in root.iter(f"{ns}termNote"):
        assert element.getparent().tag == ns + names.term  # termNote only at the term level
        if element.get("type") == "administrativeStatus":
            assert element.text in ADMIN_STATUSES
        else:
            assert element.get("type") == "termType" and element.text in TERM_TYPES
    for element in root.iter(f"{ns}descrip"):
        assert element.get("type") == "subjectField" and element.getparent().tag == ns + names.entry
    for entry in entries:
        sections = entry.findall(f"{ns}{names.lang}")
        assert sections and all(s.get(tbx.XML_LANG) == "en" for s in sections)
        children = [etree.QName(c).localname for c in entry]
        assert children.index(names.lang) == len(children) - 1  # auxiliary info before the language section
        for term_section in sections[0]:
            assert etree.QName(term_section[0]).localname == "term" and term_section[0].text
        statuses = [n.text for n in entry.iter(f"{ns}termNote") if n.get("type") == "administrativeStatus"]
        assert statuses.count(tbx.PREFERRED) == 1
    return root


@pytest.mark.parametrize("version", [3, 2])
def test_export_follows_tbx_basic(version):
    shipped = load_glossary(SHIPPED)
    root = assert_tbx_basic(tbx.export_tbx(shipped, version=version), version)
    assert len(list(root.iter("{*}" + ("conceptEntry" if version == 3 else "termEntry")))) == len(shipped.terms)


@pytest.mark.parametrize("version", [3, 2])
def test_round_trip_yaml_tbx_yaml_loses_nothing_tbx_carries(version):
    shipped = load_glossary(SHIPPED)
    title, entries = tbx.import_tbx(tbx.export_tbx(shipped, version=version), "x.tbx")
    again = parse_glossary(dump_entries(entries, title), "rt.yml")
    assert title == shipped.name
    assert [tbx.round_trip_fields(t) for t in again.terms] == [tbx.round_trip_fields(t) for t in shipped.terms]


def test_round_trip_keeps_accepted_forms_and_full_names():
    glossary = parse_glossary(
        "terms:\n  - {term: Kharkiv, kind: place, full: City of Kharkiv, accepted: [Kharkov], variants: [Charkiw],"
        " note: 'Notes & <marks> survive'}\n",
        "a.yml",
    )
    _, entries = tbx.import_tbx(tbx.export_tbx(glossary), "a.tbx")
    assert entries == [{"term": "Kharkiv", "kind": "place", "full": "City of Kharkiv", "variants": ["Charkiw"],
                        "accepted": ["Kharkov"], "note": "Notes & <marks> survive"}]  # fmt: skip


def test_import_translate_toolkit_output():
    title, entries = tbx.import_tbx((DATA / "translate-toolkit.tbx").read_bytes(), "tt.tbx")
    assert title is None
    assert [e["term"] for e in entries] == ["Kyiv", "Houthis", "Kim Jong Un", "Chişinău"]
    assert entries[0]["note"] == "Capital of Ukraine; AP & Reuters spelling since 2019."
    assert entries[1]["note"] == "Yemeni movement <Ansar Allah>."
    assert all(e["kind"] == "term" for e in entries)


def test_import_tbx_basic_v3_maps_statuses():
    title, entries = tbx.import_tbx((DATA / "tbx-basic-v3.tbx").read_bytes(), "v3.tbx")
    assert title == "Newsroom termbase sample"
    kyiv, zelensky, kharkiv = entries  # the French-only concept is skipped
    assert kyiv == {"term": "Kyiv", "kind": "place", "variants": ["Kiev", "Kijew"],
                    "note": "Capital of Ukraine. Kiev: Russian-derived spelling."}  # fmt: skip
    assert zelensky["full"] == "Volodymyr Zelensky" and zelensky["variants"] == ["Zelenskyy"]
    assert zelensky["note"] == "House style; AP writes Zelenskyy." and zelensky["kind"] == "person"  # en-GB is English
    assert kharkiv == {"term": "Kharkiv", "kind": "term", "accepted": ["Kharkov"],
                       "note": "Subject field: international relations"}  # fmt: skip
    _, strict = tbx.import_tbx((DATA / "tbx-basic-v3.tbx").read_bytes(), "v3.tbx", admitted="variant")
    assert strict[2]["variants"] == ["Kharkov"] and "accepted" not in strict[2]
    _, german = tbx.import_tbx((DATA / "tbx-basic-v3.tbx").read_bytes(), "v3.tbx", language="de")
    assert [e["term"] for e in german] == ["Kiew"]


def test_import_drops_case_only_forms():
    data = (
        b"<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>Kyiv</term></tig>"
        b"<tig><term>KYIV</term><termNote type='administrativeStatus'>deprecatedTerm-admn-sts</termNote></tig>"
        b"</langSet></termEntry></body></text></martif>"
    )
    assert tbx.import_tbx(data, "c.tbx")[1] == [{"term": "Kyiv", "kind": "term"}]


def test_import_tbx_basic_v2_with_ntig():
    title, entries = tbx.import_tbx((DATA / "tbx-basic-v2.tbx").read_bytes(), "v2.tbx")
    assert title == "MARTIF sample"
    assert entries == [{"term": "Hezbollah", "kind": "org", "variants": ["Hizbollah", "Hizballah"]}]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<martif><text><body><termEntry>", r"t\.tbx:1: malformed XML"),
        (b"<?xml version='1.0'?>\n<glossary/>", r"t\.tbx:2: not a TBX file \(root element <glossary>"),
        (b"<martif>\n<text><body><termEntry><langSet xml:lang='en'><tig><term>A</term>\n"
         b"<termNote type='administrativeStatus'>maybe</termNote></tig></langSet></termEntry></body></text></martif>",
         r"t\.tbx:3: unknown administrativeStatus 'maybe'"),
        (b"<martif><text><body>\n<termEntry><langSet xml:lang='en'><tig><term>A</term>"
         b"<termNote type='administrativeStatus'>deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry>"
         b"</body></text></martif>",
         r"t\.tbx:2: concept has no preferred term"),
        (b"<martif><text><body>\n<termEntry><langSet xml:lang='en'><tig><term>A</term></tig></langSet></termEntry>\n"
         b"<termEntry><langSet xml:lang='en'><tig><term>A</term></tig></langSet></termEntry></body></text></martif>",
         r"t\.tbx:3: duplicate preferred term 'A' \(first at t\.tbx:2\)"),
    ],
)  # fmt: skip
def test_tbx_import_errors_name_file_and_line(data, message):
    with pytest.raises(ValueError, match=message):
        tbx.import_tbx(data, "t.tbx")


def test_tbx_import_does_not_expand_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        "<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>A&x;</term></tig></langSet>"
        "</termEntry></body></text></martif>"
    ).encode()
    _, entries = tbx.import_tbx(data, "x.tbx")
    assert "SECRET" not in json.dumps(entries)


def test_translate_toolkit_reads_our_export():
    toolkit = pytest.importorskip("translate.storage.tbx")
    store = toolkit.tbxfile.parsestring(tbx.export_tbx(load_glossary(SHIPPED), version=2))
    assert store.units[0].source == "Zelensky"
    assert "AP writes Zelenskyy" in store.units[0].getnotes()
    assert len(store.units) == len(load_glossary(SHIPPED).terms)


# --- import / export commands -------------------------------------------------------------------


def test_export_import_commands_round_trip(tmp_path):
    out_tbx, out_yml, out_csv = tmp_path / "g.tbx", tmp_path / "g.yml", tmp_path / "g.csv"
    result = CliRunner().invoke(glossary_group, ["export", SHIPPED, "--format", "tbx", "-o", str(out_tbx)])
    assert result.exit_code == 0, result.output
    assert "TBX-Basic cannot carry exceptions of" in result.stderr
    result = CliRunner().invoke(glossary_group, ["import", str(out_tbx), "-o", str(out_yml)])
    assert result.exit_code == 0, result.output
    shipped, imported = load_glossary(SHIPPED), load_glossary(str(out_yml))
    assert [tbx.round_trip_fields(t) for t in imported.terms] == [tbx.round_trip_fields(t) for t in shipped.terms]
    assert invoke("export", SHIPPED, "--format", "csv", "-o", str(out_csv)).exit_code == 0
    assert invoke("import", str(out_csv), "-o", str(out_yml)).exit_code == 0
    assert without_source(load_glossary(str(out_yml))) == without_source(shipped)
    stdout = invoke("import", str(DATA / "tbx-basic-v2.tbx"))
    assert stdout.stdout.startswith("name: MARTIF sample\nlanguage: en\nterms:\n  - term: Hezbollah\n")
    assert invoke("export", "--format", "tbx", "--tbx-version", "2").stdout.startswith('<?xml version="1.0"')
    assert invoke("export", str(DATA / "base.yml"), "--format", "yaml").stdout.startswith("name: Base\n")


def test_import_command_errors_exit_2(tmp_path):
    odd = tmp_path / "terms.json"
    odd.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(glossary_group, ["import", str(odd)])
    assert result.exit_code == 2 and "--from csv or --from tbx" in result.stderr
    assert invoke("import", str(tmp_path / "none.csv")).exit_code == 2
    result = CliRunner().invoke(glossary_group, ["import", str(DATA / "tbx-basic-v3.tbx"), "--lang", "ja"])
    assert result.exit_code == 2 and "no entries found in language 'ja'" in result.stderr
    bad = tmp_path / "bad.tbx"
    bad.write_bytes(b"<martif>")
    result = CliRunner().invoke(glossary_group, ["import", str(bad)])
    assert result.exit_code == 2 and re.match(r"qa: error: .*bad\.tbx:1: malformed XML", result.stderr)


def test_glossary_group_is_attached_to_qa():
    from qa.cli import main

    if "glossary" not in main.commands:
        pytest.skip("qa.cli does not attach the glossary group yet")
    result = CliRunner().invoke(main, ["glossary", "lint"])
    assert result.exit_code == 0, result.output


# --- country -------------------------------------------------------------------------------------

COUNTRIES = """name: Places
language: en
terms:
  - term: Kursk
    kind: place
    country: Russia
    note: Russian border region.
  - term: Jerusalem
    kind: place
    country: [Israel, Palestine]
  - term: Seoul
    kind: place
"""


def test_country_round_trips_through_yaml_csv_and_tbx():
    glossary = parse_glossary(COUNTRIES, "c.yml")
    assert dump_glossary(glossary) == COUNTRIES  # one country as a name, several as a flow list
    from_csv = csvio.import_csv(csvio.export_csv(glossary), "c.csv")
    assert [e.get("country") for e in from_csv] == ["Russia", ["Israel", "Palestine"], None]
    assert without_source(parse_glossary(dump_entries(from_csv, "Places"), "rt.yml")) == without_source(glossary)
    for version in (3, 2):
        title, entries = tbx.import_tbx(tbx.export_tbx(glossary, version=version), "c.tbx")
        assert [e.get("country") for e in entries] == ["Russia", ["Israel", "Palestine"], None]
        assert entries[0]["note"] == "Russian border region."  # the country notes do not leak into the note
        assert dump_entries(entries, title) == COUNTRIES


def test_tbx_export_writes_country_as_concept_notes():
    root = etree.fromstring(tbx.export_tbx(parse_glossary(COUNTRIES, "c.yml")))
    notes = [n.text for n in root.iter(f"{{{tbx.TBX3_NAMESPACE}}}note")]
    assert notes == ["Russian border region.", "Country: Russia", "Country: Israel", "Country: Palestine"]
    assert_tbx_basic(tbx.export_tbx(parse_glossary(COUNTRIES, "c.yml")), 3)


def test_csv_import_reads_a_country_list_cell():
    entries = csvio.import_csv("term;kind;country\nJerusalem;place;Israel | Palestine\nKursk;place;Russia\n", "c.csv")
    assert entries == [{"term": "Jerusalem", "kind": "place", "country": ["Israel", "Palestine"]},
                       {"term": "Kursk", "kind": "place", "country": "Russia"}]  # fmt: skip


def test_lint_warns_about_an_unknown_country_and_suggests_a_known_one():
    raw = parse_raw("terms:\n  - term: Kursk\n    kind: place\n    country: Rusia\n"
                    "  - {term: Kyiv, kind: place, country: [Ukraine, Europe]}\n"
                    "  - {term: Boston, kind: place, country: U.S.}\n", "c.yml")  # fmt: skip
    problems = lint([raw])
    assert [(p.line, p.code, str(p.severity)) for p in problems] == [(4, "G011", "warning"), (5, "G011", "warning")]
    assert problems[0].message == "country 'Rusia' of 'Kursk' is not in the country list; did you mean 'Russia'?"
    assert problems[1].message == "country 'Europe' of 'Kyiv' is not in the country list"


def test_override_note_names_a_changed_country(tmp_path):
    base, desk = tmp_path / "base.yml", tmp_path / "desk.yml"
    base.write_text("terms:\n  - {term: Kinmen, kind: place, country: Taiwan}\n", encoding="utf-8")
    desk.write_text("terms:\n  - {term: Kinmen, kind: place, country: [Taiwan, China]}\n", encoding="utf-8")
    change = "changes country Taiwan to Taiwan, China"
    note = f"{desk}:2: term 'Kinmen' replaces the entry at {base}:2 (later wins); {change}"
    assert merge.override_notes(load_glossaries([str(base), str(desk)])) == [note]
    problems = lint([read_raw(str(base)), read_raw(str(desk))])
    assert [p.message for p in problems] == [note.split(": ", 1)[1]]


def test_stats_count_places_named_in_the_wrong_country(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling in the Kursk region of Ukraine. Kursk in Russia.\n", encoding="utf-8")
    gloss = tmp_path / "g.yml"
    gloss.write_text(COUNTRIES, encoding="utf-8")
    result = corpus_stats([str(tmp_path / "a.txt")], load_glossaries([str(gloss)]))
    kursk = next(e for e in result.entries if e.term == "Kursk")
    assert (kursk.country, kursk.uses, kursk.fired, kursk.documents) == (1, 2, 1, 1)
    assert kursk.to_dict()["country"] == 1
    from click.testing import CliRunner

    from qa.cli import main

    text = CliRunner().invoke(main, ["glossary", "stats", "-g", str(gloss), str(tmp_path / "a.txt")]).output
    assert "Kursk  [country 1]" in text


def test_glossary_examples_fix_a_variant_and_a_country_without_overlapping_edits():
    glossary = parse_glossary("terms:\n  - {term: Kyiv, kind: place, country: Ukraine, variants: [Kiev]}\n", "g.yml")
    fixed, flagged = fix_text("the Kiev region of Russia", Context(glossary))
    assert flagged == ["T001 'Kiev'", "T004 'Kiev region of Russia'"]
    assert fixed == "the Kyiv region of Russia"  # the variant fix (shortest) wins, as in `qa fix`; T004's waits
