"""Names in news text: mentions, transliteration-aware comparison, entities, glossary suggestions.

The parts, from the text up:
  - `mentions`: runs of capitalised words, trimmed of titles, possessives and sentence openers;
  - `translit`: strict, skeleton and coarse keys of a spelling, and the comparison of two spellings;
  - `lexicon`: English word frequencies (wordfreq), titles, particles, Korean surname romanisations;
  - `index`: the glossary's spellings, blocked for fast near-variant search (built once per glossary);
  - `runs`: what a run of capitalised words holds (mentions, listed forms, keys), once per run text;
  - `clusters`: grouping spellings into entities when no glossary entry vouches for them;
  - `inconsistency`: N002 within a document (and the per-spelling counts of its summary);
  - `summary`: `Issue` and the picklable per-document `DocNames` summary;
  - `analysis`: one document -> N001/N002 issues and its `DocNames` summary;
  - `corpus`: the reduce over summaries for cross-document consistency;
  - `suggest`: `qa glossary suggest`, glossary entries as ready-to-paste YAML.
The rules themselves (N001, N002) live in `qa.checkers.names`.
"""

from qa.names.analysis import DocNames, analyse, summary_for
from qa.names.corpus import corpus_name_findings, summaries
from qa.names.suggest import suggest

__all__ = ["DocNames", "analyse", "corpus_name_findings", "suggest", "summaries", "summary_for"]
