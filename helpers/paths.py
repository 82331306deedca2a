"""Where things live: the project root, its data files, seeds and the default inputs."""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

#: The ``helpers`` package itself (its code is part of the cache key).
PACKAGE_DIR = Path(__file__).resolve().parent
#: The project checkout (the folder holding ``helpers/`` and ``data/``).
ROOT = Path(os.environ.get("IRKIT_ROOT", Path(__file__).resolve().parent.parent))
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"
ARTICLES_DIR = DATA_DIR / "articles"
CORPUS_DIR = DATA_DIR / "corpus"
DEFAULT_OUT = Path("output")
#: Per-article results kept between runs: one place for the command line and every notebook.
DEFAULT_CACHE_DIR = ROOT / ".cache" / "ir-kit"

#: Article files the loader reads; everything else in a folder is reported, not read.
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


def data_file(name: str) -> Path:
    """Return the path of a data file shipped with the kit.

    Example:
        >>> data_file("boilerplate.csv").name
        'boilerplate.csv'
    """
    return DATA_DIR / name


def default_inputs() -> list[Path]:
    """The folders analysed when the user names none: the seeds and ``data/articles/``.

    Example:
        >>> [p.relative_to(ROOT).as_posix() for p in default_inputs()]
        ['seeds', 'data/articles']
    """
    return [SEEDS_DIR, ARTICLES_DIR]


def kit_version() -> str:
    """The installed kit's version (``pyproject.toml``), or ``"unknown"`` when it is not installed.

    Example:
        >>> kit_version()
        '0.1.0'
    """
    try:
        return metadata.version("ir-news-kit")
    except metadata.PackageNotFoundError:
        return "unknown"
