"""The seeds' tables as the views need them, built without the actor and source stages.

``seed_kit_tables()`` builds the views' input the way the pipeline does, but with a small
hand-written gazetteer and the gold attributions of ``tests/data/sources_gold/quotes.csv``, so the
view tests do not depend on the actor and source modules (tests on ``helpers.analyze``'s own
tables use the ``seed_tables`` fixture of tests/conftest.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

SEED0, SEED1 = "000_cf5bdca3ca1cd9b9", "001_b9b24f8ad2796175"

#: (name as written, actor_id, actor, actor_type, country)
GAZETTEER = [
    ("Xi Jinping", "XI_JINPING", "Xi Jinping", "person", "CHN"),
    ("United States", "USA", "United States", "country", "USA"),
    ("Washington", "USA", "United States", "country", "USA"),
    ("China", "CHN", "China", "country", "CHN"),
    ("Chinese", "CHN", "China", "country", "CHN"),
    ("Beijing", "CHN", "China", "country", "CHN"),
    ("Japan", "JPN", "Japan", "country", "JPN"),
    ("Japanese", "JPN", "Japan", "country", "JPN"),
    ("Tokyo", "JPN", "Japan", "country", "JPN"),
    ("France", "FRA", "France", "country", "FRA"),
    ("French", "FRA", "France", "country", "FRA"),
    ("Paris", "FRA", "France", "country", "FRA"),
    ("Russia", "RUS", "Russia", "country", "RUS"),
    ("Russian", "RUS", "Russia", "country", "RUS"),
    ("Macron", "MACRON", "Emmanuel Macron", "person", "FRA"),
    ("Stoltenberg", "STOLTENBERG", "Jens Stoltenberg", "person", "NOR"),
    ("Timofeev", "TIMOFEEV", "Pavel Timofeev", "person", "RUS"),
    ("Kishida", "KISHIDA", "Fumio Kishida", "person", "JPN"),
    ("Blinken", "BLINKEN", "Antony Blinken", "person", "USA"),
    ("NATO", "NATO", "NATO", "organization", ""),
]

#: Gold attributions of the seeds: (article, kind, speaker, speaker_actor_id, speaker_country,
#: anonymous, cue, quote as written in the cleaned text).
ATTRIBUTIONS = [
    (
        SEED0,
        "direct",
        "Jens Stoltenberg",
        "STOLTENBERG",
        "NOR",
        False,
        "stating",
        "Japan is a very close and important partner for NATO.",
    ),
    (
        SEED0,
        "direct",
        "Mao Ning",
        "",
        "CHN",
        False,
        "stating",
        "regional countries need to be highly vigilant about NATO’s Eastward expansion in the Asia-Pacific",
    ),
    (
        SEED0,
        "direct",
        "Emmanuel Macron",
        "MACRON",
        "FRA",
        False,
        "stating",
        "NATO should continue to focus on the North Atlantic region",
    ),
    (
        SEED0,
        "direct",
        "Emmanuel Macron",
        "MACRON",
        "FRA",
        False,
        "suggesting",
        "Europe should avoid following either the United States or China",
    ),
    (
        SEED0,
        "direct",
        "someone familiar with the internal discussions within NATO",
        "",
        "",
        True,
        "explained",
        "France is not enthusiastic about increasing tensions between NATO and China.",
    ),
    (
        SEED0,
        "direct",
        "Antony Blinken",
        "BLINKEN",
        "USA",
        False,
        "stated",
        "We have received a commitment from China that it will not provide weapons to Russia now or in the future.",
    ),
    (SEED0, "scare_quote", "", "", "", False, "", "fair competition,"),
    (
        SEED1,
        "direct",
        "Pavel Timofeev",
        "TIMOFEEV",
        "RUS",
        False,
        "said",
        "France is trying not to escalate relations with China, understanding that it perceives Western Europe as merely a junior partner of the United States,",
    ),
    (
        SEED1,
        "according_to",
        "Pavel Timofeev",
        "TIMOFEEV",
        "RUS",
        False,
        "according to",
        "Paris wants to show Beijing that the European Union is an independent player in the region and does not always follow Washington's policies.",
    ),
    (
        SEED1,
        "indirect",
        "A source close to the French president's office",
        "",
        "",
        True,
        "told",
        "the opening of a NATO office in the Indo-Pacific region is not considered advantageous at the moment.",
    ),
]


def _mentions(body: str, sentences: pd.DataFrame) -> pd.DataFrame:
    by_name = {row[0]: row[1:] for row in GAZETTEER}
    names = sorted(by_name, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    starts = sentences["start"].to_numpy()
    rows = []
    for m in pattern.finditer(body):
        actor_id, actor, actor_type, country = by_name[m.group(1)]
        sentence = int(
            sentences["sentence_id"].iloc[np.searchsorted(starts, m.start(), "right") - 1]
        )
        rows.append(
            {
                "sentence_id": sentence,
                "actor_id": actor_id,
                "actor": actor,
                "actor_type": actor_type,
                "country": country,
                "matched": m.group(1),
                "start": m.start(),
                "end": m.end(),
            }
        )
    return pd.DataFrame(rows)


def _attributions(article_id: str, body: str, sentences: pd.DataFrame) -> list[dict]:
    starts = sentences["start"].to_numpy()
    rows = []
    for art, kind, speaker, speaker_id, country, anonymous, cue, quote in ATTRIBUTIONS:
        if art != article_id:
            continue
        start = body.index(quote)
        sentence = int(sentences["sentence_id"].iloc[np.searchsorted(starts, start, "right") - 1])
        rows.append(
            {
                "article_id": art,
                "sentence_id": sentence,
                "kind": kind,
                "speaker": speaker,
                "speaker_actor_id": speaker_id,
                "speaker_country": country,
                "anonymous": anonymous,
                "cue": cue,
                "quote": quote,
                "refs": "",
                "start": start,
                "end": start + len(quote),
            }
        )
    return rows


@lru_cache(maxsize=1)
def _build() -> dict[str, pd.DataFrame]:
    # Only the spine (load, clean, segment) and sentiment: actors and sources are replaced by the
    # hand-written gazetteer and the gold attributions above.
    from helpers import schema, sentiment
    from helpers.ingest import segment
    from helpers.ingest.clean import clean_text
    from helpers.ingest.load import load_article
    from helpers.paths import SEEDS_DIR

    parts: dict[str, list[pd.DataFrame]] = {}
    attributions = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        article = load_article(path)
        cleaned = clean_text(article)
        body = cleaned.body
        sentences = sentiment.score_sentences(segment.split_sentences(body))
        sentences = sentences.assign(
            orig_start=cleaned.offsets[sentences["start"].to_numpy()],
            orig_end=cleaned.offsets[sentences["end"].to_numpy() - 1] + 1,
        )
        meta = {**vars(article), **cleaned.metadata}
        row = {k: meta.get(k, "") for k in ("source_path", "title", "outlet", "author", "date")}
        row.update(n_sentences=len(sentences), sha256=article.sha256, language="en")
        mentions = _mentions(body, sentences)
        scores, evidence = (
            t.frame() for t in sentiment.mention_sentiment(body, sentences, mentions)
        )
        found = [
            ("articles", pd.DataFrame([row])),
            ("sentences", sentences),
            ("mentions", mentions),
            ("mention_sentiment", scores),
            ("sentiment_evidence", evidence),
        ]
        for name, frame in found:
            parts.setdefault(name, []).append(frame.assign(article_id=article.article_id))
        attributions += _attributions(article.article_id, body, sentences)
    tables = {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}
    tables["attributions"] = pd.DataFrame(attributions)
    mentions = tables["mentions"]
    keys = ["article_id", "actor_id", "actor", "actor_type", "country"]
    tables["actor_counts"] = mentions.groupby(keys).size().rename("mentions").reset_index()
    tables["country_sentiment"] = sentiment.country_sentiment(
        tables["mention_sentiment"], tables["articles"], n_boot=200
    )
    return {
        name: schema.conform(name, tables.get(name, schema.empty(name))) for name in schema.TABLES
    }


def seed_kit_tables() -> dict[str, pd.DataFrame]:
    """All tables of the two seeds with mentions, sentiment and attributions filled in (copies)."""
    return {name: frame.copy() for name, frame in _build().items()}
