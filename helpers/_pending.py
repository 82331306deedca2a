"""INTEGRATION SHIM (temporary): empty tables until helpers.actors / helpers.sources land."""

from __future__ import annotations

import types

import pandas as pd

try:
    from . import actors
except ImportError:
    actors = types.SimpleNamespace(
        find_mentions=lambda body, sentences, date=None: pd.DataFrame(),
        find_unknown_actors=lambda body, sentences, mentions: pd.DataFrame(),
        count_actors=lambda mentions: pd.DataFrame(),
    )
try:
    from . import sources
except ImportError:
    sources = types.SimpleNamespace(
        find_attributions=lambda body, sentences, mentions, date=None: pd.DataFrame(),
        parse_references=lambda lines: pd.DataFrame(),
        check_citations=lambda sentences, refs: (refs, pd.DataFrame(columns=["kind", "detail"])),
    )
try:
    from . import sentiment as _sentiment
except Exception:  # a colleague's file mid-edit
    _sentiment = None

if _sentiment is not None and hasattr(_sentiment, "mention_sentiment"):
    sentiment = _sentiment
else:
    from textblob import TextBlob

    def _score(sentences):
        s = [TextBlob(t).sentiment for t in sentences["text"]]
        return sentences.assign(
            polarity=[x.polarity for x in s], subjectivity=[x.subjectivity for x in s]
        )

    sentiment = types.SimpleNamespace(
        score_sentences=_score,
        mention_sentiment=lambda body, sentences, mentions: (pd.DataFrame(), pd.DataFrame()),
        country_sentiment=lambda scores, articles: pd.DataFrame(),
    )
