"""Sources: who speaks in an article, in their own words or paraphrased, and what it cites.

``find_attributions`` lists direct quotes, reported speech, "according to" claims, scare quotes and
footnote citations, each with its speaker; ``parse_references`` reads the article's own reference
list and ``check_citations`` matches its markers.
"""

from .attributions import find_attributions
from .references import check_citations, parse_references

__all__ = ["check_citations", "find_attributions", "parse_references"]
