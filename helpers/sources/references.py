"""Footnote references: parse the reference list that cleaning split off, link text markers to it.

A reference list looks like ``[1] 2023/5/3NIKKEI ASIA https://...``; an entry may continue on the
next line (a URL alone on a line belongs to the entry above it). ``ibid.`` points to the entry just
before; ``... as above`` points to the last earlier entry from the same outlet. Outlet names are
recognised with the patterns of ``data/outlets.csv`` (case-insensitively, and tolerant of a
misspelling such as "Finatial Times"). Also the problems of the attributions table: quotes whose
closing mark is missing.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from functools import lru_cache

import pandas as pd

from ..frames import col
from ..paths import data_file

REFERENCE_COLUMNS = [
    "ref",
    "text",
    "outlet",
    "date",
    "url",
    "title",
    "resolves_to",
    "line_no",
    "outlet_raw",
]
PROBLEM_COLUMNS = ["kind", "detail", "ref", "sentence_id"]

_ENTRY = re.compile(r"^\s*\[(\d{1,3})\]\s*")
_MARKER = re.compile(r"\[(\d{1,3})\]")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_TITLE = re.compile(r"[“\"«]([^”\"»]{3,})[”\"»]")
_IBID = re.compile(r"^(?:ibid(?:em)?|op\.?\s*cit)\b\.?\s*", re.I)
_AS_ABOVE = re.compile(r"\b(?:same as above|as above|ditto)\b\.?", re.I)
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?!\d)")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")


@lru_cache(maxsize=2)
def _outlets(name: str = "outlets.csv") -> tuple[tuple[str, re.Pattern[str]], ...]:
    with data_file(name).open(encoding="utf-8", newline="") as fh:
        return tuple(
            (row["outlet"], re.compile(row["pattern"], re.I)) for row in csv.DictReader(fh)
        )


def _month(name: str) -> int:
    name = name.lower()
    for idx, month in enumerate(_MONTHS, start=1):
        if len(name) >= 3 and month.startswith(name[:3]):
            return idx
    return 0


def parse_date(text: str) -> tuple[str, tuple[int, int] | None]:
    """Find the first date in a reference; return (ISO date, (start, end)) or ("", None).

    Example:
        >>> parse_date("[1] 2023/5/3NIKKEI ASIA")[0]
        '2023-05-03'
    """
    found = []
    for regex, order in ((_NUMERIC_DATE, "ymd"), (_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
        for match in regex.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            month = int(parts["m"]) if parts["m"].isdigit() else _month(parts["m"])
            try:
                iso = dt.date(int(parts["y"]), month, int(parts["d"])).isoformat()
            except ValueError:
                continue
            found.append((match.start(), iso, match.span()))
    if not found:
        return "", None
    _, iso, span = min(found)
    return iso, span


def match_outlet(text: str) -> str:
    """Return the canonical outlet named in a text ("" if none is recognised).

    Misspelt names ("Finatial Times") are recognised only in short texts (up to
    ``FUZZY_MAX_CHARS``, a reference entry's outlet part): in running text near-misses are
    ordinary words ("political" is not Politico) and the search costs ~100 ms per paragraph.

    Example:
        >>> match_outlet("Finatial Times “France objects”"), match_outlet("NIKKEI ASIA")
        ('Financial Times', 'Nikkei Asia')
    """
    for name, regex in _outlets():
        if regex.search(text):
            return name
    if len(text) > FUZZY_MAX_CHARS:
        return ""
    words = re.findall(r"[A-Za-z][\w&.'-]*", text)
    names = {name.lower(): name for name, _ in _outlets()}
    # A misspelt outlet ("Finatial Times"): compare every run of 1-4 words with the known names.
    # difflib's ratio is at most 2*min(a, b)/(a + b) for lengths a, b, so names whose length is
    # too far from the run's can never reach the cutoff: skipping them changes no answer.
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            run = " ".join(words[i : i + size]).lower()
            if len(run) < 4:
                continue
            candidates = _names_near(len(run))
            if not candidates:
                continue
            close = difflib.get_close_matches(run, candidates, n=1, cutoff=_CLOSE)
            if close:
                return names[close[0]]
    return ""


def last_outlet(text: str) -> str:
    """The known outlet named last in ``text`` ("" if none): what "the agency" refers back to.

    Example:
        >>> last_outlet("Reuters first reported it; the BBC said")
        'BBC'
    """
    best, name = -1, ""
    for outlet, regex in _outlets():
        for m in regex.finditer(text):
            if m.start() > best:
                best, name = m.start(), outlet
    return name


_CLOSE = 0.85
FUZZY_MAX_CHARS = 100


@lru_cache(maxsize=512)
def _names_near(length: int) -> tuple[str, ...]:
    """Known outlet names (lower case) whose length lets difflib's ratio reach the cutoff."""
    return tuple(
        name
        for name in dict.fromkeys(n.lower() for n, _ in _outlets())
        if 2 * min(length, len(name)) / (length + len(name)) >= _CLOSE
    )


def _group_entries(reference_lines) -> list[tuple[str, int, str]]:
    entries: list[list] = []
    for line_no, text in reference_lines:
        text = str(text).strip()
        if not text:
            continue
        match = _ENTRY.match(text)
        if match or not entries:
            entries.append([match.group(1) if match else "", int(line_no), text])
        else:
            entries[-1][2] += " " + text
    return [(ref, line_no, text) for ref, line_no, text in entries]


def _parse_entry(text: str) -> dict[str, str]:
    rest = _ENTRY.sub("", text, count=1)
    url_match = _URL.search(rest)
    url = url_match.group(0).rstrip(".,;)") if url_match else ""
    rest = _URL.sub(" ", rest)
    ibid = bool(_IBID.match(rest))
    rest = _IBID.sub(" ", rest, count=1)
    as_above = bool(_AS_ABOVE.search(rest))
    rest = _AS_ABOVE.sub(" ", rest)
    title_match = _TITLE.search(rest)
    title = title_match.group(1).strip() if title_match else ""
    rest = _TITLE.sub(" ", rest)
    date, span = parse_date(rest)
    if span:
        rest = rest[: span[0]] + " " + rest[span[1] :]
    outlet_raw = " ".join(rest.strip(" .,;:-–—").split())
    return {
        "url": url,
        "title": title,
        "date": date,
        "outlet_raw": outlet_raw,
        "outlet": match_outlet(outlet_raw) or outlet_raw,
        "pointer": "ibid" if ibid else "as_above" if as_above else "",
    }


def parse_references(reference_lines) -> pd.DataFrame:
    """Parse a footnote list into one row per entry: ref, text, outlet, date, url, title, resolves_to.

    ``reference_lines`` is a sequence of ``(line_no, text)`` as produced by cleaning. Entries marked
    "ibid." or "as above" get ``resolves_to`` (the ref they point to) and borrow the URL, date and
    title they lack from that entry.

    Example:
        >>> refs = parse_references([(18, "[1] 2023/5/3NIKKEI ASIA https://asia.nikkei.com/x"),
        ...                          (19, "[2] ibid.")])
        >>> refs[["ref", "outlet", "date", "resolves_to"]].values.tolist()
        [['1', 'Nikkei Asia', '2023-05-03', ''], ['2', 'Nikkei Asia', '2023-05-03', '1']]
    """
    rows: list[dict[str, object]] = []
    if not reference_lines:  # most articles: no list (an empty table, built once)
        return _empty_references().copy(deep=False)  # no rows: a shallow copy shares nothing
    for ref, line_no, text in _group_entries(reference_lines):
        parsed = _parse_entry(text)
        target = ""
        if parsed["pointer"] == "ibid" and rows:
            target = str(rows[-1]["resolves_to"] or rows[-1]["ref"])
        elif parsed["pointer"] == "as_above" and rows:
            same = [r for r in rows if parsed["outlet"] and r["outlet"] == parsed["outlet"]]
            chosen = same[-1] if same else rows[-1]
            target = str(chosen["resolves_to"] or chosen["ref"])
        if target:
            source = next(r for r in rows if r["ref"] == target)
            for key in ("url", "date", "title", "outlet"):
                parsed[key] = parsed[key] or source[key]
        rows.append(
            {
                "ref": ref,
                "text": text,
                "outlet": parsed["outlet"],
                "date": parsed["date"],
                "url": parsed["url"],
                "title": parsed["title"],
                "resolves_to": target,
                "line_no": line_no,
                "outlet_raw": parsed["outlet_raw"],
            }
        )
    return _references_frame(rows)


def _references_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=REFERENCE_COLUMNS)
    return frame.astype({c: "str" for c in REFERENCE_COLUMNS if c != "line_no"}).astype(
        {"line_no": "int64"}
    )


@lru_cache(maxsize=1)
def _empty_references() -> pd.DataFrame:
    return _references_frame([])


@lru_cache(maxsize=1)
def _empty_check() -> tuple[pd.DataFrame, pd.DataFrame]:
    return _check(_empty_references(), {})


def find_citation_markers(text: str) -> list[str]:
    """Return the footnote numbers cited in a text, in order, without repeats.

    Example:
        >>> find_citation_markers("concerns. [3][4] and again [3]")
        ['3', '4']
    """
    return list(dict.fromkeys(_MARKER.findall(text)))


def check_citations(
    sentences: pd.DataFrame, references: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Link text markers to the reference list; report dangling and uncited references.

    Returns the references with a ``cited_in_text`` column and a problems table (kind, detail,
    ref, sentence_id): ``dangling_citation`` for a marker with no entry in the list,
    ``uncited_reference`` for an entry no sentence cites.

    Example:
        >>> sents = pd.DataFrame({"sentence_id": [1], "text": ["A claim[1]. Another[7]."]})
        >>> refs = parse_references([(5, "[1] NHK News Web https://nhk.jp/x")])
        >>> _, problems = check_citations(sents, refs)
        >>> problems[["kind", "ref"]].values.tolist()
        [['dangling_citation', '7']]
    """
    first_cited: dict[str, int] = {}
    # plain lists: iterating the Series would make a pandas scalar per sentence
    texts = col(sentences, "text")
    marked = [k for k, text in enumerate(texts) if "[" in str(text)]
    ids = col(sentences, "sentence_id") if marked else []  # most articles: no "["
    for k in marked:
        for ref in find_citation_markers(str(texts[k])):
            first_cited.setdefault(ref, int(ids[k]))
    if not first_cited and not len(references):  # most articles: nothing to link (built once)
        refs, problems = _empty_check()
        return refs.copy(deep=False), problems.copy(deep=False)  # no rows to share
    return _check(references, first_cited)


def _check(
    references: pd.DataFrame, first_cited: dict[str, int]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    references = (
        references.copy() if len(references.columns) else pd.DataFrame(columns=REFERENCE_COLUMNS)
    )
    listed = set(references["ref"].astype(str))
    references["cited_in_text"] = references["ref"].astype(str).isin(first_cited).astype(bool)
    problems = []
    for ref, sentence_id in first_cited.items():
        if ref not in listed:
            problems.append(
                {
                    "kind": "dangling_citation",
                    "ref": ref,
                    "sentence_id": sentence_id,
                    "detail": f"[{ref}] is cited in sentence {sentence_id} but the "
                    f"reference list has no entry [{ref}]",
                }
            )
    for ref, text in zip(references["ref"], references["text"], strict=True):
        if ref not in first_cited:
            what = f"[{ref}]" if ref else "an unnumbered entry"
            problems.append(
                {
                    "kind": "uncited_reference",
                    "ref": str(ref),
                    "sentence_id": 0,
                    "detail": f"{what} ({text[:60]}) is never cited in the text",
                }
            )
    frame = pd.DataFrame(problems, columns=PROBLEM_COLUMNS).astype(
        {"kind": "str", "detail": "str", "ref": "str", "sentence_id": "int64"}
    )
    order = frame["ref"].map(lambda r: int(r) if r.isdigit() else 10**6)
    frame = frame.assign(_o=order).sort_values(["kind", "_o", "detail"], kind="mergesort")
    return references, frame.drop(columns="_o").reset_index(drop=True)


def quote_problems(attributions: pd.DataFrame) -> pd.DataFrame:
    """Problems table rows (kind, detail) for quotes whose closing mark is missing.

    Example:
        >>> from helpers.ingest.segment import split_sentences
        >>> from helpers.sources import find_attributions
        >>> body = 'He said: "We will never leave.\\nThe end.'
        >>> quote_problems(find_attributions(body, split_sentences(body), pd.DataFrame()))["kind"].tolist()
        ['unbalanced_quote']
    """
    rows = [{"kind": kind, "detail": detail} for kind, detail in quote_problem_rows(attributions)]
    return pd.DataFrame(rows, columns=["kind", "detail"])


def quote_problem_rows(attributions: pd.DataFrame) -> list[tuple[str, str]]:
    """:func:`quote_problems` as (kind, detail) pairs, read from plain columns (no frame built)."""
    if not len(attributions):
        return []
    unbalanced = col(attributions, "unbalanced")
    if not any(unbalanced):  # most articles: the other columns are not read
        return []
    columns = zip(
        col(attributions, "sentence_id"),
        col(attributions, "quote"),
        unbalanced,
        strict=True,
    )
    return [
        (
            "unbalanced_quote",
            f"sentence {sid}: quote opened before {quote[:40]!r} is never closed",
        )
        for sid, quote, unbalanced in columns
        if unbalanced
    ]
