"""Institution names carry no sentiment: "Foreign Ministry" is a name, not a foreign (negative) word."""

from __future__ import annotations

import pytest

from helpers.sentiment.names import name_spans
from helpers.sentiment.target import mask_names
from tests.support import CORPUS, SEED_000

SEED = SEED_000.read_text(encoding="utf-8")


def _sentence(text: str, key: str) -> str:
    at = text.index(key)
    start = text.rfind(".", 0, at) + 1
    return text[start : text.index(".", at) + 1].strip()


def test_the_seed_ministries_are_names_and_the_spokesperson_is_not():
    sentence = _sentence(SEED, "Chinese Foreign Ministry spokesperson Mao Ning")
    found = [sentence[s:e] for s, e in name_spans(sentence)]
    assert found == ["Chinese Foreign Ministry", "Russian Foreign Ministry"]


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("National Security Council to help", "United States National Security Council"),
        (
            "Commission on International Religious Freedom",
            "United States Commission on International Religious Freedom",
        ),
        ("Security Council resolution 2259", "United Nations Security Council"),
    ],
)
def test_corpus_institutions_are_found_whole(key, name):
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((CORPUS / "articles").glob("*.txt"))
    )
    sentence = _sentence(text, key)
    assert name in [sentence[s:e] for s, e in name_spans(sentence)]


def test_a_sentence_start_and_an_unlisted_name_are_left_alone():
    # "Critics" opens the sentence and is joined by "of": it is no part of the name; a run
    # without a listed word ("Good Friday Agreement") is not a name for this rule.
    assert name_spans("Critics of the Ministry said it had failed.") == []
    assert name_spans("The Good Friday Agreement brought peace.") == []


def test_masked_names_leave_the_other_words_scored():
    sentence = _sentence(SEED, "Chinese Foreign Ministry spokesperson Mao Ning")
    masked = mask_names(sentence, [])
    assert "Foreign" not in masked and "Ministry" not in masked
    assert "criticized" in masked and "vigilant" in masked and "Mao Ning" in masked


def test_the_seed_evidence_has_no_foreign_from_a_ministry(seed_tables):
    sentences = seed_tables["sentences"]
    about = sentences[sentences["text"].str.contains("Chinese Foreign Ministry spokesperson")]
    assert len(about) == 1
    evidence = seed_tables["sentiment_evidence"]
    rows = evidence[
        (evidence["article_id"] == about["article_id"].iloc[0])
        & (evidence["sentence_id"] == about["sentence_id"].iloc[0])
    ]
    words = set(rows["word"].str.lower())
    assert "foreign" not in words
    # the sentence's own sentiment words are still its evidence
    assert words & {"criticized", "vigilant", "disrupt", "peace", "stability", "concerns"}
