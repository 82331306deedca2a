"""One article file in, its metadata and clean body out: what every later stage starts from."""

from __future__ import annotations

from pathlib import Path

from .clean import Cleaned, clean_text
from .load import Article, load_article, with_metadata


def read_article(
    path: Path | str, *, overrides: dict[str, str] | None = None
) -> tuple[Article, Cleaned]:
    """Load and clean one article file."""
    article = load_article(Path(path), overrides=overrides)
    cleaned = clean_text(article)
    return with_metadata(article, **cleaned.metadata), cleaned
