"""Glossary patterns that can backtrack catastrophically: a static look at the regex, then a stopwatch.

Static: the pattern is parsed with the standard library's regular-expression parser and two shapes
are reported inside an unbounded quantifier (`*`, `+`, `{n,}`) that is neither possessive nor
atomic: a nested unbounded quantifier that carries the loop on its own (`(a+)+`, `(\\w+\\s?)*`,
`(.*)*`), and alternatives that can start with the same character (`(a|a)*`, `(.|\\s)*`,
`(a|aa)+`). These are the shapes where a failing match tries exponentially many splits.

Dynamic: the compiled pattern runs with the `regex` module's `timeout=` on paragraph-sized strings
built from the pattern's own characters; a pattern that needs more than `PATTERN_TIMEOUT` on one is
too slow for `qa check`, whatever its shape.
"""

from __future__ import annotations

import re

import regex

from qa.glossary import PATTERN_TIMEOUT

try:  # Python 3.11+
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

SAMPLE = "aA0_ -.,'\t\né"  # representative characters for first-character sets
PARAGRAPH = 1000  # characters in an adversarial input (about one long news paragraph)
UNBOUNDED = sre.MAXREPEAT
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)  # possessive repeats and atomic groups never backtrack
ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
CATEGORIES = {
    sre.CATEGORY_DIGIT: str.isdigit,
    sre.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    sre.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


def static_problems(pattern: str) -> list[str]:
    """Shapes that backtrack catastrophically; [] when none is seen (or the parser cannot read it)."""
    tree = _parse(pattern)
    if tree is None:
        return []
    samples = _samples(tree)
    problems: list[str] = []
    _walk(list(tree), False, samples, problems)
    return list(dict.fromkeys(problems))


def slow_inputs(pattern: str) -> list[str]:
    """Paragraph-sized strings that make a backtracking pattern work hardest: runs of its own characters."""
    tree = _parse(pattern)
    chars = sorted(_samples(tree) - set(SAMPLE)) if tree is not None else sorted({c for c in pattern if c.isalnum()})
    runs = [c for c in (*chars[:12], "a", " ", "0") if c.isprintable()]
    inputs = [c * PARAGRAPH + "\x00" for c in dict.fromkeys(runs)]
    word = "".join(chars[:8]) or "a"
    inputs.append((word + " ") * (PARAGRAPH // (len(word) + 1)) + "\x00")
    return inputs


def timed_out(compiled: regex.Pattern, timeout: float = PATTERN_TIMEOUT) -> str | None:
    """The first adversarial input (shortened for a message) on which `compiled` exceeds `timeout`."""
    for text in slow_inputs(compiled.pattern):
        try:
            compiled.search(text, timeout=timeout)
        except TimeoutError:
            return text[:12] + "…" if len(text) > 12 else text
    return None


def _parse(pattern: str) -> sre_parse.SubPattern | None:
    # Syntax only the `regex` module knows is mapped to a close stdlib equivalent first.
    simplified = re.sub(r"\\[pP]\{[^}]*\}", r"\\w", pattern)
    simplified = re.sub(r"\(\?V[01]\)", "", simplified)
    try:
        return sre_parse.parse(simplified)
    except (re.error, OverflowError, RecursionError, TypeError, ValueError):
        return None


def _samples(tree: sre_parse.SubPattern) -> set[str]:
    chars = set(SAMPLE)

    def collect(seq: list) -> None:
        for op, av in seq:
            if op in (sre.LITERAL, sre.NOT_LITERAL):
                chars.add(chr(av))
            elif op == sre.IN:
                collect(av)
            elif op == sre.RANGE:
                chars.update((chr(av[0]), chr(av[1])))
            else:
                for child in _children(op, av):
                    collect(child)

    collect(list(tree))
    return chars


def _children(op: object, av: object) -> list[list]:
    if op in (*REPEATS, getattr(sre, "POSSESSIVE_REPEAT", None)):
        return [list(av[2])]  # type: ignore[index]
    if op == sre.SUBPATTERN:
        return [list(av[-1])]  # type: ignore[index]
    if op == sre.BRANCH:
        return [list(alt) for alt in av[1]]  # type: ignore[index]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [list(av[1])]  # type: ignore[index]
    if op == getattr(sre, "ATOMIC_GROUP", None):
        return [list(av)]  # type: ignore[arg-type]
    if op == sre.GROUPREF_EXISTS:
        return [list(x) for x in av[1:] if x is not None]  # type: ignore[index]
    return []


def _walk(seq: list, in_loop: bool, samples: set[str], problems: list[str]) -> None:
    for op, av in seq:
        if op in REPEATS:
            _low, high, body = av
            body = list(body)
            unbounded = high == UNBOUNDED
            if unbounded and _loop_core(body):
                problems.append("a quantified group whose body is itself an unbounded quantifier, like (a+)+")
            if unbounded:
                _overlapping_branches(body, body, samples, problems)
            _walk(body, in_loop or unbounded, samples, problems)
        elif op == getattr(sre, "POSSESSIVE_REPEAT", None) or op == getattr(sre, "ATOMIC_GROUP", None):
            continue  # no backtracking into these
        else:
            for child in _children(op, av):
                _walk(child, in_loop, samples, problems)


def _loop_core(seq: list) -> bool:
    """True when `seq` is, apart from optional parts, one unbounded quantifier (so `(seq)+` nests two)."""
    required = [item for item in seq if not _nullable_item(item)]
    if len(required) > 1:
        return False
    for op, av in required or seq:
        if op in REPEATS and av[1] == UNBOUNDED:
            return True
        if op == sre.SUBPATTERN and _loop_core(list(av[-1])):
            return True
        if op == sre.BRANCH and any(_loop_core(list(alt)) for alt in av[1]):
            return True
    return False


def _overlapping_branches(seq: list, loop_body: list, samples: set[str], problems: list[str]) -> None:
    """Alternatives inside a loop that can begin with the same character, or are the same."""
    for index, (op, av) in enumerate(seq):
        if op == sre.BRANCH:
            rest = seq[index + 1 :]
            follow = _first(rest, samples) | (_first(loop_body, samples) if _nullable(rest) else set())
            alternatives = [list(alt) for alt in av[1]]
            starts = [_first(alt, samples) | (follow if _nullable(alt) else set()) for alt in alternatives]
            for i in range(len(alternatives)):
                for j in range(i + 1, len(alternatives)):
                    if alternatives[i] == alternatives[j] or starts[i] & starts[j]:
                        problems.append(
                            "alternatives inside a quantified group that can match the same text, like (a|a)*"
                        )
            for alt in alternatives:
                _overlapping_branches(alt, loop_body, samples, problems)
        elif op == sre.SUBPATTERN:
            _overlapping_branches(list(av[-1]), loop_body, samples, problems)


def _nullable(seq: list) -> bool:
    return all(_nullable_item(item) for item in seq)


def _nullable_item(item: tuple) -> bool:
    op, av = item
    if op in ZERO_WIDTH:
        return True
    if op in (*REPEATS, getattr(sre, "POSSESSIVE_REPEAT", None)):
        return av[0] == 0 or _nullable(list(av[2]))
    if op == sre.SUBPATTERN:
        return _nullable(list(av[-1]))
    if op == sre.BRANCH:
        return any(_nullable(list(alt)) for alt in av[1])
    return False


def _first(seq: list, samples: set[str]) -> set[str]:
    """Sample characters that can start a match of `seq`."""
    result: set[str] = set()
    for op, av in seq:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            result |= {c for c in samples if _matches_char(op, av, c)}
        elif op not in ZERO_WIDTH:
            for child in _children(op, av):
                result |= _first(child, samples)
        if not _nullable_item((op, av)):
            break
    return result


def _matches_char(op: object, av: object, char: str) -> bool:
    if op == sre.LITERAL:
        return char == chr(av)  # type: ignore[arg-type]
    if op == sre.NOT_LITERAL:
        return char != chr(av)  # type: ignore[arg-type]
    if op == sre.ANY:
        return char != "\n"
    if op == sre.IN:
        items = list(av)  # type: ignore[call-overload]
        negate = bool(items) and items[0][0] == sre.NEGATE
        hit = any(_in_item(kind, value, char) for kind, value in items if kind != sre.NEGATE)
        return hit != negate
    return False


def _in_item(kind: object, value: object, char: str) -> bool:
    if kind == sre.LITERAL:
        return char == chr(value)  # type: ignore[arg-type]
    if kind == sre.RANGE:
        return value[0] <= ord(char) <= value[1]  # type: ignore[index]
    if kind == sre.CATEGORY:
        test = CATEGORIES.get(value)  # type: ignore[call-overload]
        return bool(test and test(char))
    return False
