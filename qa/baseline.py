"""Baselines: record today's findings so that only new ones are reported (adoption on an archive).

A finding is identified by file, rule and fingerprint (its text with the words around it), not
by line, so edits elsewhere in the file do not resurrect old findings.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import PurePath

from qa.engine import Report
from qa.output import atomic_write

VERSION = 1


class BaselineError(ValueError):
    """An unreadable baseline; the message names the file."""


def _key(path: str, rule: str, fingerprint: str) -> tuple[str, str, str]:
    return (PurePath(os.path.relpath(path) if os.path.isabs(path) else path).as_posix(), rule, fingerprint)


def write_baseline(report: Report, path: str) -> int:
    entries = sorted(
        ({"path": k[0], "rule": k[1], "fingerprint": k[2], "text": f.text}
         for f in report.findings for k in [_key(f.path, f.rule, f.fingerprint)]),
        key=lambda e: (e["path"], e["rule"], e["fingerprint"]),
    )  # fmt: skip
    atomic_write(path, json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1) + "\n")
    return len(entries)


def load_baseline(path: str) -> Counter[tuple[str, str, str]]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        return Counter(_key(e["path"], e["rule"], e["fingerprint"]) for e in data["findings"])
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: not a qa baseline ({exc.msg})") from None
    except (OSError, KeyError, TypeError) as exc:
        raise BaselineError(f"{path}: not a qa baseline ({exc.__class__.__name__}: {exc})") from None


def filter_known(report: Report, known: Counter[tuple[str, str, str]]) -> int:
    """Drop findings recorded in the baseline (each entry absorbs one finding); return how many."""
    remaining = Counter(known)
    dropped = 0
    for result in report.files:
        kept = []
        for finding in result.findings:
            key = _key(finding.path, finding.rule, finding.fingerprint)
            if remaining[key] > 0:
                remaining[key] -= 1
                dropped += 1
            else:
                kept.append(finding)
        result.findings = kept
    return dropped
