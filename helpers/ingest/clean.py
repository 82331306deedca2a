"""Clean an article: drop web boilerplate with an audit trail, split off the reference list, read metadata.

Rules, in the order they are tried on each line (patterns live in ``data/boilerplate.csv`` and
``data/bylines.csv``, read by ``helpers.ingest.rules``; a teacher can add rows):

1. front matter lines (``front_matter``);
2. a footnote/reference list at the end of the article (``references``): a run of lines starting
   with ``[n]`` (plus URLs, "ibid." lines and furniture) that reaches the end;
3. byline lines in the header (``byline``) and a dateline like "Tuesday, October 8, 2019" (``dateline``);
4. any ``data/boilerplate.csv`` pattern (its ``reason``);
5. a line mostly in another script (``boilerplate:other_script``);
6. a related-article teaser: a dated caption that appears after the body has started, with the
   short headline-like lines next to it (``boilerplate:teaser``);
7. page furniture of any site, found by a line classifier (``furniture:<kind>``,
   ``furniture:outside_article``, ``furniture:other_files``: :mod:`helpers.ingest.furniture`),
   except in hard-wrapped prose, which is no page paste;
8. the page's own byline and date lines around the first paragraph (``byline``, ``dateline``:
   :mod:`helpers.ingest.metadata`, which also reads the outlet from a wire dateline, a copyright
   or a URL line); when the body would start with a paragraph, the headline above it stays.

Kept lines are joined with "\\n" into ``body``; ``offsets[i]`` is the position in the original text of
``body[i]``, so cleaning never invents a character. Hard-wrapped text (e-mail, Markdown, copies from
PDF: short lines that stop mid-sentence) is the one exception: the line break inside a paragraph
becomes a space, so that its sentences are whole; ``offsets`` points that space at the line break.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..frames import text_array
from .furniture import find_furniture, furniture_at_end
from .load import Article
from .metadata import parse_any_date, read_page_metadata
from .rules import Pattern, any_of, load_bylines, load_outlets, load_patterns

_TERMINAL = re.compile(r"""[.!?…]["'’”)\]]*(\[\d+\])*\s*$""")
_REF_LINE = re.compile(r"^\s*\[\d{1,3}\]\s*\S")
_URL_LINE = re.compile(r"^\s*(https?://|www\.)\S+\s*$")
_WORDS = re.compile(r"\S+")
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_DATELINE = re.compile(
    r"^(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
    r"(?:(?P<month1>[a-z]+)\.?\s+(?P<day1>\d{1,2}),?\s+(?P<year1>\d{4})"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>[a-z]+)\.?,?\s+(?P<year2>\d{4}))\s*$",
    re.I,
)
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_SLASH_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_DROP_LATIN = dict.fromkeys(range(0x250))  # str.translate table deleting U+0000-024F
REMOVED_COLUMNS = ["line_no", "text", "reason"]


@dataclass(frozen=True)
class Cleaned:
    """The cleaned body of one article, with the audit of what was removed."""

    body: str
    offsets: np.ndarray
    removed: pd.DataFrame
    reference_lines: tuple[tuple[int, str], ...]
    metadata: dict[str, str]


#: lines removed by a rule that label a box under them ("See also:", "Comments"): the line
#: classifier reads the lines under them as that box
_BOX_LABELS = {
    "boilerplate:read_more": "furniture:related",
    "boilerplate:subscribe": "furniture:subscribe",
}


def is_paragraph(line: str) -> bool:
    """True for a line that reads as running prose (ends a sentence and has at least 12 words)."""
    # splitting stops after the twelfth word: long paragraphs need not be split whole
    return bool(_TERMINAL.search(line)) and len(line.split(maxsplit=11)) >= 12


def is_headline(line: str) -> bool:
    """True for a short line without sentence-final punctuation (a title, heading or teaser)."""
    words = len(line.split())  # the \S+ runs: str.split and re's \s agree on Unicode whitespace
    return 0 < words <= 25 and not re.search(r"[.:;,]\s*$", line)


def _other_script(line: str) -> bool:
    rest = line.translate(_DROP_LATIN)  # curly quotes, dashes and letters of other scripts
    if not any(ch.isalpha() for ch in rest):
        return False  # every letter is Latin (the common case, decided without counting)
    letters = [ch for ch in line if ch.isalpha()]
    latin = sum(1 for ch in letters if ch < "\u0250")
    return len(letters) >= 3 and latin < len(letters) / 2


def parse_date(text: str) -> str:
    """Parse a dateline or dotted caption date into ISO format ("" if none).

    Example:
        >>> parse_date("Tuesday, October 8, 2019"), parse_date("Sputnik International, 1920, 11.07.2023")
        ('2019-10-08', '2023-07-11')
    """
    text = text.strip()
    try:
        match = _DATELINE.match(text)
        if match:
            month = (match["month1"] or match["month2"]).lower()
            day = int(match["day1"] or match["day2"])
            year = int(match["year1"] or match["year2"])
            idx = next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(month[:3]))
            return dt.date(year, idx, day).isoformat()
        match = _DOTTED_DATE.search(text)
        if match:
            day, month, year = map(int, match.groups())
            return dt.date(year, month, day).isoformat()
    except (ValueError, StopIteration):
        return ""
    return ""


def _reference_start(lines: list[str], reasons: dict[int, str]) -> int | None:
    """Index of the first line of a trailing reference list, or None."""
    start = None
    for idx in range(len(lines) - 1, -1, -1):
        line = lines[idx].strip()
        if not line or idx in reasons or _URL_LINE.match(line):
            continue
        if _REF_LINE.match(line):
            start = idx
            continue
        break
    return start


def _match_boilerplate(
    line: str, patterns: tuple[Pattern, ...], whole: re.Pattern | None, trailing: re.Pattern | None
) -> tuple[str, int] | None:
    """Return (reason, cut) where ``cut`` is the start of a trailing removal (0 = whole line).

    ``whole`` and ``trailing`` join the line and trailing rules (``any_of``).
    """
    stripped = line.strip()
    if whole is None or whole.fullmatch(stripped):
        for pattern in patterns:
            if pattern.scope == "line" and pattern.regex.fullmatch(stripped):
                return pattern.reason, 0
    if trailing is not None and not trailing.search(line):
        return None
    for pattern in patterns:
        if pattern.scope == "trailing":
            match = pattern.regex.search(line)
            if match and match.start() > 0:
                return pattern.reason, match.start()
    return None


def _byline(line: str) -> dict[str, str] | None:
    for regex in load_bylines():
        match = regex.match(line.strip())
        if match:
            return {k: v.strip() for k, v in match.groupdict().items() if v}
    return None


def _find_outlet(lines: list[str]) -> str:
    outlets = load_outlets()
    some = any_of(tuple(regex for _, regex in outlets), search=True)
    for line in lines:
        if some is not None and not some.search(line):
            continue
        for name, regex in outlets:
            if regex.search(line):
                return name
    return ""


def clean_text(article: Article, *, patterns: tuple[Pattern, ...] | None = None) -> Cleaned:
    """Remove boilerplate from an article and keep an audit of every removed line.

    ``patterns`` replaces the rules of ``data/boilerplate.csv`` (e.g. ``load_patterns(my_copy)``
    to try a new rule on a copy of the file before changing the real one).

    Example:
        >>> from helpers.ingest.load import load_article
        >>> from helpers.paths import SEEDS_DIR
        >>> cleaned = clean_text(load_article(SEEDS_DIR / "001_b9b24f8ad2796175.txt"))
        >>> cleaned.body.splitlines()[0]
        "China Comes First: Why NATO's Office in Japan Faces Uncertainty"
    """
    text = article.text
    raw_lines = text.split("\n")
    lines = [line.rstrip("\r") for line in raw_lines]
    patterns = load_patterns() if patterns is None else patterns
    whole = any_of(tuple(p.regex for p in patterns if p.scope == "line"))
    trailing = any_of(tuple(p.regex for p in patterns if p.scope == "trailing"), search=True)
    reasons: dict[int, str] = {i: "front_matter" for i in range(article.front_matter_lines)}
    cuts: dict[int, tuple[int, str]] = {}
    found: dict[str, str] = {}
    header: list[tuple[int, str]] = []
    body_started = False
    ref_start = _reference_start(lines, reasons)
    caption_dates: list[str] = []
    header_dates: list[int] = []  # lines of the dates read above the article

    for idx, line in enumerate(lines):
        stripped = line.strip()
        if idx in reasons or not stripped:
            continue
        if ref_start is not None and idx >= ref_start:
            reasons[idx] = "references"
            continue
        if not body_started:
            if not is_paragraph(stripped):
                header.append((idx, stripped))
            byline = _byline(stripped)
            if byline and "author" not in found and len(header) <= 5:
                reasons[idx] = "byline"
                found["author"] = byline.get("author", "")
                found["byline_org"] = byline.get("org", "")
                continue
            date = parse_date(stripped) if _DATELINE.match(stripped) else ""
            teaser = False
            if header_dates and (date or len(stripped.split()) <= 10):
                # a second date line, a headline between: 'Thursday 15 February 2018 | Published …'
                other = date or parse_any_date(stripped)
                teaser = bool(other) and _teaser_above(lines, reasons, idx, header_dates)
                date = other if teaser else date
            if date:
                reasons[idx] = "dateline"
                if teaser:
                    found["date"] = date  # the headline nearest the article is its own
                found.setdefault("date", date)
                header_dates.append(idx)
                continue
        hit = _match_boilerplate(line, patterns, whole, trailing)
        if hit and hit[1] == 0:
            reason = hit[0]
            if reason == "boilerplate:dated_caption":
                if body_started:
                    reason = "boilerplate:teaser"
                    _mark_teaser(lines, idx, reasons)
                else:
                    caption_dates.append(parse_date(stripped))
            reasons[idx] = reason
            continue
        if _other_script(stripped):
            reasons[idx] = "boilerplate:other_script"
            continue
        if hit:
            cuts[idx] = (hit[1], hit[0])
        if is_paragraph(stripped):
            body_started = True

    # A browser's copy of a page gives one paragraph per line; hard-wrapped text (e-mail, Markdown,
    # a PDF copy) is no page paste, and its lines are not paragraphs for the line classifier.
    # (A page's menus are short lines too, but hard-wrapped prose fills its lines: half of them
    # reach WRAPPED_MEDIAN characters.)
    kept = [i for i, line in enumerate(lines) if i not in reasons and line.strip()]
    lengths = sorted(len(lines[i].strip()) for i in kept)
    prose_wrapped = bool(lengths) and lengths[len(lengths) // 2] >= WRAPPED_MEDIAN
    if not (prose_wrapped and _wrapped(lines, kept, cuts)):
        labels = {i: _BOX_LABELS[r] for i, r in reasons.items() if r in _BOX_LABELS}
        furniture = find_furniture(
            lines, skip=reasons, repeated=article.repeated_lines, labels=labels
        )
    else:  # (its lines are no paragraphs to weigh: only the furniture at its end goes)
        furniture = furniture_at_end(lines, skip=reasons)
    for idx, reason in furniture.items():
        reasons[idx] = reason
        cuts.pop(idx, None)
    # the page's own metadata lines ("By …", "Published …", a wire dateline, "© 2023 …"), read
    # where the article starts; lines removed as furniture are still read, rule-removed ones not
    first = next(
        (i for i, line in enumerate(lines) if i not in reasons and is_paragraph(line.strip())),
        None,
    )
    if first is not None:
        _restore_title(lines, reasons, first)
    unread = {i: r for i, r in reasons.items() if not r.startswith("furniture:")}
    page, drop = read_page_metadata(lines, unread, first)
    for idx, reason in drop.items():
        reasons.setdefault(idx, reason)
        cuts.pop(idx, None)
    found["page"] = page
    header = [text for idx, text in header if not reasons.get(idx, "").startswith("furniture:")]
    return _assemble(article, raw_lines, lines, reasons, cuts, found, header, caption_dates)


def _teaser_above(
    lines: list[str], reasons: dict[int, str], idx: int, header_dates: list[int]
) -> bool:
    """A dated headline above the article's own: 'Moana target 2025 World Cup' / '11 November
    2022' / 'Tonga and Samoa face long recoveries' / 'Thursday 15 February 2018': when a headline
    stands between an earlier date line and this one, the lines down to that earlier date are a
    teaser of another story (marked ``furniture:related``), and this date is the article's."""
    if not header_dates:
        return False
    earlier = header_dates[-1]
    between = [i for i in range(earlier + 1, idx) if lines[i].strip() and i not in reasons]
    if not any(is_headline(lines[i].strip()) and len(lines[i].split()) >= 3 for i in between):
        return False
    for i in range(earlier, -1, -1):
        if lines[i].strip() and (i not in reasons or i == earlier):
            reasons[i] = "furniture:related"
            if i < earlier and is_headline(lines[i].strip()):
                break  # the teaser's headline: above it, the other rules decide
    return True


def _restore_title(lines: list[str], reasons: dict[int, str], first: int) -> None:
    """Keep the headline above the first paragraph: the nearest headline-like line (four words or
    more) that was removed only for where it stands, when nothing is kept above the paragraph,
    or when it is longer than every line kept there (a video's title or a caption kept under the
    headline, a "get the app" line between: 'Hong Kong students arrested on suspicion of …')."""
    before = [i for i in range(first) if i not in reasons and lines[i].strip()]
    longest = max(
        (len(lines[i].split()) for i in before if is_headline(lines[i].strip())), default=0
    )
    if before and longest >= TITLE_WORDS:
        return
    seen = 0
    for idx in range(first - 1, -1, -1):
        line = lines[idx].strip()
        if not line:
            continue
        seen += 1
        if seen > TITLE_LINES:
            return
        words = len(line.split())
        if (
            reasons.get(idx) == "furniture:outside_article"
            and is_headline(line)
            and words >= (4 if not before else max(TITLE_WORDS, longest + 3))
            and not parse_any_date(line)
        ):
            del reasons[idx]
            return


def _mark_teaser(lines: list[str], idx: int, reasons: dict[int, str]) -> None:
    """Mark the headline-like lines around a teaser caption (two before, three after)."""
    for other in [*range(idx + 1, min(idx + 4, len(lines))), *range(idx - 1, max(idx - 3, -1), -1)]:
        line = lines[other].strip()
        if not line:
            continue
        if other in reasons or not is_headline(line):
            if other < idx:
                break
            continue
        reasons[other] = "boilerplate:teaser"


_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)])\s")
_WRAP_WIDTH = 100  # hard-wrapped text (e-mail, Markdown, PDF copies) keeps lines below this
_WRAPPED_LINE = 25  # a line stopping mid-sentence this long or longer may be wrapped prose
WRAPPED_MEDIAN = 40
TITLE_LINES = 8  # how far above the first paragraph a headline is looked for
TITLE_WORDS = 12  # a kept line above the article this long is its headline: none is looked for


def _wrapped(lines: list[str], kept: list[int], cuts: dict) -> set[int]:
    """Kept lines that continue the line above them, in hard-wrapped text (else none).

    A text is hard-wrapped when nine lines in ten are at most ``_WRAP_WIDTH`` characters and at
    least 40 % of the lines followed by another one stop mid-sentence. Its paragraphs are then the
    blocks between blank lines or, without blank lines, a line stopping mid-sentence goes on in
    the next. A list item or a line after a cut one starts afresh.
    """
    if len(kept) < 4:
        return set()
    lengths = sorted(len(lines[i].strip()) for i in kept)
    if lengths[(len(lengths) - 1) * 9 // 10] > _WRAP_WIDTH:
        return set()
    follows = [
        b
        for a, b in zip(kept, kept[1:], strict=False)
        if b == a + 1 and a not in cuts and not _LIST_ITEM.match(lines[b])
    ]
    # (a wrapped line stops mid-sentence near the width: "Leave a Comment" above "Share" does not)
    open_ends = [
        b
        for b in follows
        if not _TERMINAL.search(lines[b - 1]) and len(lines[b - 1].strip()) >= _WRAPPED_LINE
    ]
    if not follows or len(open_ends) < 0.4 * len(follows):
        return set()
    blank_lines = any(not lines[i].strip() for i in range(kept[0], kept[-1]))
    return set(follows) if blank_lines else set(open_ends)


def _assemble(article, raw_lines, lines, reasons, cuts, found, header, caption_dates) -> Cleaned:
    pieces: list[str] = []
    offsets: list[np.ndarray] = []
    removed: list[tuple[int, str, str]] = []
    refs: list[tuple[int, str]] = []
    pos = 0
    joined = _wrapped(
        lines, [i for i, line in enumerate(lines) if i not in reasons and line.strip()], cuts
    )
    for idx, (raw, line) in enumerate(zip(raw_lines, lines, strict=True)):
        if idx in reasons:
            removed.append((idx + 1, line, reasons[idx]))
            if reasons[idx] == "references":
                refs.append((idx + 1, line))
        elif line.strip():
            end, reason = cuts.get(idx, (len(line), ""))
            if reason:
                removed.append((idx + 1, line[end:].strip(), reason))
            kept = line[:end]
            left = len(kept) - len(kept.lstrip())
            kept = kept.strip()
            if pieces:  # a new paragraph, or a space where hard-wrapped text broke its line
                pieces.append(" " if idx in joined else "\n")
                offsets.append(np.array([pos - 1], dtype=np.int64))
            pieces.append(kept)
            offsets.append(np.arange(pos + left, pos + left + len(kept), dtype=np.int64))
        pos += len(raw) + 1
    body = "".join(pieces)
    offs = np.concatenate(offsets) if offsets else np.zeros(0, dtype=np.int64)
    return Cleaned(
        body,
        offs,
        _removed_frame(removed),
        tuple(refs),
        _metadata(body, found, header, caption_dates, refs),
    )


# what pandas gives for no rows: columns of objects; copying it is faster than building it
_NOTHING_REMOVED = pd.DataFrame({c: np.array([], dtype=object) for c in REMOVED_COLUMNS})


def _removed_frame(removed: list[tuple[int, str, str]]) -> pd.DataFrame:
    """``pd.DataFrame(removed, columns=REMOVED_COLUMNS)``, built column by column (the same frame
    and types; pandas' own row-wise construction costs a quarter of the cleaning step)."""
    if not removed:
        return _NOTHING_REMOVED.copy()
    line_nos, texts, reasons = zip(*removed, strict=True)
    return pd.DataFrame(
        {
            "line_no": np.array(line_nos, dtype=np.int64),
            "text": text_array(texts),
            "reason": text_array(reasons),
        },
        copy=False,
    )


def _metadata(body, found, header, caption_dates, refs) -> dict[str, str]:
    page = found.get("page") or {}
    meta = {"author": found.get("author", "") or page.get("author", "")}
    first = body.split("\n", 1)[0].strip() if body else ""
    if (
        first
        and is_headline(first)
        or (first and not _TERMINAL.search(first) and len(_WORDS.findall(first)) <= 30)
    ):
        meta["title"] = re.sub(r"^[-–—•*#\s]+", "", first)
    meta["outlet"] = _find_outlet(header) or found.get("byline_org", "") or page.get("outlet", "")
    if page.get("url"):
        meta["url"] = page["url"]
    dates = [d for d in caption_dates if d]
    if found.get("date"):
        meta["date"], meta["date_source"] = found["date"], "dateline"
    elif dates:
        meta["date"], meta["date_source"] = dates[0], "caption"
    elif page.get("date"):
        meta["date"], meta["date_source"] = page["date"], page["date_source"]
    else:
        ref_dates = []
        for _, line in refs:
            for y, m, d in _SLASH_DATE.findall(line):
                try:
                    ref_dates.append(dt.date(int(y), int(m), int(d)).isoformat())
                except ValueError:
                    continue
        if ref_dates:
            meta["date"], meta["date_source"] = max(ref_dates), "estimated:latest_reference"
    return meta
