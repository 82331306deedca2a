"""Quote marks: pair the quote marks of a text into quoted spans, find stray marks, mask quotes.

Quote marks are paired from their context, not from their shape, because scraped news mixes them
("“It’s not just Macron ... Cancer," K J Noh noted."): a mark with a space before it and a letter
after it opens, one with a letter before it and a space or punctuation after it closes. Curly marks
only break ties. A quotation that runs over several paragraphs reopens each paragraph and closes
once (the newspaper convention): each of its paragraphs is a quote of its own, which the next
paragraph's quote continues. A quote that closes in the next paragraph without reopening it runs
on as one quote; a quote still open at the end of a paragraph that the next one does not continue
was left unbalanced by a scrape and is closed at the paragraph end with ``unbalanced=True``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE = {"“": "open", "„": "open", "«": "open", "”": "close", "»": "close", '"': "", "″": ""}
_SINGLE = {"‘": "open", "‹": "open", "’": "close", "›": "close", "'": ""}
_MARKS = set(_DOUBLE) | set(_SINGLE)
# (Markdown emphasis around a quote, as pages copied or converted to text keep it: *"…"*, _"…"_)
_OPEN_BEFORE = set("([{—–-/:;,…*_") | _MARKS
_CLOSE_AFTER = set(".,;:!?)]}—–-…*_") | _MARKS
_MAX_SINGLE_WORDS = 60
# the marks found by a regex scan: a loop over every character in Python is several times slower
_DOUBLE_MARK = re.compile("[" + "".join(_DOUBLE) + "]")
_SINGLE_MARK = re.compile("[" + "".join(_SINGLE) + "]")
_NOT_NEWLINE = re.compile("[^\n]")
#: two single marks typed for a double one ("are “illegal,’’ the agency reported"), read as one
#: double mark and a space (the same length, so offsets stay)
# ("‘’" opening a word is a doubled opening mark too: ‘’All residents should …’’)
_DOUBLED = re.compile("’’|‘‘|(?<![\\w,.;:!?])‘’(?=\\w)")
_DOUBLED_AS = {"’’": "” ", "‘‘": " “", "‘’": " “"}


@dataclass(frozen=True)
class QuoteSpan:
    """One quoted stretch of text; ``body[start:end]`` is the text between the marks."""

    start: int
    end: int
    open_at: int
    close_at: int  # -1 when the quote was never closed
    mark: str  # "double" or "single"
    depth: int  # 0 for a top-level quote, 1 for a quote inside a quote
    paragraphs: int  # how many paragraphs the quote runs over (a quote that closes in the next one)
    unbalanced: bool


def _role(body: str, i: int, shape: str) -> str:
    prev = body[i - 1] if i > 0 else "\n"
    nxt = body[i + 1] if i + 1 < len(body) else "\n"
    can_open = not nxt.isspace() and (prev.isspace() or prev in _OPEN_BEFORE)
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER)
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if can_open and can_close:
        return shape or "either"
    return "stray"


def _paragraphs(body: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in body.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _double_spans(body: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    carry: tuple[int, int] | None = None  # (open_at, paragraphs) of a quote running on
    for p_start, p_end in _paragraphs(body):
        marks = [
            (m.start(), _role(body, m.start(), _DOUBLE[m.group()]))
            for m in _DOUBLE_MARK.finditer(body, p_start, p_end)
        ]
        stack: list[tuple[int, int]] = []
        if carry is not None:
            if marks and marks[0][0] == p_start and marks[0][1] in ("open", "either"):
                # the paragraph reopens the quotation: the quote of the paragraph before ends there
                prev_end = p_start - 1
                spans.append(
                    QuoteSpan(carry[0] + 1, prev_end, carry[0], -1, "double", 0, carry[1], False)
                )
                stack, marks = [(p_start, 1)], marks[1:]
            elif marks and marks[0][1] == "close":
                # 'said, "I think we have learned a lot.' then a paragraph that only closes it:
                # the quote runs on without a mark at the start of the second paragraph
                stack = [(carry[0], carry[1] + 1)]
            elif body[p_start:p_end].strip():
                prev_end = p_start - 1
                spans.append(
                    QuoteSpan(carry[0] + 1, prev_end, carry[0], -1, "double", 0, carry[1], True)
                )
            else:  # an empty line: keep waiting for the continuation
                continue
            carry = None
        for i, role in marks:
            if (
                role == "stray"
                and stack
                and (
                    body[i - 2 : i - 1] in (".", ",", "!", "?", "'", "’")
                    or not body[i + 1 : p_end].strip()
                )
            ):
                role = "close"  # '…clearly.\' "' : a closing mark after a stray space
            if (
                role == "close"
                and not stack
                and body[i - 1 : i] in (",", ":")
                and any(j > i and r != "open" for j, r in marks)
            ):
                role = "open"  # 'Wilkins said," [Warhol] liked …".': an opening mark, space after
            if role == "open" or (role == "either" and not stack):
                stack.append((i, 1))
            elif role in ("close", "either") and stack:
                open_at, paras = stack.pop()
                spans.append(
                    QuoteSpan(open_at + 1, i, open_at, i, "double", len(stack), paras, False)
                )
        if stack:
            # Inner quotes left open cannot continue into the next paragraph: close them here.
            for open_at, paras in stack[1:]:
                spans.append(QuoteSpan(open_at + 1, p_end, open_at, -1, "double", 1, paras, True))
            carry = stack[0]
    if carry is not None:
        spans.append(QuoteSpan(carry[0] + 1, len(body), carry[0], -1, "double", 0, carry[1], True))
    return spans


def _single_spans(body: str, doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """Pair single marks inside one paragraph and one double-quote region (never across them)."""
    double_marks = sorted(
        {s.open_at for s in doubles} | {s.close_at for s in doubles if s.close_at >= 0}
    )
    spans: list[QuoteSpan] = []
    for p_start, p_end in _paragraphs(body):
        if not _SINGLE_MARK.search(body, p_start, p_end):
            continue  # most paragraphs: no single mark to pair
        cuts = [p_start - 1, *[m for m in double_marks if p_start <= m < p_end], p_end]
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            marks = []
            for found in _SINGLE_MARK.finditer(body, lo + 1, hi):
                i, ch = found.start(), found.group()
                prev = body[i - 1] if i > 0 else " "
                nxt = body[i + 1] if i + 1 < len(body) else " "
                if prev.isalnum() and nxt.isalnum():
                    continue  # an apostrophe inside a word: It’s, don't
                role = _role(body, i, _SINGLE[ch])
                marks.append((i, role))
            used: set[int] = set()
            for k, (i, role) in enumerate(marks):
                if role not in ("open", "either") or i in used:
                    continue
                for j, role_j in marks[k + 1 :]:
                    if role_j in ("close", "either") and j not in used:
                        if len(body[i + 1 : j].split()) <= _MAX_SINGLE_WORDS and j > i + 1:
                            used.update((i, j))
                            depth = int(any(s.start <= i < s.end for s in doubles))
                            spans.append(QuoteSpan(i + 1, j, i, j, "single", depth, 1, False))
                        break
    return spans


def find_quote_spans(body: str) -> list[QuoteSpan]:
    """Pair the quote marks of a text into quoted spans, sorted by position.

    Example:
        >>> spans = find_quote_spans('He said: "Go to the \\'third way\\' now," and left.')
        >>> [(s.mark, s.depth) for s in spans]
        [('double', 0), ('single', 1)]
    """
    body = _read_doubled(body)
    doubles = _double_spans(body)
    tops = [s for s in doubles if s.depth == 0]
    singles = _single_spans(body, tops)
    # A single-quoted span inside a double-quoted nested one is not interesting on its own.
    return sorted(doubles + singles, key=lambda s: (s.open_at, -s.end))


def stray_marks(body: str, spans: list[QuoteSpan]) -> list[int]:
    """Positions of double quote marks that belong to no span (a scrape lost their partner).

    Example:
        >>> text = 'A " stray mark.'
        >>> stray_marks(text, find_quote_spans(text))
        [2]
    """
    used = {s.open_at for s in spans} | {s.close_at for s in spans}
    paired = set()
    for span in spans:
        if span.paragraphs > 1:  # the reopening marks of a multi-paragraph quote are paired
            paired.update(
                i
                for i in range(span.start, span.end)
                if body[i] in _DOUBLE and (i == 0 or body[i - 1] == "\n")
            )
    return [i for i, ch in enumerate(body) if ch in _DOUBLE and i not in used and i not in paired]


#: Characters read as others by the attribution rules (same length, so offsets stay): a one-dot
#: leader used as a full stop ("Sergey M\u2024"), and an invisible joiner inside a word ("the
#: Post'\u200ds report"), read as an apostrophe so that the word stays one word.
_LOOKALIKES = {"\u2024": "."}
_LOOKALIKE = re.compile(r"\u2024|(?<=[\w'’])[\u200b\u200c\u200d\u2060\ufeff](?=\w)")


def mask_quotes(body: str, spans: list[QuoteSpan]) -> str:
    """Blank out the inside of top-level quotes so cue words inside them are not read as cues.

    Example:
        >>> mask_quotes('"We said no," he said.', find_quote_spans('"We said no," he said.'))
        '"           " he said.'
    """
    # the stretches to blank, overlapping ones merged, then the text rebuilt from slices
    merged: list[list[int]] = []
    for start, end in sorted((s.start, s.end) for s in spans if s.depth == 0 and s.end > s.start):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, done = [], 0
    for start, end in merged:
        inside = body[start:end]
        blank = _NOT_NEWLINE.sub(" ", inside) if "\n" in inside else " " * len(inside)
        pieces += [body[done:start], blank]
        done = end
    masked = "".join(pieces) + body[done:]
    if _LOOKALIKE.search(masked):  # rare: most texts never pay for the substitution
        masked = _LOOKALIKE.sub(lambda m: _LOOKALIKES.get(m[0], "'"), masked)
    return _read_doubled(masked)  # (as find_quote_spans reads them)


def _read_doubled(text: str) -> str:
    """Doubled single marks read as double ones, of the same length (``_DOUBLED``)."""
    if "’’" in text or "‘‘" in text or "‘’" in text:  # rare: most texts never pay for it
        return _DOUBLED.sub(lambda m: _DOUBLED_AS[m[0]], text)
    return text
