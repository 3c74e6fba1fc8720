"""Benchmark: glossary matching and the whole rule pass at archive scale.

Builds a synthetic 50,000-entry glossary (transliteration-like names, each with variants) and a
corpus of at least 50 MB of news-like articles (the clean test corpus with glossary names and
variants injected), then prints:
  - glossary matching throughput (TermMatcher.find), MB/s            target >= 30 MB/s
  - the whole `qa check` rule pass (every rule family), MB/s         target >= 5 MB/s
  - `qa check` of one article, wall time including start-up          target < 0.5 s

usage: python benchmarks/bench_terms.py [--entries 50000] [--megabytes 50] [--jobs 1]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.checkers import Context  # noqa: E402
from qa.documents import load_text  # noqa: E402
from qa.engine import Settings, check_document  # noqa: E402
from qa.glossary import Glossary, Term  # noqa: E402

SYLLABLES = [
    "ka",
    "ko",
    "ri",
    "va",
    "lo",
    "mir",
    "sla",
    "dy",
    "ny",
    "chen",
    "zhu",
    "kim",
    "sung",
    "lac",
    "yev",
    "hen",
    "pet",
    "ro",
    "vich",
    "ov",
    "enko",
    "ski",
    "ul",
    "an",
]


def synthetic_glossary(entries: int, rng: random.Random) -> Glossary:
    terms, seen = [], set()
    while len(terms) < entries:
        first = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        name = f"{first} {last}"
        if name.lower() in seen:
            continue
        variant = name.replace("y", "i", 1) if "y" in name else name.replace("i", "y", 1)
        variants = (variant,) if variant != name and variant.lower() not in seen else ()
        seen.update({name.lower(), *(v.lower() for v in variants)})
        terms.append(Term(term=name, kind="person", variants=variants))
    return Glossary(name="synthetic", terms=terms)


def synthetic_corpus(glossary: Glossary, megabytes: int, rng: random.Random) -> list[str]:
    clean = sorted((ROOT / "tests" / "data" / "clean").glob("*.txt"))
    paragraphs = [line for path in clean for line in path.read_text(encoding="utf-8").splitlines()[1:] if line]
    articles, size = [], 0
    while size < megabytes * 1_000_000:
        body = rng.sample(paragraphs, 12)
        for index in range(0, len(body), 3):  # a glossary name (or a variant) every third paragraph
            term = rng.choice(glossary.terms)
            name = rng.choice((term.term, *term.variants))
            body[index] = f"{name} said on Monday that {body[index][0].lower()}{body[index][1:]}"
        article = "Headline About The Day\n" + "\n".join(body) + "\n"
        articles.append(article)
        size += len(article.encode("utf-8"))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--megabytes", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(1)

    started = time.perf_counter()
    glossary = synthetic_glossary(args.entries, rng)
    context = Context(glossary)
    context.matcher  # noqa: B018 - compile once, timed separately
    print(f"glossary: {len(glossary.terms)} entries, automaton built in {time.perf_counter() - started:.2f} s")

    articles = synthetic_corpus(glossary, args.megabytes, rng)
    megabytes = sum(len(a.encode("utf-8")) for a in articles) / 1e6
    print(f"corpus: {len(articles)} articles, {megabytes:.1f} MB")

    started = time.perf_counter()
    matches = sum(len(context.matcher.find(article)) for article in articles)
    elapsed = time.perf_counter() - started
    print(f"glossary matching: {megabytes / elapsed:.1f} MB/s ({matches} matches)   target >= 30 MB/s")

    started = time.perf_counter()
    findings = 0
    for index, article in enumerate(articles):
        findings += len(check_document(load_text(f"{index}.txt", article), context, Settings()))
    elapsed = time.perf_counter() - started
    print(f"qa check rule pass (all families): {megabytes / elapsed:.1f} MB/s ({findings} findings)   target >= 5 MB/s")

    with tempfile.TemporaryDirectory() as folder:
        article_path = Path(folder) / "article.txt"
        article_path.write_text(articles[0], encoding="utf-8")
        qa = Path(sys.executable).parent / "qa"
        command = [str(qa)] if qa.exists() else [sys.executable, "-m", "qa"]
        walls = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run([*command, "check", str(article_path)], capture_output=True, check=False)
            walls.append(time.perf_counter() - started)
        best, median = min(walls), sorted(walls)[2]
        print(f"qa check one article: {best:.2f} s best, {median:.2f} s median (default glossary)   target < 0.5 s")


if __name__ == "__main__":
    main()
