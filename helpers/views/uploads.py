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

from ..paths import ARTICLES_DIR, ROOT

#: The only files the upload widget accepts (the loader also reads .htm, but students need not).
UPLOAD_SUFFIXES = (".txt", ".md", ".html")
MAX_UPLOAD_BYTES = 20_000_000
#: What the upload message says to do once files are saved (a notebook reruns its analysis cell).
RERUN_HINT = "Run the analysis again (the cell with analyze) to include them."


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
    """A file-upload button saving .txt/.md/.html files into a folder; ``.saved`` lists the paths.

    A file is saved as soon as it is chosen (there is no separate save step). The button then
    reads "Articles added (N)", N the files saved from the last choice; the message below lists
    each file with its saved name or why it was refused, and says what to do next: ``then``, or
    nothing when nothing was saved. ``on_saved(callback)`` calls ``callback(paths)`` after files
    were saved (the dashboard reruns its analysis). Where files go is in the button's tooltip and,
    with ``explain`` (the default), in the message before the first upload.
    """

    def __init__(self, folder: Path | str, *, then: str = RERUN_HINT, explain: bool = True) -> None:
        self.folder, self.then, self.explain = Path(folder), then, explain
        self.saved: list[Path] = []
        self._callbacks: list = []
        accept = ",".join(UPLOAD_SUFFIXES)
        self.upload = widgets.FileUpload(
            accept=accept, multiple=True, description="Add articles", icon="upload"
        )
        self.messages = widgets.HTML()
        self.upload.observe(self._received, names="value")
        super().__init__([self.upload, self.messages])
        self.show_folder()

    def show_folder(self, folder: Path | str | None = None) -> None:
        """Save into ``folder`` from now on (if given) and say where files go."""
        if folder is not None:
            self.folder = Path(folder)
        where = f"Choose .txt, .md or .html files: each is saved at once into {_shown(self.folder)}"
        self.upload.tooltip = where
        if self.explain:
            self.messages.value = f"<i>{html.escape(where)}.</i>"

    def on_saved(self, callback) -> None:
        """Call ``callback(paths)`` after one or more files were saved."""
        self._callbacks.append(callback)

    def _received(self, change) -> None:
        items = change["new"]
        if not items or self._ignore:
            return
        lines, saved, kept = [], [], []
        for item in items:
            try:
                path = save_upload(item["name"], item["content"], self.folder)
            except ValueError as err:
                lines.append(f"<li style='color:#a40'>{html.escape(str(err))}</li>")
                continue
            saved.append(path)
            kept.append(item)
            lines.append(
                f"<li>{html.escape(item['name'])} → <code>{html.escape(path.name)}</code></li>"
            )
        self.saved += saved
        if saved:
            after = html.escape(self.then)
            head = (
                f"Saved {len(saved)} file(s) into <code>{html.escape(_shown(self.folder))}</code>:"
            )
        else:
            after, head = "Nothing was saved.", "No file could be added:"
        self.messages.value = f"{head}<ul>{''.join(lines)}</ul><i>{after}</i>"
        # The button shows how many files its value holds: keep only those saved (a refused file
        # is not "added"), without their bytes, which would otherwise travel back to the browser.
        self._ignore = True
        try:
            self.upload.description = "Articles added" if saved else "Add articles"
            self.upload.value = tuple({**item, "content": memoryview(b"")} for item in kept)
        finally:
            self._ignore = False
        for callback in self._callbacks:
            if saved:
                callback(saved)

    _ignore = False


def _shown(folder: Path) -> str:
    """The folder as a reader knows it: relative to the kit's folder when inside it."""
    try:
        return folder.absolute().relative_to(ROOT.absolute()).as_posix() + "/"
    except ValueError:
        return str(folder)


def upload_articles(folder: Path | str = ARTICLES_DIR) -> Uploader:
    """An upload button for new articles (saved under sanitised names, never overwriting).

    Example:
        >>> uploader = upload_articles(tmp)
        >>> uploader.upload.accept, uploader.upload.description
        ('.txt,.md,.html', 'Add articles')
    """
    return Uploader(folder)
