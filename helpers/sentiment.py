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
``devtest_rw`` only (see ``helpers.eval_sentiment``).
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
from textblob.en import sentiment as _pattern_sentiment

from .sentiment_target import (
    _STRIP,
    LABELS,
    Clause,
    TargetSettings,
    explain,
    is_speaker,
    label,
    mask_spans,
    score_clauses,
    score_target,
    split_clauses,
)

__all__ = [
    "Clause",
    "TargetSettings",
    "country_sentiment",
    "explain",
    "is_speaker",
    "label",
    "mask_spans",
    "mention_sentiment",
    "score_clauses",
    "score_sentences",
    "score_target",
    "split_clauses",
]
SCORE_COLUMNS = [
    "sentence_id",
    "actor_id",
    "actor",
    "actor_type",
    "country",
    "start",
    "end",
    "polarity",
    "subjectivity",
    "label",
    "vader",
    "textblob",
    "speaker",
    "clause_start",
    "clause_end",
    "clause",
]
SUMMARY_COLUMNS = [
    "article_id",
    "country",
    "mentions",
    "polarity",
    "subjectivity",
    "share_negative",
    "share_neutral",
    "share_positive",
    "ci_low",
    "ci_high",
    "vader",
    "level",
    "outlet",
]
EVIDENCE_COLUMNS = [
    "sentence_id",
    "actor_id",
    "country",
    "word",
    "polarity",
    "subjectivity",
    "source",
    "start",
]


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """Add TextBlob polarity and subjectivity to each sentence.

    Example:
        >>> bool(score_sentences(pd.DataFrame({"text": ["A big win."]}))["polarity"].iloc[0] > 0)
        True
    """
    # textblob.en.sentiment is what TextBlob(text).sentiment calls; one call gives both numbers.
    scores = [_pattern_sentiment(text) for text in sentences["text"]]
    return sentences.assign(
        polarity=[s[0] for s in scores],
        subjectivity=[s[1] for s in scores],
    )


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
    if mentions is None or len(mentions) == 0:
        return pd.DataFrame(columns=SCORE_COLUMNS), pd.DataFrame(columns=EVIDENCE_COLUMNS)
    settings = settings or TargetSettings()
    bounds = dict(
        zip(
            sentences["sentence_id"].astype(int),
            zip(sentences["start"].astype(int), sentences["end"].astype(int), strict=True),
            strict=True,
        )
    )
    records = sorted(
        mentions.to_dict("records"),
        key=lambda m: (int(m["sentence_id"]), int(m["start"]), int(m["end"]), str(m["actor_id"])),
    )
    by_sentence: dict[int, list[dict]] = {}
    for m in records:  # plain Python: pandas per-group overhead dominated the run time
        by_sentence.setdefault(int(m["sentence_id"]), []).append(m)
    rows, evidence = [], []
    for sentence_id, group in by_sentence.items():
        if sentence_id not in bounds:
            raise ValueError(f"mentions name sentence_id {sentence_id}, which is not in sentences")
        s_start, s_end = bounds[sentence_id]
        text = body[s_start:s_end]
        spans = [(int(m["start"]) - s_start, int(m["end"]) - s_start) for m in group]
        masked = mask_spans(text, spans)
        clauses = score_clauses(masked)
        explained: dict[tuple[int, int], list[dict]] = {}
        for m, (start, end) in zip(group, spans, strict=True):
            speaker = is_speaker(text, start, end)
            result = score_target(
                masked, start, end, clauses=clauses, speaker=speaker, settings=settings
            )
            c_start, c_end = result.pop("clause_start"), result.pop("clause_end")
            country = m.get("country")
            ids = {
                "sentence_id": sentence_id,
                "actor_id": m["actor_id"],
                "country": country if isinstance(country, str) else "",
            }
            rows.append(
                {
                    **ids,
                    "actor": m.get("actor", ""),
                    "actor_type": m.get("actor_type", ""),
                    "start": int(m["start"]),
                    "end": int(m["end"]),
                    **result,
                    "clause_start": s_start + c_start,
                    "clause_end": s_start + c_end,
                    "clause": text[c_start:c_end].strip(_STRIP),
                }
            )
            if speaker and settings.speaker_weight == 0:
                continue  # a speaker's own words did not carry a score for them
            if (c_start, c_end) not in explained:
                explained[(c_start, c_end)] = explain(masked[c_start:c_end])
            evidence += [
                {**ids, **item, "start": int(m["start"])} for item in explained[(c_start, c_end)]
            ]
    scores = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    evidence = pd.DataFrame(evidence, columns=EVIDENCE_COLUMNS)
    return scores, evidence.sort_values(
        ["sentence_id", "start", "actor_id", "source", "word"], kind="mergesort"
    ).reset_index(drop=True)


def country_sentiment(
    scores: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str = "country",
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Summarise mention scores per article, per outlet and across all articles.

    Args:
        scores: :func:`mention_sentiment` scores with an ``article_id`` column.
        articles: article_id, outlet.
        by: "country" (persons and organisations count toward their country; mentions with no
            country are dropped) or "actor" (one row per actor; ``country`` holds the actor_id).
        n_boot: bootstrap resamples for the 95% interval of the mean polarity.
        seed: random seed of the bootstrap (same input, same interval).

    Returns:
        article_id, country, mentions, polarity, subjectivity, share_negative, share_neutral,
        share_positive, ci_low, ci_high, vader, level (article|outlet|all), outlet.

    Example:
        >>> s = pd.DataFrame({"article_id": ["a", "a"], "country": ["JPN", "JPN"],
        ...     "actor_id": ["JPN", "JPN"], "polarity": [0.5, 0.1], "subjectivity": [0.5, 0.2],
        ...     "label": ["positive", "neutral"], "vader": [0.4, 0.0]})
        >>> country_sentiment(s, pd.DataFrame({"article_id": ["a"], "outlet": ["X"]}))[
        ...     ["article_id", "mentions", "polarity"]].values.tolist()
        [['a', 2, 0.3], ['outlet:X', 2, 0.3], ['ALL', 2, 0.3]]
    """
    if by not in ("country", "actor"):
        raise ValueError(f"by must be 'country' or 'actor', not {by!r}")
    if scores is None or len(scores) == 0:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    frame = scores.copy()
    if by == "actor":
        frame["country"] = frame["actor_id"]
    frame["country"] = frame["country"].fillna("").astype(str)
    frame = frame[frame["country"] != ""]
    outlets = (
        dict(zip(articles["article_id"], articles["outlet"].fillna("").astype(str), strict=True))
        if len(articles)
        else {}
    )
    frame["outlet"] = frame["article_id"].map(outlets).fillna("")
    levels = [
        frame.assign(level="article"),
        frame.assign(level="outlet", article_id="outlet:" + frame["outlet"]),
        frame.assign(level="all", article_id="ALL", outlet=""),
    ]
    rows = []
    for level in levels:
        keys = ["article_id", "country", "outlet"]
        for (article_id, country, outlet), group in level.groupby(keys, sort=True):
            polarity = np.sort(group["polarity"].to_numpy(dtype=float))
            key = zlib.crc32(f"{article_id}|{country}".encode())
            ci_low, ci_high = _bootstrap_ci(polarity, n_boot=n_boot, seed=[seed, key])
            labels = group["label"].value_counts()
            rows.append(
                {
                    "article_id": article_id,
                    "country": country,
                    "mentions": len(group),
                    "polarity": float(polarity.mean()),
                    "subjectivity": float(group["subjectivity"].mean()),
                    **{f"share_{name}": float(labels.get(name, 0)) / len(group) for name in LABELS},
                    "ci_low": ci_low,
                    "ci_high": ci_high,
                    "vader": float(group["vader"].mean()),
                    "level": group["level"].iloc[0],
                    "outlet": outlet,
                }
            )
    out = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    rank = out["level"].map({"article": 0, "outlet": 1, "all": 2})
    return (
        out.assign(_rank=rank)
        .sort_values(["_rank", "article_id", "country"], kind="mergesort")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def _bootstrap_ci(values: np.ndarray, *, n_boot: int, seed: list[int]) -> tuple[float, float]:
    """95% percentile bootstrap interval of the mean, drawn in chunks to bound memory."""
    if len(values) < 2 or n_boot < 1:
        return float(values.mean()), float(values.mean())
    rng = np.random.default_rng(seed)
    chunk = max(1, 2_000_000 // len(values))
    means = np.concatenate(
        [
            values[rng.integers(0, len(values), size=(min(chunk, n_boot - i), len(values)))].mean(
                axis=1
            )
            for i in range(0, n_boot, chunk)
        ]
    )
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)
