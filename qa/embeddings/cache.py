"""An on-disk cache of sentence encodings, so a rerun on mostly unchanged articles costs little.

One SQLite file (WAL mode, safe for concurrent readers and writers: parallel CI jobs may share it)
under the user cache dir (`platformdirs.user_cache_dir("qa")`) or `--cache-dir`. A row is keyed by
sha1(model key, garble-head digest, sentence text) and holds the unit embedding as float16 and the
garbled-sentence score. The cache is only an optimisation: when the folder cannot be written or the
database is busy, encodings are simply not stored, and a damaged file is replaced.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from qa.embeddings.encoder import Encoded

FILE_NAME = "embeddings-v1.sqlite3"
SCHEMA = "CREATE TABLE IF NOT EXISTS encodings (key BLOB PRIMARY KEY, embedding BLOB NOT NULL, garble REAL)"


def default_cache_dir() -> str:
    from platformdirs import user_cache_dir

    return user_cache_dir("qa", appauthor=False)


def cache_key(model_key: str, head_digest: str, text: str) -> bytes:
    return hashlib.sha1(f"{model_key}\x00{head_digest}\x00{text}".encode()).digest()


class EncodingCache:
    """get_many / put_many over the SQLite file; every failure degrades to 'not cached'."""

    def __init__(self, folder: str | None = None) -> None:
        self.folder = Path(folder or default_cache_dir())
        self.path = self.folder / FILE_NAME
        self._db: sqlite3.Connection | None = None
        self.disabled = False
        self.problem: str | None = None  # why the cache is off, for a one-line note

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self.disabled:
            return self._db
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc) or "malformed" in str(exc):
                try:  # a damaged file: start again
                    os.replace(self.path, self.path.with_suffix(".damaged"))
                    self._db = self._open()
                    return self._db
                except (OSError, sqlite3.Error) as again:
                    exc = again  # type: ignore[assignment]
            self._disable(f"{self.path}: {exc}")
        except OSError as exc:
            self._disable(f"{self.folder}: {exc.strerror or exc}")
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        with contextlib.suppress(sqlite3.OperationalError):  # e.g. a network file system: the default
            db.execute("PRAGMA journal_mode=WAL")  # journal still works
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(SCHEMA)
        return db

    def _disable(self, reason: str) -> None:
        self.disabled = True
        self.problem = reason
        self._db = None

    def get_many(self, keys: list[bytes]) -> dict[bytes, Encoded]:
        db = self._connect()
        found: dict[bytes, Encoded] = {}
        if db is None or not keys:
            return found
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, embedding, garble FROM encodings WHERE key IN ({marks})", chunk)
                for key, blob, garble in rows:
                    vector = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
                    found[bytes(key)] = Encoded(vector, garble)
        except sqlite3.Error as exc:
            self._disable(f"{self.path}: {exc}")
        return found

    def put_many(self, items: Iterable[tuple[bytes, Encoded]]) -> None:
        db = self._connect()
        if db is None:
            return
        rows = [(key, enc.embedding.astype(np.float16).tobytes(), enc.garble) for key, enc in items]
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO encodings (key, embedding, garble) VALUES (?, ?, ?)", rows)
            db.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):  # busy for 30 s: these are just not stored this time
                db.execute("ROLLBACK")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
