"""Name checks: unlisted near-variants of glossary names (N001), inconsistent spellings (N002),
corpus-level clusters and `qa glossary suggest` (issue 5). Articles are in tests/data/names."""

import pickle
from pathlib import Path

import pytest

from qa.checkers import Context, names, terms
from qa.documents import load_text, read_document
from qa.glossary import Glossary, Term, parse_glossary
from qa.names.analysis import analyse
from qa.names.clusters import related
from qa.names.corpus import corpus_name_findings
from qa.names.mentions import extract_mentions
from qa.names.suggest import suggest
from qa.names.translit import compare, name_form, opposite_genders, other_orthographies
from tests.conftest import SEEDS, assert_marked, needs_seeds, run_family

DATA = Path(__file__).parent / "data" / "names"
CLEAN = sorted((Path(__file__).parent / "data" / "clean").glob("*.txt"))
EMPTY = Glossary()


def found(path: Path, glossary: Glossary) -> list[tuple[str, str, str | None]]:
    doc = read_document(str(path))
    return [(f.rule, f.text, f.suggestion) for f in names.check(doc, Context(glossary))]


# --- transliteration-aware comparison ---------------------------------------------------------


@pytest.mark.parametrize(
    "variant, canonical",
    [("Zelenskyy", "Zelensky"), ("Zelenskiy", "Zelensky"), ("Selenskyj", "Zelenskyj"), ("Sibiga", "Sybiha"),
     ("Kharkov", "Kharkiv"), ("Odessa", "Odesa"), ("Kim Jong-un", "Kim Jong Un"), ("Kim Jongun", "Kim Jong Un"),
     ("Lee Jae-myeong", "Lee Jae Myung"), ("Yun Seok-yeol", "Yoon Suk Yeol"), ("Andriy Sibygha", "Andrii Sybiha")],
)  # fmt: skip
def test_transliteration_variants_compare_close(variant, canonical):
    result = compare(name_form(variant), name_form(canonical))
    assert result is not None and result[0] >= 0.8


@pytest.mark.parametrize(
    "one, other",
    [("Kim Jong Il", "Kim Jong Un"), ("Kim Yo Jong", "Kim Jong Un"), ("Lee", "Li"), ("Zelenska", "Zelensky"),
     ("Korean", "Korea"), ("Iran", "Iraq"), ("Mali", "Bali"), ("Harlow", "Kharkiv"), ("Johnson", "Johnston")],
)  # fmt: skip
def test_different_names_do_not_compare(one, other):
    assert compare(name_form(one), name_form(other)) is None or related(one, other) is None


# --- mentions ---------------------------------------------------------------------------------


def test_mentions_trim_titles_possessives_and_sentence_openers():
    doc = load_text(
        "m.txt", "However, Foreign Minister Andrii Sybiha’s aides met al-Sharaa. Kim Jong UN’s Big Gun. Officials left."
    )
    texts = [m.text(doc.view) for m in extract_mentions(doc)]
    assert texts == ["Andrii Sybiha", "al-Sharaa", "Kim Jong UN"]


# --- N001: near-variants of glossary names ----------------------------------------------------


def test_listed_variant_is_left_to_t001(small_glossary):
    assert_marked(names, "President Zelenskyy said on Sunday.", None, small_glossary)
    assert_marked(terms, "President ⟦Zelenskyy⟧ said on Sunday.", "T001", small_glossary)


def test_a_leading_ye_does_not_hide_a_vowel_respelling():
    glossary = Glossary(terms=[Term(term="Yahya Sinwar", kind="person"), Term(term="Yevgeny Prigozhin", kind="person")])
    found = run_family(names, "Yehya Sinwar spoke. Later Yakov Prigozhin spoke.", glossary)
    assert [(f.rule, f.text, f.suggestion) for f in found] == [("N001", "Yehya Sinwar", "Yahya Sinwar")]


def test_unlisted_near_variant_of_a_glossary_name(small_glossary):
    [finding] = assert_marked(names, "President ⟦Zelenskyj⟧ said on Sunday.", "N001", small_glossary)
    assert finding.suggestion == "Zelensky" and str(finding.fix) == "unsafe" and str(finding.category) == "term"
    assert 0.5 < finding.confidence < 1.0


def test_a_name_in_its_own_latin_alphabet_is_not_a_near_variant_of_a_transliteration(default_glossary):
    text = "Agnieszka Zielińska, a dairy farmer, said costs had risen. Zielińska drove a tractor."
    assert [f for f in run_family(names, text, default_glossary) if f.rule == "N001"] == []


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("zielinska", "zelensky", True),
        ("ivanova", "petrov", True),
        ("haniya", "haniyeh", False),
        ("odesa", "odessa", False),
    ],
)
def test_feminine_and_masculine_surnames_are_two_people(a, b, expected):
    assert opposite_genders(a, b) is expected and opposite_genders(b, a) is expected


def test_central_european_and_english_spellings_are_not_linked_across_documents(tmp_path):
    (tmp_path / "a.txt").write_text("Anna Nowak spoke. Nowak said the farm was sold. Nowak left.\n")
    (tmp_path / "b.txt").write_text("Deputy Prime Minister Alexander Novak said oil output would rise.\n")
    (tmp_path / "c.txt").write_text("Jan Kowalczyk agreed. Kowalczyk voted. Kowalczyk left early.\n")
    (tmp_path / "d.txt").write_text("Mayor Ihor Kovalchuk said the bridge was repaired.\n")
    assert corpus_name_findings(sorted(str(p) for p in tmp_path.iterdir()), EMPTY) == {}
    assert other_orthographies("Nowak", "Novak") and not other_orthographies("Lysak", "Lysyak")


def test_near_variants_in_an_article(default_glossary):
    assert found(DATA / "near-variants.txt", default_glossary) == [
        ("N001", "Zelenskyj", "Zelensky"),
        ("N001", "Andriy Sibygha", "Andrii Sybiha"),
        ("N001", "Wee Sung-lac", "Wi Sung-lac"),
        ("N001", "Zelenskyj", "Zelensky"),
    ]


def test_distant_korean_spelling_needs_evidence_in_the_document(default_glossary):
    assert found(DATA / "evidence.txt", default_glossary) == [
        ("N001", "Ying Sung-lak", "Wi Sung-lac"),
        ("N001", "Wai", "Wi"),
    ]
    assert found(DATA / "no-evidence.txt", default_glossary) == []


def test_all_capital_lines_are_left_alone(small_glossary):
    assert_marked(names, "PRESIDENT ZELENSKYJ ARRIVES\nThe visit began.", None, small_glossary)


# --- N002: inconsistent spellings without a glossary entry -----------------------------------


@pytest.mark.parametrize("glossary", ["empty", "default"])
def test_inconsistency_without_glossary_entry(glossary, default_glossary):
    findings = found(DATA / "inconsistent.txt", EMPTY if glossary == "empty" else default_glossary)
    assert findings == [("N002", "Vilkoul", "Vilkul")]
    doc = read_document(str(DATA / "inconsistent.txt"))
    [finding] = list(names.check(doc, Context(EMPTY)))
    assert "(1x)" in finding.message and "(3x)" in finding.message and str(finding.fix) == "unsafe"


def test_diacritics_alone_are_not_a_misspelling(small_glossary):
    glossary = parse_glossary("terms:\n  - {term: Erdogan, kind: person}\n  - {term: Krakow, kind: place}\n", "g.yml")
    assert_marked(names, "Erdoğan flew to Kraków.", None, glossary)
    assert_marked(names, "Then ⟦Erdogann⟧ spoke.", "N001", glossary)


@pytest.mark.parametrize("glossary", ["empty", "default"])
def test_distinct_people_with_similar_names_are_not_merged(glossary, default_glossary):
    assert found(DATA / "distinct-people.txt", EMPTY if glossary == "empty" else default_glossary) == []


@pytest.mark.parametrize("glossary", ["empty", "default"])
def test_common_words_at_sentence_starts_are_not_names(glossary, default_glossary):
    assert found(DATA / "sentence-starts.txt", EMPTY if glossary == "empty" else default_glossary) == []


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_no_name_findings_on_clean_news_without_glossary(path):
    assert found(path, EMPTY) == []


def test_short_names_are_never_grouped_without_evidence():
    text = "Wi spoke first. Wai spoke next. Wi ended. Li and Lee met. Lee left."
    assert list(names.check(load_text("s.txt", text), Context(EMPTY))) == []


# --- corpus level and suggest -----------------------------------------------------------------


def test_corpus_inconsistency_across_documents():
    paths = sorted(str(p) for p in (DATA / "corpus").glob("*.txt"))
    result = corpus_name_findings(paths, EMPTY)
    assert list(result) == [paths[3]]
    assert [(f.rule, f.text, f.suggestion) for f in result[paths[3]]] == [("N002", "Lysyak", "Lysak")] * 2
    assert "across the documents of this run" in result[paths[3]][0].message


def test_summaries_are_picklable_for_process_pools(default_glossary):
    _, summary = analyse(read_document(str(DATA / "evidence.txt")), Context(default_glossary))
    assert pickle.loads(pickle.dumps(summary)).forms.keys() == summary.forms.keys()


def test_suggest_prints_a_valid_glossary_with_counts_and_examples():
    paths = sorted(str(p) for p in (DATA / "corpus").glob("*.txt"))
    text = suggest(paths, min_count=2)
    glossary = parse_glossary(text, "suggested.yml")
    entry = next(t for t in glossary.terms if t.term == "Lysak")
    assert entry.variants == ("Lysyak",)
    assert "Lysak 7, Lysyak 2" in text and "#   Lysyak: Schools reopened" in text


def test_suggest_extends_glossary_entries_with_near_variants(default_glossary):
    text = suggest([str(DATA / "evidence.txt"), str(DATA / "near-variants.txt")], default_glossary)
    glossary = parse_glossary(text, "suggested.yml")
    wi = next(t for t in glossary.terms if t.term == "Wi Sung-lac")
    assert {"Ying Sung-lak", "Wee Sung-lac"} <= set(wi.variants) and "Wai" not in wi.variants


@needs_seeds
def test_seeds_suggest_single_entities(default_glossary):
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    for glossary in (default_glossary, EMPTY):
        text = suggest(seeds, glossary)
        parsed = parse_glossary(text, "suggested.yml")
        zelensky = [t for t in parsed.terms if t.term == "Zelensky"]
        assert len(zelensky) == 1 and {"Zelenskyy", "Zelenskiy", "Zelinsky"} <= set(zelensky[0].variants)
        assert len([t for t in parsed.terms if t.term == "Kim Jong Un"]) == 1
        assert "Kim Jong-un" in next(t for t in parsed.terms if t.term == "Kim Jong Un").variants
        assert "Kim Jong UN" in text
    assert "new: Ying Sung-lak" in suggest(seeds, default_glossary)


@needs_seeds
def test_seeds_unlisted_near_variant_flagged(default_glossary):
    context = Context(default_glossary)
    flagged = [
        (f.text, f.suggestion)
        for path in sorted(SEEDS.glob("*.txt"))
        for f in names.check(read_document(str(path)), context)
        if f.rule == "N001"
    ]
    assert ("Ying Sung-lak", "Wi Sung-lac") in flagged


def test_summary_for_reuses_the_checkers_analysis():
    from qa.names import summary_for

    doc = read_document(str(DATA / "inconsistent.txt"))
    context = Context(EMPTY)
    list(names.check(doc, context))
    summary = summary_for(doc, context)
    assert summary is summary_for(doc, context)
    assert ("name", "vilkoul") in summary.forms
    result = corpus_name_findings([summary, summary_for(read_document(str(DATA / "evidence.txt")), context)], EMPTY)
    assert result == {}


def test_check_reports_cross_document_spellings_through_the_engine(tmp_path):
    """`qa check DIR` runs the reduce over per-file summaries, also with worker processes."""
    import json

    from click.testing import CliRunner

    from qa.cli import main

    corpus = Path(__file__).parent / "data" / "names" / "corpus"
    empty = tmp_path / "empty.yml"
    empty.write_text("terms: []\n")
    args = ["check", str(corpus), "-f", "json", "--select", "N", "-g", str(empty)]
    serial = CliRunner().invoke(main, args)
    parallel = CliRunner().invoke(main, [*args, "-j", "2"])
    findings = json.loads(serial.stdout)["findings"]
    assert any("across the documents" in f["message"] for f in findings)
    assert json.loads(parallel.stdout)["findings"] == findings


def test_glossary_suggest_command(tmp_path):
    import yaml
    from click.testing import CliRunner

    from qa.cli import main

    corpus = Path(__file__).parent / "data" / "names" / "corpus"
    out = tmp_path / "suggested.yml"
    result = CliRunner().invoke(main, ["glossary", "suggest", str(corpus), "-o", str(out), "--min-count", "2"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["terms"]
