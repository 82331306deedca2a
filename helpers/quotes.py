"""Direct quotes: pair the quote marks of a text, then decide for each quoted span whether it is
someone's speech (``direct``) or quoted words nobody is reported to say (``scare_quote``).

Quote marks are paired from their context, not from their shape, because scraped news mixes them
("“It’s not just Macron ... Cancer," K J Noh noted."): a mark with a space before it and a letter
after it opens, one with a letter before it and a space or punctuation after it closes. Curly marks
only break ties. A quote that runs over several paragraphs reopens each paragraph and closes once;
a quote still open at the end of a paragraph that the next one does not continue was left
unbalanced by a scrape and is closed at the paragraph end with ``unbalanced=True``.

A span is speech when a cue word follows it ('…," said X'; '…", Graham continued'), precedes it in
the same sentence ("stating that “…”", "told GB News: “…”"), or when it is introduced by a colon or
comma, continues the previous quote, or stands as a sentence of its own after one. A short span
with none of these, or right after a naming word ("a robot named "Hope""), is a scare quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

import pandas as pd

from .phrases import Tokens, count_words, cue_regex, load_cues, load_word_roles

_DOUBLE = {"“": "open", "„": "open", "«": "open", "”": "close", "»": "close", '"': "", "″": ""}
_SINGLE = {"‘": "open", "‹": "open", "’": "close", "›": "close", "'": ""}
_MARKS = set(_DOUBLE) | set(_SINGLE)
_OPEN_BEFORE = set("([{—–-/:;,…") | _MARKS
_CLOSE_AFTER = set(".,;:!?)]}—–-…") | _MARKS
_MAX_SINGLE_WORDS = 60


@dataclass(frozen=True)
class QuoteSpan:
    """One quoted stretch of text; ``body[start:end]`` is the text between the marks."""

    start: int
    end: int
    open_at: int
    close_at: int  # -1 when the quote was never closed
    mark: str  # "double" or "single"
    depth: int  # 0 for a top-level quote, 1 for a quote inside a quote
    paragraphs: int  # how many paragraphs the quote runs over
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
            (i, _role(body, i, _DOUBLE[ch]))
            for i in range(p_start, p_end)
            if (ch := body[i]) in _DOUBLE
        ]
        stack: list[tuple[int, int]] = []
        if carry is not None:
            if marks and marks[0][0] == p_start and marks[0][1] in ("open", "either"):
                stack, marks = [(carry[0], carry[1] + 1)], marks[1:]
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
        cuts = [p_start - 1, *[m for m in double_marks if p_start <= m < p_end], p_end]
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            marks = []
            for i in range(lo + 1, hi):
                ch = body[i]
                if ch not in _SINGLE:
                    continue
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


def mask_quotes(body: str, spans: list[QuoteSpan]) -> str:
    """Blank out the inside of top-level quotes so cue words inside them are not read as cues.

    Example:
        >>> mask_quotes('"We said no," he said.', find_quote_spans('"We said no," he said.'))
        '"           " he said.'
    """
    chars = list(body)
    for span in spans:
        if span.depth == 0:
            for i in range(span.start, span.end):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


# --- direct quotes -----------------------------------------------------------------------------

SPEECH_CATEGORIES = ("speech", "belief", "report")
_WORD = re.compile(r"\w[\w’'\-]*")


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    form: str
    category: str
    inverted: bool
    ambiguous: bool


@dataclass
class Draft:
    kind: str
    start: int
    end: int
    rule: str
    cue: CueHit | None = None
    mode: str = "none"  # phrase | subject | inherit | continue | impersonal | none
    phrase: tuple[int, int] | None = None
    unbalanced: bool = False


class ArticleText:
    """Everything the attribution rules look at: text, quote spans, masked text, sentences, cues.

    Example:
        >>> from helpers.segment import split_sentences
        >>> art = ArticleText('"Yes," he said.', split_sentences('"Yes," he said.'))
        >>> [c.form for c in art.cues]
        ['said']
    """

    def __init__(self, body: str, sentences: pd.DataFrame) -> None:
        self.body = body
        self.spans = find_quote_spans(body)
        self.tops = [s for s in self.spans if s.depth == 0]
        self.masked = mask_quotes(body, self.spans)
        self.tokens = Tokens(self.masked)
        self.s_start = [int(x) for x in sentences["start"]]
        self.s_end = [int(x) for x in sentences["end"]]
        self.s_id = [int(x) for x in sentences["sentence_id"]]
        self.s_para = [int(x) for x in sentences.get("paragraph_id", sentences["sentence_id"])]
        self.cues = self._find_cues()
        self.cue_starts = [c.start for c in self.cues]
        words, anon = load_word_roles("speaker_words.csv"), load_word_roles("anonymous_sources.csv")
        self.determiners = {w.lower() for w in words.get("determiner", ())}
        # words a speaker phrase may start with besides a capital: "the expert", "he", "officials"
        self.speaker_starts = self.determiners | {
            w.lower()
            for w in words.get("pronoun", ()) + anon.get("determiner", ()) + anon.get("head", ())
        }

    def sentence(self, pos: int) -> int:
        """Index (0-based) of the sentence containing ``pos``."""
        return max(0, min(bisect.bisect_right(self.s_start, pos) - 1, len(self.s_start) - 1))

    def inside_quote(self, pos: int) -> bool:
        return any(s.start <= pos < s.end for s in self.tops)

    def _find_cues(self) -> list[CueHit]:
        cues, hits = load_cues(), []
        for match in cue_regex().finditer(self.masked):
            text = match.group(0)
            cue = cues[" ".join(text.lower().split())]
            at_start = self.s_start and self.s_start[self.sentence(match.start())] == match.start()
            if text != text.lower() and not at_start:
                continue  # "United States", "Washington Post": a name, not a cue
            hits.append(
                CueHit(
                    match.start(), match.end(), cue.form, cue.category, cue.inverted, cue.ambiguous
                )
            )
        return hits

    def cues_in(self, lo: int, hi: int) -> list[CueHit]:
        i, j = bisect.bisect_left(self.cue_starts, lo), bisect.bisect_left(self.cue_starts, hi)
        return self.cues[i:j]

    def word_before(self, pos: int) -> str:
        words = _WORD.findall(self.masked[max(0, pos - 30) : pos])
        return words[-1].lower() if words else ""

    def verb_use(self, cue: CueHit) -> bool:
        """False for a cue form used as a noun or adjective ("the stated aim", "asylum claims")."""
        if self.word_before(cue.start) in self.determiners and cue.category != "according_to":
            return False
        if not cue.ambiguous:
            return True
        after = self.masked[cue.end : cue.end + 40]
        return bool(re.match(r"\s*(?:that\b|:|,?\s*[\"“‘'])", after)) or bool(
            re.match(r"\s*[\w’'-]+(?:\s+[\w’'-]+){0,3}\s*[:,]?\s*[\"“]", after)
        )


def _after_cue(art: ArticleText, span: QuoteSpan) -> tuple[CueHit, tuple[int, int]] | None:
    """'…," said X' / '…," X said' / '…", Graham continued.': the cue right after the quote."""
    if span.close_at < 0:
        return None
    pos = span.close_at + 1
    para_end = art.body.find("\n", pos)
    para_end = len(art.body) if para_end < 0 else para_end
    tail = art.masked[pos:para_end]
    lead = re.match(r"\s*,?\s*", tail)
    start = pos + lead.end()
    inner_last = art.body[span.end - 1 : span.end]
    if (
        inner_last == "."
        and "," not in lead.group(0)
        and tail[lead.end() : lead.end() + 1].isupper()
    ):
        return None  # the quote ended its sentence and a new one starts
    window_end = min(para_end, art.s_end[art.sentence(start)] if start < len(art.body) else start)
    for cue in art.cues_in(start, min(window_end, start + 90)):
        if cue.category not in ("speech", "belief"):
            break
        gap = art.masked[start : cue.start]
        if not gap.strip() and cue.inverted:
            phrase = art.tokens.phrase_after(cue.end, window_end, max_tokens=10)
            return (cue, phrase) if phrase else None
        if cue.form.endswith("ing"):
            break  # '"…", the government recommending …' is a new clause, not '"…," X said'
        if gap.strip() and not re.search(r"[,;:.!?\"“”]", gap) and count_words(gap) <= 9:
            phrase = art.tokens.phrase_before(cue.start, start)
            words = art.masked[phrase[0] : phrase[1]].split() if phrase else []
            # a speaker is a name, a pronoun or a noun phrase, not an adverb ('"…" first announced')
            named = any(w[:1].isupper() for w in words) or (
                words and words[0].lower() in art.speaker_starts
            )
            if phrase and phrase[0] == start and named:
                return cue, phrase
        break
    return None


def _before_cue(art: ArticleText, span: QuoteSpan, lo: int, *, short: bool) -> CueHit | None:
    """The nearest cue before the quote in the same sentence that can introduce it."""
    for cue in reversed(art.cues_in(lo, span.open_at)):
        if cue.category not in (*SPEECH_CATEGORIES, "according_to") or not art.verb_use(cue):
            continue
        between = art.masked[cue.end : span.open_at]
        if cue.category == "according_to":
            phrase = art.tokens.phrase_after(cue.end, span.open_at, appositive=True)
            rest = art.masked[phrase[1] : span.open_at] if phrase else between
            return cue if re.fullmatch(r"\s*,?\s*", rest) else None
        if short and count_words(between) > 25:
            return None
        return cue
    return None


def draft_quote(art: ArticleText, span: QuoteSpan, previous: Draft | None) -> Draft:
    """Decide whether a quoted span is speech, and where its speaker is to be read.

    ``previous`` is the draft of the top-level quote before this one (for continuations). The
    returned draft's ``mode`` says how to find the speaker: ``phrase`` (a phrase already located),
    ``cue`` (the subject of the cue), ``subject`` (of the sentence), ``inherit`` / ``continue``
    (the previous speaker), ``none``.

    Example:
        >>> from helpers.segment import split_sentences
        >>> body = '"We will stay," the minister said. He was "upbeat".'
        >>> art = ArticleText(body, split_sentences(body))
        >>> [(d.kind, d.rule) for d in (draft_quote(art, s, None) for s in art.spans)]
        [('direct', 'cue_after'), ('scare_quote', 'no_cue')]
    """
    body = art.body
    draft = Draft("direct", span.start, span.end, "", unbalanced=span.unbalanced)
    if span.depth > 0:
        return replace(draft, kind="scare_quote", rule="inside_quote")
    text = body[span.start : span.end]
    n_words = count_words(text)
    s_idx = art.sentence(span.open_at)
    lo = art.s_start[s_idx]
    before = art.masked[lo : span.open_at]
    prev_char = before.rstrip()[-1:] if before.strip() else ""
    markers = set(load_word_roles("speaker_words.csv").get("name_marker", ()))
    last = before.lower().split()[-2:]
    if last and (last[-1] in markers or " ".join(last) in markers):
        return replace(draft, kind="scare_quote", rule="name")  # 'a robot named "Hope"'
    after = _after_cue(art, span)
    if after:
        return replace(draft, rule="cue_after", cue=after[0], mode="phrase", phrase=after[1])
    cue = _before_cue(art, span, lo, short=n_words < 4)
    if cue:
        return replace(draft, rule="cue_before", cue=cue, mode="cue")
    sentence_like = n_words >= 3 and (
        text[:1].isupper() or text[:2] == "[T" or bool(re.search(r"[.!?]\W*$", text))
    )
    if (
        previous is not None
        and previous.kind == "direct"
        and re.fullmatch(r"\s*[:,]?\s*", art.masked[previous.end + 1 : span.open_at])
    ):
        return replace(draft, rule="continues_quote", mode="inherit")
    if prev_char == ":" and n_words >= 2 or prev_char == "," and n_words >= 4:
        return replace(draft, rule="introduced", mode="subject")
    if not before.strip(" ([—–-") and (n_words >= 4 or sentence_like):
        return replace(draft, rule="standalone", mode="continue")
    if n_words >= 8:
        return replace(draft, rule="long_quote", mode="subject")
    return replace(draft, kind="scare_quote", rule="no_cue")
