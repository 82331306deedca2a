"""The labeller of notebook 07: students label a sample, the kit is scored against them.

:func:`labelling_sample` draws the items, :func:`labeller` shows them one at a time and saves the
answers, :func:`score_labels` compares them with the kit. :mod:`helpers.views.widgets` re-exports it all.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd

from .. import schema
from ..tables import write_csv_atomic
from .drilldown import find_phrase, highlight_html
from .network import SPEAKER_KINDS
from .style import country_label

__all__ = [
    "SOURCES",
    "UNSURE",
    "LabelScore",
    "Labeller",
    "labeller",
    "labelling_sample",
    "same_speaker",
    "score_labels",
]

SOURCES = ("named", "anonymous", "none")
UNSURE = "unsure"


def labelling_sample(
    tables: dict[str, pd.DataFrame], *, task: str = "sentiment", n: int = 20, seed: int = 0
) -> pd.DataFrame:
    """Draw a reproducible sample of mentions (task "sentiment") or quotes (task "speaker") to label.

    The kit's answers are in ``kit_*`` columns (the labeller does not show them); the student's go
    into the empty ``human_*`` columns.

    Example:
        >>> sample = labelling_sample(tables, task="sentiment", n=20)
        >>> len(sample), sample.loc[0, ["target", "kit_label", "human_label"]].tolist()
        (20, ['Russia', 'neutral', ''])
    """
    if task not in ("sentiment", "speaker"):
        raise ValueError(f"task must be 'sentiment' or 'speaker', not {task!r}")
    sentences = tables["sentences"][["article_id", "sentence_id", "start", "text"]].rename(
        columns={"start": "s_start"}
    )
    if task == "sentiment":
        items = tables["mention_sentiment"]
        items = items[items["country"].fillna("") != ""]
        items = items.merge(sentences, on=["article_id", "sentence_id"])
        target = items["actor"] if "actor" in items.columns else items["country"].map(country_label)
        items = items.assign(
            item_id=items["article_id"]
            + ":"
            + items["start"].astype(str)
            + "-"
            + items["end"].astype(str),
            target=target,
            target_start=items["start"] - items["s_start"],
            target_end=items["end"] - items["s_start"],
            kit_label=items["label"],
            human_label="",
        )
        keep = [
            "item_id",
            "article_id",
            "sentence_id",
            "target",
            "target_start",
            "target_end",
            "text",
            "kit_label",
            "human_label",
        ]
    else:
        items = tables["attributions"]
        items = items[items["kind"].isin(SPEAKER_KINDS)].reset_index(drop=True)
        items = items.assign(
            item_id=items["article_id"]
            + ":"
            + items["sentence_id"].astype(str)
            + ":"
            + items.index.astype(str)
        )
        items = items.merge(sentences, on=["article_id", "sentence_id"])
        items = items.assign(
            kit_speaker=items["speaker"],
            kit_anonymous=items["anonymous"],
            human_speaker="",
            human_source="",
        )
        keep = [
            "item_id",
            "article_id",
            "sentence_id",
            "kind",
            "quote",
            "text",
            "kit_speaker",
            "kit_anonymous",
            "human_speaker",
            "human_source",
        ]
    if items.empty:
        return pd.DataFrame(columns=keep)
    picked = items.sample(n=min(n, len(items)), random_state=seed)
    return (
        picked[keep]
        .sort_values(["article_id", "sentence_id", "item_id"], kind="mergesort")
        .reset_index(drop=True)
    )


class Labeller(widgets.VBox):
    """One item at a time; every answer is saved to ``path`` (CSV, atomically) at once.

    ``.labels`` is the sample with the answers so far; ``.answer(...)`` is what the buttons call.
    Each item opens with its own answer so far, or empty: never with the previous item's answer,
    which one click would record for the wrong quote.
    """

    def __init__(self, sample: pd.DataFrame, path: Path | str, *, task: str) -> None:
        self.path, self.task = Path(path), task
        self.labels = sample.reset_index(drop=True).copy()
        human = ["human_label"] if task == "sentiment" else ["human_speaker", "human_source"]
        if self.path.is_file():  # resume: answers already saved win over the empty sample
            saved = pd.read_csv(self.path, dtype=str, keep_default_na=False).set_index("item_id")
            for column in human:
                if column in saved.columns:
                    known = self.labels["item_id"].map(saved[column])
                    self.labels[column] = known.fillna(self.labels[column]).astype(str)
        self._human = human[0]
        done = self.labels[self._human].astype(str) != ""
        self.position = int(np.argmin(done.to_numpy())) if not done.all() else 0
        self.progress, self.item, self.message = widgets.HTML(), widgets.HTML(), widgets.HTML()
        back, skip = widgets.Button(description="◀ back"), widgets.Button(description="skip ▶")
        back.on_click(lambda _: self.go(self.position - 1))
        skip.on_click(lambda _: self.go(self.position + 1))
        if task == "sentiment":
            self.buttons = []
            for label in (*schema.SENTIMENT_LABELS, UNSURE):
                button = widgets.Button(description=label)
                button.on_click(lambda b: self.answer(b.description))
                self.buttons.append(button)
            inputs = widgets.HBox(self.buttons)
        else:
            self.speaker = widgets.Text(description="Speaker", placeholder="name as in the text")
            self.source = widgets.ToggleButtons(
                options=[*SOURCES, UNSURE], value=None, description="Source"
            )
            # Typing a name means a named source, unless the student already chose otherwise.
            self.speaker.observe(self._named_when_typed, names="value")
            self.save_button = widgets.Button(description="save ▶", button_style="primary")
            self.save_button.on_click(
                lambda _: self.answer(self.source.value, speaker=self.speaker.value)
            )
            inputs = widgets.VBox([self.speaker, self.source, self.save_button])
        super().__init__(
            [self.progress, self.item, inputs, self.message, widgets.HBox([back, skip])]
        )
        self.go(self.position)

    def go(self, position: int) -> None:
        """Show item ``position`` (clipped to the sample)."""
        self.position = max(0, min(position, len(self.labels) - 1))
        done = int((self.labels[self._human].astype(str) != "").sum())
        self.progress.value = (
            f"<b>item {self.position + 1} of {len(self.labels)}</b> · {done} answered"
        )
        if self.labels.empty:
            self.item.value = "<i>Nothing to label.</i>"
            return
        row = self.labels.iloc[self.position]
        if self.task == "sentiment":
            spans = [(int(row["target_start"]), int(row["target_end"]), "mention")]
            ask = f"How does this sentence treat <b>{html.escape(str(row['target']))}</b>?"
        else:
            spans = [(a, b, "quote") for a, b in find_phrase(row["text"], row["quote"])[:1]]
            ask = "Who is speaking in the highlighted quote? Type the name, or choose anonymous / none."
        self.item.value = (
            f"<p>{ask}</p><p style='font-size:1.1em'>{highlight_html(row['text'], spans)}</p>"
        )
        self.message.value = ""
        if self.task == "sentiment":
            for button in self.buttons:  # the answer given before, if any, stands out
                button.button_style = "info" if button.description == row["human_label"] else ""
        else:
            self.speaker.value = str(row["human_speaker"])
            self.source.value = str(row["human_source"]) or None

    def _named_when_typed(self, change) -> None:
        if change["new"].strip() and self.source.value is None:
            self.source.value = "named"

    def answer(self, value: str | None, *, speaker: str = "") -> None:
        """Record the answer for the current item, save the CSV, move to the next item."""
        if self.labels.empty:
            return
        if not value:
            self.message.value = (
                "<span style='color:#a40'>Choose named, anonymous, none or unsure first.</span>"
            )
            return
        if self.task == "sentiment":
            self.labels.loc[self.position, "human_label"] = value
        else:
            self.labels.loc[self.position, ["human_speaker", "human_source"]] = [
                speaker.strip(),
                value,
            ]
        write_csv_atomic(self.labels, self.path)
        self.go(self.position + 1)


def labeller(sample: pd.DataFrame, path: Path | str, *, task: str = "sentiment") -> Labeller:
    """A widget for labelling a :func:`labelling_sample`; answers are saved to ``path`` as you go.

    Example:
        >>> tool = labeller(labelling_sample(tables, n=5), tmp / "my_labels.csv")
        >>> tool.answer("negative")
        >>> tool.progress.value
        '<b>item 2 of 5</b> · 1 answered'
    """
    return Labeller(sample, path, task=task)


@dataclass(frozen=True)
class LabelScore:
    """How often the kit agrees with the student: n, agreement (0..1), Cohen's kappa, confusion."""

    n: int
    agreement: float
    kappa: float
    confusion: pd.DataFrame


def same_speaker(kit: str, human: str) -> bool:
    """True when two speaker names agree: same words, or the same last word ("Macron").

    Example:
        >>> same_speaker("President Emmanuel Macron", "macron")
        True
    """
    a, b = re.findall(r"\w+", str(kit).casefold()), re.findall(r"\w+", str(human).casefold())
    return bool(a and b) and (a == b or a[-1] == b[-1])


def score_labels(labels: pd.DataFrame, *, task: str = "sentiment") -> LabelScore:
    """Score the kit against a student's labels (items labelled "unsure" or not at all are left out).

    Example:
        >>> labels = pd.DataFrame(
        ...     {
        ...         "kit_label": ["negative", "neutral", "positive"],
        ...         "human_label": ["negative", "positive", "unsure"],
        ...     }
        ... )
        >>> score = score_labels(labels)
        >>> score.n, score.agreement
        (2, 0.5)
    """
    if task == "sentiment":
        rows = labels[labels["human_label"].isin(schema.SENTIMENT_LABELS)]
        kit, human, categories = (
            rows["kit_label"],
            rows["human_label"],
            list(schema.SENTIMENT_LABELS),
        )
        agree = kit == human
    else:
        rows = labels[labels["human_source"].isin(SOURCES)]
        anonymous = rows["kit_anonymous"].astype(str).str.lower().isin(["true", "1"])
        kit = pd.Series(
            np.where(anonymous, "anonymous", np.where(rows["kit_speaker"] != "", "named", "none")),
            index=rows.index,
        )
        human, categories = rows["human_source"], list(SOURCES)
        names = [
            same_speaker(k, h)
            for k, h in zip(rows["kit_speaker"], rows["human_speaker"], strict=True)
        ]
        agree = (kit == human) & (
            (human != "named") | pd.Series(names, index=rows.index, dtype=bool)
        )
    confusion = pd.crosstab(
        pd.Categorical(kit, categories), pd.Categorical(human, categories), dropna=False
    )
    confusion = confusion.rename_axis(index="kit", columns="student")
    n = len(rows)
    if n == 0:
        return LabelScore(0, float("nan"), float("nan"), confusion)
    expected = (
        float((confusion.sum(axis=1).to_numpy() * confusion.sum(axis=0).to_numpy()).sum()) / n**2
    )
    observed = float(np.trace(confusion.to_numpy())) / n
    kappa = (observed - expected) / (1 - expected) if expected < 1 else float("nan")
    return LabelScore(n, float(agree.mean()), kappa, confusion)
