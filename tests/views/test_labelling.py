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
