"""Sentiment: sentence scores, the lexicon method's per-mention scores with evidence, per-country
summaries (the learned model: tests/sentiment/test_model.py)."""

from __future__ import annotations

import re
import zlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from textblob import TextBlob

from helpers.ingest.segment import split_sentences
from helpers.sentiment import country_sentiment, score_sentences
from helpers.sentiment.lexicons import plain_analyzer, speech_verbs
from helpers.sentiment.summary import _Column, _percentiles, _resample_means
from helpers.sentiment.target import (
    _TOKEN,
    TargetSettings,
    explain,
    is_speaker,
    mask_spans,
    mention_sentiment,
    score_clauses,
    score_target,
    split_clauses,
)
from tests.support import SEED_000, SEED_001

BODIES = {"000": SEED_000.read_text(encoding="utf-8"), "001": SEED_001.read_text(encoding="utf-8")}


def _seed_sentence(seed: str, key: str) -> tuple[str, pd.DataFrame, pd.Series]:
    """The seed's body, its sentences and the one sentence containing ``key``."""
    body = BODIES[seed]
    sentences = split_sentences(body)
    at = body.index(key)
    row = sentences[(sentences["start"] <= at) & (sentences["end"] > at)].iloc[0]
    return body, sentences, row


def _mentions(body: str, row, actors: list[tuple[str, str, str]]) -> pd.DataFrame:
    """Mentions built by hand: (text, actor_id, country), each searched inside the sentence."""
    rows = []
    for text, actor_id, country in actors:
        start = body.find(text, int(row["start"]), int(row["end"]))
        assert start >= 0, text
        rows.append(
            {
                "sentence_id": row["sentence_id"],
                "actor_id": actor_id,
                "actor": text,
                "actor_type": "country" if actor_id == country else "person",
                "country": country,
                "matched": text,
                "start": start,
                "end": start + len(text),
            }
        )
    return pd.DataFrame(rows)


def _score_one(text: str, names: list[str]) -> dict[str, dict]:
    """Score the first occurrence of each name in a one-sentence body."""
    sentences = pd.DataFrame(
        {"sentence_id": [1], "paragraph_id": [1], "start": [0], "end": [len(text)], "text": [text]}
    )
    row = sentences.iloc[0]
    mentions = _mentions(text, row, [(n, n, n) for n in names])
    scores, _ = (t.frame() for t in mention_sentiment(text, sentences, mentions, method="lexicon"))
    return {r.actor: r._asdict() for r in scores.itertuples(index=False)}


# Real seed sentences; the key locates the sentence, then the mention and its expected sign.
SEED_CASES = [
    # 000: Macron says NATO expanding would be "a big mistake": negative for NATO ...
    ("000", "would be “a big mistake,”", "NATO expanding", "NATO", "negative"),
    # ... and Macron "expressed opposition" (the kit's news lexicon: opposition words)
    ("000", "would be “a big mistake,”", "Macron", "FRA", "negative"),
    ("000", "Japan is a very close and important partner", "Japan", "JPN", "positive"),
    ("000", "To counter the authoritarianism of China", "China", "CHN", "negative"),
    ("000", "To counter the authoritarianism of China", "Russia", "RUS", "negative"),
    ("000", "spokesperson Mao Ning criticized", "Chinese", "CHN", "negative"),
    # 000: negation: "not enthusiastic"
    ("000", "France is not enthusiastic", "France", "FRA", "negative"),
    ("001", "Macron's reasoning is impeccable", "Macron", "FRA", "positive"),
    # 001: contrast ("However,") and negation ("has not been very successful")
    ("001", "However, Paris has not been very successful", "Paris", "FRA", "negative"),
    ("001", "The exceptionally warm reception", "European country", "FRA", "positive"),
    ("001", "China is economically important for France", "China", "CHN", "positive"),
]


@pytest.mark.parametrize(("seed", "key", "mention", "country", "expected"), SEED_CASES)
def test_seed_sentences_sign_per_country(seed, key, mention, country, expected):
    body, sentences, row = _seed_sentence(seed, key)
    mentions = _mentions(body, row, [(mention, country, country)])
    scores, _ = (t.frame() for t in mention_sentiment(body, sentences, mentions, method="lexicon"))
    result = scores.iloc[0]
    assert result["label"] == expected, (result["polarity"], result["clause"])
    assert (result["polarity"] > 0) == (expected == "positive")


def test_speaker_of_a_seed_sentence_is_neutral():
    # 000: Stoltenberg "emphasized ..., stating that Japan is a very close and important partner"
    body, sentences, row = _seed_sentence("000", "Japan is a very close and important partner")
    mentions = _mentions(
        body, row, [("Stoltenberg", "stoltenberg", "NOR"), ("Japan", "JPN", "JPN")]
    )
    scores, evidence = (
        t.frame() for t in mention_sentiment(body, sentences, mentions, method="lexicon")
    )
    by_actor = scores.set_index("actor_id")
    assert bool(by_actor.at["stoltenberg", "speaker"]) is True
    assert by_actor.at["stoltenberg", "label"] == "neutral"
    assert by_actor.at["JPN", "label"] == "positive"
    assert "stoltenberg" not in set(evidence["actor_id"])  # nothing carried a speaker's score


def test_evidence_names_the_words_behind_the_score():
    body, sentences, row = _seed_sentence("000", "would be “a big mistake,”")
    mentions = _mentions(body, row, [("NATO expanding", "NATO", "")])
    scores, evidence = (
        t.frame() for t in mention_sentiment(body, sentences, mentions, method="lexicon")
    )
    assert list(evidence.columns[:6]) == [
        "sentence_id",
        "actor_id",
        "country",
        "word",
        "polarity",
        "subjectivity",
    ]
    words = dict(zip(evidence["word"], evidence["polarity"], strict=False))
    assert words["mistake"] < 0
    c_start, c_end = scores.iloc[0][["clause_start", "clause_end"]]
    assert "a big mistake" in body[c_start:c_end]


def test_names_are_masked_so_united_states_is_not_praise():
    # corpus/whitehouse 2021-10-29 US-France joint statement: a neutral sentence
    text = (
        "As France assumes the Presidency of the European Union during the first half of 2022, "
        "it will keep the United States closely informed of its priorities."
    )
    assert plain_analyzer().polarity_scores(text)["compound"] > 0  # "united" is positive in VADER
    scores = _score_one(text, ["France", "United States"])
    assert scores["United States"]["label"] == "neutral"
    assert scores["France"]["label"] == "neutral"


# Contrast and negation: sentences built from the seeds' own phrases (constructed minimal pairs).
@pytest.mark.parametrize(
    ("text", "positive", "negative"),
    [
        # (not "a threat to regional peace": "peace" outweighs "threat" inside one clause)
        (
            "Japan is a very close and important partner for NATO, but China is a threat.",
            "Japan",
            "China",
        ),
        (
            "Although Japan is a reliable partner, China was accused of interference in regional "
            "issues.",
            "Japan",
            "China",
        ),
        ("China criticized the move, while Japan welcomed the cooperation.", "Japan", "China"),
    ],
)
def test_praise_one_criticise_the_other(text, positive, negative):
    scores = _score_one(text, [positive, negative])
    assert scores[positive]["label"] == "positive"
    assert scores[negative]["label"] == "negative"
    assert scores[positive]["polarity"] > scores[negative]["polarity"]


@pytest.mark.parametrize(
    ("plain", "negated"),
    [
        # VADER looks 3 words back for a negator: "not be a big mistake" would be too far
        (
            "NATO expanding beyond the North Atlantic would be a mistake.",
            "NATO expanding beyond the North Atlantic would not be a mistake.",
        ),
        (
            "France is enthusiastic about the Tokyo office.",
            "France is not enthusiastic about the Tokyo office.",
        ),
    ],
)
def test_negation_flips_the_sign(plain, negated):
    name = plain.split()[0]
    before, after = _score_one(plain, [name])[name], _score_one(negated, [name])[name]
    assert before["polarity"] * after["polarity"] < 0


def test_contrast_word_opens_a_clause():
    text = "Japan helps, however China hurts."
    clauses = split_clauses(text)
    assert [c for _, _, c in clauses] == [False, True]


# NewsMTSC devtest_rw records with two targets of different gold sentiment (gold beside each).
@pytest.mark.parametrize(
    ("text", "gold"),
    [
        # line 666
        (
            "In February 2002, Biden told a Delaware audience, “If Saddam Hussein is still there five "
            "years from now, we are in big trouble.”",
            {"Biden": "neutral", "Saddam": "negative"},
        ),
        # line 1005
        (
            "Diaz reports that Roof was arrested in February at a mall in Columbia, South Carolina - "
            "charged with felony drug possession.",
            {"Roof": "negative", "Diaz": "neutral"},
        ),
    ],
)
def test_newsmtsc_two_targets_get_their_own_labels(text, gold):
    scores = _score_one(text, list(gold))
    assert {name: scores[name]["label"] for name in gold} == gold


def test_score_sentences_is_exact_textblob():
    sentences = split_sentences(BODIES["000"]).head(30)
    scored = score_sentences(sentences)
    for text, polarity, subjectivity in zip(
        scored["text"], scored["polarity"], scored["subjectivity"], strict=True
    ):
        assert (polarity, subjectivity) == tuple(TextBlob(text).sentiment)


SEED_SENTENCES = split_sentences(BODIES["000"])["text"].tolist()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SEED_SENTENCES), st.integers(0, 10_000), st.integers(1, 20))
def test_target_scores_are_bounded_and_deterministic(text, start, length):
    start = start % len(text)
    end = min(len(text), start + length)
    assume(
        any(ch.isalnum() for ch in text[start:end])
    )  # a mention is a word, never bare punctuation
    first, second = score_target(text, start, end), score_target(text, start, end)
    assert first == second
    assert -1.0 <= first["polarity"] <= 1.0
    assert 0.0 <= first["subjectivity"] <= 1.0
    assert -1.0 <= first["vader"] <= 1.0
    defaults = TargetSettings()
    expected = (
        "negative"
        if first["polarity"] < defaults.negative_below
        else "positive"
        if first["polarity"] > defaults.positive_above
        else "neutral"
    )
    assert first["label"] == expected
    assert 0 <= first["clause_start"] <= start < first["clause_end"] <= len(text) or end == start


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab gød,;:—but not NATO.'’\"")), max_size=80))
def test_any_text_scores_in_range(text):
    result = score_target(text, 0, min(3, len(text)))
    assert -1.0 <= result["polarity"] <= 1.0


def test_explain_shows_negation():
    items = explain("Paris has not been very successful in doing so.")
    vader = [e for e in items if e["source"] == "vader"]
    assert vader and vader[0]["word"] == "not successful" and vader[0]["polarity"] < 0


@pytest.fixture(scope="module")
def seed_scores():
    """Mentions of both seeds built by hand (str.find of a few names), scored."""
    names = [
        ("China", "CHN", "CHN"),
        ("Japan", "JPN", "JPN"),
        ("France", "FRA", "FRA"),
        ("Macron", "macron", "FRA"),
        ("NATO", "NATO", ""),
    ]
    frames = []
    for seed in ("000", "001"):
        body = BODIES[seed]
        sentences = split_sentences(body)
        rows = []
        for text, actor_id, country in names:
            start = body.find(text)
            while start >= 0:
                sid = sentences[(sentences["start"] <= start) & (sentences["end"] > start)]
                if len(sid):
                    rows.append(
                        {
                            "sentence_id": int(sid["sentence_id"].iloc[0]),
                            "actor_id": actor_id,
                            "actor": text,
                            "actor_type": "person" if actor_id == "macron" else "country",
                            "country": country,
                            "matched": text,
                            "start": start,
                            "end": start + len(text),
                        }
                    )
                start = body.find(text, start + 1)
        scores, _ = (
            t.frame()
            for t in mention_sentiment(body, sentences, pd.DataFrame(rows), method="lexicon")
        )
        frames.append(scores.assign(article_id=seed))
    return pd.concat(frames, ignore_index=True)


ARTICLES = pd.DataFrame({"article_id": ["000", "001"], "outlet": ["JFIR", "Sputnik"]})


def test_country_sentiment_levels_and_columns(seed_scores):
    table = country_sentiment(seed_scores, ARTICLES)
    assert list(table.columns[:12]) == [
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
    ]
    assert set(table["level"]) == {"article", "outlet", "all"}
    assert {"outlet:JFIR", "outlet:Sputnik", "ALL"} <= set(table["article_id"])
    assert "" not in set(table["country"])  # NATO (no country) is dropped
    shares = table[["share_negative", "share_neutral", "share_positive"]].sum(axis=1)
    assert (shares.round(9) == 1).all()
    assert (
        (table["ci_low"] <= table["polarity"] + 1e-12)
        & (table["polarity"] <= table["ci_high"] + 1e-12)
    ).all()
    everything = table[table["article_id"] == "ALL"].set_index("country")
    # Macron (a person linked to France) counts toward FRA
    n_fra = int((seed_scores["country"] == "FRA").sum())
    assert everything.at["FRA", "mentions"] == n_fra
    assert n_fra > int((seed_scores["actor_id"] == "FRA").sum())


def test_country_sentiment_is_deterministic_and_order_free(seed_scores):
    first = country_sentiment(seed_scores, ARTICLES)
    shuffled = country_sentiment(seed_scores.sample(frac=1, random_state=3), ARTICLES)
    pd.testing.assert_frame_equal(first, shuffled)


def test_country_sentiment_by_actor(seed_scores):
    table = country_sentiment(seed_scores, ARTICLES, by="actor")
    everything = table[table["article_id"] == "ALL"]
    assert {"macron", "FRA", "NATO"} <= set(everything["country"])
    with pytest.raises(ValueError, match="by must be"):
        country_sentiment(seed_scores, ARTICLES, by="outlet")


def test_empty_inputs_give_empty_tables():
    scores, evidence = (
        t.frame()
        for t in mention_sentiment(
            "", pd.DataFrame(columns=["sentence_id", "start", "end", "text"]), pd.DataFrame()
        )
    )
    assert len(scores) == 0 and "polarity" in scores.columns and "word" in evidence.columns
    assert len(country_sentiment(scores, ARTICLES)) == 0


def test_article_rows_do_not_depend_on_the_other_articles(seed_scores):
    # analyze computes each article's rows alone (and caches them), the outlet/all rows at the end
    full = country_sentiment(seed_scores, ARTICLES)
    alone = pd.concat(
        [
            country_sentiment(
                seed_scores[seed_scores["article_id"] == seed],
                ARTICLES[ARTICLES["article_id"] == seed],
                levels=("article",),
            )
            for seed in ("000", "001")
        ],
        ignore_index=True,
    )
    rest = country_sentiment(seed_scores, ARTICLES, levels=("outlet", "all"))
    pd.testing.assert_frame_equal(pd.concat([alone, rest], ignore_index=True), full)
    with pytest.raises(ValueError, match="levels must be"):
        country_sentiment(seed_scores, ARTICLES, levels=("country",))


def test_interval_is_the_percentile_bootstrap_of_each_group(seed_scores):
    # The method written out group by group: 1000 resamples of the sorted polarities, drawn from
    # the generator seeded with (seed, CRC32 of "article_id|country"), 2.5th/97.5th percentiles.
    table = country_sentiment(seed_scores, ARTICLES)
    assert table.equals(country_sentiment(seed_scores, ARTICLES))  # deterministic
    by_article = {
        "000": seed_scores["article_id"] == "000",
        "ALL": seed_scores["article_id"].notna(),
    }
    checked = 0
    for row in table[table["article_id"].isin(list(by_article))].itertuples():
        rows = by_article[row.article_id] & (seed_scores["country"] == row.country)
        values = np.sort(seed_scores.loc[rows, "polarity"].to_numpy(dtype=float))
        assert row.mentions == len(values) and row.polarity == values.mean()
        assert row.ci_low <= row.polarity <= row.ci_high
        if len(values) < 2:
            assert row.ci_low == row.ci_high == row.polarity
            continue
        rng = np.random.default_rng([0, zlib.crc32(f"{row.article_id}|{row.country}".encode())])
        means = values[rng.integers(0, len(values), size=(1000, len(values)))].mean(axis=1)
        assert (row.ci_low, row.ci_high) == tuple(np.percentile(means, [2.5, 97.5]))
        checked += 1
    assert checked >= 4


def test_mention_rows_equal_the_public_functions_one_mention_at_a_time():
    # mention_sentiment keeps clause scores between mentions; scoring each mention with the public
    # functions gives the same numbers and evidence (seed 000, Stoltenberg on Japan and NATO).
    body, sentences, row = _seed_sentence("000", "Japan is a very close and important partner")
    mentions = _mentions(
        body,
        row,
        [("Stoltenberg", "stoltenberg", "NOR"), ("Japan", "JPN", "JPN"), ("NATO", "NATO", "")],
    )
    scores, evidence = (
        t.frame() for t in mention_sentiment(body, sentences, mentions, method="lexicon")
    )
    s_start = int(row["start"])
    text = body[s_start : int(row["end"])]
    spans = [(int(m.start) - s_start, int(m.end) - s_start) for m in mentions.itertuples()]
    masked = mask_spans(text, spans)
    clauses = score_clauses(masked)
    assert sorted(scores["start"] - s_start) == sorted(start for start, _ in spans)
    for got in scores.itertuples():
        start, end = got.start - s_start, got.end - s_start
        speaker = is_speaker(text, start, end)
        expected = score_target(masked, start, end, clauses=clauses, speaker=speaker)
        for name in ("polarity", "subjectivity", "label", "vader", "textblob", "speaker"):
            assert getattr(got, name) == expected[name], name
        words = evidence.loc[evidence["actor_id"] == got.actor_id, "word"].tolist()
        explained = explain(masked[expected["clause_start"] : expected["clause_end"]])
        assert sorted(words) == ([] if got.speaker else sorted(e["word"] for e in explained))


def test_masking_turns_exactly_the_alphanumeric_characters_into_x():
    # mask_spans replaces with a regex what str.isalnum() accepts; every code point agrees.
    text = "".join(map(chr, range(0x110000)))
    masked = mask_spans(text, [(0, len(text))])
    assert [c for c, m in zip(text, masked, strict=True) if (m == "x") != c.isalnum()] == []


def _bits(values) -> bytes:
    return np.asarray(values, dtype=float).tobytes()  # tells -0.0 from 0.0


SMALL_FLOATS = st.sampled_from([0.0, -0.0, 0.1, -0.3, 1 / 3, 0.7, -1.0, 2e-12, float("nan")])


@settings(max_examples=300, deadline=None)
@given(st.lists(SMALL_FLOATS | st.floats(-1, 1), min_size=1, max_size=20))
def test_group_means_are_numpy_and_pandas_bit_for_bit(values):
    column = _Column(np.array(values))
    index = list(range(len(values)))
    assert _bits(column.mean(index)) == _bits(pd.Series(values, dtype=float).mean())
    mean, _ = column.sorted_mean(index)
    assert _bits(mean) == _bits(np.sort(np.array(values)).mean())


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 12),
    st.integers(1, 5),
    st.sampled_from([1, 2, 3, 40, 1000, 1001]),
    st.integers(0, 2**32 - 1),
)
def test_batched_resampling_and_percentiles_are_numpy_bit_for_bit(n, groups, n_boot, seed):
    rng = np.random.default_rng(seed)
    table = np.sort(rng.choice([0.0, -0.0, 0.1, -0.3, 1 / 3, 0.7], size=(groups, n)), axis=1)
    draws = rng.integers(0, n, size=(groups, n_boot, n))
    means = _resample_means(table, draws)
    for g in range(groups):
        assert _bits(means[g]) == _bits(table[g][draws[g]].mean(axis=1))
    assert _bits(_percentiles(means)) == _bits(np.percentile(means, [2.5, 97.5], axis=1))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SEED_SENTENCES), st.integers(0, 10_000), st.integers(1, 20))
def test_speaker_rule_reads_the_word_before_the_mention(text, start, length):
    # is_speaker scans only from the space before the previous word; the rule it implements is
    # "a speech verb is the last word before the mention, and the clause ends after it".
    start = start % len(text)
    end = min(len(text), start + length)
    verbs = speech_verbs()
    rest = text[end:]
    after = _TOKEN.findall(rest)[:3]
    verb = next((t for t in after if t.lower() in verbs), None)
    if verb is not None:
        expected = not re.search(r"[,\"“”;:]", rest[: rest.find(verb)])
    else:
        before = _TOKEN.findall(text[:start])[-1:]
        expected = bool(
            before and before[0].lower() in verbs and re.match(r"\s*(?:[,.;:(]|$)", rest)
        )
    assert is_speaker(text, start, end) == expected


@pytest.mark.parametrize("path", [SEED_000, SEED_001])
def test_sentence_table_is_split_score_and_offsets_step_by_step(path):
    from helpers.ingest.clean import clean_text
    from helpers.ingest.load import load_article
    from helpers.ingest.segment import split_sentences
    from helpers.sentiment import sentence_table

    cleaned = clean_text(load_article(path))
    offsets = cleaned.offsets
    steps = score_sentences(split_sentences(cleaned.body))
    steps = steps.assign(
        orig_start=offsets[steps["start"].to_numpy()],
        orig_end=offsets[steps["end"].to_numpy() - 1] + 1,
    )
    pd.testing.assert_frame_equal(
        sentence_table(cleaned.body, offsets).frame(), steps, check_exact=True
    )
