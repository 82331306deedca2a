"""helpers: the analysis steps behind the IR news-analysis notebooks.

The notebooks' API is one call: ``helpers.analyze(paths) -> dict[str, DataFrame]``; each step is
also importable on its own (``helpers.load``, ``helpers.clean``, ``helpers.segment``, ...).
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "analyze"]


def analyze(paths=None, **options):
    """Analyse article files and folders; return every table of the contract as DataFrames.

    Example:
        >>> tables = analyze(["seeds"])  # doctest: +SKIP
        >>> tables["actor_counts"].head()  # doctest: +SKIP
    """
    from .analyze import analyze as _analyze

    return _analyze(paths, **options)
