from qa.checkers import terms
from tests.conftest import assert_marked


def test_listed_variant_is_reported_with_safe_fix(small_glossary):
    [finding] = assert_marked(terms, "President ⟦Zelinsky⟧ said on Sunday.", "T001", small_glossary)
    assert finding.suggestion == "Zelensky"
    assert str(finding.fix) == "safe"
    assert finding.message == "'Zelinsky' is a variant of 'Zelensky'"


def test_possessive_and_curly_apostrophe(small_glossary):
    assert_marked(terms, "⟦Zelenskyy⟧’s office and ⟦Zelenskiy⟧'s aides", "T001", small_glossary)


def test_canonical_form_is_quiet(small_glossary):
    assert_marked(terms, "Zelensky met Kim Jong Un's envoy in Kyiv.", None, small_glossary)


def test_case_error_of_whole_term_but_never_un_alone(small_glossary):
    [finding] = assert_marked(
        terms, "⟦Kim Jong UN⟧’s gun. The UN Security Council met. Un día.", "T002", small_glossary
    )
    assert finding.suggestion == "Kim Jong Un"


def test_all_capitals_and_sentence_initial_case_are_tolerated(small_glossary):
    assert_marked(terms, "KIM JONG UN VISITS KYIV\nThe talks went on.", "T002", small_glossary)


def test_all_capital_variant_keeps_capitals(small_glossary):
    [finding] = assert_marked(terms, "TROOPS NEAR ⟦KIEV⟧", "T001", small_glossary)
    assert finding.suggestion == "KYIV"


def test_exceptions_are_not_reported(small_glossary):
    assert_marked(terms, "Chicken Kiev was served before Dynamo Kiev played in ⟦Kiev⟧.", "T001", small_glossary)


def test_longest_match_wins_and_word_boundaries(small_glossary):
    assert_marked(terms, "⟦Kim Jong-un⟧ and Kievan Rus and Zelenskyyan prose", "T001", small_glossary)


def test_hyphenation_slip_of_hyphenated_term(small_glossary):
    [finding] = assert_marked(terms, "Lawmaker ⟦Wi Sung lac⟧ said.", "T001", small_glossary)
    assert finding.suggestion == "Wi Sung-lac"


def test_mixed_accepted_forms_reported_once_per_extra_form(small_glossary):
    [finding] = assert_marked(terms, "Kharkiv was hit. Kharkiv again. ⟦Kharkov⟧ and Kharkov.", "T003", small_glossary)
    assert finding.suggestion == "Kharkiv"


def test_ambiguous_variant_is_unsafe():
    from qa.glossary import parse_glossary

    glossary = parse_glossary(
        "terms:\n  - {term: Alpha One, variants: [Alfa]}\n  - {term: Alpha Two, variants: [Alfa]}\n", "g.yml"
    )
    [finding] = assert_marked(terms, "The ⟦Alfa⟧ unit", "T001", glossary)
    assert str(finding.fix) == "unsafe"
    assert "ambiguous" in finding.message


def test_pattern_variants_are_unsafe():
    from qa.glossary import parse_glossary

    glossary = parse_glossary("terms:\n  - {term: Zelensky, patterns: ['Zel[ei]ns?k[iy]j?y?']}\n", "g.yml")
    [finding] = assert_marked(terms, "Zelensky and ⟦Zelinskij⟧", "T001", glossary)
    assert str(finding.fix) == "unsafe" and finding.suggestion == "Zelensky"
