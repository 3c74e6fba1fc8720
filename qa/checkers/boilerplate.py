"""Web and app chrome, inserted headlines and crawl remnants left in article text (B0xx).

Wire credits and bylines ("Reuters contributed to this report.", "by: ET desk") belong to the
article and are never reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from qa.model import Category, Example, Finding, FixSafety, Rule, Severity
from qa.segment import WORD

if TYPE_CHECKING:
    from qa.checkers import Context
    from qa.documents import Document

WEB_CHROME = Rule(
    code="B001",
    name="web-chrome",
    category=Category.BOILERPLATE,
    severity=Severity.ERROR,
    fix=FixSafety.NONE,
    message="Website or app text left in the article: '{text}'",
    why=(
        "Scraped articles carry the page around them: calls to action ('Click here to access "
        "the ... app', 'Subscribe'), comment widgets ('Write a comment', 'Post comment', "
        "'Cancel') and labels ('Advertisement', 'Read more'). None of it belongs in print."
    ),
    examples=(
        Example(bad="Troops advanced.\nClick here to access the Daily Planet app", good=None),
        Example(bad=None, good="Officials said they would cancel the contract."),
    ),
    scope=(
        "Whole short paragraphs that consist of chrome, and sentences starting 'Click here'. "
        "Ordinary sentences that merely use the words ('she read more than 200 letters') are "
        "never reported. Quotations are exempt."
    ),
)
INSERTED_HEADLINE = Rule(
    code="B002",
    name="inserted-headline",
    category=Category.BOILERPLATE,
    severity=Severity.WARNING,
    fix=FixSafety.NONE,
    message="A related-article headline seems to be inserted in the body: '{text}'",
    why=(
        "Pages embed teasers for other stories between paragraphs; scrapers keep them. A "
        "title-case line inside the body that carries a teaser tag (': Report', '| Watch', "
        "'(PHOTOS)', 'EXCLUSIVE:') is such a headline, not a subhead of this article."
    ),
    examples=(
        Example(bad="Troops advanced.\nNew Missile Spotted Near Border: Report\nThe advance went on.", good=None),
        Example(bad=None, good="Troops advanced.\nRepairs race against the cold\nThe advance went on."),
    ),
    scope="Title-like lines after the first paragraph; the article's own headline is exempt.",
)
CRAWL_REMNANT = Rule(
    code="B003",
    name="crawl-remnant",
    category=Category.BOILERPLATE,
    severity=Severity.WARNING,
    fix=FixSafety.NONE,
    message="Reference or crawl remnant in the text: '{text}'",
    why=(
        "Text copied from reference pages or feeds carries access notes ('Retrieved January 5.', "
        "'Archived from the original') and wiki markers ('[citation needed]', '[edit]')."
    ),
    examples=(Example(bad="He hid for two days. Retrieved January 5.", good="He hid for two days."),),
    scope="Everywhere except quotations.",
)

RULES = (WEB_CHROME, INSERTED_HEADLINE, CRAWL_REMNANT)

# A whole short paragraph that is page chrome.
CHROME_PARAGRAPH = regex.compile(
    r"""^(?:
        click\ here\b.* | tap\ here\b.* |
        read\ (?:more|also|next|the\ full\ (?:story|article))\b.{0,80} | see\ also\b.{0,80} |
        also\ read\b.{0,80} | related(?:\ (?:articles?|stories|news|coverage))?\b.{0,80} |
        recommended(?:\ for\ you)? | more\ (?:on\ this\ story|from\ .{1,40}) |
        advertisement | sponsored(?:\ content)? | ad | promoted |
        subscribe\b.{0,80} | sign\ up\b.{0,80} | newsletter\ sign[\ -]?up.{0,40} |
        (?:download|get|install)\ (?:the|our)\b.{0,60}\bapp\b.{0,40} |
        follow\ us\b.{0,60} | share\ (?:this|on)\b.{0,60} | share | tweet | email | print |
        write\ a\ comment\b.{0,20} | leave\ a\ comment\b.{0,20} | post\ comment | add\ comment |
        comments?(?:\ \(\d+\))? | show\ comments | cancel | reply | report\ abuse | load\ more |
        skip\ (?:to\ (?:main\ )?content|ad|advertisement) | listen\ to\ (?:this|the)\ article.{0,40} |
        watch:?\ .{0,60}video | loading\.{0,3} | (?:accept|reject)(?:\ all)?\ cookies | cookie\ settings |
        all\ rights\ reserved\.? | ©\ ?\d{4}.{0,60} | copyright\ ©?\ ?\d{4}.{0,60}
    )[\s.!:…]*$""",
    regex.IGNORECASE | regex.VERBOSE,
)
CLICK_HERE = regex.compile(r"\b(?:click|tap)\ here\b", regex.IGNORECASE)
TEASER_TAG = regex.compile(
    r"""(?: [:|–—\-]\ ?(?:Report|Reports|Sources?|Officials?|Media|Study|Poll|Analysis|Watch|Video|Live|Photos)
        | \((?:VIDEO|PHOTOS?|WATCH|LIVE)\)
    )\s*$
    | ^(?:EXCLUSIVE|BREAKING|WATCH|VIDEO|LIVE|PHOTOS|READ|ALSO\ READ)\ ?[:|]""",
    regex.VERBOSE,
)
REMNANT = regex.compile(
    r"""(?:Retrieved|Accessed|Archived)\ (?:on\ )?
        (?:\d{1,2}\ )?(?:January|February|March|April|May|June|July|August|September|October|November|December)
        (?:\ \d{1,2})?(?:,?\ \d{4})?\.
    | Archived\ from\ the\ original\b[^.\n]*\.?
    | \[(?:citation\ needed|edit|clarification\ needed|dead\ link|\d{1,3})\]""",
    regex.VERBOSE,
)
REMNANT_MARKERS = ("Retrieved", "Accessed", "Archived", "[")  # every REMNANT match holds one


def check(doc: Document, context: Context) -> Iterator[Finding]:
    view = doc.view
    # One look at the whole text spares the per-sentence and per-paragraph scans in most articles.
    click_here = CLICK_HERE.search(view) is not None
    remnants = any(marker in view for marker in REMNANT_MARKERS)
    for paragraph in doc.paragraphs:
        text = view[paragraph.start : paragraph.end]
        if len(text) <= 160 and CHROME_PARAGRAPH.match(text) and not paragraph.in_quote(paragraph.start):
            yield WEB_CHROME.finding(paragraph.start, paragraph.end, text, confidence=0.95)
            continue
        if click_here:
            for sentence in paragraph.sentences:
                if CLICK_HERE.match(view, sentence.start) and not paragraph.in_quote(sentence.start):
                    sentence_text = view[sentence.start : sentence.end]
                    yield WEB_CHROME.finding(sentence.start, sentence.end, sentence_text, confidence=0.9)
        teaser = paragraph.index > 0 and paragraph.kind == "headline" and TEASER_TAG.search(text)
        if teaser and len(WORD.findall(text)) >= 3:
            yield INSERTED_HEADLINE.finding(paragraph.start, paragraph.end, text, confidence=0.8)
        if remnants:
            for match in REMNANT.finditer(view, paragraph.start, paragraph.end):
                if not paragraph.in_quote(match.start()):
                    yield CRAWL_REMNANT.finding(match.start(), match.end(), match.group(), confidence=0.85)
