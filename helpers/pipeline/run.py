"""Many articles: every file of a run analysed (cached, in parallel) and the tables of the contract.

:func:`analyze` collects the files, runs :func:`helpers.pipeline.article.analyze_article` on each
through the engine (:func:`helpers.pipeline.engine.run_articles`: cache, duplicates, processes or
Dask), turns every refusal into a ``problems`` row and adds the cross-article tables
(:func:`build_tables`). Problems are also reported as they are found: one warning line each on
stderr, or, in a Jupyter notebook, one collapsible note (:func:`problems_html`).
"""

from __future__ import annotations

import html
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .. import schema
from ..actors import count_actors
from ..ingest import collect_files, input_paths
from ..paths import ROOT
from ..sentiment import country_sentiment
from .engine import run_articles

__all__ = ["analyze", "build_tables", "problems_html"]

PROGRESS_MIN_FILES = 5


def analyze(
    paths: Sequence[Path | str] | Path | str | None = None,
    *,
    progress: bool = True,
    warn: bool = True,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
    sentiment: str = "model",
) -> dict[str, pd.DataFrame]:
    """Analyse articles (files or folders) and return every table of the contract.

    Files that cannot be analysed become rows of ``problems`` (and, with ``warn``, one line on
    stderr, or in a notebook one collapsible note); they never stop the run. Results are cached
    per article (see :mod:`helpers.pipeline.engine`), so a rerun only analyses new or changed
    files; the tables do not depend on ``jobs`` or ``engine``.

    Args:
        paths: files and folders (default: the seeds and ``data/articles/``).
        progress: show a progress bar when there are more than a few files.
        warn: report each problem: a line on stderr, or in a Jupyter notebook (where stderr
            shows as a pink box students take for an error) a collapsible note.
        jobs: worker processes (``None``: all cores).
        engine: ``"local"`` or ``"dask"``.
        scheduler: address of a running Dask scheduler (``engine="dask"``); without one a local
            Dask cluster with ``jobs`` workers is started.
        cache_dir: where per-article results are kept (default: the kit's ``.cache/ir-kit``).
        use_cache: ``False`` analyses everything again and writes no cache.
        sentiment: "model" (the learned model, default) or "lexicon" (the word lists and rules
            alone); see :func:`helpers.sentiment.mention_sentiment`.

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> tables = analyze([SEEDS_DIR], progress=False)
        >>> sorted(tables["articles"]["article_id"])[0]
        '000_cf5bdca3ca1cd9b9'
    """
    files, problems = collect_files(input_paths(paths))
    run = run_articles(
        files,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        cache_dir=cache_dir,
        use_cache=use_cache,
        progress=progress and len(files) > PROGRESS_MIN_FILES,
        sentiment=sentiment,
    )
    parts = run.parts
    parts["problems"].append(
        pd.DataFrame(problems + run.problems, columns=["article_id", "kind", "detail"])
    )
    if warn:
        _warn([detail for frame in parts["problems"] for detail in frame["detail"]])
    return build_tables(parts)


def _warn(details: list[str]) -> None:
    if not details:
        return
    shell = sys.modules["IPython"].get_ipython() if "IPython" in sys.modules else None
    if shell is None or not hasattr(shell, "kernel"):  # the command line, a script, a test
        for detail in details:
            print(f"warning: {detail}", file=sys.stderr)
        return
    # In a Jupyter kernel IPython is loaded already; nothing else imports it.
    from IPython.display import HTML, display

    display(HTML(problems_html(pd.DataFrame({"detail": details}))))


def problems_html(problems: pd.DataFrame) -> str:
    """The problems of a run as one collapsible note (HTML-escaped), for a notebook or a dashboard.

    Example:
        >>> row = {"article_id": "a", "kind": "dangling_citation", "detail": "a.txt: [7] is cited"}
        >>> page = problems_html(pd.DataFrame([row]))
        >>> page.startswith("<details"), "1 note on the articles" in page
        (True, True)
    """
    if problems is None or problems.empty:
        return ""
    root = str(ROOT.resolve()) + "/"
    items = "".join(
        f"<li>{html.escape(str(detail).replace(root, ''))}</li>" for detail in problems["detail"]
    )
    n = len(problems)
    return (
        "<details style='border-left:4px solid #d9b84a;background:#fdf8e6;padding:.3em .7em;"
        "margin:.3em 0'><summary style='cursor:pointer'><b>"
        f"{n} note{'s' if n != 1 else ''} on the articles</b> (click to read): what the kit could "
        "not read or check. The other articles are analysed; the list is also the "
        "<code>problems</code> table and <code>problems.csv</code>.</summary>"
        f"<ul style='margin:.3em 0'>{items}</ul></details>"
    )


def build_tables(parts: dict[str, list[pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Concatenate per-article tables and add the cross-article ones, all conformed to the schema.

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> from helpers.pipeline.article import analyze_article
        >>> one = analyze_article(SEEDS_DIR / "001_b9b24f8ad2796175.txt").frames()
        >>> tables = build_tables({name: [frame] for name, frame in one.items()})
        >>> int(tables["actor_counts"]["mentions"].sum()) == len(one["mentions"])
        True
    """
    tables = {
        name: pd.concat([f for f in frames if len(f)], ignore_index=True)
        if any(len(f) for f in frames)
        else pd.DataFrame()
        for name, frames in parts.items()
    }
    mentions = schema.conform("mentions", tables["mentions"])
    articles = schema.conform("articles", tables["articles"])
    tables["mentions"] = mentions
    tables["articles"] = articles
    tables["actor_counts"] = count_actors(mentions)
    scores = schema.conform("mention_sentiment", tables["mention_sentiment"])
    tables["mention_sentiment"] = scores
    tables["country_sentiment"] = country_sentiment(scores, articles)
    return {name: schema.conform(name, tables[name]) for name in schema.TABLE_NAMES}
