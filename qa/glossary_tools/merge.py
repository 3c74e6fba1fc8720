"""Merging glossaries: `--glossary` may be given several times, and a later file wins per term.

`Glossary.merge` replaces an earlier entry with a later entry of the same `term` as a whole (its
variants, exceptions, note, examples) and records the pair in `Glossary.overrides`; entries with
other terms are kept from every file, in order. `override_notes` turns those pairs into one line
each, naming where the replacement and the replaced entry are and which variants changed, so that
`qa check`, `qa glossary lint` (G010) and maintainers see every conflict.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa.glossary import Glossary


def describe(
    term: str, replaced_source: str, old_variants: Iterable[str], new_variants: Iterable[str],
    old_country: tuple[str, ...] = (), new_country: tuple[str, ...] = (),
) -> str:  # fmt: skip
    old, new = set(old_variants), set(new_variants)
    changes = []
    if old - new:
        changes.append("drops variants " + ", ".join(sorted(old - new)))
    if new - old:
        changes.append("adds variants " + ", ".join(sorted(new - old)))
    if old_country != new_country:  # T004 now judges the place by the new countries
        changes.append(f"changes country {', '.join(old_country) or '(none)'} to {', '.join(new_country) or '(none)'}")
    detail = f"; {'; '.join(changes)}" if changes else ""
    return f"term {term!r} replaces the entry at {replaced_source} (later wins){detail}"


def override_notes(glossary: Glossary) -> list[str]:
    """'b.yml:2: term 'Kyiv' replaces the entry at a.yml:5 (later wins); drops variants Kiev' lines."""
    return [
        f"{new.source}: {describe(new.term, old.source, old.variants, new.variants, old.country, new.country)}"
        for old, new in glossary.overrides
    ]
