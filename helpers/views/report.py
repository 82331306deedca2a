"""report.html: a readable, self-contained summary of one run (all text HTML-escaped).

:func:`write_report` draws it from a notebook's tables; :func:`write_report_from_dir` from the CSV
files of a run (what the command line does), with bounded memory: ``mentions.csv`` and
``actor_counts.csv`` grow with the corpus, and holding them whole to draw two figures would make
the report's memory grow too. Both files are sorted by ``article_id``, so they are read in chunks
of whole articles (:func:`article_chunks`) and reduced as they go: actor counts summed per outlet,
and speaker → country edges counted per chunk (a quote and the mentions inside it belong to one
article, so the counts add up across chunks). The figures come out as from the whole tables.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from .. import schema
from ..paths import kit_version
from ..tables import read_table, typed, write_text_atomic
from . import plots
from .network import SPEAKER_KINDS, speaker_edges

__all__ = [
    "FIGURES",
    "SECTIONS",
    "actor_counts_by_outlet",
    "article_chunks",
    "count_rows",
    "figure_tables",
    "render_report",
    "report_images",
    "speaker_edges_from_csv",
    "table_html",
    "write_report",
    "write_report_from_dir",
]

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:70rem;
color:#222;line-height:1.45}
h1{font-size:1.8rem}h2{font-size:1.35rem;border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.muted{color:#666}.warn{color:#a40}
"""

#: (title, table, columns, rows shown, explanation)
SECTIONS = (
    (
        "Articles",
        "articles",
        ["article_id", "title", "outlet", "author", "date", "n_words", "n_sentences"],
        200,
        "One row per analysed article; metadata comes from front matter, a manifest or the text.",
    ),
    (
        "Problems",
        "problems",
        ["article_id", "kind", "detail"],
        200,
        "Files or features the kit could not handle, and what to do about them.",
    ),
    (
        "Most mentioned actors",
        "actor_counts",
        ["article_id", "actor", "actor_type", "country", "mentions"],
        60,
        "Mentions of countries, people and organisations found with the gazetteer in data/actors.csv.",
    ),
    (
        "Sentiment per country",
        "country_sentiment",
        ["article_id", "country", "mentions", "polarity", "subjectivity"],
        60,
        "Mean polarity (-1 negative .. +1 positive) of the clauses around each country's mentions.",
    ),
    (
        "Who is speaking",
        "attributions",
        ["article_id", "kind", "speaker", "anonymous", "cue", "quote", "refs"],
        100,
        "Direct and indirect quotes, 'according to' claims and footnote citations.",
    ),
    (
        "References",
        "references",
        ["article_id", "ref", "outlet", "date", "url", "cited_in_text"],
        100,
        "The article's own footnote list, parsed.",
    ),
    (
        "Removed lines",
        "removed_lines",
        ["article_id", "line_no", "reason", "text"],
        200,
        "Every line cleaning removed, with the rule that removed it (data/boilerplate.csv).",
    ),
)


def table_html(
    frame: pd.DataFrame, columns: list[str], limit: int, *, total: int | None = None
) -> str:
    """Render the first ``limit`` rows of a table as escaped HTML (``total``: rows in the CSV).

    Example:
        >>> page = table_html(tables["articles"], ["title", "outlet"], 1)
        >>> page.count("<td>"), "… and 1 more rows in the CSV file" in page
        (2, True)
    """
    if frame is None or frame.empty:
        return '<p class="muted">(none)</p>'
    cols = [c for c in columns if c in frame.columns]
    shown = frame[cols].head(limit)
    more = (len(frame) if total is None else total) - len(shown)
    out = shown.to_html(index=False, escape=True, border=0, float_format=lambda x: f"{x:.3f}")
    if more > 0:
        out += f'<p class="muted">… and {more} more rows in the CSV file.</p>'
    return out


#: (section the figure follows, name, caption, height in inches, draw(tables, ax), needed tables)
FIGURES = (
    (
        "Most mentioned actors",
        "actor_counts",
        "The most mentioned actors; each bar is split by outlet.",
        7.0,
        lambda t, ax: plots.actor_counts(
            t["actor_counts"], by="outlet", articles=t["articles"], ax=ax
        ),
        ("actor_counts",),
    ),
    (
        "Sentiment per country",
        "country_sentiment",
        "Mean polarity around each country over all articles; the bar is the 95% interval. "
        "An interval crossing 0 means the tone is not clearly positive or negative.",
        6.0,
        lambda t, ax: plots.country_sentiment(t["country_sentiment"], level="all", ax=ax),
        ("country_sentiment",),
    ),
    (
        "Sentiment per country",
        "country_sentiment_outlet",
        "The same per outlet: differences between outlets are the framing question.",
        6.0,
        lambda t, ax: plots.country_sentiment(t["country_sentiment"], level="outlet", ax=ax),
        ("country_sentiment",),
    ),
    (
        "Sentiment per country",
        "sentiment_over_time",
        "Mean polarity per country by article date (dated articles only). The points are not"
        " joined: articles on different stories are not a series, and a line would draw a trend.",
        5.0,
        lambda t, ax: plots.sentiment_over_time(t["country_sentiment"], t["articles"], ax=ax),
        ("country_sentiment",),
    ),
    (
        "Who is speaking",
        "quote_kinds",
        "How sources are quoted, named and anonymous.",
        4.5,
        lambda t, ax: plots.quote_sources(t["attributions"], by="kind", ax=ax),
        ("attributions",),
    ),
    (
        "Who is speaking",
        "quote_countries",
        "Whose voices: the speakers' countries.",
        5.5,
        lambda t, ax: plots.quote_sources(t["attributions"], by="speaker_country", ax=ax),
        ("attributions",),
    ),
    (
        "Who is speaking",
        "speaker_network",
        "Which countries each speaker's quotes mention (line width: number of quotes).",
        6.0,
        lambda t, ax: plots.speaker_network(
            t["attributions"], t["mentions"], edges=t.get("speaker_edges"), ax=ax
        ),
        ("attributions", "mentions"),
    ),
)


def report_images(tables: dict[str, pd.DataFrame], *, dpi: int = 100) -> dict[str, str]:
    """Draw the report's figures and return them as PNG data URIs (figures of empty tables skipped).

    Example:
        >>> sorted(report_images(tables))[:2]
        ['actor_counts', 'country_sentiment']
    """
    images = {}
    for _section, name, _caption, height, draw, needs in FIGURES:
        if any(tables.get(n) is None or tables[n].empty for n in needs):
            continue
        if name == "sentiment_over_time" and _dated(tables.get("articles")) < 2:
            continue
        if name == "country_sentiment_outlet" and tables["articles"]["outlet"].nunique() < 2:
            continue
        # A bare Figure: no pyplot state, works without a display, and is freed with its Axes.
        ax = Figure(figsize=(10, height), layout="constrained").subplots()
        images[name] = plots.to_data_uri(draw(tables, ax), dpi=dpi)
    return images


def _dated(articles: pd.DataFrame | None) -> int:
    return 0 if articles is None or articles.empty else int((articles["date"] != "").sum())


def _figure(name: str, uri: str, caption: str) -> str:
    return (
        f"<figure><img alt='{html.escape(caption)}' src='{html.escape(uri)}' "
        f"style='max-width:100%'><figcaption class='muted'>{html.escape(caption)}</figcaption></figure>"
    )


def render_report(
    tables: dict[str, pd.DataFrame],
    *,
    images: dict[str, str] | None = None,
    totals: dict[str, int] | None = None,
) -> str:
    """Build the report's HTML text from the tables and PNG data URIs (see :func:`report_images`).

    Every text is HTML-escaped and nothing depends on the clock: same tables, same bytes.

    Example:
        >>> page = render_report(tables, images=report_images(tables))
        >>> page.count("<figure>"), "2 article(s) analysed" in page
        (7, True)
    """
    images = dict(images or {})
    articles = tables.get("articles", pd.DataFrame())
    problems = tables.get("problems", pd.DataFrame())
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>IR news analysis report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>IR news analysis report</h1>",
        f"<p class='muted'>helpers {html.escape(kit_version())}"
        f" · {(totals or {}).get('articles', len(articles))} article(s) analysed"
        f" · {(totals or {}).get('problems', len(problems))} problem(s)</p>",
    ]
    for title, key, cols, limit, note in SECTIONS:
        parts.append(f"<h2>{html.escape(title)}</h2><p>{html.escape(note)}</p>")
        for section, name, caption, *_ in FIGURES:
            if section == title and name in images:
                parts.append(_figure(name, images.pop(name), caption))
        parts.append(table_html(tables.get(key), cols, limit, total=(totals or {}).get(key)))
    for name, uri in images.items():  # images the sections do not know, e.g. from a notebook
        parts.append(_figure(name, uri, name))
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(
    tables: dict[str, pd.DataFrame], path: Path | str, *, figures: bool = True
) -> Path:
    """Write report.html atomically: the tables and (with ``figures``) the plots, self-contained.

    Example:
        >>> write_report(tables, tmp / "report.html", figures=False).stat().st_size > 10_000
        True
    """
    images = report_images(tables) if figures else {}
    return write_text_atomic(Path(path), render_report(tables, images=images))


def figure_tables(out: Path | str) -> dict[str, pd.DataFrame]:
    """What :func:`report_images` needs, read from the CSV files in ``out`` with bounded memory.

    The columns the figures plot; actor counts summed per outlet and the speaker network's edges
    counted a chunk of articles at a time (:func:`actor_counts_by_outlet`,
    :func:`speaker_edges_from_csv`).

    Example:
        >>> sorted(report_images(figure_tables(run))) == sorted(report_images(tables))
        True
    """
    out = Path(out)
    path = {name: out / f"{name}.csv" for name in schema.TABLES}
    articles = read_table(path["articles"], "articles", columns=["article_id", "outlet", "date"])
    summary = ["article_id", "country", "mentions", "polarity", "ci_low", "ci_high", "level"]
    return {
        "articles": articles,
        "country_sentiment": read_table(
            path["country_sentiment"], "country_sentiment", columns=[*summary, "outlet"]
        ),
        "actor_counts": actor_counts_by_outlet(path["actor_counts"], articles),
        "attributions": read_table(
            path["attributions"],
            "attributions",
            columns=["article_id", "kind", "speaker", "speaker_country", "anonymous"],
        ),
        "mentions": read_table(path["mentions"], "mentions", nrows=1),  # "is there any?"
        "speaker_edges": speaker_edges_from_csv(path["attributions"], path["mentions"]),
    }


def write_report_from_dir(out: Path | str, *, figures: bool = True) -> Path:
    """Write ``out/report.html`` from the tables written in ``out``, with bounded memory.

    Figures use :func:`figure_tables`; each section reads the first rows it shows and counts
    the rest, so the report costs about the same memory for ten or ten thousand articles.

    Example:
        >>> import shutil
        >>> out = shutil.copytree(run, tmp / "out")  # the CSV files of a run
        >>> write_report_from_dir(out, figures=False).name
        'report.html'
    """
    out = Path(out)
    images = report_images(figure_tables(out)) if figures else {}
    tables: dict[str, pd.DataFrame] = {}
    totals = {}
    for _title, key, _cols, limit, _note in SECTIONS:
        path = out / f"{key}.csv"
        tables[key] = schema.conform(key, read_table(path, key, nrows=limit))
        totals[key] = count_rows(path)
    return write_text_atomic(
        out / "report.html", render_report(tables, images=images, totals=totals)
    )


# -- the biggest tables, read a few articles at a time ---------------------------------------------

CHUNK_ROWS = 50_000
_ACTOR_KEYS = ["outlet", "actor_id", "actor", "actor_type", "country"]
_EDGE_KEYS = ["speaker", "speaker_country", "country"]


def article_chunks(
    path: Path, name: str, columns: list[str] | None = None, *, rows: int | None = None
) -> Iterator[pd.DataFrame]:
    """Yield table ``name`` from ``path`` in typed chunks that never split an article's rows.

    Example:
        >>> chunks = list(article_chunks(run / "mentions.csv", "mentions", rows=50))
        >>> [c["article_id"].nunique() for c in chunks], sum(map(len, chunks)) == len(tables["mentions"])
        ([1, 1], True)
    """
    wanted = None if columns is None else (lambda c: c in columns or c == "article_id")
    reader = pd.read_csv(
        path,
        dtype=str,
        keep_default_na=False,
        encoding="utf-8",
        usecols=wanted,
        chunksize=rows or CHUNK_ROWS,
    )
    carry = None
    for chunk in reader:
        if not len(chunk):
            continue
        if carry is not None:
            chunk = pd.concat([carry, chunk], ignore_index=True)
        last = chunk["article_id"].iloc[-1]
        tail = chunk["article_id"] == last
        carry = chunk[tail]
        if (~tail).any():
            yield typed(chunk[~tail].reset_index(drop=True), name)
    if carry is not None and len(carry):
        yield typed(carry.reset_index(drop=True), name)


def count_rows(path: Path) -> int:
    """Rows of a CSV table (quoted line breaks included), counted a chunk at a time.

    Example:
        >>> count_rows(run / "sentences.csv") == len(tables["sentences"])
        True
    """
    chunks = pd.read_csv(path, usecols=[0], dtype=str, keep_default_na=False, chunksize=CHUNK_ROWS)
    return sum(len(chunk) for chunk in chunks)


def actor_counts_by_outlet(path: Path, articles: pd.DataFrame) -> pd.DataFrame:
    """``actor_counts`` summed per outlet and actor, with an ``outlet`` column, in file order.

    ``plots.actor_counts(frame, by="outlet")`` draws from it what it draws from the whole table:
    the same totals, and each actor's name as first seen in the file.

    Example:
        >>> summed = actor_counts_by_outlet(run / "actor_counts.csv", tables["articles"])
        >>> summed.query("actor_id == 'CHN'")[["outlet", "mentions"]].values.tolist()
        [['DEVNET JAPAN', 24], ['Sputnik International', 14]]
    """
    outlets = articles.set_index("article_id")["outlet"]
    parts = []
    for chunk in article_chunks(path, "actor_counts"):
        chunk = chunk.assign(outlet=chunk["article_id"].map(outlets).fillna(""))
        parts.append(
            chunk.groupby(_ACTOR_KEYS, sort=False, dropna=False)["mentions"].sum().reset_index()
        )
    if not parts:
        return pd.DataFrame(columns=["article_id", *_ACTOR_KEYS, "mentions"])
    summed = pd.concat(parts, ignore_index=True)
    summed = summed.groupby(_ACTOR_KEYS, sort=False, dropna=False)["mentions"].sum().reset_index()
    return summed.assign(article_id="")


def speaker_edges_from_csv(
    attributions: Path, mentions: Path, *, kinds: tuple[str, ...] = SPEAKER_KINDS
) -> pd.DataFrame:
    """:func:`helpers.views.network.speaker_edges` of the two tables, a chunk of articles at a time.

    Both files are sorted by article_id: each chunk of mentions is joined with the quotes of the
    same articles, read alongside.

    Example:
        >>> edges = speaker_edges_from_csv(run / "attributions.csv", run / "mentions.csv")
        >>> edges.equals(speaker_edges(tables["attributions"], tables["mentions"]))
        True
    """
    quote_columns = [
        "article_id",
        "sentence_id",
        "kind",
        "speaker",
        "speaker_actor_id",
        "speaker_country",
        "start",
        "end",
    ]
    quotes = (
        chunk[chunk["kind"].isin(kinds) & (chunk["speaker"] != "")]
        for chunk in article_chunks(attributions, "attributions", quote_columns)
    )
    waiting = pd.DataFrame(columns=quote_columns)
    exhausted = False
    columns = ["article_id", "sentence_id", "actor_id", "country", "start", "end"]
    parts = []
    for chunk in article_chunks(mentions, "mentions", columns):
        last = chunk["article_id"].iloc[-1]
        while not exhausted and (waiting.empty or waiting["article_id"].iloc[-1] <= last):
            nxt = next(quotes, None)
            if nxt is None:
                exhausted = True
            elif len(nxt):
                waiting = nxt if waiting.empty else pd.concat([waiting, nxt], ignore_index=True)
        done = waiting["article_id"] <= last
        mine, waiting = waiting[done], waiting[~done]
        mine = mine[mine["article_id"].isin(set(chunk["article_id"]))]
        if len(mine):
            parts.append(speaker_edges(mine.reset_index(drop=True), chunk, kinds=kinds))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=[*_EDGE_KEYS, "quotes"])
    edges = pd.concat(parts, ignore_index=True).groupby(_EDGE_KEYS, sort=True)["quotes"].sum()
    edges = edges.reset_index()
    return edges.sort_values(
        ["quotes", "speaker", "country"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)
