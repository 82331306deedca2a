"""Which files a run reads: folders expanded, manifests applied, odd names and skipped
sub-folders reported as ``problems`` rows (the engine analyses what :func:`collect_files` lists).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..paths import ARTICLE_SUFFIXES, default_inputs
from .furniture import repeated_lines
from .load import REPEATED_KEY, LoadProblem, decode_bytes, is_manifest, read_manifest

__all__ = ["collect_files", "input_paths", "name_note", "problem_row"]


def problem_row(article_id: str, kind: str, detail: str) -> dict[str, str]:
    """A ``problems.csv`` row."""
    return {"article_id": article_id, "kind": kind, "detail": detail}


def collect_files(
    paths: Iterable[Path | str],
) -> tuple[list[tuple[Path, dict[str, str]]], list[dict]]:
    """Expand files and folders into article files (sorted), with manifest metadata, and problems.

    Hidden files, ``README*`` files, sub-folders and manifests (CSV files whose header starts with
    ``file``) are skipped; other non-article files are reported, and so is a sub-folder holding
    article files (a ``sub_folder`` row: it is not read unless named too).

    The text files of a folder are read once more to find the lines that recur across them (page
    furniture of their site, :func:`helpers.ingest.furniture.repeated_lines`): each file's own are
    passed on in its metadata under ``"repeated_lines"``, so cleaning removes them and the cache
    key changes when another file of the folder does.
    """
    found: list[tuple[Path, dict[str, str]]] = []
    problems: list[dict] = []
    paths = [Path(raw) for raw in paths]
    named = {p.resolve() for p in paths if p.is_dir()}
    for path in paths:
        if path.is_dir():
            try:
                manifest = read_manifest(path)
            except LoadProblem as err:
                problems.append(problem_row("", err.kind, str(err)))
                manifest = {}
            children = []
            for child in sorted(path.iterdir(), key=lambda p: p.name):
                if child.name.startswith(".") or child.name.lower().startswith("readme"):
                    continue
                if child.is_dir():
                    note = None if child.resolve() in named else _sub_folder_note(child)
                    if note:
                        problems.append(note)
                    continue
                if is_manifest(child):
                    continue
                children.append((child, dict(manifest.get(child.name, {}))))
            for _, meta in children:
                meta.pop(REPEATED_KEY, None)  # only ever computed here, never from a manifest
            repeated = _repeated_in_folder([child for child, _ in children])
            for child, meta in children:
                if repeated.get(child.name):
                    meta[REPEATED_KEY] = "\n".join(repeated[child.name])
                found.append((child, meta))
        elif path.exists():
            found.append((path, {}))
        else:
            problems.append(
                problem_row(path.stem, "missing", f"{path}: no such file or folder; check the path")
            )
    return found, problems


def _repeated_in_folder(files: list[Path]) -> dict[str, tuple[str, ...]]:
    """Lines recurring across a folder's pasted text files (``.txt``, ``.md``), per file name."""
    texts = {}
    for path in files:
        if path.suffix.lower() not in (".txt", ".md"):
            continue
        try:
            texts[path.name], _ = decode_bytes(path.read_bytes(), path=path)
        except (OSError, LoadProblem):
            continue  # the file's own analysis reports it
    return repeated_lines(texts) if len(texts) > 1 else {}


def _sub_folder_note(folder: Path) -> dict[str, str] | None:
    """A ``sub_folder`` problem row for a sub-folder holding article files (else None)."""
    try:
        n = sum(
            1
            for f in folder.iterdir()
            if f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.startswith(".") and f.is_file()
        )
    except OSError:
        return None
    if not n:
        return None
    return problem_row(
        "",
        "sub_folder",
        f"{folder}: sub-folder not read ({n} article file(s) in it); "
        "name it too to analyse it, e.g. python -m helpers analyze "
        f"{folder.parent} {folder}",
    )


def input_paths(paths: Sequence[Path | str] | Path | str | None) -> list[Path | str]:
    """What the user named as a list (nothing: the seeds and ``data/articles/``)."""
    if paths is None:
        return list(default_inputs())
    if isinstance(paths, str | Path):
        return [paths]
    return list(paths)


def name_note(path: Path) -> dict[str, str] | None:
    """A ``file_name`` problem row for a name that will cause trouble (else None)."""
    name = path.name
    if path.stem == "ALL" or path.stem.startswith("outlet:"):
        # country_sentiment.csv uses these ids for its all-articles and per-outlet rows.
        return problem_row(
            path.stem,
            "file_name",
            f"{path}: analysed, but its article_id {path.stem!r} is also the id of summary rows "
            "in country_sentiment.csv (use the level column to tell them apart); rename the file",
        )
    if (
        " " in name
        or any(ord(ch) > 127 for ch in name)
        or unicodedata.normalize("NFC", name) != name
    ):
        return problem_row(
            path.stem,
            "file_name",
            f"{path}: analysed, but the name has spaces or "
            "non-ASCII characters; rename it (letters, digits, '-', '_') before sharing tables",
        )
    return None
