"""report.html: a readable, self-contained summary of one run (all text HTML-escaped)."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from .. import schema
from ..paths import kit_version
from ..tables import read_table, write_text_atomic
from . import plots

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
    """Render the first ``limit`` rows of a table as escaped HTML (``total``: rows in the CSV)."""
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
        "Mean polarity per country by article date (dated articles only).",
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
        >>> sorted(report_images(tables))[:2]  # doctest: +SKIP
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
        >>> page = render_report(tables, images=report_images(tables))  # doctest: +SKIP
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
        >>> write_report(tables, "output/report.html")  # doctest: +SKIP
    """
    images = report_images(tables) if figures else {}
    return write_text_atomic(Path(path), render_report(tables, images=images))


def figure_tables(out: Path | str) -> dict[str, pd.DataFrame]:
    """What :func:`report_images` needs, read from the CSV files in ``out`` with bounded memory.

    The columns the figures plot; actor counts summed per outlet and the speaker network's edges
    counted a chunk of articles at a time (:mod:`helpers.views.report_data`).
    """
    from .report_data import actor_counts_by_outlet, speaker_edges_from_csv

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
        >>> write_report_from_dir("output")  # doctest: +SKIP
    """
    from .report_data import count_rows

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
