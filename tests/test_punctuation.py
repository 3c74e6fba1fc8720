"""Punctuation family (P0xx): functional fixtures with ⟦inline⟧ markers, clean tricky text, and examples."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.checkers import punctuation
from qa.fixes import apply_edits, plan_edits
from qa.model import Category, FixSafety, Severity
from tests.conftest import assert_marked, run_family


def codes(text: str, path: str = "t.txt") -> list[str]:
    return [f.rule for f in run_family(punctuation, text, path=path)]


# --- P001 doubled-punctuation ------------------------------------------------------------------


@pytest.mark.parametrize(
    "marked, fix",
    [
        ("Officials said the army is moving east⟦. .⟧", "."),
        ("The talks will resume next year⟦,,⟧ the minister said.", ","),
        ("The mayor⟦, ,⟧ who spoke on Monday, declined.", ","),
        ("Prices rose⟦,,,⟧ then fell.", ","),
        ("He met the U.S⟦..⟧ delegation in Geneva.", "."),
        ("It rained⟦..⟧ The match went on.", "."),
        ("They cited three reasons⟦;;⟧ cost, time and risk.", ";"),
        ("Note⟦::⟧ the figures are provisional.", ":"),
        ("She called it “a disaster”⟦. .⟧", "."),
    ],
)
def test_doubled_punctuation_positive(marked, fix):
    [finding] = assert_marked(punctuation, marked, "P001")
    assert finding.suggestion == fix and finding.fix is FixSafety.SAFE and finding.confidence > 0.9


@pytest.mark.parametrize(
    "text",
    [
        "He paused... and then he spoke.",
        "He paused . . . and then he spoke.",
        "He paused. . . Then he spoke.",
        "The answer was… complicated.",
        "Wait.... what?",
        "Indexes run 1..10 in the table.",
        "Run ../configure before the build.",
        "The std::vector type was mentioned.",
        "Yahoo!. The company said nothing else.",
        "No!! Never!! What?? Really?!",
        "He left the U.S., officials said, at 9 a.m. on Monday.",
        "Read it at https://example.com/a..b today.",
        "The score was 2:1, then 3:1.",
    ],
)
def test_doubled_punctuation_negative(text):
    assert_marked(punctuation, text, "P001")


# --- P002 space-before-punctuation -------------------------------------------------------------


@pytest.mark.parametrize(
    "marked, mark",
    [
        ("More problems in Asia⟦ ,⟧ he said.", ","),
        ("“The world will face more problems in Asia⟦ ,⟧” he stressed.", ","),
        ("The minister left early⟦ .⟧", "."),
        ("Why now⟦ ?⟧ Nobody knows.", "?"),
        ("We will win⟦ !⟧ he shouted.", "!"),
        ("First the votes⟦ ;⟧ then the count.", ";"),
        ("Note⟦ :⟧ the figures are provisional.", ":"),
        ("Prices rose in March⟦  ,⟧ data showed.", ","),
        ("She called it “hard”⟦ ,⟧ and left.", ","),
        ("Growth was 3%⟦ .⟧", "."),
    ],
)
def test_space_before_punctuation_positive(marked, mark):
    [finding] = assert_marked(punctuation, marked, "P002")
    assert finding.suggestion == mark and finding.fix is FixSafety.SAFE
    assert finding.message == f"space before '{mark}'"


@pytest.mark.parametrize(
    "text",
    [
        "The rate rose by .5 percent.",
        "He paused ... then spoke.",
        "He paused . . . then spoke.",
        "Thanks :) and see you ;) soon :D",
        "Sad :( and wry :-) faces.",
        "Files ending in .txt and .com sites.",
        "The final score was 3 : 1 after extra time.",
        "The train left at 5 :30 in the morning.",
        "Why did he call it “Why” ? Nobody asked.",
        "Il a dit : « non » ! Puis il est parti ; voilà.",
        ". A line that starts with a stray mark.",
        "  , a bullet-like fragment",
        "A\u00a0; French spacing with a no-break space.",
        "Prices rose\n, then fell.",
    ],
)
def test_space_before_punctuation_negative(text):
    assert_marked(punctuation, text, "P002")


def test_space_before_mark_where_loader_removed_a_link_is_not_reported():
    text = "Monthly figures are published at <https://example.org>.\n\nThe rest follows.\n"
    assert "P002" not in codes(text, path="t.md")


# --- P003 unbalanced-quote ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "marked",
    [
        "Ukraine’s drone makers grow\n⟦“We build hundreds a day, he said, asking not to be named.⟧",
        "Aid arrived⟦”⟧ the officials said on Monday.",
        'The mayor said ⟦"the grid held, and left.⟧',
        "⟦“Kim visits Kyiv⟧\nThe leader arrived on Monday and met officials.",
        "He said ⟦“the first part.⟧\nThe next paragraph has “its own” quotation.",
        "It rained.\n⟦“One “two” three.⟧",
    ],
)
def test_unbalanced_quote_positive(marked):
    findings = assert_marked(punctuation, marked, "P003")
    assert all(f.severity is Severity.WARNING and f.fix is FixSafety.NONE for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        "“Our troops held the line,” he said.",
        "“The first paragraph of a long quote.\n“The second and last one,” she said.",
        "He wrote: “Our troops held.\nIt was not easy.\nWe will go on.”\nOfficials agreed.",
        '"We stayed," he said, "because we had to."',
        'A 55" screen was on the wall.',
        '"We left,” he said, mixing quote styles.',
        "“He told me ‘never’ twice,” she said.",
        "The players’ union and the workers' union met.",
        "Nobody commented on the report.",
    ],
)
def test_unbalanced_quote_negative(text):
    assert_marked(punctuation, text, "P003")


def test_multi_paragraph_quotation_inside_a_block_of_lines():
    # A blank line after the headline makes the segmenter read the single-newline body as one block.
    text = "Kyiv rebuilds\n\nBy Desk staff\n\nThe mayor spoke.\n“The first part.\n“The second,” he said.\nMore.\nEnd.\n"
    assert "P003" not in codes(text)


def test_quote_left_open_at_document_end_is_reported():
    [finding] = assert_marked(punctuation, "It rained.\n⟦“We will rebuild.⟧\nThe mayor spoke.\nThe end.", "P003")
    assert "never closed" in finding.message


# --- P004 unbalanced-bracket -------------------------------------------------------------------


@pytest.mark.parametrize(
    "marked",
    [
        "The National Intelligence Service ⟦(⟧NIS said on Monday.",
        "The service said⟦)⟧ on Monday.",
        "Earlier, ⟦[⟧Russian leader Vladimir Putin issued ultimatums.",
        "Putin⟦]⟧ issued ultimatums.",
    ],
)
def test_unbalanced_bracket_positive(marked):
    assert_marked(punctuation, marked, "P004")


@pytest.mark.parametrize(
    "text",
    [
        "The National Intelligence Service (NIS) said so.",
        "Options: a) talks, b) sanctions or c) nothing.",
        "1) The first point.",
        "Good news :) and bad news :-( and ;) today.",
        "The telescope (with one of its (four) instruments) saw it.",
        "“[Russian leader Vladimir] Putin issued ultimatums,” he said.",
        "It was the team (Season 2) that won.",
    ],
)
def test_unbalanced_bracket_negative(text):
    assert_marked(punctuation, text, "P004")


def test_brackets_do_not_pair_across_paragraphs():
    assert_marked(punctuation, "The agency ⟦(⟧NIS\nsaid⟦)⟧ so.", "P004")


# --- P005 repeated-word ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "marked, word",
    [
        ("The strike hit ⟦the the⟧ power grid.", "the"),
        ("⟦The the⟧ grid failed.", "The"),
        ("He wanted ⟦to  to⟧ leave.", "to"),
        ("The army withdrew from ⟦region region⟧ after talks.", "region"),
        ("“We saw ⟦the the⟧ fire,” he said.", "the"),
    ],
)
def test_repeated_word_positive(marked, word):
    [finding] = assert_marked(punctuation, marked, "P005")
    assert finding.suggestion == word and finding.fix is FixSafety.UNSAFE


def test_repeated_word_in_quotation_has_lower_confidence():
    [outside] = run_family(punctuation, "It hit the the grid.")
    [inside] = run_family(punctuation, "“It hit the the grid,” he said.")
    assert inside.confidence < outside.confidence


@pytest.mark.parametrize(
    "text",
    [
        "He had had enough of the talks.",
        "He said that that was the plan.",
        "What it is is a ceasefire.",
        "They do do their homework.",
        "He gave her her passport back.",
        "The talks moved on on Monday.",
        "It was very very cold, he said.",
        "The The played in Walla Walla and Sirhan Sirhan was mentioned.",
        "Boutros Boutros-Ghali spoke.",
        "It ended with the\nthe next paragraph starting oddly.",
        "Column\tColumn",
        "set\t\tset",
        "the, the comma between them",
        "bye-bye and the-the are hyphenated",
        "Prices rose 5 5 times.",
    ],
)
def test_repeated_word_negative(text):
    assert_marked(punctuation, text, "P005")


# --- the rule table itself ---------------------------------------------------------------------


def test_codes_are_sequential_and_in_the_punctuation_category():
    assert [r.code for r in punctuation.RULES] == [f"P00{i}" for i in range(1, len(punctuation.RULES) + 1)]
    assert all(r.category is Category.PUNCTUATION for r in punctuation.RULES)


def test_safe_fixes_apply_cleanly():
    text = "Officials said the army is moving east. . Talks resume next year,, he said in Asia , today."
    text = apply_edits(text, plan_edits(run_family(punctuation, text))[0])
    assert text == "Officials said the army is moving east. Talks resume next year, he said in Asia, today."
    assert codes(text) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*'ab .,;:?!“”"()[]\n\t', "the ", "The ", "...", "…", ". .", ",,", ":)"]), max_size=60))
def test_fuzz_spans_are_valid(parts):
    text = "".join(parts)
    for finding in run_family(punctuation, text):
        assert 0 <= finding.start < finding.end <= len(text) and text[finding.start : finding.end] == finding.text
