"""Shared fixtures: the project's seeds and corpus (copied into the project, never ../shared).

``seed_tables`` (the seeds' analysed tables) is in the root conftest.py, shared with the doctests.
"""

from __future__ import annotations

import pytest

from tests.support import SEED_000, SEED_001


@pytest.fixture(scope="session")
def cleaned_seeds():
    """{article_id: (Article, Cleaned)} for both seeds."""
    from helpers.ingest.clean import clean_text
    from helpers.ingest.load import load_article

    out = {}
    for path in (SEED_000, SEED_001):
        article = load_article(path)
        out[article.article_id] = (article, clean_text(article))
    return out


@pytest.fixture
def fixed_version(monkeypatch):
    """Pin the pipeline version: colleagues editing helpers/ mid-test must not empty the cache."""
    from helpers.pipeline import engine

    monkeypatch.setattr(engine, "pipeline_version", lambda: "0" * 64)
