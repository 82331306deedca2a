"""helpers.sentiment.fastblob gives exactly TextBlob's sentiment, sentence for sentence, only faster."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textblob import TextBlob
from textblob.en import sentiment as pattern_sentiment

from helpers.ingest.clean import clean_text
from helpers.ingest.load import load_article
from helpers.ingest.segment import split_sentences
from helpers.sentiment import fastblob
from tests.support import CORPUS, SEEDS


def pipeline_sentences() -> list[str]:
    """Every sentence of the corpus articles and the seeds, as the kit's pipeline splits them."""
    paths = sorted((CORPUS / "articles").glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    return [
        text
        for path in paths
        for text in split_sentences(clean_text(load_article(path)).body)["text"]
    ]


def other_corpus_sentences() -> list[str]:
    """NewsMTSC sentences, GUM sentences and the White House lines: more kinds of text."""
    texts = [
        json.loads(line)["sentence_normalized"]
        for line in (CORPUS / "newsmtsc" / "devtest_rw.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    ]
    for path in sorted((CORPUS / "gum").glob("*.conllu")):
        texts += [
            line.removeprefix("# text = ")
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# text = ")
        ]
    for path in sorted((CORPUS / "whitehouse").glob("*.md")):
        texts += path.read_text(encoding="utf-8").splitlines()
    return texts


# Real sentences (file they come from) with TextBlob's (polarity, subjectivity) next to them:
# negation, modifiers, "!" and quotes are where a re-implementation would go wrong.
CASES = [
    # wikinews_2019-10-08 (Syria withdrawal): "not" before "single" halves and flips it
    ("Not a single American life was lost.", (0.017857142857142856, 0.10714285714285714)),
    # wikinews_2019-10-10 (diplomat's wife): negated "much"
    ("It’s not much to ask.", (-0.1, 0.2)),
    # wikinews_2019-11-07 (Hirtenberger): "no" negates a neutral word: -0.0
    (
        "He said he expects no political turmoil between the neighboring Austria and Hungary over the sale.",
        (0.0, 0.1),
    ),
    # wikinews_2019-10-08: "very" multiplies the next word's scores
    (
        'The [US] casualties destroying the caliphate was very low", Graham continued.',
        (-0.1, 0.195),
    ),
    # wikinews_2019-10-08: "!" boosts the word before it (capitals are lower-cased)
    ('THE USA IS GREAT!"', (1.0, 0.75)),
    # wikinews_2019-08-24 (G7): "!" boosts "first"
    (
        "Members of the G7 Summit, let's discuss this emergency first order in two days!\"",
        (0.3125, 0.3333333333333333),
    ),
    # wikinews_2019-09-23 (Rouhani): "really" as a scored word of its own
    (
        "If they are truthful and really seek security in the region, they must not send weapons, "
        'fighter jets, bombs and dangerous arms to the region."',
        (0.033333333333333326, 0.5333333333333333),
    ),
    # wikinews_2019-10-10: "very much" then "tragic"
    (
        "He said, \"I think everybody's sympathies are very much with the family of Harry Dunn and "
        "our condolences to them for their tragic loss.",
        (-0.245, 0.505),
    ),
]


@pytest.mark.parametrize("sentence, expected", CASES)
def test_real_sentences_score_as_textblob(sentence, expected):
    assert tuple(TextBlob(sentence).sentiment) == expected
    assert tuple(fastblob.sentiment(sentence)) == expected
    assert fastblob.assessments(sentence) == TextBlob(sentence).sentiment_assessments.assessments


def test_every_pipeline_sentence_of_the_corpus_and_seeds():
    sentences = pipeline_sentences()
    assert len(sentences) > 900
    different = [
        s for s in sentences if tuple(fastblob.sentiment(s)) != tuple(TextBlob(s).sentiment)
    ]
    assert different == []


def test_every_other_corpus_sentence_with_assessments():
    texts = other_corpus_sentences()
    assert len(texts) > 2000
    for text in texts:
        expected = pattern_sentiment(text)  # what TextBlob(text).sentiment calls
        got = fastblob.score(text)
        assert tuple(got) == tuple(expected), text
        assert got.assessments == expected.assessments, text


PIECES = [
    "not", "no", "never", "isn't", "don't", "very", "really", "extremely", "good", "bad", "great",
    "terrible", "happy", "sad", "first", "right", "low", "!", "?", ".", "...", ",", ")", "(",
    "( ! )", "(!)", ":)", ": )", ":-(", "8)", "XD", ":D", "<3", "o.O", ":'(", "'", '"', "“", "”",
    "’", "'s", "U.S.", "Mr.", "e.g.", "a.", "\n", "\n\n", "\r\n", "-", "2019", "well-known",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=20), st.sampled_from([" ", ""])
)
def test_generated_text_scores_as_textblob(pieces, sep):
    text = sep.join(pieces)
    expected = pattern_sentiment(text)
    assert tuple(fastblob.sentiment(text)) == tuple(expected)
    assert fastblob.assessments(text) == expected.assessments


def test_str_split_is_patterns_whitespace_split():
    # fastblob.tokenize uses text.split() for Pattern's re.sub(r"\s+", " ", text).split(" ").
    spaces = re.compile(r"\s")
    assert [c for c in map(chr, range(0x110000)) if bool(spaces.match(c)) != c.isspace()] == []
    text = "a\u00a0b\u2003 c\x1cd\u3000e  f\tg\n\nh \u200bi"
    assert text.split() == [t for t in re.sub(r"\s+", " ", text).split(" ") if t]


def test_version_guard_names_the_transcribed_versions():
    from importlib.metadata import version

    assert fastblob._TRANSCRIBED == (version("textblob") in fastblob.TRANSCRIBED_VERSIONS)


def test_any_other_textblob_version_is_textblob_itself(monkeypatch):
    # As if TextBlob were upgraded: score() must hand every text to TextBlob unchanged.
    sentences = pipeline_sentences()[:200]
    monkeypatch.setattr(fastblob, "_TRANSCRIBED", False)
    for text in sentences:
        expected = pattern_sentiment(text)
        got = fastblob.score(text)
        assert tuple(got) == tuple(expected)
        assert got.assessments == expected.assessments
    assert fastblob.sentiment(sentences[0]) == TextBlob(sentences[0]).sentiment
    with pytest.raises(RuntimeError, match="transcribes TextBlob"):
        fastblob.tokenize("It isn't good")
