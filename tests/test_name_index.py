"""The glossary-side name index (`qa.names.index`): its bulk keys and its candidate search must give
what the one-spelling-at-a-time definitions give, whatever shortcuts make them fast."""

import random

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from qa.glossary import Glossary, Term
from qa.names.index import MIN_SIMILARITY, PREFILTER, GlossaryNames
from qa.names.translit import bulk_coarse, name_form

SPELLINGS = [
    "Zelensky", "Zelenskyy", "Selenskyj", "Kharkiv", "Charkiw", "Tschernihiw", "Zaporizhzhia", "Yevgeny Prigozhin",
    "Ekaterinburg", "Iesus", "al-Assad", "Bashar al-Assad", "el-Sisi", "Abu Bakr al-Baghdadi", "ash-Shaitan",
    "Kim Jong-un", "Kim Jong Un", "Wi Sung-lac", "Erdoğan", "Łukasz Kowalczyk", "O'Brien", "Hezbollah", "Hodeidah",
    "Raqqah", "Tsikhanouskaya", "Shchukin", "Dzhokhar", "Mohammed bin Salman", "Al", "Ye", "ye-ye", "  -Odessa- ",
    "Jean-Luc Mélenchon", "Xi Jinping", "Zhou Enlai", "Seoul", "Khamenei", "Aaron Aaronovitch", "Wojciech Szczęsny",
    "Ghaith", "Thabo", "Phnom Penh", "Quds", "Saxony", "Cox's Bazar", "Mykolaiv", "Mykolayiv", "an Najaf", "B2B",
    "Fahrenheit", "Shah", "Ahmadinejad", "Hajj", "Yeo", "Ieoh", "Al Al-Ahly",
]  # fmt: skip


def test_bulk_keys_equal_the_keys_of_each_spelling():
    keys = bulk_coarse(SPELLINGS)
    skeletons = bulk_coarse(SPELLINGS, skeleton=True)
    for text, key, skeleton in zip(SPELLINGS, keys, skeletons, strict=True):
        form = name_form(text)
        assert key == form.coarse, text
        if not form.east_asian:  # the bulk skeleton leaves East Asian given names unfolded
            assert skeleton == form.skeleton, text


def test_bulk_keys_do_not_depend_on_the_batch():
    together = bulk_coarse(SPELLINGS)
    assert [bulk_coarse([text])[0] for text in SPELLINGS] == together
    assert bulk_coarse([]) == []


def _glossary(entries: int) -> Glossary:
    rng = random.Random(5)
    syllables = "ka ri mo sa len ko va ni ta bo shi ya dra zhe kov ov in ska ro ma".split()
    terms, seen = [], set()
    while len(terms) < entries:
        name = " ".join("".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize() for _ in "ab")
        if name.lower() not in seen:
            seen.add(name.lower())
            terms.append(Term(term=name, kind="person", variants=(name.replace("a", "o", 1),)))
    return Glossary(name="synthetic", terms=terms)


def test_candidates_are_those_of_a_screen_of_the_sorted_bucket_union():
    names = GlossaryNames(_glossary(3000))
    queries = [name_form(e[1].replace("o", "a", 1)) for e in names.entries[::7]]
    big = 0
    for form in queries:
        numbers = names.index.find(form.coarse)
        if len(numbers) > PREFILTER:
            big += 1
            skeletons = bulk_coarse([names.entries[n][1] for n in numbers], skeleton=True)
            close = process.extract(form.skeleton, skeletons, scorer=Levenshtein.normalized_similarity,
                                    score_cutoff=MIN_SIMILARITY - 0.1, limit=None)  # fmt: skip
            numbers = [numbers[index] for _, _, index in close]
        assert names._candidates(form) == numbers, form.text
    assert big > 50  # the screen was exercised


def test_max_parts_counts_spaces_and_hyphens_of_the_busiest_spelling():
    terms = [Term(term="A B-C D", variants=("E\u2013F G",)), Term(term="H", exceptions=("I J K L M N",))]
    assert GlossaryNames(Glossary(terms=terms)).max_parts == 5
    assert GlossaryNames(Glossary()).max_parts == 2
