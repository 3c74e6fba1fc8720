"""Script family (U0xx): functional fixtures with ⟦inline⟧ markers, clean tricky text, and examples."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.checkers import script
from qa.fixes import apply_edits, plan_edits
from qa.model import Category, FixSafety, Severity
from tests.conftest import assert_marked, run_family

# --- U001 foreign-script -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "marked, name",
    [
        ("Crowds chanted «⟦Слава Україні⟧» outside the building.", "Cyrillic"),
        ("The agency called it a ⟦도발⟧ (provocation) on Tuesday.", "Hangul"),
        ("State media said ⟦北朝鮮⟧ had fired a missile.", "Han"),
        ("A headline read ⟦ミサイル発射⟧ in Tokyo.", "Katakana and Han"),
        ("He greeted them with ⟦السلام عليكم⟧ and left.", "Arabic"),
        ("A sign said ⟦שלום⟧ in blue letters.", "Hebrew"),
        ("The ⟦Ελλάδα⟧ team won.", "Greek"),
        ("Tourists said ⟦สวัสดี⟧ to the guide.", "Thai"),
        ("The crowd shouted ⟦नमस्ते⟧ at the rally.", "Devanagari"),
        ("The words ⟦мир, війна і 2024 рік⟧ were painted.", "Cyrillic"),
    ],
)
def test_foreign_script_positive(marked, name):
    [finding] = assert_marked(script, marked, "U001")
    assert finding.message.startswith(f"untranslated {name} text")
    assert finding.severity is Severity.WARNING and finding.fix is FixSafety.NONE


def test_foreign_runs_on_separate_lines_are_separate_findings():
    assert_marked(script, "He said ⟦Слава⟧\n⟦Україні⟧ twice.", "U001")


@pytest.mark.parametrize(
    "text",
    [
        "The café in São Paulo, a bar in Zürich and Erdoğan’s office in Łódź.",
        "Nguyễn Thị Kim Ngân and Ærø and Åland and naïve façades.",
        "Alpha (α) particles, β-blockers and a Δ of two.",
        "The dose was 5 μg, the resistor 10 kΩ, and the cost €5 or ¥300 or £2.",
        "Temperatures hit 40°C ± 2 — roughly ½ of the record → a first™.",
        "The letter в alone is not a phrase.",
        "Kyiv’s “grain corridor” — explained…",
        "Flags 🇺🇦 and hearts ❤️ and families 👨‍👩‍👧 in a post.",
    ],
)
def test_foreign_script_negative(text):
    assert_marked(script, text, "U001")


# --- U002 mixed-script-word --------------------------------------------------------------------


@pytest.mark.parametrize(
    "marked, fix",
    [
        ("Fighting near ⟦\u041aursk⟧ continued.", "Kursk"),
        ("Western ⟦p\u0430rtn\u0435rs⟧ agreed.", "partners"),
        ("Talks in ⟦\u0391thens⟧ ended.", "Athens"),
        ("KIM MEETS PUTIN IN ⟦M\u041eSCOW⟧", "MOSCOW"),
    ],
)
def test_mixed_script_homoglyph_positive(marked, fix):
    [finding] = assert_marked(script, marked, "U002")
    assert finding.suggestion == fix and finding.fix is FixSafety.SAFE and finding.severity is Severity.ERROR
    assert "U+04" in finding.message or "U+03" in finding.message


@pytest.mark.parametrize("marked", ["President ⟦Zelenskyй⟧ spoke.", "The city of ⟦Mосква⟧ replied."])
def test_mixed_script_without_latin_look_alike_has_no_fix(marked):
    [finding] = assert_marked(script, marked, "U002")
    assert finding.suggestion is None and finding.fix is FixSafety.NONE


@pytest.mark.parametrize(
    "text",
    [
        "Fighting near Kursk continued.",
        "The dose was 5 μg and the resistor 10 kΩ.",
        "The change ΔT was small, with λmax at 450 nm.",
        "The β-blocker and the α-helix.",
        "Москва and Kyiv are different words.",
    ],
)
def test_mixed_script_negative(text):
    assert_marked(script, text, "U002")


# --- U003 mojibake -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "marked, fix, safety",
    [
        ("We don⟦â€™⟧t know yet.", "’", FixSafety.SAFE),
        ("A caf⟦Ã©⟧ owner in Kharkiv.", "é", FixSafety.SAFE),
        ("In Z⟦Ã¼⟧rich and Cr⟦Ã¨⟧me.", None, FixSafety.SAFE),
        ("He said ⟦â€œ⟧no⟦â€⟧ twice.", None, None),
        ("A price of ⟦Â£⟧5 at 20⟦Â°⟧C.", None, FixSafety.SAFE),
        ("Twice broken⟦Ã¢â‚¬â„¢⟧s text.", "’", FixSafety.SAFE),
        ("A ⟦Ð¼Ð¸Ñ€⟧ word.", "мир", FixSafety.SAFE),
    ],
)
def test_mojibake_positive(marked, fix, safety):
    findings = assert_marked(script, marked, "U003")
    assert all(f.severity is Severity.ERROR for f in findings)
    if fix is not None:
        assert findings[0].suggestion == fix
    if safety is not None:
        assert all(f.fix is safety for f in findings)


def test_dangling_quote_and_flattened_no_break_space_are_unsafe_guesses():
    findings = assert_marked(script, "He said ⟦â€⟧ and the word⟦Â⟧ text.", "U003")
    assert [f.suggestion for f in findings] == ["”", ""]
    assert all(f.fix is FixSafety.UNSAFE for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        "CAFÉ’S REOPENING DRAWS CROWDS",
        "SÃO PAULO and IRMÃ SOFIA and ROMÂNIA",
        "Café “quotes” and naïve façades in Zürich.",
        "André’s “final” word — and José’s.",
        "ÉLYSÉE “PALACE” and ÖSTERREICH’S",
    ],
)
def test_mojibake_negative(text):
    assert_marked(script, text, "U003")


def test_repair_round_trips_or_refuses():
    assert script.repair_mojibake("â€™") == "’"
    assert script.repair_mojibake("Ã©") == "é"
    assert script.repair_mojibake("É’") is None  # would decode to an IPA letter: not mojibake
    assert script.repair_mojibake("Ã") is None


# --- U004 replacement-character ----------------------------------------------------------------


def test_replacement_character_before_s_suggests_an_apostrophe_unsafely():
    [finding] = assert_marked(script, "Ships left Ukraine⟦\ufffd⟧s ports.", "U004")
    assert finding.suggestion == "’" and finding.fix is FixSafety.UNSAFE


def test_replacement_character_elsewhere_has_no_fix():
    [finding] = assert_marked(script, "The price was ⟦\ufffd\ufffd⟧ 5 million.", "U004")
    assert finding.suggestion is None and finding.fix is FixSafety.NONE


# --- U005 invisible-character ------------------------------------------------------------------


@pytest.mark.parametrize(
    "marked, fix",
    [
        ("Western ⟦part\u200bners⟧ agreed.", "partners"),
        ("The ⟦a\u200bb\u200bc⟧ case.", "abc"),
        ("A ⟦bell\x07⟧ rang.", "bell"),
        ("A lone ⟦\x0c⟧ form feed.", ""),
        ("President ⟦Zelen\u2060sky⟧ spoke.", "Zelensky"),
        ("Mid-text ⟦\ufeffbyte⟧ order mark.", "byte"),
        ("A ⟦left\u200eto\u200fright⟧ mark in Latin text.", "lefttoright"),
        ("The ⟦Kyiv\u200d⟧ joiner.", "Kyiv"),
    ],
)
def test_invisible_character_positive(marked, fix):
    [finding] = assert_marked(script, marked, "U005")
    assert finding.suggestion == fix
    assert finding.fix is FixSafety.SAFE and finding.severity is Severity.ERROR


def test_soft_hyphen_is_a_warning():
    [finding] = assert_marked(script, "President ⟦Zelen\u00adsky⟧ spoke.", "U005")
    assert finding.severity is Severity.WARNING and finding.suggestion == "Zelensky"


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffA byte-order mark at the very start is the file's business.",
        "A family 👨\u200d👩\u200d👧 emoji and a thumbs-up 👍🏽.",
        "Devanagari क्\u200dष keeps its joiner.",
        "Persian می\u200cخواهم keeps its non-joiner.",
        "Tabs\tand\r\nline breaks are fine.",
        "A no-break\u00a0space and a thin\u2009space are fine.",
    ],
)
def test_invisible_character_negative(text):
    assert_marked(script, text, "U005")


# --- the rule table itself ---------------------------------------------------------------------


def test_codes_are_sequential_and_in_the_script_category():
    assert [r.code for r in script.RULES] == [f"U00{i}" for i in range(1, len(script.RULES) + 1)]
    assert all(r.category is Category.SCRIPT for r in script.RULES)


def test_homoglyph_table_maps_foreign_letters_to_ascii_letters():
    for foreign, latin in script.HOMOGLYPHS.items():
        assert foreign != latin and latin.isascii() and latin.isalpha()
        assert foreign.isupper() == latin.isupper()


def test_safe_fixes_apply_cleanly():
    text = "Near \u041aursk, Western part\u200bners said they donâ€™t know the cafÃ© owner."
    text = apply_edits(text, plan_edits(run_family(script, text))[0])
    assert text == "Near Kursk, Western partners said they don’t know the café owner."
    assert run_family(script, text) == []


PIECES = ["a", " ", "\n", "Кursk", "Слава", "мир", "도발", "α", "μg", "â€™", "Ã©", "â€", "Â ", "É’", "\ufffd", "\u200b"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "\u200d", "👨", "\x07", "\u00ad", "é", "s"]), max_size=40))
def test_fuzz_spans_are_valid(parts):
    text = "".join(parts)
    for finding in run_family(script, text):
        assert 0 <= finding.start < finding.end <= len(text) and text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "text",
    [
        "Cuts hit the special activity expenses (특수활동비) of the office.",
        'The bank warned of "overheating" ("перегрев") in the economy.',
    ],
)
def test_a_gloss_in_brackets_after_its_translation_is_not_reported(text):
    assert run_family(script, text) == []


def test_brackets_alone_do_not_make_a_gloss():
    assert_marked(script, "(⟦Слава Україні⟧) they shouted.", "U001")
    assert_marked(script, "They shouted (⟦Слава Україні⟧ twice) loudly.", "U001")
