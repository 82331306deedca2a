"""Sentiment: sentence scores and the tone toward each mentioned actor, with the words behind it.

``score_sentences`` gives each sentence TextBlob's polarity and subjectivity, ``mention_sentiment``
scores every mention from the clause around it (and lists its evidence words), and
``country_sentiment`` summarises the mentions per country and article, outlet or all articles.
"""

from .sentences import score_sentences, sentence_table
from .summary import country_sentiment
from .target import TargetSettings, label, mention_sentiment, score_target

__all__ = [
    "TargetSettings",
    "country_sentiment",
    "label",
    "mention_sentiment",
    "score_sentences",
    "score_target",
    "sentence_table",
]
