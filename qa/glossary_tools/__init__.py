"""Tools for glossary maintainers: lint, self-test, corpus statistics, CSV and TBX exchange.

Each module is small and does one job; `qa.glossary_cli` wires them to `qa glossary ...`.

- `source`: a tolerant reader of glossary YAML that keeps the line of every value, so that
  problems the strict loader would stop at (a duplicate term, a bad pattern) can be listed.
- `lint`: problems in glossary data, codes G001..G010.
- `selftest`: runs every entry's `examples`, as prh runs its specs.
- `stats`: how often each entry and each variant fired on a corpus.
- `yamlio`: writes clean, stable YAML in the style of the shipped glossary.
- `csvio`, `tbx`: import and export.
- `merge`: what a later glossary replaced in an earlier one.
"""
