"""The rules cleaning reads from ``data/``, and the joined regexes that try them quickly.

``data/boilerplate.csv`` (lines and line endings to drop, each with its ``reason``),
``data/bylines.csv`` (who wrote the article) and ``data/outlets.csv`` (which outlet published it)
are read here; ``helpers.ingest.clean`` applies them. Most lines match no rule, so ``any_of`` joins a
list of rules into one regex that answers "does any rule match?" in one pass.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import data_file


@dataclass(frozen=True)
class Pattern:
    """A boilerplate rule from ``data/boilerplate.csv``."""

    reason: str
    scope: str  # "line" (the whole line) or "trailing" (the end of a line)
    regex: re.Pattern[str]


@lru_cache(maxsize=4)
def load_patterns(name: str | Path = "boilerplate.csv") -> tuple[Pattern, ...]:
    """Read boilerplate rules (a name under ``data/`` or a path); a bad row names the CSV line to fix."""
    path = Path(name) if isinstance(name, Path) or "/" in str(name) else data_file(name)
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.DictReader(fh), start=2):
            try:
                regex = re.compile(row["pattern"], re.I)
            except (re.error, KeyError, TypeError) as err:
                raise ValueError(
                    f"{path}:{line_no}: bad pattern ({err}); fix or delete the row"
                ) from None
            scope = (row.get("scope") or "line").strip()
            if scope not in ("line", "trailing"):
                raise ValueError(
                    f"{path}:{line_no}: scope must be 'line' or 'trailing', not {scope!r}"
                )
            out.append(Pattern(row["reason"].strip(), scope, regex))
    return tuple(out)


@lru_cache(maxsize=2)
def load_bylines(name: str = "bylines.csv") -> tuple[re.Pattern[str], ...]:
    """Read byline patterns (named groups ``author``, ``org``)."""
    with data_file(name).open(encoding="utf-8", newline="") as fh:
        return tuple(re.compile(row["pattern"]) for row in csv.DictReader(fh))


@lru_cache(maxsize=2)
def load_outlets(name: str = "outlets.csv") -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Read known outlet names and the patterns that recognise them."""
    with data_file(name).open(encoding="utf-8", newline="") as fh:
        return tuple((row["outlet"], re.compile(row["pattern"])) for row in csv.DictReader(fh))


@lru_cache(maxsize=16)
def any_of(regexes: tuple[re.Pattern[str], ...], *, search: bool = False) -> re.Pattern[str] | None:
    """One regex that matches (or fullmatches) a text exactly when one of ``regexes`` does.

    Most lines match no rule: one search then replaces one per rule. None when the rules cannot be
    joined safely (different flags, back-references whose group numbers would shift).

    Rules that open with a word boundary and have no ``|`` ("\\bReuters\\b") share one ``\\b``:
    re tries every alternative at every position, and most positions fail that one test first.
    With ``search`` (the answer only says whether ``search`` finds a rule somewhere), a leading
    ``\\s*`` goes: search finds ``\\s*X`` exactly where it finds X, and re scans fast for a literal
    such as the "(" of "\\s*\\((end|ends)\\)".

    Example:
        >>> rules = (re.compile(r"\\bReuters\\b"), re.compile(r"\\s*\\(AP\\)"))
        >>> bool(any_of(rules, search=True).search("WASHINGTON (AP) - The talks")), bool(any_of(rules))
        (True, True)
    """
    if not regexes or len({r.flags for r in regexes}) > 1:
        return None
    if any(re.search(r"\\\d|\(\?P=|\(\?\(", r.pattern) for r in regexes):
        return None
    patterns = [_without_leading_space(r.pattern) if search else r.pattern for r in regexes]
    bounded = [p[2:] for p in patterns if _opens_with_boundary(p)]
    others = [p for p in patterns if not _opens_with_boundary(p)]
    parts = [f"(?:{p})" for p in others]
    if bounded:
        parts.insert(0, r"\b(?:" + "|".join(f"(?:{p})" for p in bounded) + ")")
    try:
        return re.compile("|".join(parts), regexes[0].flags)
    except re.error:  # e.g. two rules with the same group name
        return None


def _without_leading_space(pattern: str) -> str:
    """``pattern`` without an opening greedy ``\\s*`` (not ``\\s*?`` or ``\\s*+``)."""
    if pattern.startswith(r"\s*") and pattern[3:4] not in ("?", "+"):
        return pattern[3:]
    return pattern


def _opens_with_boundary(pattern: str) -> bool:
    """``\\b`` then a sequence (no ``|`` anywhere), so ``\\b(?:rest)`` means the same pattern."""
    return pattern.startswith(r"\b") and "|" not in pattern
