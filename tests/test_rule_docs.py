"""Meta-tests: every rule is documented and its own examples behave (proselint's habit)."""

import re

import pytest

from qa.checkers import Context, builtin_checkers
from qa.documents import load_text

RULES = [(checker, rule) for checker in builtin_checkers() for rule in checker.rules]


def test_codes_and_names_are_unique():
    codes = [rule.code for _, rule in RULES]
    names = [rule.name for _, rule in RULES]
    assert len(codes) == len(set(codes)) and len(names) == len(set(names))


@pytest.mark.parametrize("checker, rule", RULES, ids=[r.code for _, r in RULES])
def test_rule_is_documented(checker, rule):
    assert re.fullmatch(r"[A-Z]\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert len(rule.why) > 40 and rule.scope and rule.examples
    assert any(example.bad for example in rule.examples)


@pytest.mark.parametrize("checker, rule", RULES, ids=[r.code for _, r in RULES])
def test_rule_examples_behave(checker, rule, default_glossary, small_glossary):
    context = Context(default_glossary.merge(small_glossary))
    for example in rule.examples:
        if example.bad is not None:
            found = [f for f in checker.check(load_text("x.txt", example.bad), context) if f.rule == rule.code]
            assert found, f"{rule.code} does not fire on its bad example {example.bad!r}"
        if example.good is not None:
            found = [f for f in checker.check(load_text("x.txt", example.good), context) if f.rule == rule.code]
            assert not found, f"{rule.code} fires on its good example {example.good!r}"


def test_docs_rules_md_is_up_to_date():
    """docs/rules.md is generated: regenerate with `make docs` after changing a rule."""
    from pathlib import Path

    from qa.checkers import all_rules
    from qa.ruledocs import rules_markdown

    docs = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert docs.read_text(encoding="utf-8") == rules_markdown(all_rules()), "run `make docs`"
