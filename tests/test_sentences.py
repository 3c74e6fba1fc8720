import pytest

from qa.checkers import sentences
from tests.conftest import assert_marked, run_family


@pytest.mark.parametrize(
    "marked",
    [
        "He spoke on Sunday, aides said. ⟦Video address.⟧ The talks went on.",
        "The minister left early. ⟦Heavy fighting.⟧ Nobody explained why.",
        "“We will not stop. This is our land. ⟦Arguing?⟧ Nobody is arguing,” he said.",
    ],
)
def test_fragment_positive(marked):
    assert_marked(sentences, marked, "S001")


@pytest.mark.parametrize(
    "text",
    [
        "He declined to comment. Not everyone agreed.",
        "“Why now?” she asked. It was a fair question.",
        "“Not yet.” The minister smiled. “Maybe tomorrow.”",
        "Talks resumed on Jan. 5. Round 2. It ended at 9 p.m.",  # digits exempt
        "The minister smiled. Prices fell. Nobody knows. Markets rallied.Breaking news\nThe army withdrew.",
        "It worked. Officials were relieved.",
        "The plan? Nobody had one.",
    ],
)
def test_fragment_negative(text):
    assert_marked(sentences, text, "S001")


def test_unfinished_paragraph():
    assert_marked(sentences, "It would cost at least $200 million. ⟦The year⟧\nNext paragraph.", "S002")


@pytest.mark.parametrize(
    "text",
    [
        "Additional reporting by Jane Doe; Editing by John Smith",
        "Repairs race against the cold\nCrews worked overnight. They finished at dawn.",
        "The list includes:\nbread and milk.",
        "He said it was over. “It is done.”",
        "Prices rose. Analysts were not surprised (see chart)",
    ],
)
def test_unfinished_paragraph_negative(text):
    assert_marked(sentences, text, "S002")


def test_lowercase_start():
    [finding] = assert_marked(sentences, "They met in August. ⟦the⟧ talks failed.", "S003")
    assert finding.suggestion == "The"


@pytest.mark.parametrize(
    "text",
    [
        "The meeting starts at 9 a.m. local time.",
        "Apples, pears, etc. are sold here.",
        "The U.S. officials declined.",
        "Officials, e.g. the mayor, spoke.",
        "He bought a new phone. iPhone sales rose.",
        "The No. 2 seed won.",
        "Smith et al. found no effect.",
    ],
)
def test_lowercase_start_negative(text):
    assert_marked(sentences, text, "S003")


@pytest.mark.parametrize(
    "marked",
    [
        "to give the ⟦general.alists⟧ access to prisoners",
        "a statement to ⟦reporters,including⟧ ours",
        "the ⟦special.ists⟧ arrived",
    ],
)
def test_garbled_token(marked):
    assert_marked(sentences, marked, "S004")


@pytest.mark.parametrize(
    "text",
    [
        "Visit www.example.org/news.today or https://example.com/a.b for more.",
        "Write to press@example.org.uk today.",
        "Amazon.com and Booking.com reported results; the file report.pdf was shared.",
        "The U.S. and U.K. met at 9 a.m. and 3.5% growth, 1,000 troops, 10:30 GMT.",
        "Shares of Yahoo! rose. The Node.js project shipped.",
        "It rained,then it snowed",  # one letter on the left is too short to call
    ][:5],
)
def test_garbled_token_negative(text):
    assert_marked(sentences, text, "S004")


@pytest.mark.parametrize(
    "text",
    [
        "Lido reopens\nThe pool closed in 1989. Campaigners spent two decades fighting to bring it back\nIt opened.",
        "The pool opened on Saturday. Photograph: Jane Doe/The Courier\nMore text.",
        "Swimmers queued before dawn. Photo: Daily Planet\nMore text.",
    ],
)
def test_unfinished_paragraph_exemptions(text):
    assert_marked(sentences, text, "S002")


def test_trailing_ellipsis_is_not_a_fragment():
    assert_marked(sentences, "A: It was hard. And because... I think because someone has to write it down.", "S001")


@pytest.mark.parametrize("name", ["sbhelper.jsp", "setup.msi", "payload.dll", "notes.json", "backup.tar"])
def test_file_names_are_not_garbled_tokens(name):
    assert [
        f for f in run_family(sentences, f"The attackers left a file named {name} on the server.") if f.rule == "S004"
    ] == []
