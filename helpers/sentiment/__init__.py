"""Sentiment: sentence scores and the tone toward each mentioned actor, with the words behind it.

``score_sentences`` gives each sentence TextBlob's polarity and subjectivity, ``mention_sentiment``
scores every mention (and lists the words behind each score) with one of two methods: the learned
model (:mod:`.model`, weights in ``data/sentiment_model/``; the default) or the lexicon method
(:mod:`.target`: fixed word scores and rules), and ``country_sentiment`` summarises the mentions
per country and article, outlet or all articles.
"""

from .model import Model, load_model
from .sentences import score_sentences, sentence_table
from .summary import country_sentiment
from .target import (
    METHODS,
    TargetSettings,
    compare_methods,
    explain_mention,
    label,
    mention_sentiment,
    method_key,
    score_target,
)

__all__ = [
    "METHODS",
    "Model",
    "TargetSettings",
    "compare_methods",
    "country_sentiment",
    "explain_mention",
    "label",
    "load_model",
    "mention_sentiment",
    "method_key",
    "score_sentences",
    "score_target",
    "sentence_table",
]
