"""The word lists behind target sentiment, read from CSV under ``data/`` (cached once per process).

- ``sentiment_lexicon_news.csv``: news and international-relations words VADER lacks (term, valence
  on VADER's -4..4 scale, category); added to (and overriding) a private copy of VADER's
  lexicon.
- ``sentiment_contrast.csv``: words that open a contrasting clause ("but", "although").
- ``sentiment_negators.csv``: words that negate the next sentiment word (for the evidence table).
- ``sentiment_speech_verbs.csv``: verbs that mark the speaker of a sentence ("said", "told").
- ``sentiment_name_words.csv``: words that make a capitalised run a name ("Ministry", "Council").
"""

from __future__ import annotations

import csv
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from ..paths import data_file
from .fastvader import Vader


def _read_column(name: str, column: str) -> list[str]:
    path = data_file(name)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [row[column].strip().lower() for row in csv.DictReader(handle) if row[column]]
    except (OSError, KeyError) as error:
        raise RuntimeError(
            f"{path}: cannot read column {column!r} ({error}); restore the file "
            "from the kit or fix its header"
        ) from error


@lru_cache(maxsize=1)
def news_lexicon() -> dict[str, float]:
    """Return the kit's news lexicon as {term: valence} (VADER scale, -4..4).

    Example:
        >>> news_lexicon()["indicted"] < 0
        True
    """
    path = data_file("sentiment_lexicon_news.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    try:
        return {row["term"].strip().lower(): float(row["valence"]) for row in rows}
    except (KeyError, ValueError) as error:
        raise RuntimeError(
            f"{path}: every row needs a term and a numeric valence ({error})"
        ) from error


@lru_cache(maxsize=1)
def contrast_cues() -> tuple[str, ...]:
    """Return the contrast words and phrases, e.g. ("but", "however", ...)."""
    return tuple(_read_column("sentiment_contrast.csv", "cue"))


@lru_cache(maxsize=1)
def negators() -> frozenset[str]:
    """Return the negation words (apostrophes removed: "dont", "not", ...)."""
    return frozenset(
        w.replace("'", "").replace("’", "") for w in _read_column("sentiment_negators.csv", "word")
    )


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Return the verbs that mark a speaker ("said", "told", ...)."""
    return frozenset(_read_column("sentiment_speech_verbs.csv", "verb"))


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Return the words that make a run of capitalised words a name ("ministry", "council", ...).

    Example:
        >>> "ministry" in name_words()
        True
    """
    return frozenset(_read_column("sentiment_name_words.csv", "word"))


@lru_cache(maxsize=1)
def plain_analyzer() -> SentimentIntensityAnalyzer:
    """Return VADER as published (the comparison instrument)."""
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def news_analyzer() -> SentimentIntensityAnalyzer:
    """Return a VADER whose lexicon also holds the kit's news words (the CSV wins over VADER).

    Example:
        >>> news_analyzer().polarity_scores("He was indicted.")["compound"] < 0
        True
    """
    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update(news_lexicon())
    return analyzer


@lru_cache(maxsize=1)
def plain_vader() -> Vader:
    """Return the fast exact compound score of :func:`plain_analyzer` (see ``helpers.sentiment.fastvader``)."""
    return Vader(plain_analyzer())


@lru_cache(maxsize=1)
def news_vader() -> Vader:
    """Return the fast exact compound score of :func:`news_analyzer`.

    Example:
        >>> news_vader().compound("He was indicted.") < 0
        True
    """
    return Vader(news_analyzer())
