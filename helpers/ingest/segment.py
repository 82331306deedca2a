"""Split a cleaned body into paragraphs and sentences, with character offsets.

Sentences come from nupunkt (a Punkt model that ships with the package: offline, fast, good on
"Mr.", "U.S.", "D.C.", "Jan. 5"). Two repairs follow, because news text breaks Punkt in known ways:
a piece that is only footnote markers ("[2]") or closing punctuation is glued to the sentence before
it, and sentences never cross a paragraph ("\\n") boundary.
"""

from __future__ import annotations

import re

import numpy as np
import nupunkt
import pandas as pd

_GLUE = re.compile(r"^(?:\[\d{1,3}\]|[\"'’”)\]\s.,;:])+$")
# Footnote markers Punkt leaves at the start of the next sentence, and abbreviations it leaves alone.
_LEADING_MARKERS = re.compile(r"^(?:\[\d{1,3}\]\s*)+")
_LEADING_ABBREV = re.compile(
    r"^(?:(?:[A-Z]\.){2,4}|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Prof|St)\.)$"
)
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

SENTENCE_COLUMNS = ["sentence_id", "paragraph_id", "start", "end", "text"]


def split_paragraphs(body: str) -> list[tuple[int, int]]:
    """Return (start, end) of each non-empty paragraph (one line = one paragraph).

    Example:
        >>> split_paragraphs("One.\\nTwo.")
        [(0, 4), (5, 9)]
    """
    spans, pos = [], 0
    for line in body.split("\n"):
        stripped = line.strip()
        if stripped:
            left = pos + len(line) - len(line.lstrip())
            spans.append((left, left + len(stripped)))
        pos += len(line) + 1
    return spans


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end in nupunkt.sent_spans(paragraph):
        piece = paragraph[start:end]
        stripped = piece.strip()
        if not stripped:
            continue
        start += len(piece) - len(piece.lstrip())
        end = start + len(stripped)
        lead = _LEADING_MARKERS.match(stripped)
        if spans and lead and lead.end() < len(stripped):
            # "... in Europe. [10] However, ..." -> the marker belongs to the sentence before
            spans[-1] = (spans[-1][0], start + len(lead.group(0).rstrip()))
            start += lead.end()
        if spans and (
            _GLUE.match(stripped) or _LEADING_ABBREV.match(paragraph[spans[-1][0] : spans[-1][1]])
        ):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def sentence_spans(body: str) -> tuple[list[int], list[int], list[int]]:
    """Paragraph ids, starts and ends of the sentences :func:`split_sentences` gives, as lists.

    Example:
        >>> sentence_spans("He left. She stayed.\\n\\nThe end.")
        ([1, 1, 2], [0, 9, 22], [8, 20, 30])
    """
    paragraph_ids: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    for paragraph_id, (p_start, p_end) in enumerate(split_paragraphs(body), start=1):
        for start, end in _sentence_spans(body[p_start:p_end]):
            paragraph_ids.append(paragraph_id)
            starts.append(p_start + start)
            ends.append(p_start + end)
    return paragraph_ids, starts, ends


def split_sentences(body: str) -> pd.DataFrame:
    """Split a cleaned body into sentences with offsets (``body[start:end] == text``).

    Example:
        >>> split_sentences("Mr. Smith met U.S. officials in the region[1]. He left.")["text"].tolist()
        ['Mr. Smith met U.S. officials in the region[1].', 'He left.']
    """
    paragraph_ids, starts, ends = sentence_spans(body)
    return pd.DataFrame(
        {
            "sentence_id": np.arange(1, len(starts) + 1, dtype=np.int64),
            "paragraph_id": np.array(paragraph_ids, dtype=np.int64),
            "start": np.array(starts, dtype=np.int64),
            "end": np.array(ends, dtype=np.int64),
            "text": pd.array([body[s:e] for s, e in zip(starts, ends, strict=True)], dtype="str"),
        }
    )


def count_words(text: str) -> int:
    """Count words (letters/digits, with inner hyphens and apostrophes).

    Example:
        >>> count_words("NATO's Tokyo liaison office, 2024.")
        5
    """
    return len(_WORD.findall(text))
