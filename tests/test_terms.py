import pytest

from qa.checkers import terms
from qa.glossary import parse_glossary
from tests.conftest import assert_marked, run_family


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


# --- T004 place-country ---------------------------------------------------------------------------

PLACES = """
terms:
  - {term: Kursk, kind: place, country: Russia}
  - {term: Belgorod, kind: place, country: Russia}
  - {term: Kharkiv, kind: place, country: Ukraine, accepted: [Kharkov]}
  - {term: Kyiv, kind: place, country: Ukraine, variants: [Kiev], exceptions: [Chicken Kiev]}
  - {term: Odesa, kind: place, country: Ukraine, variants: [Odessa], exceptions: ["Odessa, Texas"]}
  - {term: Jerusalem, kind: place, country: [Israel, Palestine]}
  - {term: Mar-a-Lago, kind: place, country: USA}
  - {term: Rotterdam, kind: place, country: Netherlands}
  - {term: Donbas, kind: place}
"""


@pytest.fixture
def places():
    return parse_glossary(PLACES, "places.yml")


@pytest.mark.parametrize(
    "marked, suggestion",
    [
        ("Artillery pounded ⟦Kursk region of Ukraine⟧ villages.", "Kursk region of Russia"),
        ("A strike on ⟦Kharkiv in Russia⟧ killed two.", "Kharkiv in Ukraine"),
        ("Fighting near ⟦Kharkov Oblast of Russia⟧ went on.", "Kharkov Oblast of Ukraine"),
        ("Protests in ⟦Jerusalem in Jordan⟧ grew.", "Jerusalem in Israel"),  # a place of two countries
        ("Talks at ⟦Mar-a-Lago in Russia⟧ ended.", "Mar-a-Lago in the United States"),  # alias, article
        ("Ships docked at ⟦Rotterdam in the U.K.⟧ on Monday.", "Rotterdam in the Netherlands"),
        ("Ships left ⟦Kursk in the United States⟧.", "Kursk in Russia"),  # "the" goes with the country
        ("TROOPS ENTER ⟦KURSK REGION OF UKRAINE⟧", "KURSK REGION OF RUSSIA"),
        ("Drones over Kursk and ⟦Belgorod regions of Ukraine⟧", "Belgorod regions of Russia"),
    ],
)
def test_place_in_the_wrong_country(places, marked, suggestion):
    [finding] = assert_marked(terms, marked, "T004", places)
    assert finding.suggestion == suggestion
    assert str(finding.fix) == "unsafe" and str(finding.severity) == "warning" and finding.confidence == 0.85


def test_place_country_message_names_both_countries(places):
    [finding] = assert_marked(terms, "Shelling hit ⟦Kursk region of Ukraine⟧.", "T004", places)
    assert finding.message == "'Kursk' is in Russia, not in Ukraine"
    [finding] = assert_marked(terms, "A rally in ⟦Jerusalem in Egypt⟧.", "T004", places)
    assert finding.message == "'Jerusalem' is in Israel or Palestine, not in Egypt"


@pytest.mark.parametrize(
    "text",
    [
        "Shelling hit the Kharkiv region of Ukraine.",
        "Fighting in the Kursk region of Russia went on.",
        "Troops dug in at Kursk in Ukraine's incursion.",
        "The Kursk operation in Ukraine-held territory stalled.",
        "Kursk in Ukraine-held hands.",
        "Kyiv in Europe is a capital.",
        "After Kursk, Ukraine launched a new offensive.",
        "Ukraine's Kursk offensive surprised Moscow.",
        'He said: "The Kursk region of Ukraine will be free."',
        "He grew up in Odessa, Texas and moved east.",
        "Jerusalem in Palestine and Jerusalem in Israel.",
        "Refugees from Kharkiv in Poland met officials.",
        "The war waged by Kyiv in Russia drew criticism.",
        "Militias loyal to Kyiv in Russia and the role of Kyiv in Russia were discussed.",
        "Mariupol became the Kharkiv of Russia, one writer said.",
        "The Donbas region of Russia, as Moscow calls it.",  # no country in the entry
        "Chicken Kiev in Russia is popular.",  # an exception is no place
        "He ate kursk in Ukraine.",  # lower case: no place name
        "The Kursk region of Ukrainian forces.",  # "Ukrainian" is no country
        "Kursk in the Philippines' waters",
    ],
)
def test_place_country_negatives(places, text):
    assert [f.text for f in run_family(terms, text, places) if f.rule == "T004"] == []


def test_place_country_is_checked_in_headlines_but_not_in_quotes(places):
    text = "Drones hit Kursk region of Ukraine\n\n“The Kursk region of Ukraine is next,” he said at Kharkiv in Russia."
    findings = [f.text for f in run_family(terms, text, places) if f.rule == "T004"]
    assert findings == ["Kursk region of Ukraine", "Kharkiv in Russia"]


def test_ordinary_lower_case_words_that_spell_a_term_are_quiet():
    glossary = parse_glossary("terms:\n  - term: Port Said\n    kind: place\n")
    assert run_family(terms, "A man who runs a cafe near the port said he stayed.", glossary) == []
    assert [f.rule for f in run_family(terms, "Ships left Port said on Monday.", glossary)] == ["T002"]
