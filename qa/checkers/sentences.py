"""Broken sentences and tokens left by machine translation (S0xx).

These rules look at sentence shape only; meaning-level garbling is the embedding checkers' job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from qa.model import Category, Example, Finding, FixSafety, Rule, Severity
from qa.segment import WORD

if TYPE_CHECKING:
    from qa.checkers import Context
    from qa.documents import Document
    from qa.segment import Paragraph, Sentence

FRAGMENT = Rule(
    code="S001",
    name="sentence-fragment",
    category=Category.SENTENCE,
    severity=Severity.WARNING,
    fix=FixSafety.NONE,
    message="'{text}' is a fragment that cannot stand alone as a sentence",
    why=(
        "Machine translation turns captions, labels and dropped clauses into one- to three-word "
        "'sentences' ('Video address.', 'Arguing?'). A short sentence with no verb, pronoun or "
        "common reply word reads as debris in an article."
    ),
    examples=(
        Example(
            bad="He spoke on Sunday. Video address. The talks went on.", good="He spoke on Sunday in a video address."
        ),
        Example(bad=None, good="He declined to comment. Not everyone agreed."),
    ),
    scope=(
        "Body paragraphs of two or more sentences; never headlines. Inside direct quotations "
        "speech is elliptic ('Not yet.'), so only a lone '-ing' word ('Arguing?') is reported there."
    ),
)
UNFINISHED_PARAGRAPH = Rule(
    code="S002",
    name="unfinished-paragraph",
    category=Category.SENTENCE,
    severity=Severity.WARNING,
    fix=FixSafety.NONE,
    message="The paragraph ends mid-sentence: '{text}'",
    why=(
        "A paragraph whose last sentence has no final punctuation was cut off, or a stray "
        "word group was glued to it ('... 200 million dollars. The year')."
    ),
    examples=(Example(bad="It costs at least $200 million. The year", good="It costs at least $200 million a year."),),
    scope="Body paragraphs of two or more sentences; headlines, subheads and one-line credits are exempt.",
)
LOWERCASE_START = Rule(
    code="S003",
    name="lowercase-sentence-start",
    category=Category.SENTENCE,
    severity=Severity.WARNING,
    fix=FixSafety.UNSAFE,
    message="Sentence starts in lower case after a full stop: '{text}'",
    why=(
        "A lower-case word after a full stop means either a sentence boundary the translation "
        "broke, or a stray full stop. Abbreviations ('a.m.', 'etc.', 'U.S.') and brand names "
        "('iPhone') are exempt."
    ),
    examples=(Example(bad="They met in August. the talks failed.", good="They met in August. The talks failed."),),
    scope="Everywhere, including quotations; headlines too.",
)
GARBLED_TOKEN = Rule(
    code="S004",
    name="garbled-token",
    category=Category.SENTENCE,
    severity=Severity.ERROR,
    fix=FixSafety.NONE,
    message="Stray punctuation inside the word '{text}'",
    why=(
        "A full stop or comma inside a word ('general.alists', 'reporters,including') is a token "
        "the translation or the scraper broke. URLs, e-mail addresses, domains and file names, "
        "abbreviations ('U.S.', 'a.m.'), numbers, times and names like 'Yahoo!' are exempt."
    ),
    examples=(Example(bad="to give the general.alists access", good="to give the journalists access"),),
    scope="Everywhere, including quotations and headlines.",
)

RULES = (FRAGMENT, UNFINISHED_PARAGRAPH, LOWERCASE_START, GARBLED_TOKEN)

# Words that make a short sentence complete or a legitimate reply ("He declined.", "Not yet.").
STANDALONE_WORDS = frozenset(
    """i you he she it we they me him her us them this that these those there here who what why how
    when where which whose whom is are was were be been being am do does did done have has had can
    could will would shall should may might must said says say asked told added replied declined
    agreed no not yes yeah never always absolutely exactly right thanks thank sorry please okay ok
    well oh indeed correct true maybe perhaps hello goodbye welcome congratulations enough again
    now today tonight yesterday tomorrow nothing everything everyone nobody somebody none all both
    neither either certainly definitely sure fine good great wow amen cheers bravo""".split()
)
# Irregular finite verbs: a short sentence containing one is complete ("Prices fell.").
IRREGULAR_VERBS = frozenset(
    """went came fell rose won lost left took gave saw met ran told made got kept held stood began
    broke spoke chose wrote knew grew threw flew drew sold paid led fled fought sought bought brought
    thought caught taught felt sent spent built hit cut put set shut quit let struck stuck sank rang
    sang drank swam wore tore bore hid slid lit sat shot slept wept dug hung clung swung spun woke
    rode drove froze forgot found heard meant read became overcame understood withdrew goes""".split()
)
DETERMINERS = frozenset("the a an this that my his her our their its your".split())
DIGIT = re.compile(r"\d")
# Picture and source credits end captions without a full stop: "Photograph: Jane Doe/Reuters".
CREDIT = re.compile(r"(?:Photo(?:graph)?|Picture|Image|Illustration|Graphic|Credit|Source|Video)s?\b[^:]{0,20}:")
# Searched from the end, where any match ends: a sentence that has one is decided at once.
TERMINAL = regex.compile(r"""[.!?…:;]["'”’)\]»]*$|["”’)\]»]$""", regex.REVERSE)
# A mark inside a word: "general.alists", "reporters,including" (the whole word is then read).
INNER_MARK = regex.compile(r"(?<=\p{L}\p{L})[.,;!?](?=\p{Ll}\p{Ll})")
# Marks followed by two non-space characters are few; `re` finds them fast and INNER_MARK decides.
MARK_BEFORE_TEXT = re.compile(r"[.,;!?](?=\S\S)")
GARBLED_WORD = regex.compile(r"(\p{L}{2,})([.,;!?])(\p{Ll}{2,})")
NOT_PROSE_AROUND = regex.compile(r"\S*(?:://|www\.|@)\S*")
TLDS_AND_EXTENSIONS = frozenset(
    """com org net gov edu mil int info biz name pro io ai app dev news tv co uk us ru ua kr kp cn
    jp de fr it es nl eu ch se no fi dk pl cz be at ca au nz in br mx za ly me fm gg js py rb go
    html htm php asp aspx pdf doc docx xls xlsx csv txt jpg jpeg png gif svg mp3 mp4 zip exe
    jsp cgi dll sys bat cmd sh ps1 vbs msi apk ipa dmg iso img jar json xml yaml yml log cfg ini
    conf tar gz tgz rar 7z sql db dat tmp bak css ts java cpp rtf odt ppt pptx wav mov avi mkv
    webp heic tif tiff bmp eml lnk scr""".split()
)
LOWER_AFTER_STOP = regex.compile(r"\.[ \t]+(\p{Ll}[\p{L}'’\-]*)")
ABBREVIATIONS = frozenset(
    """etc approx vs cf al ca p pp no nos st jr sr inc corp ltd co dept govt est fig figs vol vols ed
    eds min max sec hr hrs mins ft oz lb lbs km cm mm kg mg tel ext op cit ibid viz incl excl esp
    misc assn bros gen col lt sgt rep sen gov mr mrs ms dr prof rev""".split()
)


def check(doc: Document, context: Context) -> Iterator[Finding]:
    view = doc.view
    paragraphs = doc.paragraphs
    for paragraph in paragraphs:
        if paragraph.kind == "paragraph" and len(paragraph.sentences) >= 2:
            yield from _fragments(view, paragraph)
            standfirst = paragraph.index == 1 and paragraphs[0].kind == "headline"
            if not standfirst:  # the line under a headline is often printed without a full stop
                yield from _unfinished(view, paragraph)
    # Both patterns stay within a line, so one scan of the whole view serves every paragraph.
    yield from _lowercase_starts(view)
    yield from _garbled_tokens(view)


def _fragments(view: str, paragraph: Paragraph) -> Iterator[Finding]:
    for sentence in paragraph.sentences:
        if sentence.end - sentence.start > 60:
            continue  # far longer than three words
        text = view[sentence.start : sentence.end]
        core = text.strip("\"'“”‘’()[] ")
        if not core or core[-1] not in ".?!" or DIGIT.search(core) or core.endswith(("..", "…")):
            continue  # a trailing-off ellipsis ("And because...") is a speaker's pause, not debris
        words = WORD.findall(core)
        if not 1 <= len(words) <= 3 or any(w.lower() in STANDALONE_WORDS or "'" in w or "’" in w for w in words):
            continue
        if any(_looks_finite(word, position) for position, word in enumerate(words)):
            continue
        if core.endswith("?") and words[0].lower() in DETERMINERS:
            continue  # a rhetorical question: "The plan? Nobody had one."
        quoted = paragraph.in_quote(sentence.start, sentence.end) or text[0] in '“"‘'
        if quoted and not (len(words) == 1 and words[0].lower().endswith("ing")):
            continue
        yield FRAGMENT.finding(sentence.start, sentence.end, text, confidence=0.75)


def _looks_finite(word: str, position: int) -> bool:
    """Cheap evidence of a finite verb: an irregular form, '-ed', or a third-person '-s'."""
    lower = word.lower()
    if lower in IRREGULAR_VERBS or (len(lower) > 4 and lower.endswith("ed")):
        return True
    return position > 0 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def _unfinished(view: str, paragraph: Paragraph) -> Iterator[Finding]:
    last: Sentence = paragraph.sentences[-1]
    text = view[last.start : last.end].rstrip()
    if not text or TERMINAL.search(text):
        return
    words = WORD.findall(text)
    if not words or len(words) > 12 or not text[0].isupper() or CREDIT.match(text):
        return
    yield UNFINISHED_PARAGRAPH.finding(last.start, last.start + len(text), text, confidence=0.8)


def _lowercase_starts(view: str) -> Iterator[Finding]:
    for match in LOWER_AFTER_STOP.finditer(view):
        word = match.group(1)
        before = view[_token_start(view, match.start()) : match.start()]
        bare = before.strip("\"'“”‘’([").lower()
        if bare in ABBREVIATIONS or "." in bare or len(bare) < 2 or not bare[-1].isalpha():
            continue  # "etc.", "a.m.", "U.S.", initials and numbers
        if any(c.isupper() for c in word[1:]):
            continue  # "iPhone", "eBay"
        if word in ("com", "org", "net"):
            continue
        yield LOWERCASE_START.finding(
            match.start(1), match.end(1), word, suggestion=word[0].upper() + word[1:], confidence=0.8
        )


def _garbled_tokens(view: str) -> Iterator[Finding]:
    for candidate in MARK_BEFORE_TEXT.finditer(view):
        mark = INNER_MARK.match(view, candidate.start())
        if mark is None:
            continue
        token_start = _token_start(view, mark.start())
        word = GARBLED_WORD.match(view, _word_start(view, mark.start()))
        if word is None or word.end(2) != mark.end():
            continue
        after = view[word.end() : word.end() + 2]
        if after[:1].isalnum() or after[:1] in "@/" or (after[:1] == "." and after[1:2].isalpha()):
            continue  # more word follows: a domain, path or dotted abbreviation
        if word.start() > 0 and view[word.start() - 1] in "@/.-_":
            continue
        if NOT_PROSE_AROUND.fullmatch(view, token_start, _token_end(view, word.end())):
            continue  # part of a URL or an e-mail address
        if word.group(2) == "." and word.group(3).lower() in TLDS_AND_EXTENSIONS:
            continue  # a domain or a file name: "Amazon.com", "report.pdf"
        yield GARBLED_TOKEN.finding(word.start(), word.end(), word.group(), confidence=0.9)


def _token_start(view: str, pos: int) -> int:
    while pos > 0 and not view[pos - 1].isspace():
        pos -= 1
    return pos


def _token_end(view: str, pos: int) -> int:
    while pos < len(view) and not view[pos].isspace():
        pos += 1
    return pos


def _word_start(view: str, pos: int) -> int:
    while pos > 0 and view[pos - 1].isalpha():
        pos -= 1
    return pos
