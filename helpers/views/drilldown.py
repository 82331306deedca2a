"""The drill-down: read the sentences behind a number, mentions and evidence words highlighted.

``widgets.drilldown(tables)`` shows it in a notebook; :func:`find_hits` and :func:`drilldown_html`
give the same sentences as a table and as HTML. :mod:`helpers.views.widgets` re-exports everything here.
"""

from __future__ import annotations

import html
import re

import ipywidgets as widgets
import pandas as pd

from .filters import FilterPanel
from .style import country_label, shorten

__all__ = [
    "Drilldown",
    "context_html",
    "drilldown",
    "drilldown_html",
    "find_hits",
    "find_phrase",
    "highlight_html",
]

_STYLE = {
    "mention": "background:#ffe08a;padding:0 .1em;border-radius:3px;font-weight:600",
    "speaker": "background:#cde7ff;padding:0 .1em;border-radius:3px;font-weight:600",
    "cue": "font-weight:700;color:#1a4f8a",
    "quote": "background:#eaf5ea;font-style:italic",
    "evidence": "text-decoration:underline 2px #c0392b;font-weight:600",
}
_PRIORITY = {kind: i for i, kind in enumerate(_STYLE)}
#: Sentences on one page of the drill-down: about half a screen, so the choices stay in view.
PAGE_SIZE = 5


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


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """(start, end) of every place ``phrase`` stands in ``text`` as whole words, any case or spacing.

    Example:
        >>> find_phrase("France and the French; not Frenchmen.", "french")
        [(15, 21)]
    """
    if not phrase.strip():
        return []
    words = r"\s+".join(map(re.escape, phrase.split()))
    return [m.span() for m in re.finditer(rf"(?<!\w){words}(?!\w)", text, flags=re.IGNORECASE)]


def _evidence_spans(
    text: str, sentence_start: int, row: dict, clauses: dict[int, tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Where an evidence word counted: inside the clause of its mention (``row["start"]`` is the
    mention's offset, ``clauses`` maps it to the clause's), else anywhere in the sentence. A word
    can stand in a sentence twice and count once ("Chinese Foreign Ministry ... the Russian
    Foreign Ministry": only the first is in China's clause)."""
    lo, hi = 0, len(text)
    at = row.get("start")
    if at is not None and not pd.isna(at) and int(at) in clauses:
        a, b = clauses[int(at)]
        lo, hi = max(0, a - sentence_start), min(len(text), b - sentence_start)
    found = [(lo + a, lo + b) for a, b in find_phrase(text[lo:hi], str(row["word"]))]
    return [(a, b, "evidence") for a, b in found]


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
        >>> find_hits(tables, country="JPN")[["article_id", "sentence_id"]].head(2)
                     article_id  sentence_id
        0  000_cf5bdca3ca1cd9b9            3
        1  000_cf5bdca3ca1cd9b9            4
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
            found = evidence.get(k, [])
            words = sorted({e["word"] for e in found})
            clauses = {
                int(r["start"]): (int(r["clause_start"]), int(r["clause_end"]))
                for r in scores.get(k, [])
                if "clause_start" in r and not pd.isna(r["clause_start"])
            }
            spans += [span for e in found for span in _evidence_spans(text, start, e, clauses)]
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
                    else find_phrase(text, q["quote"])[:1]
                )
                spans += [(a, b, "quote") for a, b in found]
                surname = (q["speaker"].split() or [""])[-1]
                found = find_phrase(text, q["speaker"]) or (
                    find_phrase(text, surname) if surname[:1].isupper() else []
                )
                spans += [(a, b, "speaker") for a, b in found]
                spans += [(a, b, "cue") for a, b in find_phrase(text, q["cue"])[:1]]
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
    """Render :func:`find_hits` as HTML: where each sentence is, then the sentence highlighted.

    Example:
        >>> page = drilldown_html(tables, find_hits(tables, country="JPN", limit=2))
        >>> page.count('title="mention"'), "Establishment of NATO Tokyo" in page
        (2, True)
    """
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
            "<div style='margin:.4em 0;padding:.2em .5em;border-left:4px solid #ccc'>"
            f"<b>{html.escape(str(m.get('title') or hit.article_id))}</b> · {' · '.join(bits)}"
            f" · <small>{where}</small><p style='font-size:1.05em;margin:.2em 0'>"
            f"{highlight_html(hit.text, hit.spans)}</p><small>{html.escape(hit.note)}</small></div>"
        )
    return "\n".join(parts)


def context_html(
    tables: dict[str, pd.DataFrame], article_id: str, sentence_id: int, *, window: int = 1
) -> str:
    """The sentence with ``window`` sentences before and after it, the sentence highlighted.

    Example:
        >>> page = context_html(tables, "000_cf5bdca3ca1cd9b9", 5)
        >>> page.count("<mark>"), page[:50]
        (1, "<blockquote style='color:#333'>Secretary General S")
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
    """Pick a country or a speaker and read the sentences behind the numbers, a page at a time.

    At the top: what to read (a country or a speaker) and "In context", a chosen sentence with the
    sentences around it (the first one at the start); below, the sentences themselves, ``page_size``
    to a page. ``.table`` holds every sentence found (see :func:`find_hits`), ``.html`` the page
    shown, ``.page`` its number (from 0).
    """

    def __init__(
        self,
        tables: dict[str, pd.DataFrame],
        panel: FilterPanel,
        *,
        show_panel: bool,
        limit: int,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self.tables, self.panel, self.limit, self.page_size = tables, panel, limit, page_size
        self.table, self.page = pd.DataFrame(), 0
        self.active, self.stale = True, False
        self._quiet = False
        self.mode = widgets.ToggleButtons(
            options=["country", "speaker"],
            description="Read by",
            style={"button_width": "6rem"},
        )
        self.choice = widgets.Dropdown(description="Pick", layout=widgets.Layout(width="24rem"))
        self.context = widgets.Dropdown(
            description="In context",
            layout=widgets.Layout(width="min(100%, 52rem)"),
        )
        self.context_html = widgets.HTML()
        self.previous = widgets.Button(
            description="◀ previous", layout=widgets.Layout(width="8rem")
        )
        self.next = widgets.Button(description="next ▶", layout=widgets.Layout(width="8rem"))
        self.position = widgets.HTML()
        self.html = widgets.HTML()
        self.mode.observe(lambda _: self.refresh(), names="value")
        self.choice.observe(lambda _: self.show(), names="value")
        self.context.observe(lambda _: self._show_context(), names="value")
        self.previous.on_click(lambda _: self.go(self.page - 1))
        self.next.on_click(lambda _: self.go(self.page + 1))
        panel.observe_change(
            lambda _: self.refresh() if self.active else setattr(self, "stale", True)
        )
        top = [panel] if show_panel else []
        super().__init__(
            [
                *top,
                widgets.HBox([self.mode, self.choice], layout=widgets.Layout(flex_flow="row wrap")),
                self.context,
                self.context_html,
                widgets.HBox([self.previous, self.next, self.position]),
                self.html,
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
        """Find the sentences of the chosen country or speaker; show the first page."""
        if self._quiet:
            return
        value = self.choice.value
        self._shown = self._tables(value) if value else self.tables
        self.table = (
            find_hits(self._shown, **{self.mode.value: value}, limit=self.limit)
            if value
            else pd.DataFrame(columns=["article_id", "sentence_id", "text"])
        )
        titles = _titles(self.tables["articles"])
        options = [
            (
                f"{shorten(titles.get(r.article_id, r.article_id), 34)}, sentence {r.sentence_id}:"
                f" “{shorten(r.text, 60)}”",
                (r.article_id, r.sentence_id),
            )
            for r in self.table.itertuples()
        ]
        self._quiet = True
        try:
            self.context.options = options
            self.context.value = options[0][1] if options else None
        finally:
            self._quiet = False
        self._show_context()
        self.go(0)

    def go(self, page: int) -> None:
        """Show page ``page`` (from 0, clipped) of the sentences found."""
        pages = max(1, -(-len(self.table) // self.page_size))
        self.page = max(0, min(page, pages - 1))
        first = self.page * self.page_size
        shown = self.table.iloc[first : first + self.page_size]
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= pages - 1
        found = len(self.table)
        of = f"the first {found}" if found >= self.limit else str(found)
        self.position.value = (
            f"<span style='margin-left:.6em'>sentences {first + 1}–{first + len(shown)} of {of}"
            f" (page {self.page + 1} of {pages})</span>"
            if found
            else ""
        )
        self.html.value = drilldown_html(self._shown, shown)

    def _show_context(self) -> None:
        if self._quiet:
            return
        pick = self.context.value
        self.context_html.value = context_html(self.tables, *pick) if pick else ""


def _titles(articles: pd.DataFrame) -> dict[str, str]:
    """Each article's title (its id when it has none)."""
    titles = articles["title"].fillna("").astype(str)
    return dict(
        zip(articles["article_id"], titles.where(titles != "", articles["article_id"]), strict=True)
    )


def drilldown(
    tables: dict[str, pd.DataFrame],
    *,
    panel: FilterPanel | None = None,
    show_panel: bool = True,
    limit: int = 40,
    page_size: int = PAGE_SIZE,
) -> Drilldown:
    """Read the sentences behind a number: mentions and evidence words highlighted, HTML-escaped.

    The sentences come ``page_size`` to a page; "In context" (at the top) shows one of them with
    the sentences around it.

    Example:
        >>> view = drilldown(tables)
        >>> view.choice.value, len(view.table), view.position.value.count("sentences 1–5 of 34")
        ('CHN', 34, 1)
        >>> view.context.label[:60]
        'Establishment of NATO Tokyo liais…, sentence 4: “Secretary G'
    """
    panel = panel or FilterPanel(tables)
    panel.prepare(
        "mentions", "attributions", "sentences", "sentiment_evidence", "mention_sentiment"
    )
    return Drilldown(tables, panel, show_panel=show_panel, limit=limit, page_size=page_size)
