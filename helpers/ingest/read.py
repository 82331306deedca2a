"""One article file in, its metadata and clean body out: what every later stage starts from."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .clean import Cleaned, clean_text
from .load import (
    Article,
    LoadProblem,
    detect_language,
    load_article,
    refuse_language,
    with_metadata,
)

#: What a ``problems.csv`` row says about an article without a date.
NO_DATE = (
    "no date found in the text or its metadata, so date filters and the sentiment-over-time "
    "plot leave it out; add 'date: YYYY-MM-DD' to its front matter or to manifest.csv"
)


def read_article(
    path: Path | str, *, overrides: dict[str, str] | None = None
) -> tuple[Article, Cleaned]:
    """Load and clean one article file; its metadata filled from the text, its language decided.

    The language is decided on the cleaned body (a page's menus, cookie banner or comments in
    another language do not decide it); front matter and ``manifest.csv`` (``overrides``) win over
    what the text says. An article left without a date carries a ``no_date`` note, which the
    analysis reports in ``problems.csv``.

    Raises:
        LoadProblem: the file cannot be analysed (empty, binary, not English, nothing left after
            cleaning, ...).

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> article, cleaned = read_article(SEEDS_DIR / "001_b9b24f8ad2796175.txt")
        >>> article.title, article.outlet, article.date, article.language
        ("China Comes First: Why NATO's Office in Japan Faces Uncertainty", 'Sputnik International', '2023-07-11', 'en')
    """
    path = Path(path)
    article = load_article(path, overrides=overrides, check_language=False)
    cleaned = clean_text(article)
    if not cleaned.body.strip():
        # nothing left: a text in another language (its lines go as another script) says so
        refuse_language(path, article.language or detect_language(article.text))
        raise LoadProblem(
            path,
            "no_body",
            "nothing was left after removing boilerplate; check "
            "removed_lines.csv and data/boilerplate.csv",
        )
    if not article.language:
        article = replace(article, language=detect_language(cleaned.body))
        refuse_language(path, article.language)
    article = with_metadata(article, **cleaned.metadata)
    if article.date and not article.date_source:
        article = replace(article, date_source="metadata")
    if not article.date:
        article = replace(article, notes=(*article.notes, ("no_date", NO_DATE)))
    return article, cleaned
