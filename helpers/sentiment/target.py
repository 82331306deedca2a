"""Target sentiment: the tone toward each mention, from the clause around it, with its evidence.

A mention is scored from the clause around it, not the whole sentence, so that "Japan is a
reliable partner, but China is a threat" gives Japan and China different scores. The clause
score combines two lexicons: VADER with the kit's news lexicon added
(``data/sentiment_lexicon_news.csv``) and TextBlob; neighbouring clauses count a little, less
across a contrast ("but", "although", see ``data/sentiment_contrast.csv``). Negation is handled by
both lexicons inside the clause. A mention that is the speaker of a sentence ("..., Obama said",
"China warned that ...") scores 0 (neutral) by default, because what a speaker says is mostly
about someone else; the target of the statement gets its sentiment instead. The weights and neutral
thresholds in :class:`TargetSettings` were chosen on the even-numbered records of NewsMTSC
``devtest_rw`` only (see :mod:`helpers.evaluate.sentiment`).

:func:`mention_sentiment` scores every mention of an article (the ``mention_sentiment`` and
``sentiment_evidence`` tables) with either method: the learned model (:mod:`helpers.sentiment.model`,
the default, which reads this method's scores among its features: :func:`lexicon_mentions`) or this
lexicon method alone; :func:`compare_methods` and :func:`explain_mention` show both on one sentence.
The functions before it work on one sentence string and offsets into it. TextBlob and VADER are
computed with their exact fast re-implementations (:mod:`helpers.sentiment.fastblob`,
:mod:`helpers.sentiment.fastvader`): the same numbers, a few times faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..frames import Columns, col
from .fastblob import score as _blob
from .lexicons import (
    contrast_cues,
    negators,
    news_analyzer,
    news_lexicon,
    news_vader,
    plain_vader,
    speech_verbs,
)
from .model import (
    Mention,
    Model,
    load_model,
    mention_features,
    model_fingerprint,
    prepare_sentence,
)
from .names import name_spans

LABELS = ("negative", "neutral", "positive")

# Clause boundaries: ; : ( ) [ ] dashes, and commas that are not thousands separators.
_BOUNDARY = re.compile(r"[;:()\[\]—–]|,(?!\d{3})|\s-+\s")
_TOKEN = re.compile(r"[\w’']+(?:[.-][\w’']+)*")
_STRIP = " \t\n,;:()[]—–-\"“”'‘’"
_QUOTE_OR_PAUSE = re.compile(r"[,\"“”;:]")  # between a name and "said": not the speaker
_CLAUSE_END = re.compile(r"\s*(?:[,.;:(]|$)")
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() accepts (regex \w is that and "_")
_START = re.Match.start


@dataclass(frozen=True)
class TargetSettings:
    """Weights of the target-level method (chosen on even NewsMTSC records only).

    Attributes:
        context_weight: weight of each other clause of the sentence (the mention's clause is 1).
        contrast_weight: extra factor for clauses on the other side of "but", "although", ...
        textblob_weight: weight of TextBlob's polarity beside VADER's compound (1).
        speaker_weight: factor for a mention that is the speaker ("..., Obama said").
        negative_below: polarity below this is labelled negative.
        positive_above: polarity above this is labelled positive.
    """

    context_weight: float = 0.1
    contrast_weight: float = 0.5
    textblob_weight: float = 0.3
    speaker_weight: float = 0.0
    negative_below: float = 0.0
    positive_above: float = 0.04


class Clause(NamedTuple):  # a tuple: a sentence has several, made for every sentence scored
    """One clause of a sentence: offsets into the sentence, text scores and whether it contrasts."""

    start: int
    end: int
    contrast: bool
    vader_news: float
    textblob: float
    subjectivity: float


class TargetScore(NamedTuple):
    """What :func:`score_target` finds for one mention (``_asdict()`` gives its dict)."""

    polarity: float
    subjectivity: float
    label: str
    vader: float
    textblob: float
    speaker: bool
    clause_start: int
    clause_end: int


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace letters and digits inside each span with "x" so names carry no sentiment.

    "United States" would otherwise count as positive ("united" is in VADER's lexicon).

    Example:
        >>> mask_spans("the United States won", [(4, 17)])
        'the xxxxxx xxxxxx won'
    """
    for start, end in spans:
        start, end = max(start, 0), min(end, len(text))
        if start < end:
            text = text[:start] + _ALNUM.sub("x", text[start:end]) + text[end:]
    return text


def mask_names(text: str, spans: list[tuple[int, int]]) -> str:
    """Mask the mentions' ``spans`` and every institution name of :func:`name_spans`.

    Example:
        >>> mask_names("China's Foreign Ministry was angry", [(0, 5)])
        "xxxxx's xxxxxxx xxxxxxxx was angry"
    """
    return mask_spans(text, spans + name_spans(text))


def split_clauses(text: str) -> list[tuple[int, int, bool]]:
    """Split a sentence into clauses at punctuation and contrast words.

    Returns ``(start, end, contrast)`` triples with offsets into ``text``; ``contrast`` is True
    for a clause opened by a contrast word ("but", "however", ...).

    Example:
        >>> [text[s:e].strip() for text in ["Japan helps, but China hurts."]
        ...  for s, e, _ in split_clauses(text)]
        ['Japan helps', 'but China hurts.']
    """
    contrast = _contrast_regex()
    cuts = {0, len(text)}
    cuts.update(map(_START, _BOUNDARY.finditer(text)))
    cuts.update(map(_START, contrast.finditer(text)))
    bounds = sorted(cuts)
    out = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = text[start:end]
        if piece.strip(_STRIP):
            out.append((start, end, bool(contrast.match(piece.lstrip(_STRIP)))))
    return out or [(0, len(text), False)]


def score_clauses(text: str) -> list[Clause]:
    """Split a (masked) sentence into clauses and score each with VADER(+news) and TextBlob.

    Example:
        >>> [c.vader_news < 0 for c in score_clauses("Japan helps a lot, but China lied.")]
        [False, True]
    """
    return _scored_clauses(text, {}, {})


def _scored_clauses(text: str, blobs: dict, vader: dict[str, float]) -> list[Clause]:
    """:func:`score_clauses` with two caches.

    ``blobs`` keeps each clause's TextBlob result (text -> score). ``vader`` receives plain
    VADER's compound of each clause whose words score the same in both lexicons (most clauses:
    it is then the news compound), so :func:`_score_target` need not score them again.
    """
    news, plain = news_vader(), plain_vader()
    clauses = []
    for start, end, contrast in split_clauses(text):
        piece = text[start:end]
        tb = blobs.get(piece)
        if tb is None:
            tb = blobs[piece] = _blob(piece)
        compound, same = news.compounds(piece, plain)
        if same is not None:
            vader[piece] = same
        clauses.append(Clause(start, end, contrast, compound, tb[0], tb[1]))
    return clauses


def is_speaker(text: str, start: int, end: int) -> bool:
    """Tell whether the mention ``text[start:end]`` is the speaker ("Obama said", "said Obama").

    Example:
        >>> is_speaker("Taxes are bad, Obama said.", 15, 20)
        True
    """
    verbs = speech_verbs()
    rest = text[end:]
    for k, match in enumerate(_TOKEN.finditer(rest)):
        if k == 3:
            break
        token = match.group()
        if token.lower() in verbs:
            # "X, who ... said" or "X" inside a quote is not the speaker of this clause.
            return not _QUOTE_OR_PAUSE.search(rest[: rest.find(token)])
    # The word before the mention: tokens never contain a space, so scanning from the space
    # before the previous word finds the same last token as scanning the whole prefix.
    before = _TOKEN.findall(text, text.rfind(" ", 0, max(start - 1, 0)) + 1, start)[-1:]
    if not before:
        before = _TOKEN.findall(text[:start])[-1:]
    return bool(before and before[0].lower() in verbs and _CLAUSE_END.match(rest))


def score_target(
    text: str,
    start: int,
    end: int,
    *,
    clauses: list[Clause] | None = None,
    speaker: bool | None = None,
    settings: TargetSettings | None = None,
) -> dict:
    """Score the sentiment of one target mention ``text[start:end]`` of a sentence.

    Args:
        text: the sentence (mask other names first with :func:`mask_spans` if you know them).
        start: offset of the mention in ``text``.
        end: end offset of the mention.
        clauses: the sentence's :func:`score_clauses` (computed when omitted; pass to reuse).
        speaker: whether the mention speaks (computed with :func:`is_speaker` when omitted).
        settings: weights and thresholds (defaults: :class:`TargetSettings`).

    Returns:
        dict with polarity (-1..1), subjectivity, label, vader, textblob, speaker, clause_start,
        clause_end (offsets into ``text``).

    Example:
        >>> text = "Japan is a reliable partner, but China is a threat."
        >>> score_target(text, 0, 5)["label"], score_target(text, 33, 38)["label"]
        ('positive', 'negative')
    """
    settings = settings or TargetSettings()
    if clauses is None:
        clauses = score_clauses(mask_names(text, [(start, end)]))
    if speaker is None:
        speaker = is_speaker(text, start, end)
    return _scored_target(text, start, end, clauses, speaker, settings, {})._asdict()


def _scored_target(
    text: str,
    start: int,
    end: int,
    clauses: list[Clause],
    speaker: bool,
    settings: TargetSettings,
    vader: dict[str, float],
) -> TargetScore:
    """:func:`score_target` as a :class:`TargetScore`.

    Plain VADER's clause scores are kept in ``vader`` (text -> compound).
    """
    stop = max(end, start + 1)
    lo = hi = -1
    for k, clause in enumerate(clauses):
        if clause.start < stop and clause.end > start:
            if lo < 0:
                lo = k
            hi = k
    if lo < 0:
        lo, hi = 0, len(clauses) - 1
    wt = settings.textblob_weight
    context = settings.context_weight
    across = context * settings.contrast_weight  # a contrast lies between it and the mention
    total = 0.0
    for k, clause in enumerate(clauses):
        if k < lo:
            weight = across if any(c.contrast for c in clauses[k + 1 : lo + 1]) else context
        elif k > hi:
            weight = across if any(c.contrast for c in clauses[hi + 1 : k + 1]) else context
        else:
            weight = 1.0
        total += weight * (clause.vader_news + wt * clause.textblob)
    polarity = total / (1.0 + wt) * (settings.speaker_weight if speaker else 1.0)
    polarity = float(min(1.0, max(-1.0, polarity)))
    c_start, c_end = clauses[lo].start, clauses[hi].end
    piece = text[c_start:c_end]
    compound = vader.get(piece)
    if compound is None:
        # VADER as published, on the same clause: the second instrument students compare with.
        compound = vader[piece] = plain_vader().compound(piece)
    own = clauses[lo : hi + 1]
    return TargetScore(
        polarity,
        _mean([c.subjectivity for c in own]),
        label(polarity, settings=settings),
        compound,
        _mean([c.textblob for c in own]),
        bool(speaker),
        c_start,
        c_end,
    )


def lexicon_mentions(
    text: str,
    spans: list[tuple[int, int]],
    *,
    settings: TargetSettings | None = None,
    cache: dict | None = None,
    masked: str | None = None,
) -> list[tuple[TargetScore, Mention]]:
    """Score every mention of one sentence with the lexicon method, and describe it for the model.

    All spans and institution names are masked first (names are not sentiment words). For each span, in order, the
    lexicon method's :class:`TargetScore` and the :class:`helpers.sentiment.model.Mention` the
    learned model reads its lexicon and flag features from.

    Args:
        text: the sentence.
        spans: (start, end) of every mention in ``text``.
        settings: the lexicon method's weights and thresholds.
        cache: a dict kept between calls (clause scores of repeated clause texts).
        masked: ``mask_names(text, spans)`` when the caller has it already.

    Example:
        >>> text = "Japan is a reliable partner, but China is a threat."
        >>> [(s.label, m.contrast) for s, m in lexicon_mentions(text, [(0, 5), (33, 38)])]
        [('positive', False), ('negative', True)]
    """
    settings = settings or TargetSettings()
    cache = {} if cache is None else cache
    blobs = cache.setdefault("blobs", {})
    vader = cache.setdefault("vader", {})
    if masked is None:
        masked = mask_names(text, spans)
    clauses = _scored_clauses(masked, blobs, vader)
    sentence_vader = _mean([c.vader_news for c in clauses])
    sentence_textblob = _mean([c.textblob for c in clauses])
    out = []
    for start, end in spans:
        speaker = is_speaker(text, start, end)
        result = _scored_target(masked, start, end, clauses, speaker, settings, vader)
        own = [c for c in clauses if result.clause_start <= c.start < result.clause_end]
        mention = Mention(
            start,
            end,
            bool(speaker),
            result.clause_start,
            result.clause_end,
            # The model reads a speaker's clause score before the lexicon method's damping: it
            # learned what a speaker's words say about the speaker (``flag:speaker`` beside it).
            _scored_target(masked, start, end, clauses, False, settings, vader).polarity
            if speaker
            else result.polarity,
            _mean([c.vader_news for c in own]),
            result.textblob,
            any(c.contrast for c in own),
            sentence_vader,
            sentence_textblob,
        )
        out.append((result, mention))
    return out


def _mean(values: list[float]) -> float:
    """``float(np.mean(values))``, bit for bit: NumPy adds fewer than 8 values in order from 0.0."""
    if len(values) < 8:
        total = 0.0
        for value in values:
            total += value
        return total / len(values)
    return float(np.mean(values))


def label(polarity: float, *, settings: TargetSettings | None = None) -> str:
    """Turn a polarity into negative | neutral | positive with the settings' thresholds.

    Example:
        >>> label(0.5), label(0.0), label(-0.5)
        ('positive', 'neutral', 'negative')
    """
    settings = settings or TargetSettings()
    if polarity < settings.negative_below:
        return "negative"
    if polarity > settings.positive_above:
        return "positive"
    return "neutral"


def explain(text: str) -> list[dict]:
    """List the words and phrases that carry the sentiment of a clause, from each lexicon.

    TextBlob's ``sentiment_assessments`` phrases (with their negations, "not good") come first
    (source ``textblob``), then VADER's lexicon hits (source ``vader``, or ``news_lexicon`` for
    the kit's own words); a VADER word after a negator is shown as "not ..." with the sign flipped
    the way VADER does it (x -0.74). VADER polarities are its valence / 4.

    Example:
        >>> [(e["word"], e["source"]) for e in explain("not a good idea, a fraud")]
        [('not good', 'textblob'), ('not good', 'vader'), ('fraud', 'vader')]
    """
    return _explain(text, _blob(text))


def _explain(text: str, blob) -> list[dict]:
    """:func:`explain` with the clause's TextBlob result (``fastblob.score(text)``) given."""
    keys = ("word", "polarity", "subjectivity", "source")
    return [dict(zip(keys, item, strict=True)) for item in _evidence(text, blob)]


def _evidence(text: str, blob) -> list[tuple[str, float, float, str]]:
    """:func:`_explain`'s items as (word, polarity, subjectivity, source) tuples."""
    out = []
    for words, polarity, subjectivity, _ in blob.assessments:
        if polarity == 0 and subjectivity == 0:
            continue  # a known word with no polarity and no subjectivity carries nothing
        out.append((" ".join(words), float(polarity), float(subjectivity), "textblob"))
    lexicon, own, negs = news_analyzer().lexicon, news_lexicon(), negators()
    if text.isascii():  # lower-casing ASCII changes no token boundary, and there is no ’
        tokens = _TOKEN.findall(text.lower())
    else:
        tokens = [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]
    for i, token in enumerate(tokens):
        if token not in lexicon:
            continue
        polarity = lexicon[token] / 4.0
        negation = next((t for t in tokens[max(0, i - 3) : i] if t.replace("'", "") in negs), "")
        if negation:
            polarity *= -0.74
        out.append(
            (
                f"{negation} {token}".strip(),
                max(-1.0, min(1.0, polarity)),
                float("nan"),
                "news_lexicon" if token in own else "vader",
            )
        )
    return out


@lru_cache(maxsize=1)
def _contrast_regex() -> re.Pattern:
    cues = sorted(contrast_cues(), key=len, reverse=True)
    words = "|".join(r"\s+".join(map(re.escape, cue.split())) for cue in cues)
    # The look-ahead on the cues' first letters changes nothing but makes most positions fail fast.
    first = "".join(sorted({re.escape(cue[0]) for cue in cues}))
    ahead = f"(?=[{first}])" if first else ""
    return re.compile(rf"\b{ahead}(?:{words})\b", re.IGNORECASE)


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
    "method": "str",
    "lexicon_polarity": "float64",
    "lexicon_label": "str",
    "p_negative": "float64",
    "p_neutral": "float64",
    "p_positive": "float64",
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
    "feature": "str",
}

#: The two ways of scoring a mention: the learned model (default) and the lexicon method.
METHODS = ("model", "lexicon")
_NAN = float("nan")


def _columns(rows: list[tuple], kinds: dict[str, str | None]) -> Columns:
    """``pd.DataFrame(rows, columns=list(kinds))`` as :class:`Columns`: the same frame, the column
    types given (a column of unknown type, passed through from the mentions, is inferred)."""
    names = list(kinds)
    if not rows:
        return Columns.empty(names)
    return Columns(dict(zip(names, map(list, zip(*rows, strict=True)), strict=True)), kinds)


SCORE_COLUMNS = list(_SCORE_KINDS)
EVIDENCE_COLUMNS = list(_EVIDENCE_KINDS)


def method_key(method: str) -> str:
    """What a run's tables depend on in the choice of method: its name, and the model's weights.

    Part of the analysis cache key, so that a table made with one method (or an older model) is
    never served for another.

    Example:
        >>> method_key("lexicon")
        'lexicon'
        >>> method_key("model").startswith("model:")
        True
    """
    _check_method(method)
    return f"model:{model_fingerprint()}" if method == "model" else method


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ValueError(f"sentiment method must be one of {METHODS}, not {method!r}")


def mention_sentiment(
    body: str,
    sentences: pd.DataFrame | Columns,
    mentions: pd.DataFrame | Columns | None,
    *,
    method: str = "model",
    settings: TargetSettings | None = None,
    model: Model | None = None,
) -> tuple[Columns, Columns]:
    """Score every mention of an article; return (scores, evidence).

    All mention spans of a sentence are masked before scoring, so names ("United States") never
    count as sentiment words. The lexicon method is always computed (``lexicon_polarity``,
    ``lexicon_label`` and its evidence words); with ``method="model"`` the learned model
    (:mod:`helpers.sentiment.model`) gives ``polarity`` (P(positive) - P(negative)), ``label``
    and the three probabilities, and its evidence rows (``source`` = "model": the words and
    features that pushed the mention toward positive or negative, ``polarity`` = the push).

    Args:
        body: the cleaned article text.
        sentences: sentence_id, start, end, text (``body[start:end] == text``).
        mentions: sentence_id, actor_id, actor, actor_type, country, start, end (offsets in body).
        method: "model" (default) or "lexicon" (the kit's rules alone, as before the model).
        settings: the lexicon method's weights and thresholds (defaults: :class:`TargetSettings`).
        model: a trained model (default: the kit's, ``data/sentiment_model/``).

    Returns:
        Two :class:`helpers.frames.Columns` tables (``.frame()`` gives each DataFrame).
        scores: one row per mention (SCORE_COLUMNS; clause offsets are into ``body``).
        evidence: one row per word, phrase or feature behind a mention's score
        (EVIDENCE_COLUMNS; ``start`` is the mention's start).

    Example:
        >>> body = "Japan is a reliable partner, but China is a threat."
        >>> sents = pd.DataFrame({"sentence_id": [1], "start": [0], "end": [len(body)],
        ...                       "text": [body]})
        >>> ments = pd.DataFrame({"sentence_id": [1, 1], "actor_id": ["JPN", "CHN"],
        ...     "actor": ["Japan", "China"], "actor_type": ["country"] * 2,
        ...     "country": ["JPN", "CHN"], "start": [0, 33], "end": [5, 38]})
        >>> mention_sentiment(body, sents, ments, method="lexicon")[0].column("label")
        ['positive', 'negative']
        >>> mention_sentiment(body, sents, ments)[0].column("label")
        ['positive', 'negative']
    """
    _check_method(method)
    if mentions is None or len(mentions) == 0:
        return (
            Columns.empty(SCORE_COLUMNS),
            Columns.empty(EVIDENCE_COLUMNS),
        )
    settings = settings or TargetSettings()
    if method == "model" and model is None:
        model = load_model()
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
    cache: dict = {}  # clause texts -> TextBlob and VADER scores, shared by the sentences
    blobs = cache.setdefault("blobs", {})
    explained: dict[str, list[tuple]] = {}  # masked clause text -> its evidence items
    no_speaker_evidence = settings.speaker_weight == 0
    read = []  # (sentence_id, its mentions, start, text, masked text, lexicon_mentions)
    for sentence_id, group in by_sentence.items():
        if sentence_id not in bounds:
            raise ValueError(f"mentions name sentence_id {sentence_id}, which is not in sentences")
        s_start, s_end = bounds[sentence_id]
        text = body[s_start:s_end]
        spans = [(m[1] - s_start, m[2] - s_start) for m in group]
        masked = mask_names(text, spans)
        found = lexicon_mentions(text, spans, settings=settings, cache=cache, masked=masked)
        read.append((sentence_id, group, s_start, text, masked, found))
    # The model scores every sentence after the lexicon method has read them all: each loop
    # keeps its own words and weights at hand (about 0.4 ms an article faster than one loop).
    if model is None:
        answers_of = [[None] * len(found) for *_, found in read]
    else:
        answers_of = [model.score_sentence(r[3], [m for _, m in r[5]]) for r in read]
    for (sentence_id, group, s_start, text, masked, found), answers in zip(
        read, answers_of, strict=True
    ):
        for (_, m_start, m_end, actor_id, country, actor, actor_type), (result, _), answer in zip(
            group, found, answers, strict=True
        ):
            c_start, c_end = result.clause_start, result.clause_end
            country = country if isinstance(country, str) else ""
            if answer is None:
                polarity, label_, probabilities = result.polarity, result.label, (_NAN,) * 3
            else:
                label_, probabilities, pushes = answer
                polarity = probabilities[2] - probabilities[0]
                evidence += [
                    (sentence_id, actor_id, country, word, push, _NAN, "model", m_start, names)
                    for word, push, names in pushes
                ]
            rows.append(
                (
                    sentence_id,
                    actor_id,
                    actor,
                    actor_type,
                    country,
                    m_start,
                    m_end,
                    polarity,
                    result.subjectivity,
                    label_,
                    result.vader,
                    result.textblob,
                    result.speaker,
                    s_start + c_start,
                    s_start + c_end,
                    text[c_start:c_end].strip(_STRIP),
                    method,
                    result.polarity,
                    result.label,
                    *probabilities,
                )
            )
            if result.speaker and no_speaker_evidence:
                continue  # a speaker's own words did not carry a lexicon score for them
            piece = masked[c_start:c_end]
            items = explained.get(piece)
            if items is None:
                blob = blobs.get(piece)
                if blob is None:
                    blob = blobs[piece] = _blob(piece)
                items = explained[piece] = _evidence(piece, blob)
            evidence += [
                (sentence_id, actor_id, country, word, polarity, subjectivity, source, m_start, "")
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


def compare_methods(sentence: str, targets: list[str]) -> pd.DataFrame:
    """Score the targets of one sentence with both methods, side by side.

    Each target is the first occurrence of its text in ``sentence``; all of them are masked.

    Returns:
        One row per target: target, lexicon_polarity, lexicon_label (fixed word scores and
        rules), model_label, p_negative, p_neutral, p_positive (the learned model).

    Example:
        >>> compare_methods("Japan is a reliable partner, but China is a threat.",
        ...                 ["Japan", "China"])[["target", "lexicon_label", "model_label"]].values.tolist()
        [['Japan', 'positive', 'positive'], ['China', 'negative', 'negative']]
    """
    spans = _spans(sentence, targets)
    model = load_model()
    prepared = prepare_sentence(sentence, spans, model.settings)
    rows = []
    for target, (result, mention) in zip(targets, lexicon_mentions(sentence, spans), strict=True):
        features = mention_features(
            sentence, mention, spans=spans, settings=model.settings, sentence=prepared
        )
        name, probabilities = model.predict(features)
        rows.append((target, result.polarity, result.label, name, *probabilities))
    columns = ["target", "lexicon_polarity", "lexicon_label", "model_label"]
    return pd.DataFrame(rows, columns=[*columns, "p_negative", "p_neutral", "p_positive"])


def explain_mention(sentence: str, target: str, *, others: list[str] = ()) -> pd.DataFrame:
    """Every feature of one mention, with the model's weights and its push toward positive.

    ``target`` (and each of ``others``, other mentions to mask) is the first occurrence of its
    text in ``sentence``. ``push`` = (weight for positive - weight for negative) x value; features
    the model never learned have no weight and push nothing.

    Example:
        >>> table = explain_mention("Japan lied again.", "Japan")
        >>> table.loc[table["feature"] == "near:lie", ["words", "value"]].values.tolist()
        [['lied', 1.0]]
    """
    spans = _spans(sentence, [target, *others])
    model = load_model()
    (_, mention), *_ = lexicon_mentions(sentence, spans)
    features = mention_features(sentence, mention, spans=spans, settings=model.settings)
    rows = []
    for name, (value, words) in sorted(features.items()):
        weights = model.weights.get(name, (_NAN, _NAN, _NAN))
        rows.append((name, words, value, *weights, (weights[2] - weights[0]) * value))
    columns = ["feature", "words", "value", "negative", "neutral", "positive", "push"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values("push", key=abs, ascending=False, kind="mergesort").reset_index(
        drop=True
    )


def _spans(sentence: str, targets: list[str]) -> list[tuple[int, int]]:
    spans = []
    for target in targets:
        start = sentence.find(target)
        if start < 0:
            raise ValueError(f"{target!r} is not in the sentence")
        spans.append((start, start + len(target)))
    return spans
