"""Title, outlet, author and date read from a pasted page's own lines.

A page pasted from a browser shows its metadata as text around the headline: "By Jane Doe,
Reuters", "Words by …", "Published 14 March 2024", "Updated April 10, 2020 3:45 PM EDT", a wire
dateline opening the first paragraph ("BERLIN, March 14 (Reuters) -", "BERLIN (AP) —"), a
copyright line at the foot ("© 2023 Bangkok Post"), a URL line. :func:`read_page_metadata` looks
for them near the article's first paragraph (and for the copyright and URL lines anywhere), and
says which standalone byline and date lines to remove from the body. Front matter and
``manifest.csv`` still win (:func:`helpers.ingest.load.with_metadata` only fills empty fields).

Date formats: "10 April 2020", "April 10, 2020", "Apr. 10, 2020 3:45 PM EDT", "2020-04-10",
"10.04.2020" (day first), "Tuesday | April 26, 2022"; a dateline's month and day take their year
from another date on the page (the copyright year at the latest).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from .rules import load_bylines, load_outlets

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATES = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),
)
#: A line that is only a date (with a label, weekday, time and separators around it).
_DATE_LINE = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published|date|modified)\s*(?:on|at)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*[,|•·-]?\s*)?"
    r"[\w .,:|/•·-]{0,12}?\d[\w .,:|/•·+()-]{4,60}$",
    re.I,
)
_LABELLED = re.compile(r"\b(published|posted|first published)\b", re.I)
_UPDATED = re.compile(r"\b(updated|modified)\b", re.I)
_WIRE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'’/-]{1,40}?),?\s*(?:"
    + "(?i:"
    + _MONTH.replace("(?P<month>", "(?P<wmonth>")
    + r")\s+(?P<wday>\d{1,2}),?\s*)?\((?P<agency>[A-Za-z .&-]{2,30})\)\s*[-–—]"
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*)?,?\s*"
    r"(?P<name>[A-Z][^.|–—•,©]{1,60}?)\s*(?:[.|–—•,]|\ball rights\b|$)",
    re.I,
)
_COPYRIGHT_YEAR = re.compile(
    r"(?:©|\bcopyright\b)[^0-9]{0,12}(?:(?:19|20)\d\d\s*[-–]\s*)?((?:19|20)\d\d)", re.I
)
_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)
_EXTRA_BYLINES = re.compile(
    r"^(?i:words|reporting|written|story|text|posted|report)\s+(?i:by)\s*:?\s*(?P<author>[A-Z][\w.'’-]*"
    r"(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|bin|al|el|da)){0,4}(?:\s+and\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?)"
    r"|^(?i:author)\s*:\s*(?P<author2>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})",
)
#: How far above and below the first paragraph to look for a byline or date.
ABOVE = 15
BELOW = 3


def parse_any_date(text: str) -> str:
    """The first full date in ``text`` as ISO ``YYYY-MM-DD`` ("" when none).

    Example:
        >>> parse_any_date("Updated April 10, 2020 3:45 PM EDT"), parse_any_date("Published 14 March 2024")
        ('2020-04-10', '2024-03-14')
        >>> parse_any_date("2020-04-10"), parse_any_date("Tuesday | April 26, 2022 | 9:52 PM")
        ('2020-04-10', '2022-04-26')
    """
    found = []
    for regex in _DATES:
        for match in regex.finditer(text):
            iso = _iso(match["year"], match["month"], match["day"])
            if iso:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else ""


def _iso(year: str, month: str, day: str) -> str:
    try:
        number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
        return dt.date(int(year), number, int(day)).isoformat()
    except (KeyError, ValueError):
        return ""


def read_page_metadata(
    lines: Sequence[str], removed: dict[int, str], first: int | None
) -> tuple[dict[str, str], dict[int, str]]:
    """Metadata found in a page's lines, and the standalone byline/date lines to remove.

    Args:
        lines: the text's lines.
        removed: lines already removed ({index: reason}); front matter and references are not read.
        first: index of the article's first paragraph (None: no paragraph).

    Returns:
        ``found`` (``author``, ``date``, ``date_source``, ``outlet``, ``url`` when found) and
        ``{index: "byline" | "dateline"}`` for lines of the headline block that are only that.

    Example:
        >>> page = ["Home", "Talks resume in Geneva", "By Jane Doe", "Published 14 March 2024",
        ...         "GENEVA, March 14 (Reuters) - Talks resumed on Thursday between the two sides.",
        ...         "© 2024 Reuters. All rights reserved."]
        >>> found, drop = read_page_metadata(page, {}, 4)
        >>> found["author"], found["date"], found["outlet"], drop
        ('Jane Doe', '2024-03-14', 'Reuters', {2: 'byline', 3: 'dateline'})
    """
    skip = {i for i, why in removed.items() if why in ("front_matter", "references")}
    found: dict[str, str] = {}
    drop: dict[int, str] = {}
    if first is None:
        return found, drop
    window = [
        i
        for i in range(max(0, first - ABOVE), min(len(lines), first + BELOW + 1))
        if i not in skip and lines[i].strip()
    ]
    published = updated = ""
    for i in window:
        line = lines[i].strip()
        words = len(line.split())
        author = _author(line) if words <= 12 else ""
        if author and "author" not in found:
            found["author"] = author
            if i < first and i not in removed:
                drop[i] = "byline"
            date = parse_any_date(line)  # "By Jane Doe • 11/08/23" or "BY J. DOE APR. 26, 2022"
            if date and not published:
                published = date
            continue
        if words > 14 or i >= first:
            continue
        date = parse_any_date(line)
        if not date:
            continue
        if _UPDATED.search(line) and not _LABELLED.search(line):
            updated = updated or date
        else:
            published = published or date
        if i not in removed and _DATE_LINE.match(line):
            drop[i] = "dateline"
    wire = _WIRE.match(lines[first].strip())
    years = [published[:4]] if published else []
    notices = [i for i, line in enumerate(lines) if i not in skip and _is_notice(line)]
    years += [m[1] for m in (_COPYRIGHT_YEAR.search(lines[i]) for i in notices) if m]
    if published or updated:
        found["date"] = published or updated
        found["date_source"] = "page" if published else "page:updated"
    elif wire and wire["wmonth"] and years:
        iso = _iso(years[0], wire["wmonth"], wire["wday"])
        if iso:
            found["date"], found["date_source"] = iso, "dateline:year_from_page"
    outlet = ""
    if wire:
        outlet = _known_outlet(f"({wire['agency']})") or wire["agency"].strip()
    for i in notices:
        line = lines[i]
        if not outlet and len(line) < 300 and not _URL.match(line):
            match = _COPYRIGHT.search(line)
            if match:
                outlet = _known_outlet(line) or match["name"].strip()
        if "url" not in found and _URL.match(line):
            found["url"] = line.strip()
    if not outlet and found.get("url"):
        outlet = _known_outlet(found["url"]) or _domain(found["url"])
    if outlet:
        found["outlet"] = outlet
    return found, drop


def _is_notice(line: str) -> bool:
    """A quick look for a copyright notice or a URL line (most lines are neither)."""
    head = line.lstrip()[:4].lower()
    return "©" in line or "opyright" in line or "(c)" in line or head in ("http", "www.")


def _author(line: str) -> str:
    """The author named by a byline ("By …", "Words by …", "Reporting by …", "Author: …")."""
    for regex in load_bylines():
        match = regex.match(line)
        if match and match.groupdict().get("author"):
            return match["author"].strip()
    match = _EXTRA_BYLINES.match(line)
    if match:
        return (match["author"] or match["author2"] or "").strip()
    return ""


def _known_outlet(text: str) -> str:
    for name, regex in load_outlets():
        if regex.search(text):
            return name
    return ""


def _domain(url: str) -> str:
    host = urlsplit(url if "://" in url else f"https://{url}").hostname or ""
    return host.removeprefix("www.")
