"""helpers.views.labelling: the sample, the labeller's saving and resuming, the scores."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.views import widgets


def test_labeller_saves_answers_and_resumes(kit, tmp_path):
    sample = widgets.labelling_sample(kit, task="sentiment", n=5, seed=1)
    assert sample.equals(widgets.labelling_sample(kit, task="sentiment", n=5, seed=1))
    assert len(sample) == 5 and (sample["human_label"] == "").all()
    first = sample.iloc[0]
    assert first["text"][first["target_start"] : first["target_end"]] in {
        "China",
        "Chinese",
        "Beijing",
        "Japan",
        "Japanese",
        "Tokyo",
        "France",
        "French",
        "Paris",
        "Russia",
        "Russian",
        "United States",
        "Washington",
        "Macron",
        "Stoltenberg",
        "Timofeev",
        "Kishida",
        "Blinken",
        "Xi Jinping",
    }
    path = tmp_path / "labels.csv"
    tool = widgets.labeller(sample, path)
    tool.answer("negative")
    tool.answer("positive")
    saved = pd.read_csv(path, keep_default_na=False)
    assert saved["human_label"].tolist()[:3] == ["negative", "positive", ""]
    again = widgets.labeller(sample, path)
    assert again.position == 2 and "item 3 of 5" in again.progress.value


def test_speaker_labeller(kit, tmp_path):
    sample = widgets.labelling_sample(kit, task="speaker", n=3, seed=0)
    assert len(sample) == 3 and "scare_quote" not in set(sample["kind"])
    tool = widgets.labeller(sample, tmp_path / "speakers.csv", task="speaker")
    for row in sample.itertuples():
        tool.speaker.value = row.kit_speaker.split()[-1]  # students type a surname
        tool.source.value = "anonymous" if row.kit_anonymous else "named"
        tool.save_button.click()
    score = widgets.score_labels(
        pd.read_csv(tmp_path / "speakers.csv", keep_default_na=False), task="speaker"
    )
    assert score.n == 3 and score.agreement == 1.0


def test_score_labels_agreement_kappa_confusion():
    labels = pd.DataFrame(
        {
            "kit_label": ["negative", "positive", "neutral", "positive", "neutral"],
            "human_label": ["negative", "positive", "positive", "positive", "unsure"],
        }
    )
    score = widgets.score_labels(labels)
    assert score.n == 4 and score.agreement == 0.75
    # chance agreement: kit (1 neg, 1 neu, 2 pos) x student (1 neg, 3 pos) = (1 + 6) / 16
    assert score.kappa == pytest.approx((0.75 - 7 / 16) / (1 - 7 / 16))
    assert (
        score.confusion.loc["neutral", "positive"] == 1
        and int(score.confusion.to_numpy().sum()) == 4
    )


@pytest.mark.parametrize(
    "kit_name,human,same",
    [
        ("Emmanuel Macron", "President Macron", True),
        ("Pavel Timofeev", "timofeev", True),
        ("K J Noh", "Noh", True),
        ("Antony Blinken", "Jens Stoltenberg", False),
        ("", "Macron", False),
    ],
)
def test_same_speaker(kit_name, human, same):
    assert widgets.same_speaker(kit_name, human) is same


def test_the_next_item_opens_empty_not_with_the_last_answer(kit, tmp_path):
    # In class: "Jens Stoltenberg" saved for item 1, item 2 (a Macron quote) opened with
    # "Jens Stoltenberg" in the box, and one click recorded a wrong label.
    sample = widgets.labelling_sample(kit, task="speaker", n=4, seed=0)
    tool = widgets.labeller(sample, tmp_path / "speakers.csv", task="speaker")
    assert tool.speaker.value == "" and tool.source.value is None
    tool.speaker.value = "Jens Stoltenberg"
    assert tool.source.value == "named"  # typing a name chooses "named"
    tool.save_button.click()
    assert tool.position == 1 and tool.speaker.value == "" and tool.source.value is None
    # An empty answer is refused, not recorded as "none".
    tool.save_button.click()
    assert tool.position == 1 and "Choose named" in tool.message.value
    saved = pd.read_csv(tmp_path / "speakers.csv", keep_default_na=False)
    assert saved["human_speaker"].tolist() == ["Jens Stoltenberg", "", "", ""]
    # Going back shows the answer given, and moving on clears the message.
    tool.go(0)
    assert (tool.speaker.value, tool.source.value, tool.message.value) == (
        "Jens Stoltenberg",
        "named",
        "",
    )


def test_a_sentiment_item_shows_the_answer_already_given(kit, tmp_path):
    sample = widgets.labelling_sample(kit, task="sentiment", n=3, seed=2)
    tool = widgets.labeller(sample, tmp_path / "labels.csv")
    tool.answer("neutral")
    assert [b.button_style for b in tool.buttons] == ["", "", "", ""]
    tool.go(0)
    chosen = [b.description for b in tool.buttons if b.button_style == "info"]
    assert chosen == ["neutral"]
