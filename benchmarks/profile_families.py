"""Where the rule pass spends its time: seconds per MB for segmentation and each checker family.

One cold pass (caches empty, as in a real run) over the bench_terms corpus with the synthetic
50,000-entry glossary; each family's `check` is timed on its own, segmentation separately, and
"rest" is reading, locating findings and the engine's own work. Use it to find what to optimise;
bench_terms.py and bench_names.py give the figures the issues set targets for.

usage: python benchmarks/profile_families.py [--megabytes 10] [--entries 50000] [--profile FAMILY]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_terms import synthetic_corpus, synthetic_glossary  # noqa: E402

from qa.checkers import Checker, Context, builtin_checkers  # noqa: E402
from qa.collector import collector_paused, long_lived_frozen  # noqa: E402
from qa.documents import Document, load_text  # noqa: E402
from qa.engine import Settings, check_document, prepared_context  # noqa: E402
from qa.model import Finding  # noqa: E402

CheckFunction = Callable[[Document, Context], Iterable[Finding]]


def timed(check: CheckFunction, family: str, spent: dict[str, float]) -> CheckFunction:
    def run(doc: Document, context: Context) -> list[Finding]:
        started = time.perf_counter()
        found = list(check(doc, context))
        spent[family] = spent.get(family, 0.0) + time.perf_counter() - started
        return found

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=int, default=10)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--profile", metavar="FAMILY", help="also print a cProfile of this family's checks")
    args = parser.parse_args()
    rng = random.Random(1)
    glossary = synthetic_glossary(args.entries, rng)
    context = prepared_context(glossary, Settings())  # as `qa check` does: compiled up front, outside the timings
    articles = synthetic_corpus(glossary, args.megabytes, rng)
    megabytes = sum(len(a.encode("utf-8")) for a in articles) / 1e6
    spent: dict[str, float] = {}
    checkers = [Checker(c.family, c.rules, timed(c.check, c.family, spent)) for c in builtin_checkers()]
    profiler = cProfile.Profile() if args.profile else None
    if profiler is not None:
        family = next(c for c in checkers if c.family == args.profile)
        checkers = [c for c in checkers if c is not family]
    segmentation = 0.0
    started = time.perf_counter()
    with long_lived_frozen(), collector_paused():  # as `qa check` runs (see qa.collector, engine.run)
        for index, article in enumerate(articles):
            doc = load_text(f"{index}.txt", article)
            before = time.perf_counter()
            doc.paragraphs  # noqa: B018
            segmentation += time.perf_counter() - before
            check_document(doc, context, Settings(), checkers)
            if profiler is not None:
                profiler.enable()
                check_document(doc, context, Settings(), [family])
                profiler.disable()
    total = time.perf_counter() - started
    print(f"{len(articles)} articles, {megabytes:.1f} MB: {megabytes / total:.2f} MB/s, {total / megabytes:.3f} s/MB")
    print(f"  segmentation  {segmentation / megabytes:.3f} s/MB")
    for family, seconds in spent.items():
        print(f"  {family:<13} {seconds / megabytes:.3f} s/MB")
    rest = total - segmentation - sum(spent.values())
    print(f"  rest          {rest / megabytes:.3f} s/MB (reading, locating, engine)")
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
