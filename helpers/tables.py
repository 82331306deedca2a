"""Writing tables safely: atomic files, stable formatting, spreadsheet-safe exports."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

#: Characters that make Excel/LibreOffice treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` and move it into place only on success.

    A crash while writing leaves the old file (or no file), never half a table.

    Example:
        >>> with atomic_path(Path("/tmp/x.txt")) as tmp:
        ...     _ = tmp.write_text("ok")
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> Path:
    """Write UTF-8 text atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)


def to_stable_csv(frame: pd.DataFrame) -> str:
    """Render a table as CSV text the same way every time (booleans as true/false, 4 decimals)."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map({True: "true", False: "false"})
        elif pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(4)
    return out.to_csv(index=False, lineterminator="\n", float_format="%.4f")


def write_csv_atomic(frame: pd.DataFrame, path: Path) -> Path:
    """Write a DataFrame as UTF-8 CSV, atomically and deterministically."""
    return write_text_atomic(path, to_stable_csv(frame))


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with a single quote.

    Example:
        >>> neutralize_formulas(pd.DataFrame({"a": ["=1+1", "ok"]}))["a"].tolist()
        ["'=1+1", 'ok']
    """

    def fix(value: object) -> object:
        if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            return "'" + value
        return value

    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(fix)
    return out


def export_table(frame: pd.DataFrame, path: Path) -> Path:
    """Export a table for spreadsheets (``.csv`` or ``.xlsx``), formulas neutralised, atomically."""
    path = Path(path)
    safe = neutralize_formulas(frame)
    if path.suffix.lower() == ".xlsx":
        with atomic_path(path) as tmp:
            safe.to_excel(tmp, index=False, engine="openpyxl")
        return path
    return write_csv_atomic(safe, path)
