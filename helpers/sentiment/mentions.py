"""Sentiment: sentence scores (TextBlob) and per-mention (target) sentiment with its evidence.

A mention is scored from the clause around it, not the whole sentence, so that "Japan is a
reliable partner, but China is a threat" gives Japan and China different scores. The clause
score combines two lexicons: VADER with the kit's news lexicon added
(``data/sentiment_lexicon_news.csv``) and TextBlob; neighbouring clauses count a little, less
across a contrast ("but", "although", see ``data/sentiment_contrast.csv``). Negation is handled by
both lexicons inside the clause. A mention that is the speaker of a sentence ("..., Obama said",
"China warned that ...") scores 0 (neutral) by default, because what a speaker says is mostly
about someone else; the target of the statement gets its sentiment instead. The weights and neutral
thresholds in :class:`TargetSettings` were chosen on the even-numbered records of NewsMTSC
``devtest_rw`` only (see ``helpers.evaluate.sentiment``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..frames import Columns, col
from ..ingest.segment import sentence_spans, split_sentences
from .fastblob import score as _blob
from .summary import LEVELS, SUMMARY_COLUMNS, country_sentiment
from .target import (
    _STRIP,
    LABELS,
    Clause,
    TargetSettings,
    _evidence,
    _score_clauses,
    _score_target,
    explain,
    is_speaker,
    label,
    mask_spans,
    score_clauses,
    score_target,
    split_clauses,
)

__all__ = [
    "LEVELS",
    "SUMMARY_COLUMNS",
    "Clause",
    "TargetSettings",
    "country_sentiment",
    "explain",
    "is_speaker",
    "label",
    "LABELS",
    "mask_spans",
    "mention_sentiment",
    "score_clauses",
    "score_sentences",
    "sentence_table",
    "score_target",
    "split_clauses",
]


# Column types of the two tables (None: as the mentions give them, usually text).
_SCORE_KINDS = {
    "sentence_id": "int64",
    "actor_id": None,
    "actor": None,
    "actor_type": None,
    "country": "str",
    "start": "int64",
    "end": "int64",
    "polarity": "float64",
    "subjectivity": "float64",
    "label": "str",
    "vader": "float64",
    "textblob": "float64",
    "speaker": "bool",
    "clause_start": "int64",
    "clause_end": "int64",
    "clause": "str",
}
_EVIDENCE_KINDS = {
    "sentence_id": "int64",
    "actor_id": None,
    "country": "str",
    "word": "str",
    "polarity": "float64",
    "subjectivity": "float64",
    "source": "str",
    "start": "int64",
}


def _columns(rows: list[tuple], kinds: dict[str, str | None]) -> Columns:
    """``pd.DataFrame(rows, columns=list(kinds))`` as :class:`Columns`: the same frame, the column
    types given (a column of unknown type, passed through from the mentions, is inferred)."""
    names = list(kinds)
    if not rows:
        return Columns.empty(names)
    return Columns(dict(zip(names, map(list, zip(*rows, strict=True)), strict=True)), kinds)


SCORE_COLUMNS = list(_SCORE_KINDS)
EVIDENCE_COLUMNS = list(_EVIDENCE_KINDS)


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


def sentence_table(body: str, offsets: np.ndarray) -> pd.DataFrame:
    """``score_sentences(split_sentences(body))`` with ``orig_start``/``orig_end``, in one frame.

    ``offsets`` maps positions of ``body`` to the original text (``helpers.ingest.clean.Cleaned``). The
    same columns and types as splitting, scoring and assigning the offsets step by step, without
    copying the frame twice on the way.

    Example:
        >>> frame = sentence_table("A big win. He left.", np.arange(19))
        >>> frame[["text", "orig_end"]].values.tolist()
        [['A big win.', 10], ['He left.', 19]]
    """
    return sentence_columns(body, offsets).frame()


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


def sentence_columns(body: str, offsets: np.ndarray) -> Columns:
    """:func:`sentence_table` as plain columns (``.frame()`` is that table)."""
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


def mention_sentiment(
    body: str,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    settings: TargetSettings | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score every mention from the clause around it; return (scores, evidence).

    All mention spans of a sentence are masked before scoring, so names ("United States") never
    count as sentiment words.

    Args:
        body: the cleaned article text.
        sentences: sentence_id, start, end, text (``body[start:end] == text``).
        mentions: sentence_id, actor_id, actor, actor_type, country, start, end (offsets in body).
        settings: weights and thresholds (defaults: :class:`TargetSettings`).

    Returns:
        scores: one row per mention (SCORE_COLUMNS; clause offsets are into ``body``).
        evidence: one row per word/phrase of the mention's clause that carries sentiment
        (EVIDENCE_COLUMNS; ``start`` is the mention's start).

    Example:
        >>> body = "Japan is a reliable partner, but China is a threat."
        >>> sents = pd.DataFrame({"sentence_id": [1], "start": [0], "end": [len(body)],
        ...                       "text": [body]})
        >>> ments = pd.DataFrame({"sentence_id": [1, 1], "actor_id": ["JPN", "CHN"],
        ...     "actor": ["Japan", "China"], "actor_type": ["country"] * 2,
        ...     "country": ["JPN", "CHN"], "start": [0, 33], "end": [5, 38]})
        >>> mention_sentiment(body, sents, ments)[0]["label"].tolist()
        ['positive', 'negative']
    """
    scores, evidence = mention_sentiment_columns(body, sentences, mentions, settings=settings)
    return scores.frame(), evidence.frame()


def mention_sentiment_columns(
    body: str,
    sentences: pd.DataFrame | Columns,
    mentions: pd.DataFrame | Columns | None,
    *,
    settings: TargetSettings | None = None,
) -> tuple[Columns, Columns]:
    """:func:`mention_sentiment` as plain columns (``.frame()`` gives its two tables)."""
    if mentions is None or len(mentions) == 0:
        return (
            Columns.empty(SCORE_COLUMNS),
            Columns.empty(EVIDENCE_COLUMNS),
        )
    settings = settings or TargetSettings()
    # Plain lists, one DataFrame per table at the end: pandas per row or per group cost more
    # than the scoring itself.
    bounds = dict(
        zip(
            map(int, col(sentences, "sentence_id")),
            zip(
                map(int, col(sentences, "start")),
                map(int, col(sentences, "end")),
                strict=True,
            ),
            strict=True,
        )
    )
    n = len(mentions)

    def column(name: str, default: object = None) -> list:
        return col(mentions, name) if name in mentions.columns else [default] * n

    records = sorted(
        zip(
            map(int, col(mentions, "sentence_id")),
            map(int, col(mentions, "start")),
            map(int, col(mentions, "end")),
            col(mentions, "actor_id"),
            column("country"),
            column("actor", ""),
            column("actor_type", ""),
            strict=True,
        ),
        key=lambda m: (m[0], m[1], m[2], str(m[3])),
    )
    by_sentence: dict[int, list[tuple]] = {}
    for m in records:
        by_sentence.setdefault(m[0], []).append(m)
    rows: list[tuple] = []
    evidence: list[tuple] = []
    blobs: dict[str, object] = {}  # masked clause text -> TextBlob score (clauses, then evidence)
    vader: dict[str, float] = {}  # masked clause text -> plain VADER compound
    explained: dict[str, list[tuple]] = {}  # masked clause text -> its evidence items
    no_speaker_evidence = settings.speaker_weight == 0
    for sentence_id, group in by_sentence.items():
        if sentence_id not in bounds:
            raise ValueError(f"mentions name sentence_id {sentence_id}, which is not in sentences")
        s_start, s_end = bounds[sentence_id]
        text = body[s_start:s_end]
        spans = [(m[1] - s_start, m[2] - s_start) for m in group]
        masked = mask_spans(text, spans)
        clauses = _score_clauses(masked, blobs, vader)
        for (_, m_start, m_end, actor_id, country, actor, actor_type), (start, end) in zip(
            group, spans, strict=True
        ):
            speaker = is_speaker(text, start, end)
            result = _score_target(masked, start, end, clauses, speaker, settings, vader)
            c_start, c_end = result.clause_start, result.clause_end
            country = country if isinstance(country, str) else ""
            rows.append(
                (
                    sentence_id,
                    actor_id,
                    actor,
                    actor_type,
                    country,
                    m_start,
                    m_end,
                    *result[:6],  # polarity ... speaker, as in SCORE_COLUMNS
                    s_start + c_start,
                    s_start + c_end,
                    text[c_start:c_end].strip(_STRIP),
                )
            )
            if speaker and no_speaker_evidence:
                continue  # a speaker's own words did not carry a score for them
            piece = masked[c_start:c_end]
            items = explained.get(piece)
            if items is None:
                blob = blobs.get(piece)
                if blob is None:
                    blob = blobs[piece] = _blob(piece)
                items = explained[piece] = _evidence(piece, blob)
            evidence += [
                (sentence_id, actor_id, country, word, polarity, subjectivity, source, m_start)
                for word, polarity, subjectivity, source in items
            ]
    scores = _columns(rows, _SCORE_KINDS)
    try:  # stable, like the pandas mergesort: sentence_id, start, actor_id, source, word
        evidence.sort(key=lambda e: (e[0], e[7], e[1], e[6], e[3]))
    except TypeError:  # actor ids that do not compare (mixed types): let pandas order them
        frame = pd.DataFrame(evidence, columns=EVIDENCE_COLUMNS)
        return scores, Columns.of_frame(
            frame.sort_values(
                ["sentence_id", "start", "actor_id", "source", "word"], kind="mergesort"
            ).reset_index(drop=True)
        )
    return scores, _columns(evidence, _EVIDENCE_KINDS)
