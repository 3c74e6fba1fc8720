"""Configuration files: `.qa.toml`, `[tool.qa]` in pyproject.toml, or `[qa]` in setup.cfg.

The nearest directory (from the current one upwards) holding any of them wins; within a
directory the order above decides. `--config FILE` names one explicitly. Command-line flags
override the file. Unknown keys and bad values are errors naming the file and the key.
"""

from __future__ import annotations

import configparser
import os
import sys
from dataclasses import dataclass, field

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from qa.model import Severity


class ConfigError(ValueError):
    """A configuration problem; the message names the file and the key."""


LIST_KEYS = ("glossaries", "select", "ignore", "include", "exclude")
KEYS = {*LIST_KEYS, "per-path-ignores", "fail-on", "embeddings", "model", "cache-dir", "jobs"}


@dataclass
class Config:
    path: str | None = None
    values: dict[str, object] = field(default_factory=dict)

    def get(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)


def find_config(start: str | None = None) -> str | None:
    folder = os.path.abspath(start or os.getcwd())
    while True:
        for name in (".qa.toml", "pyproject.toml", "setup.cfg"):
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and _has_qa_section(candidate):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_qa_section(path: str) -> bool:
    name = os.path.basename(path)
    if name == ".qa.toml":
        return True
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.qa]" in text if name == "pyproject.toml" else "[qa]" in text


def load_config(path: str | None) -> Config:
    if path is None:
        return Config()
    name = os.path.basename(path)
    try:
        if name.endswith(".cfg") or name.endswith(".ini"):
            raw = _read_ini(path)
        else:
            with open(path, "rb") as handle:
                data = tomllib.load(handle)
            raw = data.get("tool", {}).get("qa", {}) if name == "pyproject.toml" else data.get("qa", data)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except (OSError, UnicodeDecodeError, configparser.Error, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc})") from None
    return Config(path=path, values=_validate(raw, path))


def _read_ini(path: str) -> dict[str, object]:
    parser = configparser.ConfigParser(interpolation=None)
    with open(path, encoding="utf-8") as handle:
        parser.read_file(handle)
    if not parser.has_section("qa"):
        return {}
    raw: dict[str, object] = {}
    for key, value in parser.items("qa"):
        if key in LIST_KEYS:
            raw[key] = [item.strip() for item in value.replace("\n", ",").split(",") if item.strip()]
        elif key == "per-path-ignores":
            raw[key] = _ini_mapping(value, path)
        elif key == "embeddings":
            raw[key] = _ini_bool(value, path, key)
        elif key == "jobs":
            raw[key] = _ini_int(value, path, key)
        else:
            raw[key] = value.strip()
    return raw


def _ini_mapping(value: str, path: str) -> dict[str, list[str]]:
    """`glob: CODE, CODE` lines, as flake8's per-file-ignores."""
    mapping: dict[str, list[str]] = {}
    for line in value.splitlines():
        if not line.strip():
            continue
        glob, sep, codes = line.partition(":")
        if not sep:
            raise ConfigError(f"{path}: per-path-ignores: expected 'glob: CODES', got {line.strip()!r}")
        mapping[glob.strip()] = [c.strip() for c in codes.split(",") if c.strip()]
    return mapping


def _ini_bool(value: str, path: str, key: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("true", "yes", "on", "1"):
        return True
    if lowered in ("false", "no", "off", "0"):
        return False
    raise ConfigError(f"{path}: {key}: expected true or false, got {value.strip()!r}")


def _ini_int(value: str, path: str, key: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ConfigError(f"{path}: {key}: expected a whole number, got {value.strip()!r}") from None


def _validate(raw: object, path: str) -> dict[str, object]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the qa configuration must be a table")
    values: dict[str, object] = {}
    base = os.path.dirname(os.path.abspath(path))
    for key, value in raw.items():
        key = key.replace("_", "-")
        if key not in KEYS:
            raise ConfigError(f"{path}: unknown key {key!r} (known: {', '.join(sorted(KEYS))})")
        if key in LIST_KEYS:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: {key}: expected a list of strings")
            if key == "glossaries":
                value = [os.path.normpath(os.path.join(base, v)) for v in value]
        elif key == "per-path-ignores":
            if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value.values()
            ):
                raise ConfigError(f"{path}: per-path-ignores: expected a table of glob = [codes]")
        elif key == "fail-on":
            try:
                value = Severity.parse(str(value))
            except ValueError as exc:
                raise ConfigError(f"{path}: fail-on: {exc}") from None
        elif key == "embeddings" and not isinstance(value, bool):
            raise ConfigError(f"{path}: embeddings: expected true or false")
        elif key == "jobs" and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise ConfigError(f"{path}: jobs: expected a whole number >= 0")
        elif key in ("model", "cache-dir") and not isinstance(value, str):
            raise ConfigError(f"{path}: {key}: expected a string")
        values[key] = value
    return values


def _codes(values: object) -> tuple[str, ...]:
    items = [values] if isinstance(values, str) else list(values or ())  # type: ignore[arg-type]
    return tuple(code.strip().upper() for value in items for code in str(value).split(",") if code.strip())


def settings_from(config: Config, options: dict[str, object]) -> tuple[object, list[str], int]:
    """Command-line options over the configuration file over built-in defaults.

    Returns (Settings, glossary paths, jobs). Options hold None or () when not given.
    """
    from qa.documents import DEFAULT_INCLUDE
    from qa.engine import Settings

    def pick(option: str, key: str, default: object) -> object:
        value = options.get(option)
        if value is not None and value != ():
            return value
        return config.get(key, default)

    fail_on = pick("fail_on", "fail-on", Severity.ERROR)
    per_path = config.get("per-path-ignores", {}) or {}
    settings = Settings(
        select=_codes(pick("select", "select", ())),
        ignore=_codes(pick("ignore", "ignore", ())),
        fail_on=fail_on if isinstance(fail_on, Severity) else Severity.parse(str(fail_on)),
        include=tuple(pick("include", "include", DEFAULT_INCLUDE)),  # type: ignore[arg-type]
        exclude=tuple(pick("exclude", "exclude", ())),  # type: ignore[arg-type]
        per_path_ignores=tuple((glob, _codes(codes)) for glob, codes in per_path.items()),  # type: ignore[union-attr]
        embeddings=bool(pick("embeddings", "embeddings", False)),
        model=pick("model", "model", None),  # type: ignore[arg-type]
        cache_dir=pick("cache_dir", "cache-dir", None),  # type: ignore[arg-type]
        progress=not options.get("quiet"),
    )
    glossaries = list(pick("glossaries", "glossaries", ()))  # type: ignore[call-overload]
    jobs = int(pick("jobs", "jobs", 0))  # type: ignore[call-overload]
    return settings, glossaries, jobs
