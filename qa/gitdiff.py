"""Which files and lines changed since a git ref (`--changed-since`, `--changed-lines`)."""

from __future__ import annotations

import os
import subprocess

import regex

HUNK = regex.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", regex.MULTILINE)


class GitError(ValueError):
    """git is missing, this is not a repository, or the ref is unknown."""


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (needed by --changed-since)") from None
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise GitError(f"git {' '.join(args[:2])}: {message}")
    return done.stdout


def changed_files(ref: str) -> set[str]:
    """Files changed between `ref` and the working tree, plus untracked files, as absolute paths."""
    top = _git("rev-parse", "--show-toplevel").strip()
    names = _git("diff", "--name-only", "--diff-filter=ACMR", ref, "--").splitlines()
    names += _git("ls-files", "--others", "--exclude-standard", "--full-name", top).splitlines()
    return {os.path.realpath(os.path.join(top, name)) for name in names if name}


def changed_lines(ref: str, path: str) -> set[int] | None:
    """Line numbers added or changed in `path` since `ref`; None when the file is new."""
    output = _git("diff", "-U0", ref, "--", path)
    if not output:
        tracked = _git("ls-files", "--", path).strip()
        return None if not tracked else set()
    lines: set[int] = set()
    for match in HUNK.finditer(output):
        start, count = int(match.group(1)), int(match.group(2) or "1")
        lines.update(range(start, start + count))
    return lines
