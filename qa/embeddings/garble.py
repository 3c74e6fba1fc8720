"""The garbled-sentence model: a small token-level head over the encoder's middle layers.

A sentence-level embedding barely moves when a word is dropped or two words swap places (on our
held-out data a logistic regression over MiniLM sentence embeddings reached ROC-AUC 0.57), but
the contextual vectors of the tokens around the damage do. The head therefore scores every token
from the hidden states of a few middle layers (where syntax lives in BERT-like encoders) and pools
the token scores with a maximum over short windows, so one broken spot is enough to raise the
sentence score, while a single rare but correct word ('think tank') is not:

    z_t = W2 · gelu(W1 · norm(h_t) + b1) + b2          for every word-piece t (not [CLS]/[SEP]), one
                                                       column per failure family
    s_f = max_t mean(z_t-1,f, z_t,f, z_t+1,f)           the worst spot of the sentence, per family
    margin = max_f (s_f - threshold_f)                 reported when > 0

Two failure families have their own heads and thresholds, because their noise floors on clean text
differ: broken word order (dropped, swapped, scrambled, duplicated words, truncation) and a missing
main clause (an opening phrase that lost its head, 'According to X and Y, Z ...' becoming
'X, as well as Y, Z ...', a dropped verb). One head for all failures reached held-out ROC-AUC 0.85
but had to sit so high that it missed the second family almost entirely.

It was trained (scripts/train_garble.py, fixed seed) on clean news-style sentences written for this
repository against systematic corruptions of them; the parameters ship as `data/garble.npz`
(numpy only at run time). They fit the encoder they were trained on: with another `--model` the
head is not used and E002 is skipped.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"
HEAD_FILE = DATA / "garble.npz"


@dataclass(frozen=True)
class GarbleHead:
    model: str  # the encoder the head was trained on
    layers: tuple[int, ...]  # hidden-state indices (0 = word embeddings)
    mean: np.ndarray  # feature normalisation
    scale: np.ndarray
    w1: np.ndarray  # (features, hidden)
    b1: np.ndarray
    w2: np.ndarray  # (hidden, families): one output per failure family
    b2: np.ndarray  # (families,)
    threshold: np.ndarray  # per family: the pooled log-odds above which a sentence is reported
    families: tuple[str, ...]
    window: int  # token scores are averaged over this many neighbours before the maximum
    digest: str  # identifies these parameters in the embedding cache
    metrics: dict[str, float]

    @property
    def width(self) -> int:
        return int(self.w1.shape[0])

    def token_scores(self, features: np.ndarray) -> np.ndarray:
        """Per-token log-odds for one sentence; `features` is (tokens, width), specials removed."""
        hidden = (features.astype(np.float32) - self.mean) / self.scale @ self.w1 + self.b1
        hidden = 0.5 * hidden * (1.0 + np.tanh(0.7978845608 * (hidden + 0.044715 * hidden**3)))  # gelu
        return hidden @ self.w2 + self.b2

    def family_scores(self, features: np.ndarray) -> np.ndarray:
        """Per family, the pooled log-odds of the sentence's worst window of `window` tokens."""
        z = self.token_scores(features)
        return np.array([pool(z[:, k], self.window) for k in range(z.shape[1])])

    def score(self, features: np.ndarray) -> float | None:
        """How far the sentence is past its nearest family threshold: > 0 means garbled."""
        if len(features) == 0:
            return None
        return float((self.family_scores(features) - self.threshold).max())


def pool(z: np.ndarray, window: int) -> float:
    """Maximum of the moving average of `z` over `window` tokens (the whole of a shorter `z`)."""
    if window <= 1 or len(z) <= window:
        return float(z.max()) if window <= 1 else float(z.mean())
    sums = np.convolve(z, np.ones(window, dtype=np.float32), mode="valid")
    return float(sums.max() / window)


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -60 else 0.0


@cache
def load_head(path: str | None = None) -> GarbleHead | None:
    """The shipped head, or None when it is missing (then E002 cannot run)."""
    file = Path(path) if path else HEAD_FILE
    if not file.is_file():
        return None
    raw = file.read_bytes()
    with np.load(file, allow_pickle=False) as data:
        metrics = {str(k): float(v) for k, v in zip(data["metric_names"], data["metric_values"], strict=True)}
        return GarbleHead(
            model=str(data["model"]),
            layers=tuple(int(x) for x in data["layers"]),
            mean=data["mean"].astype(np.float32),
            scale=data["scale"].astype(np.float32),
            w1=data["w1"].astype(np.float32),
            b1=data["b1"].astype(np.float32),
            w2=data["w2"].astype(np.float32),
            b2=data["b2"].astype(np.float32),
            threshold=data["threshold"].astype(np.float32),
            families=tuple(str(f) for f in data["families"]),
            window=int(data["window"]),
            digest=hashlib.sha1(raw).hexdigest()[:12],
            metrics=metrics,
        )


def save_head(
    path: Path, *, model: str, layers, mean, scale, w1, b1, w2, b2, threshold, window, families, metrics
) -> None:
    np.savez_compressed(
        path,
        model=np.array(model),
        layers=np.array(layers, dtype=np.int16),
        mean=np.asarray(mean, dtype=np.float16),
        scale=np.asarray(scale, dtype=np.float16),
        w1=np.asarray(w1, dtype=np.float16),
        b1=np.asarray(b1, dtype=np.float32),
        w2=np.asarray(w2, dtype=np.float32),
        b2=np.asarray(b2, dtype=np.float32),
        threshold=np.asarray(threshold, dtype=np.float32),
        families=np.array(families),
        window=np.array(window, dtype=np.int16),
        metric_names=np.array(sorted(metrics)),
        metric_values=np.array([metrics[k] for k in sorted(metrics)], dtype=np.float64),
    )
