import pytest

from qa.documents import load_text


def sentences(text: str) -> list[str]:
    doc = load_text("t.txt", text)
    return [doc.view[s.start : s.end] for p in doc.paragraphs for s in p.sentences]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. Coordinator spoke. He left.", ["The U.S. Coordinator spoke.", "He left."]),
        ("Troops left the U.S. The army said so.", ["Troops left the U.S.", "The army said so."]),
        ("US Defense Secretary Lloyd J. Austin III said: “We now estimate.”", None),
        ("The talks on Jan. 5 ended. Sen. Smith left.", ["The talks on Jan. 5 ended.", "Sen. Smith left."]),
        ("Group No. 84 fought. It won.", ["Group No. 84 fought.", "It won."]),
        (
            "“It is over,” he said. “Now we rebuild.” She nodded.",
            ["“It is over,” he said.", "“Now we rebuild.”", "She nodded."],
        ),
        ("What are many?” Arguing? It is Putin.", ["What are many?”", "Arguing?", "It is Putin."]),
        ("He left at 9 a.m. local time. She stayed.", ["He left at 9 a.m. local time.", "She stayed."]),
        ("Shares of Yahoo! rose 3.5% on Monday.", None),
        ("Wait... Then it ended.", ["Wait...", "Then it ended."]),
    ],
)
def test_news_sentence_splitting(text, expected):
    assert sentences(text) == (expected or [text])


def test_paragraph_per_line_and_headline():
    doc = load_text("t.txt", "Troops Advance Near Kursk\nFirst paragraph. Two sentences.\nSecond one.")
    assert [p.kind for p in doc.paragraphs] == ["headline", "paragraph", "paragraph"]


def test_hard_wrapped_paragraphs_are_joined():
    text = "First line of a paragraph\ncontinues here.\n\nSecond paragraph\nwraps too.\n"
    doc = load_text("t.txt", text)
    assert len(doc.paragraphs) == 2


def test_quotation_spans_and_multi_paragraph_quotes():
    doc = load_text("t.txt", "He said “we will win” today.\n“This quote runs on\n“and ends here.”")
    first, second, third = doc.paragraphs
    assert first.in_quote(doc.view.index("we will"))
    assert not first.in_quote(doc.view.index("today"))
    assert second.in_quote(doc.view.index("runs on"))
    assert third.in_quote(doc.view.index("ends"))


def test_blank_line_after_headline_does_not_merge_line_paragraphs():
    text = "Troops Advance Near Kursk\n\nFirst paragraph ends here.\nSecond paragraph ends too.\nThird one.\n"
    doc = load_text("t.txt", text)
    assert [p.kind for p in doc.paragraphs] == ["headline", "paragraph", "paragraph", "paragraph"]


def test_ap_dateline_with_state_abbreviation():
    text = "SANTA ROSA, Calif. (AP) — A fire spread overnight. Crews responded."
    assert sentences(text) == ["SANTA ROSA, Calif. (AP) — A fire spread overnight.", "Crews responded."]
