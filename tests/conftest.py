"""Shared fixtures: the project's seeds and corpus (copied into the project, never ../shared)."""

from __future__ import annotations

import pytest

from tests.support import SEED_000, SEED_001, SEEDS


@pytest.fixture(scope="session")
def seed_tables():
    """The full analysis of the two seeds (computed once per test session)."""
    from helpers.analyze import analyze

    return analyze([SEEDS], progress=False, warn=False)


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
