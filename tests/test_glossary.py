import pytest

from qa.glossary import GlossaryError, load_glossary, parse_glossary


@pytest.mark.parametrize(
    "source, message",
    [
        ("terms:\n  - term: Kyiv\n    variants: [Kiev\n", r"g\.yml:\d+: malformed YAML"),
        ("terms: {}\n", r"g\.yml:1: 'terms' must be a list"),
        ("terms:\n  - kind: place\n", r"g\.yml:2: entry has no 'term'"),
        ("terms:\n  - term: Kyiv\n    colour: blue\n", r"g\.yml:3: unknown key 'colour'"),
        ("terms:\n  - term: Kyiv\n    variants: Kiev\n", r"g\.yml:3: expected a list of strings"),
        ("terms:\n  - term: Kyiv\n    kind: city\n", r"g\.yml:3: kind 'city' is not one of"),
        ("terms:\n  - term: Kyiv\n  - term: Kyiv\n", r"g\.yml:3: duplicate term 'Kyiv' \(first at g\.yml:2\)"),
        ("terms:\n  - term: Kyiv\n    variants: [Kyiv]\n", r"g\.yml:2: variant 'Kyiv' is the term itself"),
        ("terms:\n  - term: Kyiv\n    patterns: ['Ki(ev']\n", r"g\.yml:3: pattern 'Ki\(ev' does not compile"),
        ("terms:\n  - term: Kyiv\n    severity: fatal\n", r"g\.yml:3: unknown severity 'fatal'"),
        ("terms:\n  - term: Kyiv\n    examples: [{bad: x, worse: y}]\n", r"g\.yml:3: unknown key 'worse'"),
    ],
)
def test_errors_name_file_and_line(source, message):
    with pytest.raises(GlossaryError, match=message):
        parse_glossary(source, "g.yml")


def test_missing_file(tmp_path):
    with pytest.raises(GlossaryError, match="no such glossary file"):
        load_glossary(str(tmp_path / "none.yml"))


def test_later_glossary_wins_per_term_and_records_override():
    first = parse_glossary("terms:\n  - {term: Kyiv, variants: [Kiev]}\n  - {term: Seoul}\n", "a.yml")
    second = parse_glossary("terms:\n  - {term: Kyiv, variants: [Kyjiw]}\n", "b.yml")
    merged = first.merge(second)
    assert [t.term for t in merged.terms] == ["Kyiv", "Seoul"]
    assert merged.terms[0].variants == ("Kyjiw",)
    assert [(a.source, b.source) for a, b in merged.overrides] == [("a.yml:2", "b.yml:2")]
    assert merged.paths == ["a.yml", "b.yml"]


def test_empty_glossary_file_is_empty():
    assert parse_glossary("", "e.yml").terms == []
