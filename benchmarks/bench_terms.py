"""Benchmark: glossary matching and the whole rule pass at archive scale.

Builds a synthetic 50,000-entry glossary (transliteration-like names, each with variants) and a
corpus of at least 50 MB of news-like articles (the clean test corpus with glossary names and
variants injected), then prints:
  - glossary matching throughput (TermMatcher.find), MB/s            target >= 30 MB/s
  - the rule pass without the names family (T, S, B, P, U) in one process, MB/s   target >= 5 MB/s
  - the rule pass with every family (names too) in one process, MB/s
  - `qa check` on the corpus written to a folder, end to end (start-up, reading, JSON report),
    with one process (-j 1) and with the default automatic worker count, MB/s
  - `qa check` of one article, wall time including start-up          target < 0.5 s

usage: python benchmarks/bench_terms.py [--entries 50000] [--megabytes 50] [--skip-cli]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.collector import collector_paused, long_lived_frozen  # noqa: E402
from qa.documents import load_text  # noqa: E402
from qa.engine import Settings, check_document, prepared_context  # noqa: E402
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


CliRuns = tuple[tuple[str, list[str]], ...]  # (label, extra `qa check` options) of each timed run
CLI_RUNS: CliRuns = (("one process", ["-j", "1"]), (f"automatic jobs on {os.cpu_count()} CPUs", ["-j", "0"]))


def cli_throughput(
    command: list[str], glossary: Glossary, articles: list[str], megabytes: float, runs: CliRuns = CLI_RUNS
) -> dict[str, float]:
    """`qa check --format json` over the corpus as files, with the synthetic glossary as YAML; one
    timed run per (label, extra options); returns the seconds of each."""
    import yaml

    elapsed: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        entries = [{"term": t.term, "kind": t.kind, **({"variants": list(t.variants)} if t.variants else {})}
                   for t in glossary.terms]  # fmt: skip
        (root / "glossary.yml").write_text(yaml.safe_dump({"name": "synthetic", "terms": entries}), encoding="utf-8")
        corpus = root / "corpus"
        for index, article in enumerate(articles):
            shard = corpus / f"{index // 1000:03d}"
            shard.mkdir(parents=True, exist_ok=True)
            (shard / f"{index:05d}.txt").write_text(article, encoding="utf-8")
        for label, options in runs:
            started = time.perf_counter()
            run = [*command, "check", "-q", "--format", "json", "-o", str(root / "out.json"),
                   "--glossary", str(root / "glossary.yml"), *options, str(corpus)]  # fmt: skip
            subprocess.run(run, capture_output=True, check=False)
            seconds = elapsed[label] = time.perf_counter() - started
            print(f"qa check of the corpus, {label}: {megabytes / seconds:.1f} MB/s ({seconds:.1f} s end to end)")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--skip-cli", action="store_true", help="skip the end-to-end `qa check` of the corpus")
    args = parser.parse_args()
    rng = random.Random(1)

    glossary = synthetic_glossary(args.entries, rng)
    started = time.perf_counter()
    context = prepared_context(glossary, Settings())  # as `qa check` does: the automaton and the name index
    print(f"glossary: {len(glossary.terms)} entries, compiled in {time.perf_counter() - started:.2f} s")

    articles = synthetic_corpus(glossary, args.megabytes, rng)
    megabytes = sum(len(a.encode("utf-8")) for a in articles) / 1e6
    print(f"corpus: {len(articles)} articles, {megabytes:.1f} MB")

    started = time.perf_counter()
    matches = sum(len(context.matcher.find(article)) for article in articles)
    elapsed = time.perf_counter() - started
    print(f"glossary matching: {megabytes / elapsed:.1f} MB/s ({matches} matches)   target >= 30 MB/s")

    # The rule checkers of issue 3 (T, S, B, P, U) and then every family: issue 5 gives the names
    # family its own budget on top of the former (benchmarks/bench_names.py measures it).
    for label, settings, target in (
        ("rule pass without the names family", Settings(ignore=("N",)), "   target >= 5 MB/s"),
        ("rule pass, every family (names too)", Settings(), ""),
    ):
        started = time.perf_counter()
        findings = 0
        with long_lived_frozen(), collector_paused():  # as `qa check` runs (see qa.collector, engine.run)
            for index, article in enumerate(articles):
                findings += len(check_document(load_text(f"{index}.txt", article), context, settings))
        speed = megabytes / (time.perf_counter() - started)
        print(f"{label}, one process: {speed:.1f} MB/s ({findings} findings){target}")

    qa = Path(sys.executable).parent / "qa"
    command = [str(qa)] if qa.exists() else [sys.executable, "-m", "qa"]
    if not args.skip_cli:
        cli_throughput(command, glossary, articles, megabytes)

    with tempfile.TemporaryDirectory() as folder:
        article_path = Path(folder) / "article.txt"
        article_path.write_text(articles[0], encoding="utf-8")
        walls = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run([*command, "check", str(article_path)], capture_output=True, check=False)
            walls.append(time.perf_counter() - started)
        best, median = min(walls), sorted(walls)[2]
        print(f"qa check one article: {best:.2f} s best, {median:.2f} s median (default glossary)   target < 0.5 s")


if __name__ == "__main__":
    main()
