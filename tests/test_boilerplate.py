import pytest

from qa.checkers import boilerplate
from tests.conftest import assert_marked


@pytest.mark.parametrize(
    "marked",
    [
        "He spoke on Sunday.\n⟦Click here to access the Daily Planet app⟧\nThe talks went on.",
        "The story went on.\n⟦Write a comment ...⟧\n⟦Post comment⟧\n⟦Cancel⟧",
        "First paragraph here.\n⟦Advertisement⟧\nSecond paragraph.",
        "First paragraph here.\n⟦Subscribe to our newsletter⟧",
        "First paragraph here.\n⟦Read more⟧\n⟦Download the Planet News app for iOS⟧",
        "Prices fell on Monday. ⟦Click here to read the full report.⟧ Markets closed lower.",
    ],
)
def test_web_chrome(marked):
    assert_marked(boilerplate, marked, "B001")


@pytest.mark.parametrize(
    "text",
    [
        "Officials said they would cancel the contract.",
        "She read more than 200 letters.",
        "Readers can subscribe to the print edition, the paper said.",
        "Reuters contributed to this report.",
        "by: ET desk",
        "“Click here, they told us,” she recalled.",
        "Comments on the proposal are due by Friday.",
    ],
)
def test_web_chrome_negative(text):
    assert_marked(boilerplate, text, "B001")


def test_inserted_headline():
    assert_marked(
        boilerplate,
        "Troops advanced overnight.\n⟦Kim’s New Missile Spotted Near Border: Report⟧\nThe advance continued.",
        "B002",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Missile Spotted Near Border: Report\nThe first line is the article's own headline.",
        "Troops advanced overnight.\nPutin’s Growing Dependence on North Korea\nThe advance continued.",
        "Troops advanced overnight.\nBarter deal between Russia and North Korea?\nThe advance continued.",
        "Troops advanced.\nThe agency said the figures were preliminary: report.\nMore text.",
    ],
)
def test_inserted_headline_negative(text):
    assert_marked(boilerplate, text, "B002")


def test_crawl_remnant():
    assert_marked(boilerplate, "He hid for two days. ⟦Retrieved January 5.⟧\nMore.", "B003")
    assert_marked(boilerplate, "The claim was disputed.⟦[citation needed]⟧ More.", "B003")


def test_crawl_remnant_negative():
    assert_marked(boilerplate, "Divers retrieved the boxes on January 5.", "B003")
