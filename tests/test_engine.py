"""The engine's run: automatic worker counts, parallel runs equal serial ones, collector state."""

import gc
import shutil
from pathlib import Path

import pytest

from qa import engine
from qa.engine import Settings, run, worker_count
from qa.glossary import Glossary, Term, load_glossaries

NAMES_CORPUS = Path(__file__).parent / "data" / "names" / "corpus"  # one name spelled two ways across files


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(NAMES_CORPUS, tmp_path / "corpus")
    (tmp_path / "markets.txt").write_text("Markets Calm\nTraders said the the markets in Kiev were calm , and held.\n")
    return tmp_path


def test_automatic_jobs_stay_in_process_for_small_runs(folder):
    files = sorted(str(p) for p in folder.iterdir())
    assert worker_count(0, files) == 1  # a few KB: a pool would cost more than it saves


def test_automatic_jobs_use_the_cpus_for_big_runs(tmp_path, monkeypatch):
    files = []
    for index in range(3):
        path = tmp_path / f"{index}.txt"
        path.write_text("x" * 10)
        files.append(str(path))
    monkeypatch.setattr(engine, "BYTES_PER_WORKER", 10)
    monkeypatch.setattr(engine.os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    assert worker_count(0, files) == 2  # CPUs, not files
    assert worker_count(0, files[:1]) == 1  # never more workers than files


def test_explicit_jobs_are_honoured_up_to_the_file_count():
    assert worker_count(2, ["a", "b", "c"]) == 2
    assert worker_count(8, ["a", "b"]) == 2
    assert worker_count(1, ["a", "b"]) == 1


def test_a_parallel_run_reports_what_a_serial_run_does(folder):
    glossary = Glossary(terms=[Term(term="Kyiv", kind="place", variants=("Kiev",))])
    serial = run([str(folder)], glossary, Settings(), jobs=1)
    parallel = run([str(folder)], glossary, Settings(), jobs=2)
    assert [(r.path, r.findings) for r in parallel.files] == [(r.path, r.findings) for r in serial.files]
    rules = {f.rule for f in serial.findings}
    assert {"T001", "N002", "P002", "P005"} <= rules, rules  # the cross-document N002 included


def test_a_run_leaves_the_garbage_collector_as_it_found_it(folder):
    run([str(folder)], Glossary(), Settings(), jobs=1)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_checking_files_leaves_no_cyclic_garbage(folder):
    """`run` checks with the collector paused; that is only safe while checking makes no cycles."""
    samples = sorted(str(p) for p in (Path(__file__).parent.parent / "samples").iterdir())  # txt, md, html
    files = samples + sorted(str(p) for p in folder.rglob("*.txt"))
    glossary = load_glossaries([])
    run(files, glossary, Settings(), jobs=1)  # imports and lazily built tables make one-off garbage
    gc.collect()
    gc.disable()
    try:
        report = run(files, glossary, Settings(), jobs=1)  # every family, the cross-document pass too
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert report.findings and not report.errors
    assert unreachable == 0
