"""Word lists of the source-attribution steps: the cue words of ``data/cue_verbs.csv`` and the
``word,role`` lists (``data/speaker_words.csv``, ``data/anonymous_sources.csv``), read once.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from .paths import data_file


@dataclass(frozen=True)
class Cue:
    """A cue word or phrase from ``data/cue_verbs.csv``."""

    form: str
    lemma: str
    category: str  # speech | belief | report | according_to | naming
    inverted: bool  # may follow the quote and precede the speaker: '..., said X'
    ambiguous: bool  # also a noun or adjective: only counts before 'that', ':' or a quote


def _read_csv(name: str) -> list[dict[str, str]]:
    path = data_file(name)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if rows and None in rows[0]:
        raise ValueError(f"{path}: a row has more fields than the header; quote commas in notes")
    return rows


@lru_cache(maxsize=4)
def load_cues(name: str = "cue_verbs.csv") -> dict[str, Cue]:
    """Read cue words and phrases, keyed by their lower-case form.

    Example:
        >>> load_cues()["said"].category
        'speech'
    """
    out: dict[str, Cue] = {}
    for row in _read_csv(name):
        form = " ".join(row["cue"].lower().split())
        if form:
            out[form] = Cue(
                form,
                row["lemma"].strip(),
                row["category"].strip(),
                row["inverted"].strip().lower() == "true",
                row["ambiguous"].strip().lower() == "true",
            )
    return out


@lru_cache(maxsize=8)
def load_word_roles(name: str) -> dict[str, tuple[str, ...]]:
    """Read a ``term/word,role`` CSV into {role: terms}, longest first.

    Example:
        >>> "someone" in load_word_roles("anonymous_sources.csv")["head"]
        True
    """
    roles: dict[str, list[str]] = {}
    for row in _read_csv(name):
        term = " ".join((row.get("term") or row.get("word") or "").split())
        if term:
            roles.setdefault(row["role"].strip(), []).append(term)
    return {role: tuple(sorted(terms, key=lambda t: (-len(t), t))) for role, terms in roles.items()}


def phrase_regex(phrases: tuple[str, ...], *, ignore_case: bool = True) -> re.Pattern[str]:
    """One alternation over word phrases (longest first), with word boundaries.

    Example:
        >>> bool(phrase_regex(("according to",)).search("According  to the BBC"))
        True
    """
    parts = [r"\s+".join(re.escape(w) for w in p.split()) for p in phrases]
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(r"(?<![\w’'-])(?:" + "|".join(parts) + r")(?![\w’'-])", flags)


@lru_cache(maxsize=4)
def cue_regex(name: str = "cue_verbs.csv") -> re.Pattern[str]:
    """The regex that finds every cue of ``data/cue_verbs.csv`` in a text.

    Example:
        >>> cue_regex().search("as he told reporters").group(0)
        'told'
    """
    return phrase_regex(tuple(sorted(load_cues(name), key=lambda f: (-len(f), f))))
