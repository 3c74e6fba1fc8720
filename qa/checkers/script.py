"""Script checks: untranslated foreign-script text, homoglyphs, mojibake, U+FFFD and invisible
characters (U0xx).

Every check is one precompiled expression over `doc.view` built from Unicode script properties;
English news is almost all ASCII, so the few candidates are vetted in Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from qa.model import Category, Example, Finding, FixSafety, Rule, Severity

if TYPE_CHECKING:
    from qa.checkers import Context
    from qa.documents import Document

EVERYWHERE = "Everywhere, including quotations and headlines: a quotation is printed in English too."

FOREIGN_SCRIPT = Rule(
    code="U001",
    name="foreign-script",
    category=Category.SCRIPT,
    severity=Severity.WARNING,
    fix=FixSafety.NONE,
    message="untranslated {script} text '{text}'",
    why=(
        "Words in another writing system (Cyrillic, Greek, Hangul, Han, kana, Arabic, Hebrew, "
        "Thai, Devanagari...) left in English copy are usually a phrase machine translation did "
        "not translate. One finding per run of such words. A lone Greek or Cyrillic letter (a "
        "symbol such as 'α' or 'Δ') is not reported; Latin letters with diacritics never are, and "
        "neither is a gloss: the original term alone in brackets after its English translation "
        "('special activity expenses (특수활동비)')."
    ),
    examples=(Example(bad="chanting «Слава Україні» at the rally", good="chanting “Glory to Ukraine” at the rally"),),
    scope=EVERYWHERE,
)
MIXED_SCRIPT = Rule(
    code="U002",
    name="mixed-script-word",
    category=Category.SCRIPT,
    severity=Severity.ERROR,
    fix=FixSafety.SAFE,
    message="'{text}' mixes Latin and {script} letters ({chars})",
    why=(
        "A Latin word with a Cyrillic or Greek look-alike inside ('Кursk' with Cyrillic К) reads "
        "correctly but defeats search, spell-checking and the glossary. The fix replaces the "
        "look-alikes with Latin letters and is safe when every foreign letter has one; otherwise "
        "('Zelenskyй', or a Cyrillic word with one Latin letter) there is no fix. Unit symbols "
        "('μg', 'kΩ') and Greek symbols that are not look-alikes ('ΔT') are not reported."
    ),
    examples=(Example(bad="near \u041aursk on Monday", good="near Kursk on Monday"),),
    scope=EVERYWHERE,
)
MOJIBAKE = Rule(
    code="U003",
    name="mojibake",
    category=Category.SCRIPT,
    severity=Severity.ERROR,
    fix=FixSafety.SAFE,
    message="mojibake '{text}': UTF-8 text decoded as Windows-1252",
    why=(
        "Text encoded as UTF-8 and decoded as Windows-1252 or Latin-1 turns ’ into 'â€™' and é "
        "into 'Ã©'. The run is repaired by re-encoding it; the fix is safe only when the repair is "
        "a plausible character and encodes back to exactly the text found, and unsafe for the "
        "guesses ('â€' with its last byte lost, a stray 'Â' before a space)."
    ),
    examples=(Example(bad="we donâ€™t know", good="we don’t know"), Example(bad="a cafÃ© owner", good="a café owner")),
    scope=EVERYWHERE,
)
REPLACEMENT_CHAR = Rule(
    code="U004",
    name="replacement-character",
    category=Category.SCRIPT,
    severity=Severity.ERROR,
    fix=FixSafety.NONE,
    message="replacement character U+FFFD: a character was lost in conversion",
    why=(
        "U+FFFD stands for bytes a converter could not decode; the original character is gone. "
        "Between a word and 's', 't', 'll', 're', 've', 'd' or 'm' it was almost certainly an "
        "apostrophe, offered as an unsafe fix; elsewhere there is no fix."
    ),
    examples=(Example(bad="outside Ukraine\ufffds ports", good="outside Ukraine’s ports"),),
    scope=EVERYWHERE,
)
INVISIBLE_CHAR = Rule(
    code="U005",
    name="invisible-character",
    category=Category.SCRIPT,
    severity=Severity.ERROR,
    fix=FixSafety.SAFE,
    message="invisible character {names} in '{text}'",
    why=(
        "Zero-width spaces, joiners, word joiners, a byte-order mark mid-text, bidirectional "
        "controls and C0/C1 control characters are invisible in print but split words for search "
        "and the glossary ('part\u200bners'). The fix deletes them. A zero-width joiner or "
        "non-joiner and bidi marks next to emoji or non-Latin letters belong there and are kept. "
        "A soft hyphen (U+00AD) is reported as a warning: it is a hyphenation hint, harmless in "
        "print, but it too hides words from search."
    ),
    examples=(Example(bad="Western part\u200bners", good="Western partners"),),
    scope=EVERYWHERE,
)

RULES = (FOREIGN_SCRIPT, MIXED_SCRIPT, MOJIBAKE, REPLACEMENT_CHAR, INVISIBLE_CHAR)

SCRIPTS = (
    "Cyrillic Greek Armenian Georgian Hebrew Arabic Syriac Thaana Devanagari Bengali Gurmukhi Gujarati "
    "Oriya Tamil Telugu Kannada Malayalam Sinhala Thai Lao Tibetan Myanmar Khmer Hangul Han Hiragana "
    "Katakana Ethiopic Mongolian"
).split()
_F = "".join(rf"\p{{Script={name}}}" for name in SCRIPTS)
# A run of foreign-script words on one line, not touching a Latin letter (that is a mixed word).
FOREIGN_RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])[{_F}][{_F}\p{{M}}]*(?:[ \t\u00a0\u3000\p{{P}}\p{{N}}]+[{_F}][{_F}\p{{M}}]*)*"
    rf"(?![\p{{L}}\p{{M}}])"
)
# Fast `re` prefilter: letters of every script above (and some symbols) live at or above U+0370,
# outside the Latin, punctuation and symbol blocks English uses; the script patterns then decide.
RARE = re.compile(
    "[\u0370-\u1dff\u1f00-\u1fff\u2c00-\u2dff\u2e80-\ua6ff\ua800-\ud7ff\uf900-\ufaff\ufb1d-\ufdff"
    "\ufe70-\ufefe\uff00-\uffef\U00010000-\U0010ffff]"
)
CYRILLIC_GREEK = regex.compile(r"[\p{Cyrillic}\p{Greek}]")
LATIN = regex.compile(r"\p{Latin}")
CYRILLIC = regex.compile(r"\p{Cyrillic}")
WORD_CHARS = regex.compile(r"[\p{L}\p{M}]*")
WORD_CHARS_BACK = regex.compile(r"[\p{L}\p{M}]*", regex.REVERSE)
HOMOGLYPHS = {
    **dict(zip("АВЕКМНОРСТХУІЈЅԚԜаеорсухіјѕһԁԛԝӏ", "ABEKMHOPCTXYIJSQWaeopcyxijshdqwl", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧορν", "ABEZHIKMNOPTYXopv", strict=True)),
}
UNIT_SYMBOLS = frozenset("μΩ")
# What mojibake may decode to: any run (punctuation, accented Latin, emoji) / a run of 2+ characters.
PLAUSIBLE = ((0xA0, 0x17F), (0x218, 0x21B), (0x2000, 0x21FF), (0x1F000, 0x1FAFF))
PLAUSIBLE_IN_WORDS = ((0x370, 0x6FF), (0x3040, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3))


def _byte_char(byte: int) -> str:
    """The character a Windows-1252 (or, for its five holes, Latin-1) decoder gives a byte."""
    if byte < 0x80:
        return chr(byte)
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def _class(first: int, last: int) -> str:
    return "".join(f"\\u{ord(_byte_char(b)):04x}" for b in range(first, last + 1))


_CONT, _LEAD2, _LEAD3, _LEAD4 = _class(0x80, 0xBF), _class(0xC2, 0xDF), _class(0xE0, 0xEF), _class(0xF0, 0xF4)
MOJIBAKE_RUN = re.compile(
    rf"(?P<run>(?:[{_LEAD2}][{_CONT}]|[{_LEAD3}][{_CONT}]{{2}}|[{_LEAD4}][{_CONT}]{{3}})+)"
    r"|(?P<quote>â€)|(?P<nbsp>Â)(?= )"
)
MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4]")  # what a UTF-8 lead byte looks like in cp1252
TO_BYTE = {_byte_char(b): b for b in range(0x80, 0x100)}
FFFD = re.compile(r"\ufffd+")
CONTRACTION = regex.compile(r"(?:s|t|ll|re|ve|d|m)(?![\p{L}\p{N}])")
INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    r"\ufeff\ufff9-\ufffb]+"
)
_WORD_OR_INVISIBLE = r"[\p{L}\p{M}\p{N}" + INVISIBLE.pattern[1:-2] + "]*"
INVISIBLE_WORD = regex.compile(_WORD_OR_INVISIBLE)
INVISIBLE_WORD_BACK = regex.compile(_WORD_OR_INVISIBLE, regex.REVERSE)
CONTEXTUAL = frozenset("\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n\r"  # no check starts at one of these
# Emoji, modifiers, keycaps and letters of other scripts: where joiners and bidi marks belong.
JOINER_CONTEXT = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f\u20e3\p{M}]|(?![\p{Latin}])\p{L}")


def check(doc: Document, context: Context) -> Iterator[Finding]:
    view = doc.view
    # Each check starts at a non-ASCII or control character. Most texts hold only a few (curly quotes,
    # dashes), so a whole-text scan runs only when a character it looks for is among them.
    rare = _rare_characters(view)
    if RARE.search(rare):
        yield from _foreign_and_mixed(view)
    repaired: list[tuple[int, int]] = []
    if MOJIBAKE_LEAD.search(rare):
        for finding in _mojibake(view):
            repaired.append((finding.start, finding.end))
            yield finding
    if "\ufffd" in rare:
        for match in FFFD.finditer(view):
            start, end = match.span()
            after = CONTRACTION.match(view, end)
            apostrophe = end - start == 1 and start > 0 and view[start - 1].isalpha() and after is not None
            yield REPLACEMENT_CHAR.finding(
                start, end, match.group(), suggestion="’" if apostrophe else None, fix=FixSafety.UNSAFE
            )
    if INVISIBLE.search(rare):
        yield from _invisibles(view, repaired)


def _rare_characters(view: str) -> str:
    """The characters of the text other than printable ASCII, tab and line breaks, in order."""
    # Deleting those bytes from the UTF-8 encoding (they never occur inside a multi-byte character)
    # is many times faster than a regular-expression scan.
    encoded = view.encode("utf-8", "surrogatepass")
    return encoded.translate(None, PLAIN_BYTES).decode("utf-8", "surrogatepass")


def _script_names(text: str) -> str:
    names: list[str] = []
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "").split(" ")[0]
        name = "Han" if name == "CJK" else name.title()
        if name not in names:
            names.append(name)
    return " and ".join(names)


def _foreign_and_mixed(view: str) -> Iterator[Finding]:
    pos = 0
    while (hit := RARE.search(view, pos)) is not None:
        run = FOREIGN_RUN.match(view, hit.start())
        if run is not None:
            pos = run.end()
            text = run.group()
            script = _script_names(text)
            letters = sum(char.isalpha() for char in text)
            if _gloss(view, run.start(), run.end()):
                continue  # the original term beside its translation: "expenses (특수활동비)"
            if letters > 1 or script not in ("Greek", "Cyrillic"):  # else a symbol (α, Δ) or a stray letter
                confidence = 0.9 if letters > 1 else 0.75
                yield FOREIGN_SCRIPT.finding(run.start(), run.end(), text, confidence=confidence, script=script)
        elif CYRILLIC_GREEK.match(view, hit.start()):
            start = WORD_CHARS_BACK.match(view, 0, hit.start()).start()
            pos = max(WORD_CHARS.match(view, hit.start()).end(), hit.start() + 1)
            yield from _mixed_word(view[start:pos], start)
        else:
            pos = hit.start() + 1


def _gloss(view: str, start: int, end: int) -> bool:
    """A run that fills a pair of brackets right after English words: the original-language term
    given as a gloss, a deliberate editorial choice."""
    before = view[max(0, start - 8) : start].rstrip(" \"'“‘«")
    after = view[end : end + 3].lstrip(" \"'”’»")
    if not (before.endswith("(") and after.startswith(")")):
        return False
    translation = before[:-1].rstrip(" \"'”’»")
    return translation[-1:].isascii() and translation[-1:].isalpha()


def _mixed_word(word: str, start: int) -> Iterator[Finding]:
    foreign = CYRILLIC_GREEK.findall(word)
    latin = LATIN.findall(word)
    if not latin or set(foreign) <= UNIT_SYMBOLS:
        return  # not mixed, or a unit (μg, kΩ)
    if not any(char in HOMOGLYPHS for char in foreign) and not CYRILLIC.search(word):
        return  # Greek symbols (ΔT, λmax), not look-alikes
    end = start + len(word)
    script = _script_names("".join(foreign))
    odd = latin if len(latin) < len(foreign) else foreign  # name the minority letters
    chars = ", ".join(f"{char} U+{ord(char):04X}" for char in dict.fromkeys(odd))
    if odd is foreign and all(char in HOMOGLYPHS for char in foreign):
        fixed = "".join(HOMOGLYPHS.get(char, char) for char in word)
        yield MIXED_SCRIPT.finding(start, end, word, suggestion=fixed, confidence=0.98, script=script, chars=chars)
    else:
        yield MIXED_SCRIPT.finding(start, end, word, confidence=0.9, script=script, chars=chars)


def _plausible(fixed: str) -> bool:
    """Mojibake decodes to punctuation, accented Latin, or (in longer runs) whole words of a script."""
    ranges = PLAUSIBLE + (PLAUSIBLE_IN_WORDS if len(fixed) > 1 else ())
    return all(any(low <= ord(char) <= high for low, high in ranges) for char in fixed)


def repair_mojibake(run: str) -> str | None:
    """Undo UTF-8-read-as-cp1252 (up to three layers); None unless a layer round-trips exactly."""
    text, repaired = run, None
    for _ in range(3):
        try:
            fixed = bytes(TO_BYTE.get(char, ord(char)) for char in text).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            break
        if "".join(_byte_char(b) for b in fixed.encode("utf-8")) != text or not _plausible(fixed):
            break
        text = repaired = fixed
        if not MOJIBAKE_RUN.fullmatch(text):
            break
    return repaired


def _mojibake(view: str) -> Iterator[Finding]:
    pos = 0
    while (lead := MOJIBAKE_LEAD.search(view, pos)) is not None:
        match = MOJIBAKE_RUN.match(view, lead.start())
        if match is None:
            pos = lead.end()
            continue
        start, end = match.span()
        pos = end
        text = match.group()
        if match.group("run"):
            fixed = repair_mojibake(text)
            if fixed is not None:
                yield MOJIBAKE.finding(start, end, text, suggestion=fixed, confidence=0.97)
        elif match.group("quote"):
            yield MOJIBAKE.finding(start, end, text, suggestion="”", fix=FixSafety.UNSAFE, confidence=0.85)
        elif start > 0 and not view[start - 1].isupper():  # "wordÂ text": a no-break space, flattened
            yield MOJIBAKE.finding(start, end, text, suggestion="", fix=FixSafety.UNSAFE, confidence=0.8)


def _invisibles(view: str, taken: list[tuple[int, int]]) -> Iterator[Finding]:
    last_end = 0
    for match in INVISIBLE.finditer(view):
        start, end = match.span()
        run = match.group()
        if start < last_end or (start == 0 and run == "\ufeff") or any(s <= start and end <= e for s, e in taken):
            continue
        if set(run) <= CONTEXTUAL:
            around = view[max(0, start - 3) : start] + view[end : end + 3]
            if JOINER_CONTEXT.search(around):
                continue
        word_start = INVISIBLE_WORD_BACK.match(view, 0, start).start()
        last_end = INVISIBLE_WORD.match(view, end).end()
        word = view[word_start:last_end]
        names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'control').lower()}" for c in dict.fromkeys(run))
        severity = Severity.WARNING if set(run) == {"\u00ad"} else None
        yield INVISIBLE_CHAR.finding(
            word_start, last_end, word, suggestion=INVISIBLE.sub("", word), names=names, severity=severity,
            confidence=0.8 if severity else 0.97,
        )  # fmt: skip
