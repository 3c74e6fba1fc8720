"""Punctuation checks: doubled marks, a space before a mark, unbalanced quotes and brackets, and
repeated words (P0xx).

Each check is one precompiled regular expression over `doc.view`; the few candidates it yields are
then vetted in Python (URLs, ellipses, emoticons, times, French spacing, text the loader removed).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from qa.model import Category, Example, Finding, FixSafety, Rule, Severity

if TYPE_CHECKING:
    from qa.checkers import Context
    from qa.documents import Document
    from qa.segment import Paragraph

EVERYWHERE = "Everywhere, including quotations and headlines: a typing slip is one in a quotation too."

DOUBLED_MARK = Rule(
    code="P001",
    name="doubled-punctuation",
    category=Category.PUNCTUATION,
    severity=Severity.ERROR,
    fix=FixSafety.SAFE,
    message="doubled punctuation '{text}'",
    why=(
        "A comma, full stop, semicolon or colon typed twice (',,', '. .', '..', ';;', '::') is a "
        "machine-translation or editing slip; the fix keeps one mark. An ellipsis ('...', '. . .', "
        "'…'), a range ('1..10'), a path ('../') and code ('std::map') are left alone, and so are "
        "'!!' and '??', which are emphatic rather than wrong."
    ),
    examples=(Example(bad="Pyongyang is moving towards Russia. .", good="Pyongyang is moving towards Russia."),),
    scope=EVERYWHERE,
)
SPACE_BEFORE = Rule(
    code="P002",
    name="space-before-punctuation",
    category=Category.PUNCTUATION,
    severity=Severity.ERROR,
    fix=FixSafety.SAFE,
    message="space before '{mark}'",
    why=(
        "English sets , . ; : ? ! directly after the word. A space before them ('Asia ,') is a "
        "tokenisation artefact of machine translation. Decimals ('.5'), ellipses, emoticons (':)'), "
        "file names ('.com'), times and scores ('5 :30', '3 : 1'), a mark opening a line, a '?' or "
        "'!' after a closing quote, and French spacing next to guillemets are not reported."
    ),
    examples=(Example(bad="more problems in Asia , he said", good="more problems in Asia, he said"),),
    scope=EVERYWHERE + " A line with « » guillemets keeps French spacing before ; : ? !.",
)
UNBALANCED_QUOTE = Rule(
    code="P003",
    name="unbalanced-quote",
    category=Category.PUNCTUATION,
    severity=Severity.WARNING,
    fix=FixSafety.NONE,
    message="unbalanced quotation marks: {detail}",
    why=(
        "A quotation opened and never closed (or closed and never opened) makes the reader guess "
        "where the speaker's words end, and usually means translation lost a mark. Curly quotes are "
        "paired; straight quotes are counted by parity. A paragraph that leaves a quotation open is "
        "fine when the next paragraph opens with “ (the multi-paragraph quotation convention) or "
        "when a later paragraph closes it. Single quotes are skipped: they double as apostrophes."
    ),
    examples=(
        Example(bad="“We build hundreds a day, he said.", good="“We build hundreds a day,” he said."),
        Example(bad=None, good="“The first paragraph of the quote.\n“The second one,” he said."),
    ),
    scope="Quotation marks are what it checks; a headline is checked on its own, never continued.",
)
UNBALANCED_BRACKET = Rule(
    code="P004",
    name="unbalanced-bracket",
    category=Category.PUNCTUATION,
    severity=Severity.WARNING,
    fix=FixSafety.NONE,
    message="unbalanced brackets: {detail}",
    why=(
        "A parenthesis or square bracket without its partner in the same paragraph. Enumerators "
        "('a)', '2)', 'iv)') and emoticons (':)', ';-(') are not counted."
    ),
    examples=(Example(bad="The Council (NIS said on Monday.", good="The Council (NIS) said on Monday."),),
    scope=EVERYWHERE,
)
REPEATED_WORD = Rule(
    code="P005",
    name="repeated-word",
    category=Category.PUNCTUATION,
    severity=Severity.ERROR,
    fix=FixSafety.UNSAFE,
    message="repeated word '{text}'",
    why=(
        "'the the' is a typing or translation slip. Only letters count, one or two spaces apart (a "
        "tab or a wider gap separates table columns). Grammatical "
        "doubles are allowed ('had had', 'that that', 'is is', 'do do', 'gave her her'), as are a "
        "particle meeting its preposition ('moved on on Monday') and emphatic doubles ('very "
        "very', 'no no'); a capitalised second word is a name ('Walla Walla', 'The The'). The fix "
        "is unsafe: sometimes the repeated word stands for a missing one."
    ),
    examples=(Example(bad="It hit the the power grid.", good="It hit the power grid."),),
    scope=EVERYWHERE + " Inside a quotation the confidence is lower (verbatim speech).",
)

RULES = (DOUBLED_MARK, SPACE_BEFORE, UNBALANCED_QUOTE, UNBALANCED_BRACKET, REPEATED_WORD)

# ",," ", ," ";;" (any run) | ". ." ".." but no ellipsis, range or path | "::" before a space.
DOUBLED = regex.compile(
    r"(?P<mark>[,;])(?: ?(?P=mark))+"
    r"|(?<=[\p{L}\p{N}\p{Pe}\p{Pf}\"'%])\. ?\.(?![ \t]?[.…\p{N}/])"
    r"|(?<=[\p{L}\p{N}]): ?:(?=[ \t\r\n]|$)"
)
SPACE_MARK = regex.compile(r"""(?<=[\p{L}\p{N}%)\]”’"'])[ \t]+([,.;:?!])(?=[ \t\r\n”’"'»]|$)(?![ \t]*[.…])""")
# Fast `re` scans find candidates; the `regex` patterns above and below decide (the text is mostly clean).
DOUBLED_HINT = re.compile(r"([,;.:]) ?\1")
SPACE_HINT = re.compile(r" [,.;:?!]")  # a literal first character makes the scan fast
TAB_HINT = re.compile(r"\t[,.;:?!]")
REPEAT_HINT = re.compile(r"\W(?=(\w+))\1  ?\1\b", re.IGNORECASE)  # (?=(x))\1: no backtracking
# The same scan with ASCII classes runs twice as fast and finds the same matches when every word character
# is ASCII: the only other characters that case-fold to an ASCII one (İ, the Kelvin sign K) are word characters.
REPEAT_HINT_ASCII = re.compile(REPEAT_HINT.pattern, re.IGNORECASE | re.ASCII)
WORD_CHAR = re.compile(r"\w")
ASCII_BYTES = bytes(range(128))
REPEAT = regex.compile(r"(?<![\p{L}\p{M}'’\-])(\p{L}+) {1,2}(\1)(?![\p{L}\p{M}'’\-])", regex.IGNORECASE)
QUOTE_MARKS = '“”"'
BRACKETS = "()[]"
ENUMERATOR = regex.compile(r"(?:^|[\s(])(?:\p{L}|\d{1,2}|[ivxIVX]{1,4})$")
URL_TOKEN = regex.compile(r"://|www\.|[/\\@]")

CLOSING_QUOTES = "”’\"'"
ALLOWED_DOUBLES = frozenset(
    "had that is do does her his on in up off by out over down through around along about "
    "very really so no yes bye ha ho he hee ah oh aw boo blah bla tsk tut knock bang chop far "
    "long many more never now go well there hush night pom dum tom yada la".split()
)
FUNCTION_WORDS = frozenset("the a an of to and or for with at from as it this".split())
MAX_CARRY = 6  # paragraphs a quotation may run on without marks before it is reported


def check(doc: Document, context: Context) -> Iterator[Finding]:
    view = doc.view
    doubled: list[tuple[int, int]] = []
    for hint in DOUBLED_HINT.finditer(view):
        match = DOUBLED.match(view, hint.start())
        if match is None or (doubled and match.start() < doubled[-1][1]):
            continue
        start, end = match.span()
        if _in_url(view, start) or not doc.is_verbatim(start, end):
            continue
        doubled.append((start, end))
        yield DOUBLED_MARK.finding(start, end, match.group(), suggestion=match.group()[0], confidence=0.95)
    hints = [hint.start() for hint in SPACE_HINT.finditer(view)]
    if "\t" in view:
        hints = sorted(hints + [hint.start() for hint in TAB_HINT.finditer(view)])
    for space_start in hints:
        while space_start > 0 and view[space_start - 1] in " \t":
            space_start -= 1
        match = SPACE_MARK.match(view, space_start)
        if match is None:
            continue
        start, end = match.span()
        mark = match.group(1)
        if any(s < end and start < e for s, e in doubled) or not _space_is_wrong(view, start, end, mark):
            continue
        if doc.is_verbatim(start, end):
            confidence = 0.9 if mark in ",." else 0.8
            yield SPACE_BEFORE.finding(start, end, match.group(), suggestion=mark, confidence=confidence, mark=mark)
    paragraphs = doc.paragraphs
    yield from _quote_findings(view, paragraphs)
    yield from _bracket_findings(view, paragraphs)
    yield from _repeats(doc, paragraphs)


def _in_url(view: str, pos: int) -> bool:
    token_start = max(view.rfind(" ", 0, pos), view.rfind("\n", 0, pos)) + 1
    return bool(URL_TOKEN.search(view, token_start, pos + 2))


def _space_is_wrong(view: str, start: int, end: int, mark: str) -> bool:
    before = view[start - 1]
    if mark in "?!:;" and before in CLOSING_QUOTES:
        return False  # 'he called it “Why” ?' style or French spacing after a quotation
    if mark == ":" and before.isdigit():
        following = view[end : end + 3].lstrip(" \t")
        if following[:1].isdigit():
            return False  # a score or ratio: "3 : 1"
    if mark in "?!:;":
        line_start = view.rfind("\n", 0, start) + 1
        line_end = view.find("\n", end)
        line = view[line_start : line_end if line_end != -1 else len(view)]
        if "«" in line or "»" in line:
            return False  # French typography keeps a space before ; : ? !
    return True


def _marks_by_paragraph(view: str, paragraphs: list[Paragraph], marks: str) -> dict[int, list[tuple[int, str]]]:
    """{paragraph index: [(position, mark), ...]} for the paragraphs that hold any of the marks."""
    ends = [p.end for p in paragraphs]
    groups: dict[int, list[tuple[int, str]]] = {}
    for pos in sorted(_find_all(view, marks)):
        index = bisect.bisect_right(ends, pos)  # the first paragraph that ends after the mark
        if index < len(paragraphs) and paragraphs[index].start <= pos:
            groups.setdefault(index, []).append((pos, view[pos]))
    return groups


def _find_all(view: str, chars: str) -> list[int]:
    """Positions of the characters, unsorted; str.find outruns a regular expression for single characters."""
    positions: list[int] = []
    for char in chars:
        pos = view.find(char)
        while pos != -1:
            positions.append(pos)
            pos = view.find(char, pos + 1)
    return positions


def _quote_findings(view: str, paragraphs: list[Paragraph]) -> Iterator[Finding]:
    pending: tuple[int, int, str] | None = None  # an opener left open: (position, paragraph end, mark)
    pending_index = 0
    for index, marks in _marks_by_paragraph(view, paragraphs, QUOTE_MARKS).items():
        para = paragraphs[index]
        if sum(char == '"' for _, char in marks) % 2:  # inch marks ('55" screen') spoil parity
            marks = [(pos, char) for pos, char in marks if char != '"' or not view[pos - 1].isdigit()]
        leftover, strays = _pair_quotes(view, marks)
        if pending is not None:
            between = paragraphs[pending_index + 1 : index]
            if para.kind == "headline" or len(between) > MAX_CARRY or any(p.kind == "headline" for p in between):
                yield _unclosed(view, *pending)
            elif view[para.start] in '“"':
                pass  # the multi-paragraph quotation convention
            elif strays:
                strays.pop(0)  # a later paragraph closes it: continuation marks were dropped
            elif leftover and leftover[0][1] == '"':
                leftover.pop(0)  # a straight quote closing it
            else:
                yield _unclosed(view, *pending)
            pending = None
        for pos in strays:
            yield UNBALANCED_QUOTE.finding(pos, pos + 1, "”", confidence=0.8, detail="closing ” without an opening “")
        if len(leftover) > 1 or (leftover and para.kind == "headline"):
            yield _unclosed(view, leftover[0][0], para.end, leftover[0][1])
        if leftover and para.kind != "headline":
            pending, pending_index = (leftover[-1][0], para.end, leftover[-1][1]), index
    if pending is not None:
        yield _unclosed(view, *pending)


def _pair_quotes(view: str, marks: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[int]]:
    """Openers left open and closers with nothing to close. A straight quote closes whatever is
    open (mixed styles are a different problem) and opens otherwise. A “ opening a line while a
    “ is open continues the quotation (the multi-paragraph convention inside a wrapped block)."""
    stack: list[tuple[int, str]] = []
    strays: list[int] = []
    for pos, char in marks:
        if char == "“" and stack and stack[-1][1] == "“" and not view[view.rfind("\n", 0, pos) + 1 : pos].strip():
            stack[-1] = (pos, char)
        elif char == "“" or (char == '"' and not stack):
            stack.append((pos, char))
        elif stack:
            stack.pop()
        else:
            strays.append(pos)
    return stack, strays


def _unclosed(view: str, pos: int, para_end: int, mark: str) -> Finding:
    confidence = 0.85 if mark == "“" else 0.7
    text = view[pos:para_end]
    detail = f"quotation opened with {mark} is never closed"
    return UNBALANCED_QUOTE.finding(pos, para_end, text, confidence=confidence, detail=detail)


def _bracket_findings(view: str, paragraphs: list[Paragraph]) -> Iterator[Finding]:
    pairs = {")": "(", "]": "["}
    for index, marks in _marks_by_paragraph(view, paragraphs, BRACKETS).items():
        para_start = paragraphs[index].start
        stacks: dict[str, list[int]] = {"(": [], "[": []}
        for pos, char in marks:
            before = view[max(para_start, pos - 2) : pos]
            if before[-1:] in (":", ";") or before in (":-", ";-"):
                continue  # an emoticon
            if char in stacks:
                stacks[char].append(pos)
            elif stacks[pairs[char]]:
                stacks[pairs[char]].pop()
            elif not (char == ")" and ENUMERATOR.search(view[max(para_start, pos - 6) : pos])):
                detail = f"closing {char} without an opening {pairs[char]}"
                yield UNBALANCED_BRACKET.finding(pos, pos + 1, char, confidence=0.8, detail=detail)
        for char, open_at in stacks.items():
            for pos in open_at:
                detail = f"{char} is never closed in its paragraph"
                yield UNBALANCED_BRACKET.finding(pos, pos + 1, char, confidence=0.8, detail=detail)


def _repeats(doc: Document, paragraphs: list[Paragraph]) -> Iterator[Finding]:
    view = doc.view
    starts = [0] if REPEAT.match(view) else []
    hint_pattern = REPEAT_HINT_ASCII if _words_are_ascii(view) else REPEAT_HINT
    starts += [hint.start(1) for hint in hint_pattern.finditer(view)]
    for match in filter(None, (REPEAT.match(view, start) for start in starts)):
        first, second = match.group(1), match.group(2)
        if second[0].isupper() or first.lower() in ALLOWED_DOUBLES:
            continue
        start, end = match.span()
        if not doc.is_verbatim(start, end):
            continue
        in_quote = any(p.start <= start < p.end and p.in_quote(start, end) for p in paragraphs)
        confidence = 0.95 if first.lower() in FUNCTION_WORDS else 0.85
        yield REPEATED_WORD.finding(
            start, end, match.group(), suggestion=first, confidence=confidence - (0.15 if in_quote else 0)
        )


def _words_are_ascii(view: str) -> bool:
    """True when every word character in the text is ASCII, as in most English news."""
    if view.isascii():
        return True
    # Deleting the ASCII bytes from UTF-8 leaves the other characters, far faster than a regex scan.
    others = view.encode("utf-8", "surrogatepass").translate(None, ASCII_BYTES).decode("utf-8", "surrogatepass")
    return WORD_CHAR.search(others) is None
