"""report.html: a readable, self-contained summary of one run (all text HTML-escaped)."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from . import __version__
from .tables import write_text_atomic

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


def table_html(frame: pd.DataFrame, columns: list[str], limit: int) -> str:
    """Render the first ``limit`` rows of a table as escaped HTML."""
    if frame is None or frame.empty:
        return '<p class="muted">(none)</p>'
    cols = [c for c in columns if c in frame.columns]
    shown = frame[cols].head(limit)
    more = len(frame) - len(shown)
    out = shown.to_html(index=False, escape=True, border=0, float_format=lambda x: f"{x:.3f}")
    if more > 0:
        out += f'<p class="muted">… and {more} more rows in the CSV file.</p>'
    return out


def render_report(tables: dict[str, pd.DataFrame], *, images: dict[str, str] | None = None) -> str:
    """Build the report's HTML text from the tables (and optional embedded PNG data URIs)."""
    articles = tables.get("articles", pd.DataFrame())
    problems = tables.get("problems", pd.DataFrame())
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>IR news analysis report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>IR news analysis report</h1>",
        f"<p class='muted'>helpers {html.escape(__version__)}"
        f" · {len(articles)} article(s) analysed · {len(problems)} problem(s)</p>",
    ]
    for name, uri in (images or {}).items():
        parts.append(
            f"<figure><img alt='{html.escape(name)}' src='{html.escape(uri)}' "
            "style='max-width:100%'></figure>"
        )
    for title, key, cols, limit, note in SECTIONS:
        parts.append(f"<h2>{html.escape(title)}</h2><p>{html.escape(note)}</p>")
        parts.append(table_html(tables.get(key), cols, limit))
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(tables: dict[str, pd.DataFrame], path: Path | str) -> Path:
    """Write report.html atomically."""
    return write_text_atomic(Path(path), render_report(tables))
