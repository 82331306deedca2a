"""Segmentation: sentences with offsets, on real seed and corpus text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.ingest.segment import count_words, split_paragraphs, split_sentences


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # seed 000: a footnote marker after the full stop stays with its sentence
        (
            "Secretary General Stoltenberg emphasized the need to enhance cooperation, stating that "
            "“Japan is a very close and important partner for NATO.” [2]",
            [
                "Secretary General Stoltenberg emphasized the need to enhance cooperation, stating that "
                "“Japan is a very close and important partner for NATO.” [2]"
            ],
        ),
        # seed 000: a marker before the full stop, then the next sentence
        (
            "On 3 May this year, the Nikkei Asian Review reported that NATO plans to open a liaison "
            "office in Tokyo by 2024 to enhance cooperation in the Asian region[1]. On 10 May, NATO "
            "Secretary General Stoltenberg confirmed that discussions were underway.",
            [
                "On 3 May this year, the Nikkei Asian Review reported that NATO plans to open a liaison "
                "office in Tokyo by 2024 to enhance cooperation in the Asian region[1].",
                "On 10 May, NATO Secretary General Stoltenberg confirmed that discussions were underway.",
            ],
        ),
        # seed 000: a marker that Punkt puts at the start of the next sentence goes back
        (
            "German Chancellor Olaf Scholz sought to enhance relations with China.[9] [10] However, "
            "Chancellor Scholz also raised concerns.",
            [
                "German Chancellor Olaf Scholz sought to enhance relations with China.[9] [10]",
                "However, Chancellor Scholz also raised concerns.",
            ],
        ),
        # seed 000: abbreviations
        (
            "U.S. Secretary of State Blinken visited Beijing on 19 June and held discussions with "
            "President Xi Jinping.",
            [
                "U.S. Secretary of State Blinken visited Beijing on 19 June and "
                "held discussions with President Xi Jinping."
            ],
        ),
        # corpus (Trump/Syria): "U.S." inside and "Mr." style abbreviations
        (
            "The U.S. has done far more than anyone could have ever expected. It is time now for others.",
            [
                "The U.S. has done far more than anyone could have ever expected.",
                "It is time now for others.",
            ],
        ),
        (
            "Mr. Smith flew to Washington, D.C. on Jan. 5 with officials.",
            ["Mr. Smith flew to Washington, D.C. on Jan. 5 with officials."],
        ),
    ],
)
def test_sentences_on_real_text(paragraph, expected):
    assert split_sentences(paragraph)["text"].tolist() == expected


def test_sentences_never_cross_paragraphs():
    body = "China Comes First: Why NATO's Office in Japan Faces Uncertainty\nAhead of the summit, it was reported."
    frame = split_sentences(body)
    assert frame["paragraph_id"].tolist() == [1, 2]
    assert frame["sentence_id"].tolist() == [1, 2]


def test_seed_offsets_slice_back(cleaned_seeds):
    for _, cleaned in cleaned_seeds.values():
        frame = split_sentences(cleaned.body)
        assert len(frame) > 20
        for start, end, text in zip(frame["start"], frame["end"], frame["text"], strict=True):
            assert cleaned.body[start:end] == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc XY.!?\n\"“”[]1'")), max_size=200))
def test_offsets_property(body):
    frame = split_sentences(body)
    for start, end, text in zip(frame["start"], frame["end"], frame["text"], strict=True):
        assert body[start:end] == text and text == text.strip() and text
    assert frame["start"].is_monotonic_increasing
    assert len(split_paragraphs(body)) == len([line for line in body.split("\n") if line.strip()])


def test_count_words():
    assert count_words("NATO’s Tokyo liaison office, by 2024.") == 6
    assert count_words("Franco-Chinese relations [1]") == 3
