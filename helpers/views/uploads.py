"""Adding articles from the notebook: an upload button that saves files under safe names.

Uploaded names are reduced to ASCII letters, digits, '-' and '_' (no folders, no hidden files) and a
file is never overwritten: a second ``news.txt`` becomes ``news-1.txt``. Re-exported by
:mod:`helpers.views.widgets`.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import ipywidgets as widgets

from ..paths import ARTICLES_DIR

#: The only files the upload widget accepts (the loader also reads .htm, but students need not).
UPLOAD_SUFFIXES = (".txt", ".md", ".html")
MAX_UPLOAD_BYTES = 20_000_000


def safe_filename(name: str) -> str:
    """Reduce an uploaded file's name to ASCII letters, digits, '-', '_' and an allowed suffix.

    Folders in the name are dropped (no path traversal) and leading dots removed (no hidden
    files). Raises ValueError for other suffixes.

    Example:
        >>> safe_filename("../../Le Monde: été 2023.TXT")
        'Le_Monde_ete_2023.txt'
    """
    base = re.split(r"[\\/]", str(name))[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    stem, dot, suffix = base.rpartition(".")
    suffix = f".{suffix.lower()}"
    if not dot or suffix not in UPLOAD_SUFFIXES:
        raise ValueError(
            f"{name}: only {', '.join(UPLOAD_SUFFIXES)} files can be added; save it as text"
        )
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("._-")[:80] or "article"
    if stem.lower().startswith("readme"):  # the analysis skips README files: keep the upload
        stem = f"article_{stem}"
    return stem + suffix


def save_upload(name: str, content: bytes, folder: Path | str = ARTICLES_DIR) -> Path:
    """Save uploaded bytes into ``folder`` under a safe name, never overwriting (adds -1, -2, ...).

    The file appears whole or not at all: it is written to a hidden temporary file first and then
    linked to the first free name (``os.link`` refuses to replace an existing file).

    Example:
        >>> [save_upload("my article.txt", b"Text ...", tmp).name for _ in range(2)]
        ['my_article.txt', 'my_article-1.txt']
    """
    folder = Path(folder)
    target = safe_filename(name)
    data = bytes(content)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValueError(
            f"{name}: larger than {MAX_UPLOAD_BYTES // 1_000_000} MB; is it really an article?"
        )
    stem, suffix = target[: -len(Path(target).suffix)], Path(target).suffix
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        for i in range(10_000):
            path = folder / (f"{stem}-{i}{suffix}" if i else target)
            try:
                os.link(tmp, path)
            except FileExistsError:
                continue
            except OSError:  # no hard links on this file system: exclusive create instead
                try:
                    with path.open("xb") as handle:
                        handle.write(data)
                except FileExistsError:
                    continue
            return path
        raise ValueError(f"{name}: too many files called {target} in {folder}")
    finally:
        Path(tmp).unlink(missing_ok=True)


class Uploader(widgets.VBox):
    """A file-upload button saving .txt/.md/.html files into a folder; ``.saved`` lists the paths."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.saved: list[Path] = []
        accept = ",".join(UPLOAD_SUFFIXES)
        self.upload = widgets.FileUpload(accept=accept, multiple=True, description="Add articles")
        self.messages = widgets.HTML(
            f"<i>Files are saved into <code>{html.escape(str(self.folder))}</code>.</i>"
        )
        self.upload.observe(self._received, names="value")
        super().__init__([self.upload, self.messages])

    def _received(self, change) -> None:
        lines = []
        for item in change["new"]:
            try:
                path = save_upload(item["name"], item["content"], self.folder)
            except ValueError as err:
                lines.append(f"<li style='color:#a40'>{html.escape(str(err))}</li>")
                continue
            self.saved.append(path)
            lines.append(
                f"<li>{html.escape(item['name'])} → <code>{html.escape(path.name)}</code></li>"
            )
        if lines:
            self.messages.value = (
                "<ul>" + "".join(lines) + "</ul><i>Rerun the analysis to include them.</i>"
            )
            self.upload.value = ()  # so the same file can be chosen again


def upload_articles(folder: Path | str = ARTICLES_DIR) -> Uploader:
    """An upload button for new articles (saved under sanitised names, never overwriting).

    Example:
        >>> upload_articles(tmp).upload.accept
        '.txt,.md,.html'
    """
    return Uploader(folder)
