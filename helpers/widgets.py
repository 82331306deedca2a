"""Widgets for the notebooks, each built by one function and shown in one line.

``widgets.actor_explorer(tables)`` and friends live in :mod:`helpers.dashboard`, the shared filters
in :mod:`helpers.filters`; this module re-exports them and holds the drill-down (read the sentences
behind a number) and the labeller of notebook 07 (students label a sample, the kit is scored).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd

from . import schema
from .dashboard import (
    Explorer,
    ExportButtons,
    Uploader,
    actor_explorer,
    dashboard,
    export_buttons,
    quote_explorer,
    safe_filename,
    save_upload,
    sentiment_explorer,
    setup_tables,
    show_table,
    table_html,
    upload_articles,
)
from .filters import FilterPanel, filter_panel
from .plots import SPEAKER_KINDS, country_label
from .tables import write_csv_atomic

__all__ = [
    "Drilldown",
    "LabelScore",
    "Labeller",
    "same_speaker",
    "table_html",
    "Explorer",
    "ExportButtons",
    "FilterPanel",
    "Uploader",
    "actor_explorer",
    "context_html",
    "dashboard",
    "drilldown",
    "drilldown_html",
    "export_buttons",
    "filter_panel",
    "find_hits",
    "highlight_html",
    "labeller",
    "labelling_sample",
    "load_tables",
    "quote_explorer",
    "safe_filename",
    "save_upload",
    "score_labels",
    "sentiment_explorer",
    "setup_tables",
    "show_table",
    "upload_articles",
]

_STYLE = {
    "mention": "background:#ffe08a;padding:0 .1em;border-radius:3px;font-weight:600",
    "speaker": "background:#cde7ff;padding:0 .1em;border-radius:3px;font-weight:600",
    "cue": "font-weight:700;color:#1a4f8a",
    "quote": "background:#eaf5ea;font-style:italic",
    "evidence": "text-decoration:underline 2px #c0392b;font-weight:600",
}
_PRIORITY = {kind: i for i, kind in enumerate(_STYLE)}


def load_tables(out_dir: Path | str) -> dict[str, pd.DataFrame]:
    """Read the CSV tables of a run (``python -m helpers analyze --out DIR``) back, typed.

    Example:
        >>> tables = load_tables("output")  # doctest: +SKIP
    """
    out, tables = Path(out_dir), {}
    for name, table in schema.TABLES.items():
        path = out / f"{name}.csv"
        if not path.is_file():
            tables[name] = schema.empty(name)
            continue
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        types = {c.name: c.dtype for c in table.cols}
        for column in frame.columns:
            values = frame[column]
            kind = types.get(column)
            if kind == "bool" or (
                kind is None and len(values) and values.isin(["true", "false"]).all()
            ):
                frame[column] = values == "true"
            elif kind in ("int", "float") or (kind is None and _numeric(values)):
                frame[column] = pd.to_numeric(values.replace("", np.nan))
        tables[name] = schema.conform(name, frame)
    return tables


def _numeric(values: pd.Series) -> bool:
    filled = values[values != ""]
    return bool(len(filled)) and pd.to_numeric(filled, errors="coerce").notna().all()


# -- drill-down ---------------------------------------------------------------------------------


def highlight_html(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Escape ``text`` and wrap the spans (start, end, kind) in highlighting; overlaps are dropped.

    Kinds: mention, speaker, cue, quote, evidence (earlier kinds win an overlap).

    Example:
        >>> highlight_html("China <3 Japan", [(0, 5, "mention")])[:20]
        '<mark style="backgro'
    """
    chosen: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans, key=lambda s: (_PRIORITY[s[2]], s[0], -s[1])):
        if 0 <= start < end <= len(text) and all(end <= a or start >= b for a, b, _ in chosen):
            chosen.append((start, end, kind))
    out, pos = [], 0
    for start, end, kind in sorted(chosen):
        tag = "mark" if kind in ("mention", "speaker") else "span"
        out += [
            html.escape(text[pos:start]),
            f'<{tag} style="{_STYLE[kind]}" title="{kind}">',
            html.escape(text[start:end]),
            f"</{tag}>",
        ]
        pos = end
    return "".join([*out, html.escape(text[pos:])])


def _find_all(text: str, phrase: str) -> list[tuple[int, int]]:
    if not phrase.strip():
        return []
    words = r"\s+".join(map(re.escape, phrase.split()))
    return [m.span() for m in re.finditer(rf"(?<!\w){words}(?!\w)", text, flags=re.IGNORECASE)]


def _records(frame: pd.DataFrame | None, keys: list[str]) -> dict[tuple, list[dict]]:
    """Rows of a (small) frame grouped by ``keys`` as plain dicts: fast to look up in a loop."""
    out: dict[tuple, list[dict]] = {}
    for row in [] if frame is None else frame.to_dict("records"):
        out.setdefault(tuple(row[k] for k in keys), []).append(row)
    return out


def find_hits(
    tables: dict[str, pd.DataFrame],
    *,
    country: str | None = None,
    speaker: str | None = None,
    limit: int = 40,
) -> pd.DataFrame:
    """The sentences behind a country's numbers (its mentions) or a speaker's quotes, in order.

    Returns:
        article_id, sentence_id, paragraph_id, orig_start, orig_end, text, spans (list of
        (start, end, kind) into ``text``), note (labels, kinds, evidence words).

    Example:
        >>> find_hits(tables, country="JPN")[["article_id", "sentence_id"]].head(2)  # doctest: +SKIP
    """
    key = ["article_id", "sentence_id"]
    columns = [*key, "paragraph_id", "orig_start", "orig_end", "text", "spans", "note"]
    if country:
        mentions = tables["mentions"]
        items = _records(mentions[mentions["country"] == country], key)
    else:
        quotes = tables["attributions"]
        items = _records(quotes[quotes["speaker"] == speaker], key)
    picked = list(items)[:limit]
    wanted = pd.MultiIndex.from_tuples(picked, names=key) if picked else None
    sentences = tables["sentences"]
    if wanted is not None:
        sentences = sentences[pd.MultiIndex.from_frame(sentences[key]).isin(wanted)]
    by_key = {k: rows[0] for k, rows in _records(sentences, key).items()}
    evidence, scores = {}, {}
    if country:
        for name, store in (("sentiment_evidence", evidence), ("mention_sentiment", scores)):
            frame = tables.get(name)
            if frame is not None and len(frame):
                store.update(_records(frame[frame["country"] == country], key))
    out = []
    for k in picked:
        s = by_key.get(k)
        if s is None:
            continue
        text, start = s["text"], s["start"]
        if country:
            spans = [(m["start"] - start, m["end"] - start, "mention") for m in items[k]]
            words = sorted({e["word"] for e in evidence.get(k, [])})
            spans += [(a, b, "evidence") for w in words for a, b in _find_all(text, w)]
            notes = [
                f"{r.get('actor', r['actor_id'])}: {r['label']} ({r['polarity']:+.2f})"
                for r in scores.get(k, [])
            ]
            notes = list(dict.fromkeys(notes)) + (
                ["evidence words: " + ", ".join(words)] if words else []
            )
        else:
            spans, notes = [], []
            for q in items[k]:
                inside = "start" in q and start <= q["start"] < s["end"]
                found = (
                    [(q["start"] - start, min(q["end"], s["end"]) - start)]
                    if inside
                    else _find_all(text, q["quote"])[:1]
                )
                spans += [(a, b, "quote") for a, b in found]
                surname = (q["speaker"].split() or [""])[-1]
                found = _find_all(text, q["speaker"]) or (
                    _find_all(text, surname) if surname[:1].isupper() else []
                )
                spans += [(a, b, "speaker") for a, b in found]
                spans += [(a, b, "cue") for a, b in _find_all(text, q["cue"])[:1]]
                notes.append(
                    q["kind"].replace("_", " ") + (" · anonymous source" if q["anonymous"] else "")
                )
        out.append(
            {
                **{c: s.get(c, s.get(c.replace("orig_", ""))) for c in columns[:5]},
                "text": text,
                "spans": spans,
                "note": "; ".join(notes),
            }
        )
    return pd.DataFrame(out, columns=columns)


def drilldown_html(tables: dict[str, pd.DataFrame], hits: pd.DataFrame) -> str:
    """Render :func:`find_hits` as HTML: where each sentence is, then the sentence highlighted."""
    if hits is None or hits.empty:
        return "<p><i>No sentences for this selection.</i></p>"
    articles = tables["articles"]
    meta = {
        r["article_id"]: r
        for r in articles[articles["article_id"].isin(set(hits["article_id"]))].to_dict("records")
    }
    legend = " ".join(f'<span style="{_STYLE[k]}">{k}</span>' for k in _STYLE)
    parts = [f"<p><small>Highlighted: {legend}</small></p>"]
    for hit in hits.itertuples():
        m = meta.get(hit.article_id, {})
        bits = [html.escape(str(m.get(c) or "")) for c in ("outlet", "date") if m.get(c)]
        where = (
            f"sentence {hit.sentence_id}, paragraph {hit.paragraph_id}, characters {hit.orig_start}–"
            f"{hit.orig_end} of <code>{html.escape(str(m.get('source_path', hit.article_id)))}</code>"
        )
        parts.append(
            "<div style='margin:.6em 0;padding:.4em;border-left:4px solid #ccc'>"
            f"<b>{html.escape(str(m.get('title') or hit.article_id))}</b> · {' · '.join(bits)}<br>"
            f"<small>{where}</small><p style='font-size:1.05em;margin:.3em 0'>"
            f"{highlight_html(hit.text, hit.spans)}</p><small>{html.escape(hit.note)}</small></div>"
        )
    return "\n".join(parts)


def context_html(
    tables: dict[str, pd.DataFrame], article_id: str, sentence_id: int, *, window: int = 2
) -> str:
    """The sentence with ``window`` sentences before and after it, the sentence highlighted.

    Example:
        >>> context_html(tables, "000_cf5bdca3ca1cd9b9", 5)  # doctest: +SKIP
    """
    sentences = tables["sentences"]
    near = sentences[
        (sentences["article_id"] == article_id)
        & sentences["sentence_id"].between(sentence_id - window, sentence_id + window)
    ]
    if near.empty:
        return ""
    parts = []
    for s in near.itertuples():
        text = html.escape(s.text)
        parts.append(f"<mark>{text}</mark>" if s.sentence_id == sentence_id else text)
    return f"<blockquote style='color:#333'>{' '.join(parts)}</blockquote>"


class Drilldown(widgets.VBox):
    """Pick a country or a speaker and read the sentences behind the numbers.

    ``.table`` holds the sentences shown (see :func:`find_hits`), ``.html`` the rendered page.
    """

    def __init__(
        self, tables: dict[str, pd.DataFrame], panel: FilterPanel, *, show_panel: bool, limit: int
    ) -> None:
        self.tables, self.panel, self.limit = tables, panel, limit
        self.table = pd.DataFrame()
        self.active, self.stale = True, False
        self.mode = widgets.ToggleButtons(options=["country", "speaker"], description="Read by")
        self.choice = widgets.Dropdown(description="Pick", layout=widgets.Layout(width="30rem"))
        self.context = widgets.Dropdown(
            description="In context", layout=widgets.Layout(width="30rem")
        )
        self.html, self.context_html = widgets.HTML(), widgets.HTML()
        self.mode.observe(lambda _: self.refresh(), names="value")
        self.choice.observe(lambda _: self.show(), names="value")
        self.context.observe(lambda _: self._show_context(), names="value")
        panel.observe_change(
            lambda _: self.refresh() if self.active else setattr(self, "stale", True)
        )
        top = [panel] if show_panel else []
        super().__init__(
            [
                *top,
                widgets.HBox([self.mode, self.choice]),
                self.html,
                self.context,
                self.context_html,
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        """Refill the choices from the filtered tables and show the sentences."""
        column = "country" if self.mode.value == "country" else "speaker"
        table = "mentions" if column == "country" else "attributions"
        counts = (
            self.panel.value_counts(table, column) if column in self.tables[table] else pd.Series()
        )
        label = country_label if column == "country" else str
        order = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
        options = [(f"{label(k)} ({n})", k) for k, n in order]
        keep = self.choice.value if self.choice.value in counts.index else None
        self._quiet = True
        try:
            self.choice.options = options
            self.choice.value = keep if keep else (options[0][1] if options else None)
        finally:
            self._quiet = False
        self.stale = False
        self.show()

    def _tables(self, value: str) -> dict[str, pd.DataFrame]:
        """Only the rows the hits need: the big tables are never filtered whole."""
        panel, mode = self.panel, self.mode.value
        if mode == "speaker":
            quotes = panel.filter("attributions", where={"speaker": value}, limit=self.limit)
            ids = sorted(set(quotes["article_id"]))
            return {
                **self.tables,
                "attributions": quotes,
                "sentences": panel.filter("sentences", articles=ids),
            }
        # a sentence rarely names a country ten times: 10 x limit mentions cover `limit` sentences
        mentions = panel.filter("mentions", where={"country": value}, limit=10 * self.limit)
        ids = sorted(set(mentions["article_id"]))
        parts = {
            name: panel.filter(name, where={"country": value}, articles=ids)
            for name in ("sentiment_evidence", "mention_sentiment")
            if len(self.tables[name])
        }
        return {
            **self.tables,
            **parts,
            "mentions": mentions,
            "sentences": panel.filter("sentences", articles=ids),
        }

    def show(self) -> None:
        """Show the sentences of the chosen country or speaker, highlighted."""
        if getattr(self, "_quiet", False):
            return
        value = self.choice.value
        tables = self._tables(value) if value else self.tables
        self.table = (
            find_hits(tables, **{self.mode.value: value}, limit=self.limit)
            if value
            else pd.DataFrame()
        )
        self.html.value = drilldown_html(tables, self.table)
        self.context.options = [
            (f"{r.article_id} · sentence {r.sentence_id}", (r.article_id, r.sentence_id))
            for r in self.table.itertuples()
        ]

    def _show_context(self) -> None:
        pick = self.context.value
        self.context_html.value = context_html(self.tables, *pick) if pick else ""


def drilldown(
    tables: dict[str, pd.DataFrame],
    *,
    panel: FilterPanel | None = None,
    show_panel: bool = True,
    limit: int = 40,
) -> Drilldown:
    """Read the sentences behind a number: mentions and evidence words highlighted, HTML-escaped.

    Example:
        >>> drilldown(tables)  # doctest: +SKIP
    """
    panel = panel or FilterPanel(tables)
    panel.prepare(
        "mentions", "attributions", "sentences", "sentiment_evidence", "mention_sentiment"
    )
    return Drilldown(tables, panel, show_panel=show_panel, limit=limit)


# -- notebook 07: students label, the kit is scored ------------------------------------------------

SOURCES = ("named", "anonymous", "none")
UNSURE = "unsure"


def labelling_sample(
    tables: dict[str, pd.DataFrame], *, task: str = "sentiment", n: int = 20, seed: int = 0
) -> pd.DataFrame:
    """Draw a reproducible sample of mentions (task "sentiment") or quotes (task "speaker") to label.

    The kit's answers are in ``kit_*`` columns (the labeller does not show them); the student's go
    into the empty ``human_*`` columns.

    Example:
        >>> sample = labelling_sample(tables, task="sentiment", n=20)  # doctest: +SKIP
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
        self.progress, self.item = widgets.HTML(), widgets.HTML()
        back, skip = widgets.Button(description="◀ back"), widgets.Button(description="skip ▶")
        back.on_click(lambda _: self.go(self.position - 1))
        skip.on_click(lambda _: self.go(self.position + 1))
        if task == "sentiment":
            buttons = []
            for label in (*schema.SENTIMENT_LABELS, UNSURE):
                button = widgets.Button(description=label)
                button.on_click(lambda b: self.answer(b.description))
                buttons.append(button)
            inputs = widgets.HBox(buttons)
        else:
            self.speaker = widgets.Text(description="Speaker", placeholder="name as in the text")
            self.source = widgets.ToggleButtons(options=[*SOURCES, UNSURE], description="Source")
            self.save_button = widgets.Button(description="save ▶", button_style="primary")
            self.save_button.on_click(
                lambda _: self.answer(self.source.value, speaker=self.speaker.value)
            )
            inputs = widgets.VBox([self.speaker, self.source, self.save_button])
        super().__init__([self.progress, self.item, inputs, widgets.HBox([back, skip])])
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
            spans = [(a, b, "quote") for a, b in _find_all(row["text"], row["quote"])[:1]]
            ask = "Who is speaking in the highlighted quote? Type the name, or choose anonymous / none."
        self.item.value = (
            f"<p>{ask}</p><p style='font-size:1.1em'>{highlight_html(row['text'], spans)}</p>"
        )

    def answer(self, value: str, *, speaker: str = "") -> None:
        """Record the answer for the current item, save the CSV, move to the next item."""
        if self.labels.empty:
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
        >>> labeller(labelling_sample(tables), "my_labels.csv")  # doctest: +SKIP
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
        >>> score_labels(pd.read_csv("my_labels.csv", keep_default_na=False)).agreement  # doctest: +SKIP
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
