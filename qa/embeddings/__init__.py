"""Embedding checkers: the corpus-level pass that runs after the rule pass (`qa check` by default).

`embedding_pass(report, settings)` re-reads every checked file, encodes all their sentences in one
batched call (through the on-disk cache: the model is loaded only when some sentence is missing),
runs E001 inserted-text and E002 garbled-sentence per document, and adds located findings to the
report. Importing this package is cheap; sentence-transformers is imported only to encode.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from qa.embeddings.checkers import GARBLED_SENTENCE, INSERTED_TEXT, RULES, check, chrome_phrases, unit_texts

if TYPE_CHECKING:
    from qa.embeddings.encoder import Encoded, Encoder
    from qa.engine import Report, Settings

__all__ = ["RULES", "embedding_pass", "encode_all"]
PROGRESS_MIN = 200  # sentences to encode before a progress bar is worth showing


def _note(message: str) -> None:
    print(f"qa: note: {message}", file=sys.stderr)


def encode_all(
    texts: list[str], encoder: Encoder, cache_dir: str | None = None, progress: bool = False
) -> dict[str, Encoded]:
    """Encodings of the distinct `texts`, from the cache where possible, the model for the rest."""
    from qa.embeddings.cache import EncodingCache, cache_key

    unique = list(dict.fromkeys(texts))
    head_digest = encoder.head.digest if encoder.head is not None and encoder.head_fits_id() else "-"
    cache = EncodingCache(cache_dir)
    keys = [cache_key(encoder.cache_key, head_digest, t) for t in unique]
    found = cache.get_many(keys)
    missing = [i for i, key in enumerate(keys) if key not in found]
    if missing:
        bar, tick = _progress_bar(len(missing), progress)
        try:
            fresh = encoder.encode([unique[i] for i in missing], progress=tick)
        finally:
            if bar is not None:
                bar.close()
        cache.put_many((keys[i], enc) for i, enc in zip(missing, fresh, strict=True))
        found.update((keys[i], enc) for i, enc in zip(missing, fresh, strict=True))
    if cache.problem:
        _note(f"embedding cache not used ({cache.problem})")
    cache.close()
    return {text: found[key] for text, key in zip(unique, keys, strict=True)}


def _progress_bar(total: int, wanted: bool) -> tuple[object | None, Callable[[int], None] | None]:
    if not wanted or total < PROGRESS_MIN or not sys.stderr.isatty():
        return None, None
    try:
        from tqdm import tqdm
    except ImportError:
        return None, None
    bar = tqdm(total=total, unit="sentence", desc="qa: encoding", file=sys.stderr, leave=False)
    return bar, bar.update


def embedding_pass(report: Report, settings: Settings, encoder: Encoder | None = None) -> None:
    """Add E001/E002 findings to `report` (in place) and record the model used."""
    from qa.documents import InputError, read_document
    from qa.embeddings.encoder import Encoder
    from qa.embeddings.garble import load_head
    from qa.engine import locate, path_ignores, rule_selected
    from qa.model import Finding

    want_inserted = rule_selected(INSERTED_TEXT.code, settings.select, settings.ignore)
    want_garbled = rule_selected(GARBLED_SENTENCE.code, settings.select, settings.ignore)
    if not (want_inserted or want_garbled):
        return
    if encoder is None:
        encoder = Encoder(settings.model, load_head() if want_garbled else None)
    report.model = encoder.model_id
    if want_garbled and not encoder.head_fits_id():
        if encoder.head is None:
            _note("the garbled-sentence model is missing (qa/embeddings/data/garble.npz); E002 skipped")
        else:
            _note(f"E002 garbled-sentence needs {encoder.head.model}; skipped with --model {encoder.model_id}")
        want_garbled = False

    documents = []
    for result in report.files:
        if result.error:
            continue
        try:
            if result.path == "-":
                if result.text is None:
                    continue  # stdin cannot be read twice
                from qa.documents import load_text

                doc = load_text("-", result.text, "txt")
            else:
                doc = read_document(result.path)
        except InputError:
            continue
        documents.append((result, doc))
    if not documents:
        return

    phrases = chrome_phrases() if want_inserted else []
    texts = [t for _, doc in documents for t in unit_texts(doc)] + phrases
    vectors = encode_all(texts, encoder, settings.cache_dir, settings.progress)
    prototypes = np.stack([vectors[p].embedding for p in phrases]) if want_inserted else None
    threshold = 0.0 if want_garbled else None  # encodings carry the margin past the head's thresholds

    for result, doc in documents:
        existing = list(result.findings)

        def covered(start: int, end: int, category: str, doc=doc, existing=existing) -> bool:
            s, e = doc.to_source(start, end)
            return any(str(f.category) == category and f.start < e and s < f.end for f in existing)

        ignore = settings.ignore + path_ignores(doc.path, settings)
        added = [
            locate(finding, doc)  # file offsets, line, column and the fingerprint baselines match on
            for finding in check(doc, vectors.__getitem__, prototypes, threshold, covered)
            if rule_selected(finding.rule, settings.select, ignore)
        ]
        if added:
            result.findings = sorted(set(existing + added), key=Finding.sort_key)
