"""Sentence sentiment: TextBlob's polarity and subjectivity of every sentence of an article.

:func:`sentence_table` is the ``sentences`` table of a body (split and scored, with offsets into the
original file); :func:`score_sentences` scores the sentences of any table. TextBlob is computed with
its exact fast re-implementation (:mod:`helpers.sentiment.fastblob`): the same numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..frames import Columns
from ..ingest.segment import sentence_spans, split_sentences
from .fastblob import score as _blob

__all__ = ["score_sentences", "sentence_table"]


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """Add TextBlob polarity and subjectivity to each sentence.

    Example:
        >>> bool(score_sentences(pd.DataFrame({"text": ["A big win."]}))["polarity"].iloc[0] > 0)
        True
    """
    # helpers.sentiment.fastblob.score is textblob.en.sentiment (what TextBlob(text).sentiment calls), exactly.
    scores = [_blob(text) for text in sentences["text"].tolist()]
    return sentences.assign(
        polarity=[s[0] for s in scores],
        subjectivity=[s[1] for s in scores],
    )


_SENTENCE_KINDS = {
    "sentence_id": "int64",
    "paragraph_id": "int64",
    "start": "int64",
    "end": "int64",
    "text": "str",
    "polarity": "float64",
    "subjectivity": "float64",
    "orig_start": "int64",
    "orig_end": "int64",
}


def sentence_table(body: str, offsets: np.ndarray) -> Columns:
    """``score_sentences(split_sentences(body))`` with ``orig_start``/``orig_end``, in one frame.

    ``offsets`` maps positions of ``body`` to the original text (``helpers.ingest.clean.Cleaned``). The
    same columns and types as splitting, scoring and assigning the offsets step by step, without
    copying the frame twice on the way.

    Example:
        >>> frame = sentence_table("A big win. He left.", np.arange(19)).frame()
        >>> frame[["text", "orig_end"]].values.tolist()
        [['A big win.', 10], ['He left.', 19]]
    """
    paragraph_ids, starts, ends = sentence_spans(body)
    texts = [body[s:e] for s, e in zip(starts, ends, strict=True)]
    scores = [_blob(text) for text in texts]
    polarity, subjectivity = [s[0] for s in scores], [s[1] for s in scores]
    if not texts or not all(type(v) is float for v in polarity + subjectivity):
        sentences = score_sentences(split_sentences(body))  # let pandas type what is unusual
        return Columns.of_frame(
            sentences.assign(
                orig_start=offsets[sentences["start"].to_numpy()],
                orig_end=offsets[sentences["end"].to_numpy() - 1] + 1,
            )
        )
    start, end = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
    data = {
        "sentence_id": list(range(1, len(starts) + 1)),
        "paragraph_id": list(paragraph_ids),
        "start": list(starts),
        "end": list(ends),
        "text": texts,
        "polarity": polarity,
        "subjectivity": subjectivity,
        "orig_start": offsets[start].tolist(),
        "orig_end": (offsets[end - 1] + 1).tolist(),
    }
    return Columns(data, _SENTENCE_KINDS)
