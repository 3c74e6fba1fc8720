"""A small grammar of English news sentences: the generated half of the clean training text.

Every sentence is built from hand-written slot lists (people, institutions, places, events,
figures, quotations) and sentence frames (attributions, introductory phrases, relative clauses,
figures, conditionals, quotations). It is all original text, free to redistribute. `generate(n,
seed)` is deterministic.
"""

from __future__ import annotations

import random

FIRST = """Anna Marek Sofia Daniel Ines Pavel Leila Tomasz Grace Hiro Nadia Omar Clara Felix Yusuf Maria Jonas
    Elif Ravi Olga""".split()
LAST = """Novak Brennan Costa Haddad Lindqvist Okafor Tanaka Petrenko Moreau Schmidt Alvarez Kowalski Nielsen
    Demir Rossi Sato Kaur Ivanova Byrne Mensah""".split()
ROLES = [
    "the finance minister",
    "the defense minister",
    "the foreign minister",
    "the health minister",
    "the mayor",
    "the regional governor",
    "the company's chief executive",
    "the union's leader",
    "a senior official",
    "a government spokesman",
    "a police spokeswoman",
    "the head of the agency",
    "the party's leader",
    "the committee chairman",
    "a senior economist at the bank",
    "a researcher at the university",
    "the head coach",
    "the museum's director",
    "the prosecutor",
    "an analyst in London",
    "the city's fire chief",
    "the hospital's medical director",
]
TITLED = [
    "Prime Minister",
    "President",
    "Foreign Minister",
    "Mayor",
    "Gov.",
    "Sen.",
    "Judge",
    "Dr.",
    "Coach",
    "Chief Inspector",
]
ORGS = [
    "the central bank",
    "the health ministry",
    "the statistics office",
    "the European Commission",
    "the United Nations",
    "the World Bank",
    "the city council",
    "the transport authority",
    "the election commission",
    "the defense ministry",
    "the energy regulator",
    "the football association",
    "the national weather service",
    "the International Monetary Fund",
    "the police",
    "the coast guard",
    "the company",
    "the airline",
    "the university",
    "the army",
    "the school board",
    "the port authority",
]
PLACES = [
    "Kyiv",
    "Warsaw",
    "Seoul",
    "Tokyo",
    "Berlin",
    "Paris",
    "Madrid",
    "Nairobi",
    "Lagos",
    "Istanbul",
    "Brussels",
    "Vienna",
    "Oslo",
    "Lisbon",
    "Athens",
    "Geneva",
    "Cairo",
    "Mumbai",
    "Jakarta",
    "Lima",
    "Odesa",
    "Lviv",
    "Busan",
    "Krakow",
    "Rotterdam",
    "Marseille",
    "Naples",
    "Manchester",
    "Glasgow",
]
COUNTRIES = [
    "Ukraine",
    "Poland",
    "South Korea",
    "Japan",
    "Germany",
    "France",
    "Spain",
    "Kenya",
    "Nigeria",
    "Turkey",
    "Belgium",
    "Austria",
    "Norway",
    "Portugal",
    "Greece",
    "Egypt",
    "India",
    "Indonesia",
    "Peru",
    "Canada",
    "Brazil",
    "Italy",
    "Sweden",
    "Finland",
    "Romania",
]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"]
TIMES = [
    "last week",
    "earlier this month",
    "last year",
    "in March",
    "in the spring",
    "this week",
    "overnight",
    "late on Tuesday",
    "in recent weeks",
    "over the weekend",
    "in the first quarter",
    "since January",
    "two years ago",
    "in the autumn",
    "at the end of last month",
]
SPEECH = [
    "said",
    "told reporters",
    "said in a statement",
    "wrote on social media",
    "told a news conference",
    "said in an interview",
    "told lawmakers",
]
SPEECH_THAT = [
    "said",
    "warned",
    "added",
    "insisted",
    "argued",
    "acknowledged",
    "announced",
    "noted",
    "predicted",
    "confirmed",
]
# Finite clauses (subject + predicate) that can follow "said (that)".
EVENTS = [
    "the talks would resume next month",
    "the plan had the support of most member states",
    "prices were likely to keep rising until the summer",
    "the road would remain closed for at least a week",
    "no decision had been made",
    "the government would not change its policy",
    "the company expected sales to recover in the second half of the year",
    "more than 300 people had been evacuated from their homes",
    "the investigation was continuing",
    "the new rules would take effect in January",
    "the vote had been postponed",
    "the agreement was a first step",
    "the project was running behind schedule",
    "the number of visitors had doubled since 2019",
    "the budget would be cut by 4%",
    "about 1,200 jobs were at risk",
    "the bridge was safe to use",
    "the army had pushed back an attack near the border",
    "talks with the union had broken down",
    "the shipment had arrived at the port",
    "two suspects were being questioned",
    "the school would reopen on Monday",
    "the team had trained hard for the final",
    "the strike would go ahead",
    "the hospital was running out of beds",
    "exports had fallen for a third consecutive month",
    "the ceasefire was holding",
    "the fire was under control",
    "the drone had been shot down over the sea",
    "the decision would be reviewed next year",
    "the price of bread had risen by a quarter",
    "the museum would return the paintings",
    "inflation was falling faster than expected",
    "the findings needed further study",
    "the minister would travel to Brussels on Thursday",
    "the deal could be signed within weeks",
]
# Past-tense predicates for a plain subject.
PREDICATES = [
    "approved a new budget",
    "rejected the proposal",
    "announced new measures to support farmers",
    "opened an investigation into the incident",
    "raised interest rates by a quarter of a percentage point",
    "signed an agreement on energy cooperation",
    "postponed the vote until next month",
    "canceled dozens of flights",
    "evacuated several villages near the river",
    "cut its growth forecast",
    "won the championship for the first time in 30 years",
    "launched a campaign to recruit nurses",
    "closed two border crossings",
    "reported a sharp rise in applications",
    "warned of further delays",
    "called for an independent inquiry",
    "released the figures a day earlier than planned",
    "hired 200 new teachers",
    "doubled its order of buses",
    "suspended the program",
    "lifted the restrictions",
    "confirmed the first case of the disease",
    "promised more money for roads",
    "shot down most of the drones",
    "rescued 14 fishermen from a sinking boat",
    "recalled the ambassador for consultations",
]
SUBJECTS_PLAIN = ORGS + [f"the government of {c}" for c in ("Poland", "Kenya", "Japan", "Peru", "Norway")]
OBJECTS = [
    "the proposal",
    "the deal",
    "the new law",
    "the report",
    "the plan",
    "the decision",
    "the budget",
    "the ruling",
    "the investigation",
    "the attack",
    "the strike",
    "the election result",
    "the merger",
]
REACTIONS = ["welcomed", "criticized", "rejected", "questioned", "praised", "condemned", "defended", "challenged"]
REL_VPS = [
    "has led the party since 2019",
    "took office in March",
    "was not authorized to speak publicly",
    "has studied the region for two decades",
    "lost his home in the flood",
    "spoke on condition of anonymity",
    "has campaigned on the issue for years",
    "runs a small bakery near the station",
    "joined the company in 2015",
    "was re-elected last year",
    "grew up in the village",
    "coaches a youth team on weekends",
]
METRICS = [
    ("Unemployment", "%"),
    ("Inflation", "%"),
    ("Retail sales", "%"),
    ("Exports", "%"),
    ("House prices", "%"),
    ("Passenger numbers", "%"),
    ("Industrial output", "%"),
    ("Car sales", "%"),
    ("Wheat prices", "%"),
]
QUOTES = [
    "We are doing everything we can",
    "Nobody expected it to happen so fast",
    "This is only the beginning",
    "We need more time, not more promises",
    "It was the hardest decision of my career",
    "The numbers speak for themselves",
    "I have never seen anything like it",
    "We will not give up",
    "People are tired, but they are not afraid",
    "There is still a lot of work to do",
    "It is a good day for the city",
    "We heard a loud bang and then everything went dark",
    "Our job is to keep people safe",
    "The door is open, but we will not wait forever",
    "I just want to go home",
    "This is what democracy looks like",
    "We were lucky this time",
    "Nobody should have to choose between heating and eating",
    "The river came up in less than an hour",
]
CONNECTIVES = ["but", "and", "while", "although"]
REASONS = [
    "because of heavy snow",
    "after a week of protests",
    "amid concerns about safety",
    "following a request from the government",
    "despite strong opposition",
    "as part of a wider reform",
    "in response to rising costs",
    "after months of negotiations",
    "due to a shortage of staff",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _speaker(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.35:
        return rng.choice(ROLES)
    if pick < 0.7:
        return f"{rng.choice(TITLED)} {_name(rng)}"
    return f"{_name(rng)}, {rng.choice(ROLES)},".rstrip(",")


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _when(rng: random.Random) -> str:
    return rng.choice(DAYS + TIMES)


def frame_said(rng: random.Random) -> str:
    return f"{_cap(_speaker(rng))} {rng.choice(SPEECH_THAT)} {rng.choice(DAYS)} that {rng.choice(EVENTS)}."


def frame_event(rng: random.Random) -> str:
    return f"{_cap(rng.choice(SUBJECTS_PLAIN))} {rng.choice(PREDICATES)} {_when(rng)}, {_speaker(rng)} said."


def frame_event_reason(rng: random.Random) -> str:
    return f"{_cap(rng.choice(SUBJECTS_PLAIN))} {rng.choice(PREDICATES)} {rng.choice(REASONS)}."


def frame_according(rng: random.Random) -> str:
    source = rng.choice(
        [
            f"figures from {rng.choice(ORGS)}",
            f"a statement from {rng.choice(ORGS)}",
            "local media",
            "officials",
            f"a report published {_when(rng)}",
            f"police in {rng.choice(PLACES)}",
        ]
    )
    if rng.random() < 0.4:
        second = rng.choice(["local media", "witnesses", f"officials in {rng.choice(PLACES)}", rng.choice(ORGS)])
        source = f"{source} and {second}"
    return f"According to {source}, {rng.choice(EVENTS)}."  # fmt: skip


def frame_intro(rng: random.Random) -> str:
    intro = rng.choice(
        [
            f"In a statement {rng.choice(DAYS)}",
            f"Speaking to reporters in {rng.choice(PLACES)}",
            f"After a meeting with {rng.choice(ROLES)}",
            f"In {rng.choice(PLACES)}",
            f"Earlier {rng.choice(DAYS)}",
            f"During a visit to {rng.choice(COUNTRIES)}",
            f"At a news conference {rng.choice(DAYS)}",
            f"Despite {rng.choice(['the warnings', 'the rain', 'the protests', 'the delays'])}",
        ]
    )
    return f"{intro}, {_speaker(rng)} {rng.choice(SPEECH_THAT)} that {rng.choice(EVENTS)}."


def frame_relative(rng: random.Random) -> str:
    return f"{_name(rng)}, who {rng.choice(REL_VPS)}, {rng.choice(SPEECH_THAT)} that {rng.choice(EVENTS)}."


def frame_metric(rng: random.Random) -> str:
    metric, unit = rng.choice(METRICS)
    direction = rng.choice(["rose", "fell", "climbed", "dropped", "edged up", "slipped"])
    a, b = rng.randint(1, 15), rng.randint(0, 9)
    place = rng.choice(COUNTRIES)
    tail = rng.choice(
        [
            f", {rng.choice(ORGS)} said",
            "",
            f", the highest level since {rng.randint(1995, 2021)}",
            f", compared with {rng.randint(1, 12)}.{rng.randint(0, 9)}{unit} a year earlier",
        ]
    )
    when = rng.choice(
        ["last month", "in March", "in the first quarter", "last year", "in April", "in the year to June"]
    )
    return f"{metric} in {place} {direction} {a}.{b}{unit} {when}{tail}."  # fmt: skip


def frame_quote(rng: random.Random) -> str:
    quote = rng.choice(QUOTES)
    pick = rng.random()
    if pick < 0.5:
        return f"“{quote},” {_speaker(rng)} said."
    if pick < 0.75:
        return f"“{quote},” said {_name(rng)}, {rng.choice(ROLES).replace('the ', 'a ', 1)}."
    return f"“{quote}. {rng.choice(QUOTES)},” {_speaker(rng)} {rng.choice(SPEECH)}."


def frame_reaction(rng: random.Random) -> str:
    who = rng.choice(
        [
            "Opposition parties",
            "Environmental groups",
            "Business leaders",
            "Unions",
            "Residents",
            "Human rights groups",
            "Farmers",
            "Doctors",
            "Economists",
            "Several lawmakers",
        ]
    )
    return f"{who} {rng.choice(REACTIONS)} {rng.choice(OBJECTS)}, saying {rng.choice(EVENTS)}."  # fmt: skip


def frame_compound(rng: random.Random) -> str:
    first = f"{_cap(rng.choice(SUBJECTS_PLAIN))} {rng.choice(PREDICATES)}"
    return f"{first}, {rng.choice(CONNECTIVES)} {rng.choice(SUBJECTS_PLAIN)} {rng.choice(PREDICATES)}."


def frame_if(rng: random.Random) -> str:
    condition = rng.choice(
        [
            "the talks fail",
            "prices keep rising",
            "the weather improves",
            "the court agrees",
            "the deal is approved",
            "demand stays weak",
            "the strike continues",
        ]
    )
    result = rng.choice(
        [
            "the government could be forced to act",
            "thousands of jobs could be lost",
            "the project would be finished by the summer",
            "the company would have to raise prices",
            "schools might close for a second week",
            "the vote would be held again",
        ]
    )
    source = rng.choice(["analysts said", "officials warned", "experts said"])
    return f"If {condition}, {result}, {source}."


def frame_denial(rng: random.Random) -> str:
    return (
        f"{_cap(rng.choice(SUBJECTS_PLAIN))} {rng.choice(['did not say', 'declined to say', 'would not confirm'])} "
        f"{rng.choice(['when', 'whether', 'how', 'why'])} {rng.choice(EVENTS)}."
    )


def frame_short(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{_cap(rng.choice(ORGS))} did not respond to a request for comment.",
            "The cause is under investigation.",
            f"No one was injured, {rng.choice(ORGS)} said.",
            f"The vote is expected {rng.choice(DAYS)}.",
            f"{_name(rng)} declined to comment.",
            "It was not immediately clear who was responsible.",
            f"The results will be published {rng.choice(['next week', 'in June', 'later this year'])}.",
            f"Talks are set to resume in {rng.choice(PLACES)} "
            f"{rng.choice(['next week', 'in May', 'after the holidays'])}.",
            "Both sides say they want a deal.",
            "The decision can be appealed.",
            "Tickets sold out within hours.",
        ]
    )


PAIRS = [
    ("doctors", "medicine"),
    ("tents", "blankets"),
    ("buses", "trains"),
    ("wheat", "sunflower oil"),
    ("teachers", "parents"),
    ("drones", "artillery shells"),
    ("farmers", "truck drivers"),
    ("the mayor", "two council members"),
    ("police officers", "firefighters"),
    ("coal", "gas"),
]
VERB_OBJECT = ["sent", "ordered", "promised", "delivered", "paid for", "asked for", "bought", "requested"]


def frame_as_well_as(rng: random.Random) -> str:
    """Correct uses of 'as well as', so the phrase alone does not mark a sentence as garbled: what
    does is a sentence that opens 'X, as well as Y,' and then starts a new subject instead of a
    verb, the machine-translation pattern the corruptions imitate."""
    a, b = rng.choice(PAIRS)
    pick = rng.random()
    if pick < 0.35:
        return f"{_cap(rng.choice(SUBJECTS_PLAIN))} {rng.choice(VERB_OBJECT)} {a} as well as {b} {_when(rng)}."
    if pick < 0.7:
        verb = rng.choice(["were invited to the talks", "took part in the protest", "were affected by the cuts"])
        return f"{_cap(a)}, as well as {b}, {verb}, {rng.choice(ORGS)} said."
    return f"The agreement covers {a} and {b}, as well as {rng.choice(['fertilizer', 'spare parts', 'medical supplies', 'fuel'])}, {_speaker(rng)} said."  # noqa: E501


FRAMES = (
    frame_as_well_as,
    frame_said,
    frame_event,
    frame_event_reason,
    frame_according,
    frame_intro,
    frame_relative,
    frame_metric,
    frame_quote,
    frame_reaction,
    frame_compound,
    frame_if,
    frame_denial,
    frame_short,
)


def generate(count: int, seed: int = 0) -> list[str]:
    """`count` distinct sentences (fewer if the grammar runs dry), the same for the same seed."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    for _ in range(count * 20):
        sentence = " ".join(rng.choice(FRAMES)(rng).split())
        if sentence not in seen:
            seen.add(sentence)
            out.append(sentence)
            if len(out) == count:
                break
    return out


if __name__ == "__main__":
    for line in generate(20, seed=1):
        print(line)
