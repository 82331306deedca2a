"""Words that belong to a name and carry no sentiment toward anyone ("Foreign Ministry").

Mentions are masked before scoring (see :func:`helpers.sentiment.target.mask_spans`), but a name
the gazetteer does not know still reads as ordinary words: "foreign" has a negative score in
TextBlob, so "China's Foreign Ministry said" counted against China. :func:`name_spans` finds such
names by a rule a student can check: a run of capitalised words (joined by "of", "for", "and",
"the" after one of those, "on" or "&") of two words or more that holds a word of ``data/sentiment_name_words.csv``
(ministry, council, party, army, ...). Those spans are masked like the mentions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicons import name_words

# A capitalised word (Title case, or an acronym of up to five letters: "US Defense Department"),
# or a joining word between two of them.
_WORD = re.compile(r"[A-Z][a-z][\w'’.-]*|[A-Z]{2,5}\b|\b(?:of|for|and|the|on|&)(?=\s)")
_JOINERS = frozenset({"of", "for", "and", "the", "on", "&"})
_POSSESSIVE = ("'s", "’s", "'", "’")
_ARTICLES = frozenset({"The", "A", "An"})  # capitalised at a sentence's start, not part of a name


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return frozenset(name_words())


def name_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of institution names in ``text``.

    A sentence's first word joins a name only when the next word is capitalised too ("Foreign
    Ministry officials said" masks "Foreign Ministry"; "Critics of the Ministry said" masks
    nothing, since "the Ministry" alone is one capitalised word).

    Example:
        >>> text = "China's Foreign Ministry called the move a failure."
        >>> [text[s:e] for s, e in name_spans(text)]
        ['Foreign Ministry']
        >>> text = "The Ministry of Foreign Affairs and the Free Syrian Army agreed."
        >>> [text[s:e] for s, e in name_spans(text)]
        ['Ministry of Foreign Affairs', 'Free Syrian Army']
    """
    heads = _heads()
    spans: list[tuple[int, int]] = []
    run: list[re.Match] = []

    def close() -> None:
        while run and run[-1].group() in _JOINERS:
            run.pop()
        while run and (run[0].group() in _JOINERS or run[0].group() in _ARTICLES):
            run.pop(0)
        words = [m.group() for m in run if m.group() not in _JOINERS]
        if len(words) >= 2 and any(w.lower() in heads for w in words):
            spans.append((run[0].start(), run[-1].end()))
        run.clear()

    for match in _WORD.finditer(text):
        joiner = match.group() in _JOINERS
        if run:
            gap = text[run[-1].end() : match.start()]
            if (
                gap.strip()
                or (match.group() == "the" and run[-1].group() not in _JOINERS)
                or "\n" in gap
                or (joiner and run[-1].group() in _JOINERS)
                or run[-1].group().endswith(_POSSESSIVE)  # "China's | Foreign Ministry"
            ):
                close()
        if not run and joiner:
            continue
        if (
            run
            and joiner
            and len(run) == 1
            and _sentence_initial(text, run[0].start())
            and run[0].group().lower() not in heads
        ):
            run.clear()  # "Critics of the Ministry": the first word is not part of a name
            continue
        run.append(match)
    close()
    return spans


def _sentence_initial(text: str, start: int) -> bool:
    """True when only quotes, brackets or spaces come before ``start``."""
    return not text[:start].strip(" \t\"'“‘([")
