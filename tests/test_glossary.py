import pytest

from qa.glossary import GlossaryError, countries, load_glossary, parse_countries, parse_glossary


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
        ("terms:\n  - term: Kyiv\n    country: {name: Ukraine}\n", r"g\.yml:3: 'country' must be a country name"),
        ("terms:\n  - term: Kyiv\n    country:\n", r"g\.yml:3: 'country' must be a country name"),
        ("terms:\n  - term: Kyiv\n    country: [Ukraine, [Europe]]\n", r"g\.yml:3: expected a non-empty string"),
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


def test_country_is_a_name_or_a_list_of_names():
    glossary = parse_glossary(
        "terms:\n  - {term: Kursk, kind: place, country: Russia}\n"
        "  - {term: Jerusalem, kind: place, country: [Israel, Palestine]}\n  - {term: Seoul}\n",
        "g.yml",
    )
    assert [t.country for t in glossary.terms] == [("Russia",), ("Israel", "Palestine"), ()]


def test_country_list_resolves_aliases_to_canonical_names():
    table = countries()
    assert table.resolve("U.S.") == table.resolve("the United States") == ("United States",)
    assert table.resolve("England") == ("United Kingdom",)
    assert table.resolve("DPRK") == table.resolve("North Korea") == ("North Korea",)
    assert table.resolve("Korea") == ("South Korea",)
    assert set(table.resolve("Congo")) == {"Democratic Republic of the Congo", "Republic of the Congo"}
    assert table.resolve("Europe") == table.resolve("russia") == ()
    assert table.in_text("Netherlands") == "the Netherlands" and table.in_text("Ukraine") == "Ukraine"
    assert countries() is table  # read once


def test_country_list_covers_the_un_members_and_has_no_clashes():
    from importlib import resources

    lines = [
        line
        for line in resources.files("qa").joinpath("data", "countries.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    canonical = [line.split(" | ")[0] for line in lines]
    assert len(canonical) == len(set(canonical)) == 193 + 4  # UN members, Taiwan, Kosovo, Palestine, Vatican
    assert all(" | " not in name and name == name.strip() for line in lines for name in line.split(" | "))
    shared = {alias for alias, owners in countries().owners.items() if len(owners) > 1}
    assert shared == {"Congo"}  # the one alias that news uses for two countries


def test_parse_countries_reads_comments_aliases_and_articles():
    table = parse_countries("# comment\nNetherlands | the Netherlands | Holland\n\nUkraine\n")
    assert table.resolve("Holland") == ("Netherlands",) and table.resolve("Ukraine") == ("Ukraine",)
    assert table.with_article == frozenset({"Netherlands"})
