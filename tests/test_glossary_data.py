"""The shipped glossary is data the product depends on: test it like code (codespell's habit)."""

from collections import Counter

import pytest

from qa.checkers import Context, terms
from qa.documents import load_text
from qa.matcher import normalise

REQUIRED_HOUSE_STYLE = {"Zelensky", "Kim Jong Un", "Kyiv", "Andrii Sybiha", "Wi Sung-lac"}


def test_size_and_house_style(default_glossary):
    names = {t.term for t in default_glossary.terms}
    assert len(default_glossary.terms) >= 400
    assert names >= REQUIRED_HOUSE_STYLE
    assert sum(1 for t in default_glossary.terms if t.variants) >= 350
    assert sum(1 for t in default_glossary.terms if t.examples) >= 40


def test_glossary_lints_clean():
    from qa.glossary import default_glossary_path
    from qa.glossary_tools.lint import lint
    from qa.glossary_tools.source import read_raw

    assert lint([read_raw(default_glossary_path())]) == []


def test_every_entry_has_a_kind(default_glossary):
    assert all(t.kind in ("person", "place", "org", "term") for t in default_glossary.terms)


def test_no_variant_is_a_term_or_listed_twice(default_glossary):
    term_keys = {normalise(t.term) for t in default_glossary.terms}
    variants = Counter(normalise(v) for t in default_glossary.terms for v in t.variants)
    assert not [v for v in variants if v in term_keys]
    assert not [v for v, n in variants.items() if n > 1]


def test_no_variant_differs_from_its_term_by_case_only(default_glossary):
    assert not [(t.term, v) for t in default_glossary.terms for v in t.variants if v.casefold() == t.term.casefold()]


def test_exceptions_contain_a_variant(default_glossary):
    for term in default_glossary.terms:
        for exception in term.exceptions:
            assert any(normalise(v) in normalise(exception) for v in term.variants), (term.term, exception)


def _entry_examples(glossary):
    return [(t.term, e) for t in glossary.terms for e in t.examples]


def test_examples_behave(default_glossary):
    """Each `bad` yields findings whose fixes give exactly `good`; each `good` yields nothing."""
    context = Context(default_glossary)
    examples = _entry_examples(default_glossary)
    assert len(examples) >= 25
    failures = []
    for term, example in examples:
        if example.bad is not None:
            findings = [f for f in terms.check(load_text("x.txt", example.bad), context) if f.suggestion]
            fixed = example.bad
            for f in sorted(findings, key=lambda f: -f.start):
                fixed = fixed[: f.start] + f.suggestion + fixed[f.end :]
            if example.good is not None and fixed != example.good:
                failures.append((term, example.bad, fixed, example.good))
            if not findings:
                failures.append((term, example.bad, "no finding", example.good))
        if example.good is not None:
            found = list(terms.check(load_text("x.txt", example.good), context))
            if found:
                failures.append((term, example.good, [f.text for f in found], "nothing"))
    assert not failures, failures


@pytest.mark.parametrize(
    "clean",
    [
        "Vladimir Putin and Volodymyr Zelensky spoke; the UN and the U.S. agreed.",
        "The turkey was served in Nice before the chicken dish.",
    ],
)
def test_common_text_is_quiet(default_glossary, clean):
    assert list(terms.check(load_text("x.txt", clean), Context(default_glossary))) == []


def test_no_variant_differs_from_its_term_only_by_diacritics(default_glossary):
    """'Erdoğan' and 'Orbán' are correct spellings some outlets keep, not translation errors."""
    from anyascii import anyascii

    folded = [(t.term, v) for t in default_glossary.terms for v in t.variants]
    assert not [(term, v) for term, v in folded if anyascii(v).lower() == anyascii(term).lower()]


def test_places_name_their_countries(default_glossary):
    by_term = {t.term: t for t in default_glossary.terms}
    assert by_term["Kursk"].country == by_term["Belgorod"].country == ("Russia",)
    assert by_term["Kyiv"].country == by_term["Dzhankoi"].country == ("Ukraine",)  # Crimea: house style
    assert by_term["Pyongyang"].country == ("North Korea",) and by_term["Busan"].country == ("South Korea",)
    for contested in ("Khan Younis", "Ramallah", "Kosovo", "Pristina", "Nagorno-Karabakh", "Hormuz", "Bab el-Mandeb"):
        assert by_term[contested].country == (), contested
    assert sum(1 for t in default_glossary.terms if t.country) >= 180
    assert all(t.kind == "place" for t in default_glossary.terms if t.country)
