"""Many articles: every file of a run analysed (cached, in parallel) and the tables of the contract.

:func:`analyze` collects the files, runs :func:`helpers.pipeline.article.analyze_article` on each
through the engine (:func:`helpers.pipeline.engine.run_articles`: cache, duplicates, processes or
Dask), turns every refusal into a ``problems`` row and adds the cross-article tables
(:func:`build_tables`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .. import schema
from ..actors import count_actors
from ..ingest import collect_files, input_paths
from ..sentiment import country_sentiment
from .engine import run_articles

__all__ = ["analyze", "build_tables"]

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
    stderr); they never stop the run. Results are cached per article (see
    :mod:`helpers.pipeline.engine`), so a rerun only analyses new or changed files; the tables do
    not depend on ``jobs`` or ``engine``.

    Args:
        paths: files and folders (default: the seeds and ``data/articles/``).
        progress: show a progress bar when there are more than a few files.
        warn: print each problem on stderr.
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
        for frame in parts["problems"]:
            for detail in frame["detail"]:
                print(f"warning: {detail}", file=sys.stderr)
    return build_tables(parts)


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
