"""Reported speech: indirect speech, "according to" sources and claims resting on unnamed reports.

Outside quotes, a cue verb reports a claim when it is used as a verb: before the claim ("Macron said
that …", "told reporters the talks failed"), after it ("…, believes Pavel Timofeev"; "…, the Russian
expert noted"), or in the passive with its reporter ("as reported by Reuters"). "According to X"
names its source after the cue; impersonal phrases from ``data/anonymous_sources.csv`` ("it was
reported that", "reportedly") rest a claim on unnamed reports. A quote inside such a claim ('the
"main difference" between them, he added') is speech when the cue comes after it in the sentence.
Each finder returns a :class:`helpers.sources.quotes.Draft`; :mod:`helpers.sources` names the speakers
and builds the table.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .phrases import count_words, trim_span
from .quotes import NAME_PATTERN, ArticleText, CueHit, Draft, QuoteSpan
from .speakers.words import speaker_words
from .word_lists import find_phrase_spans, load_word_roles

__all__ = ["draft_reports", "quote_in_claim"]

# a form of "be" before a cue, perhaps with an adverb or a day between: a passive
_PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:(?:\w+ly|also|not|on\s+\w+day)\s+)*$"
)
_WORD = re.compile(r"\w[\w’'\-]*")
# a claim, then its speaker and a description, each set off by commas, before an inverted cue
_NAME_THEN_APPOSITIVE = re.compile(rf",\s*({NAME_PATTERN}),\s+[^;:\"“”\n]{{3,140}}?,\s*$")


def _inverted_position(art: ArticleText, cue: CueHit, lo: int, hi: int):
    """'…, the Russian expert noted.' or '…, believes Pavel Timofeev, head of …': (comma, phrase)."""
    masked = art.masked
    comma = masked.rfind(",", lo, cue.start)
    if comma < 0 or masked.rfind('"', comma, cue.start) >= 0:
        return None
    gap = masked[comma + 1 : cue.start]
    named = _NAME_THEN_APPOSITIVE.search(masked, lo, cue.start)
    if (
        named
        and not gap.strip()
        and cue.category in ("speech", "belief")
        and re.fullmatch(r"\s*(?:[\w’'.\-]+\s*){0,4}[.!?]?\s*", masked[cue.end : hi])
    ):
        # '"… threatens to suspend" its participation, Mohamed El Hacen Lebatt, …, told AFP.'
        return named.start(), (named.start(1), named.end(1))
    if not gap.strip() and cue.inverted:
        phrase = art.tokens.phrase_after(cue.end, hi, max_tokens=8)
        words = _WORD.findall(masked[phrase[0] : phrase[1]]) if phrase else []
        if (
            phrase
            and not masked[phrase[0] : phrase[1]].isdigit()  # "claiming 85,000 Americans were"
            and words[0].lower() not in speaker_words().openers  # "Saree, stated today, Tuesday,"
            and re.fullmatch(r"\s*(?:[,.].*)?", masked[phrase[1] : hi], re.S)
            and not any(w.lower() in art.tokens.aux for w in words)
            and count_words(masked[lo:comma]) >= 4
        ):
            return comma, phrase
        return None
    if (
        cue.category in ("speech", "belief")
        and count_words(gap) <= 8
        and re.fullmatch(r"\s*(?:\[\d{1,3}\])*\s*[.!?]?\s*", masked[cue.end : hi])
        and not (cue.ambiguous and re.search(r"\b[a-z]+ed\b", gap))
    ):  # (not '…, the family expressed concerns about his mental state.': a noun after a verb)
        phrase = art.tokens.phrase_before(cue.start, comma + 1)
        if phrase:
            return comma, phrase
    return None


def quote_in_claim(art: ArticleText, span: QuoteSpan, draft: Draft) -> Draft:
    """'The border issue is the "main difference" between them, he added.': the cue comes after.

    Returns ``draft`` made ``direct`` with the later cue as its cue when the quote sits inside a
    claim reported by that cue, else ``draft`` unchanged.
    """
    s_idx = art.sentence(span.open_at)
    lo, hi = art.s_start[s_idx], art.s_end[s_idx]
    for later in art.cues_in(span.end, hi):
        if later.category == "according_to" and not art.inside_quote(later.start):
            # 'Sales went up in a "sharp increase" last week, according to a spokesperson.'
            phrase = art.tokens.phrase_after(later.end, hi, appositive=True)
            if phrase and re.fullmatch(r"[\s.,;!?\[\]\d]*", art.masked[phrase[1] : hi]):
                return replace(
                    draft,
                    kind="direct",
                    rule="claim_according_to",
                    cue=later,
                    mode="phrase",
                    phrase=phrase,
                )
            continue
        found = later.category in ("speech", "belief") and _inverted_position(art, later, lo, hi)
        if found and found[0] > span.end:
            return replace(
                draft,
                kind="direct",
                rule="claim_of_cue_after",
                cue=later,
                mode="phrase",
                phrase=found[1],
            )
    return draft


def _claim_after(art: ArticleText, pos: int, s_idx: int, *, skip_listener: bool) -> tuple[int, int]:
    end = art.s_end[s_idx]
    text = art.masked[pos:end]
    that = re.match(r"(?:\s+[\w’'.\-]+){0,6}?\s+that\b", text)
    if that:
        pos += that.end()
    elif skip_listener:
        listener = re.match(
            r"\s+(?:(?:the|reporters|journalists|press|media|[A-Z][\w’'.\-]*)\s+)+", text
        )
        pos += listener.end() if listener else 0
    return trim_span(art.body, pos, end)


def draft_reports(art: ArticleText, used: set[int]) -> list[Draft]:
    """Indirect speech, 'according to' and unnamed reports outside quotes.

    Args:
        art: the article (text, masked text, sentences, cue words).
        used: start offsets of the cue words that already introduce a quote.

    Returns:
        One draft per claim (``indirect`` or ``according_to``), in the order found.
    """
    drafts: list[Draft] = []
    impersonal = load_word_roles("anonymous_sources.csv").get("impersonal", ())
    taken: list[tuple[int, int]] = []
    for m_start, m_end, _ in find_phrase_spans(art.masked, impersonal):
        s_idx = art.sentence(m_start)
        if art.inside_quote(m_start):
            continue
        form = art.masked[m_start:m_end].lower()  # as written: "it was\nreported"
        start, end = _claim_after(art, m_end, s_idx, skip_listener=False)
        if form.endswith(("to", "reportedly", "allegedly")):
            start, end = trim_span(art.body, art.s_start[s_idx], art.s_end[s_idx])
        cue = CueHit(m_start, m_end, form, "report", False, False)
        drafts.append(
            Draft("according_to", start, end, "unnamed_report", cue, "impersonal", (m_start, m_end))
        )
        taken.append((m_start, m_end))
    for cue in art.cues:
        if (
            cue.start in used
            or cue.category in ("exclude", "label", "demand")
            or art.inside_quote(cue.start)
            or any(a <= cue.start < b for a, b in taken)
        ):
            continue
        s_idx = art.sentence(cue.start)
        lo, hi = art.s_start[s_idx], art.s_end[s_idx]
        draft = _draft_report(art, cue, lo, hi, s_idx)
        if draft and count_words(art.body[draft.start : draft.end]) >= 3:
            drafts.append(draft)
    return drafts


def _draft_report(art: ArticleText, cue: CueHit, lo: int, hi: int, s_idx: int) -> Draft | None:
    tokens, masked = art.tokens, art.masked
    if cue.category == "according_to":
        phrase = tokens.phrase_after(cue.end, hi, appositive=True)
        if not phrase:
            return None
        opens_clause = (
            not masked[lo : cue.start].strip() or masked[lo : cue.start].rstrip()[-1:] == ","
        )
        if opens_clause and masked[phrase[1] : phrase[1] + 2].lstrip()[:1] == ",":
            start, end = trim_span(art.body, phrase[1], hi)
        else:
            start, end = trim_span(art.body, lo, cue.start)
        return Draft("according_to", start, end, "according_to", cue, "phrase", phrase)
    if not art.verb_use(cue) and not _inverted_position(art, cue, lo, hi):
        return None
    if (
        cue.form.endswith(("ed", "en", "wn"))  # "was confirmed", "is written", "was shown"
        and _PASSIVE.search(masked, lo, cue.start)
        and not re.match(r"\s+by\b", masked[cue.end : hi])
    ):
        # "39 were confirmed dead", "his death was officially described as", "Ivan's condition
        # was on Wednesday reported": a passive with no reporter
        return None
    by = re.match(r"\s+by\s+", masked[cue.end : hi])
    if by and cue.form.endswith(("ed", "en", "id")):
        phrase = tokens.phrase_after(cue.end + by.end(), hi)
        before = re.sub(r"\s*,?\s*as\s*$", "", masked[lo : cue.start])
        start, end = trim_span(art.body, lo, lo + len(before))
        kind = "according_to" if masked[cue.start - 3 : cue.start].strip() == "as" else "indirect"
        return Draft(kind, start, end, "passive_by", cue, "phrase", phrase) if phrase else None
    inverted = _inverted_position(art, cue, lo, hi)
    if inverted:
        start, end = trim_span(art.body, lo, inverted[0])
        return Draft("indirect", start, end, "cue_inverted", cue, "phrase", inverted[1])
    if cue.category == "belief" and not re.match(r"\s*that\b", masked[cue.end : hi]):
        return None
    start, end = _claim_after(
        art, cue.end, s_idx, skip_listener=cue.form.startswith(("tol", "tel"))
    )
    if cue.form.endswith("ing") and not re.match(r"\s*that\b", masked[cue.end : hi]):
        return None  # "responding to", "emphasizing the need": no reported claim
    return Draft("indirect", start, end, "cue_before_claim", cue, "cue")
