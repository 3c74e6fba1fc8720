"""The shortcuts the punctuation, script, boilerplate and sentence checkers take for speed decide
exactly as the full scans would, on both sides of each shortcut."""

import pytest

from qa.checkers import boilerplate, punctuation, script, sentences
from tests.conftest import assert_marked, run_family

# --- punctuation: the ASCII repeated-word scan, its Unicode fallback, marks by paragraph --------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It hit the power grid.", True),
        ("It’s “fine” — really…", True),  # non-ASCII punctuation only
        ("a café owner", False),
        ("Кursk", False),
        ("5 \u212a", False),  # the Kelvin sign case-folds to an ASCII k
        ("\u0130stanbul", False),  # so does the dotted capital I
        ("bad \ud800 surrogate", True),
    ],
)
def test_words_are_ascii(text, expected):
    assert punctuation._words_are_ascii(text) is expected


@pytest.mark.parametrize(
    "marked",
    [
        "It hit ⟦the the⟧ power grid.",
        "“It hit ⟦the the⟧ power grid,” she said — again.",  # ASCII words, Unicode punctuation
        "The café owner said ⟦the the⟧ grid failed.",  # the Unicode scan
        "The ⟦café  café⟧ closed, then ⟦the the⟧ bar.",
        "He said ⟦the the⟧ the grid.",  # a triple is one finding
        "He said ⟦thé thé⟧ thé grid.",
        "⟦\u0130 i⟧ \u0130i",  # İ and i are one letter to a case-insensitive match
    ],
)
def test_repeated_words_with_and_without_non_ascii_words(marked):
    assert_marked(punctuation, marked, "P005")


def test_quote_left_open_in_a_later_paragraph():
    assert_marked(punctuation, "First “quote.\n⟦“Unclosed paragraph two.⟧\n### Heading", "P003")


def test_brackets_pair_within_their_paragraph_only():
    assert_marked(punctuation, "One ⟦(⟧open.\n\nTwo closes⟦)⟧.\n", "P004")


# --- script: whole-text scans run only when a character they look for occurs ---------------------


def test_rare_characters_are_the_non_ascii_and_control_ones():
    assert script._rare_characters("It’s “fine”\tand\r\nplain") == "’“”"
    assert script._rare_characters("x\x07y \x7f Слава\ufffd") == "\x07\x7fСлава\ufffd"


@pytest.mark.parametrize(
    "text, codes",
    [
        ("Plain ASCII text with “curly quotes”.", []),
        ("x\x07y and \x7f", ["U005", "U005"]),  # ASCII control characters
        ("outside Ukraine\ufffds ports", ["U004"]),
        ("we donâ€™t know", ["U003"]),
        ("chanting Слава at the rally", ["U001"]),
    ],
)
def test_script_checks_with_and_without_rare_characters(text, codes):
    assert [f.rule for f in run_family(script, text)] == codes


# --- boilerplate: whole-text tests before the per-sentence and per-paragraph scans ------------


@pytest.mark.parametrize(
    "marked",
    [
        "Troops advanced. ⟦Click here to get the app.⟧",
        "Troops advanced. ⟦CL\u0130CK HERE to get the app.⟧",  # İ matches i without case
    ],
)
def test_click_here(marked):
    assert_marked(boilerplate, marked, "B001")


@pytest.mark.parametrize(
    "marked",
    ["He hid. ⟦Retrieved January 5.⟧", "He hid.⟦[citation needed]⟧ Then", "He hid. retrieved January 5."],
)
def test_remnants(marked):
    assert_marked(boilerplate, marked, "B003")


# --- sentences: garbled-token candidates and the terminal test ----------------------------------


@pytest.mark.parametrize(
    "marked", ["to give the ⟦general.alists⟧ access", "visit Amazon.com today, U.S. e.g. 3.5% ⟦general,alists⟧."]
)
def test_garbled_tokens(marked):
    assert_marked(sentences, marked, "S004")


@pytest.mark.parametrize(
    "text, code",
    [
        ("It costs a lot. The year'", "S002"),  # a straight single quote alone does not end a sentence
        ("It costs a lot. The year", "S002"),
        ("It costs a lot. The year’", None),
        ("It costs a lot. The year.'", None),
    ],
)
def test_unfinished_paragraph_end(text, code):
    found = [f.rule for f in run_family(sentences, text) if f.rule == "S002"]
    assert found == ([code] if code else [])
