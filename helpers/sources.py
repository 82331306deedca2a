"""Source attribution: who says what in an article, in their own words or paraphrased.

``find_attributions`` returns one row per attribution:

* ``direct`` — a quotation with a speaker ("…," said K J Noh; Blinken stated, "…");
* ``indirect`` — reported speech with a cue verb ("Macron said that…", "…, believes Pavel Timofeev");
* ``according_to`` — "according to X", "as reported by X" and claims resting on unnamed reports
  ("it was reported that", "reportedly");
* ``scare_quote`` — quoted words that nobody is reported to say ("slowing down", 'third way');
* ``citation`` — a sentence whose only support is a footnote marker such as "[8]".

The rules are general (cue verbs, anonymity phrases and speaker words are CSV files under
``data/``); people and organisations come from the actor mentions. The work is split over
:mod:`helpers.phrases` (word lists, phrase scanning), :mod:`helpers.quote_marks` (pairing quote
marks), :mod:`helpers.quotes` (direct quotes), :mod:`helpers.speakers` (who a speaker phrase is)
and this module (reported speech, the table). References, citation checks and the problems of
quotes left open live in :mod:`helpers.references`, re-exported here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import numpy as np
import pandas as pd

from .frames import text_array
from .phrases import count_words, trim_span
from .quotes import ArticleText, CueHit, Draft, QuoteSpan, draft_quote
from .references import check_citations, parse_references, quote_problem_rows, quote_problems
from .speakers import Speaker, SpeakerResolver
from .word_lists import find_phrase_spans, load_word_roles

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "attribution_rows",
    "check_citations",
    "find_attributions",
    "parse_references",
    "quote_problem_rows",
    "quote_problems",
]
# a form of "be" before a cue, perhaps with an adverb or a day between: a passive
_PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:(?:\w+ly|also|not|on\s+\w+day)\s+)*$"
)
# a phrase that opens with a verb or holds "be" is a clause, not a speaker: "was officially",
# "having together revealed", "urged the immunity be waived"
_NOT_A_NOUN = re.compile(r"(?:am|is|are|was|were|been|being|having|has|had)\b|.*\bbe\b")
_NOT_SPEAKERS = {"this", "these", "those", "it", "which", "that", "as", "there", "what", "fact"}
_WORD = re.compile(r"\w[\w’'\-]*")
# a name, then a relative clause whose verb is the cue: "Chris Christie, who denounced"
_WHO = re.compile(r"((?:[A-Z][\w’'.\-]*\s+){0,3}[A-Z][\w’'.\-]*),?\s+who\s+(?:[a-z]+\s+){0,2}$")
# a name, then an aside between commas, then the cue: "ALDI, in a Facebook post on Tuesday, called"
_ASIDE = re.compile(
    r"(?:^|\b(?:while|whereas|and|but)\s+)((?:[A-Z][\w’'.&\-]*\s*){1,4}?),\s*"
    r"(?:in|on|at|during|via|through|speaking|writing)\b[^,]{1,80},\s*$"
)


ATTRIBUTION_COLUMNS = [
    "sentence_id",
    "kind",
    "speaker",
    "speaker_actor_id",
    "speaker_country",
    "anonymous",
    "cue",
    "quote",
    "refs",
    "start",
    "end",
    "paragraph_id",
    "speaker_text",
    "speaker_type",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "rule",
    "unbalanced",
]


def _inverted_position(art: ArticleText, cue: CueHit, lo: int, hi: int):
    """'…, the Russian expert noted.' or '…, believes Pavel Timofeev, head of …': (comma, phrase)."""
    masked = art.masked
    comma = masked.rfind(",", lo, cue.start)
    if comma < 0 or masked.rfind('"', comma, cue.start) >= 0:
        return None
    gap = masked[comma + 1 : cue.start]
    if not gap.strip() and cue.inverted:
        phrase = art.tokens.phrase_after(cue.end, hi, max_tokens=8)
        words = _WORD.findall(masked[phrase[0] : phrase[1]]) if phrase else []
        if (
            phrase
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
    ):
        phrase = art.tokens.phrase_before(cue.start, comma + 1)
        if phrase:
            return comma, phrase
    return None


def _quote_in_claim(art: ArticleText, span: QuoteSpan, draft: Draft) -> Draft:
    """'The border issue is the "main difference" between them, he added.': the cue comes after."""
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


def _draft_reports(art: ArticleText, used: set[int]) -> list[Draft]:
    """Indirect speech, 'according to' and unnamed reports outside quotes."""
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
            or cue.category in ("exclude", "label")
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
        cue.form.endswith("ed")
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


def _speaker_for(
    draft: Draft, art: ArticleText, resolver: SpeakerResolver, last_direct: Speaker | None
) -> Speaker:
    pos = draft.cue.start if draft.cue else draft.start
    s_idx = art.sentence(draft.start if draft.mode in ("continue", "subject") else pos)
    lo = art.s_start[s_idx]
    if draft.mode == "phrase":
        return resolver.resolve(*draft.phrase, pos=pos)
    if draft.mode == "impersonal":
        return resolver.unnamed(*draft.phrase)
    if draft.mode == "cue":
        cue = draft.cue
        if cue.category == "according_to":
            phrase = art.tokens.phrase_after(cue.end, art.s_end[s_idx], appositive=True)
            return resolver.resolve(*phrase, pos=pos) if phrase else Speaker()
        by = re.match(r"\s+by\s+", art.masked[cue.end : draft.start])
        if by:
            phrase = art.tokens.phrase_after(cue.end + by.end(), art.s_end[s_idx])
            if phrase:
                return resolver.resolve(*phrase, pos=pos)
        phrase = art.tokens.phrase_before(cue.start, lo) or art.tokens.appositive_name(
            lo, cue.start
        )
        if phrase and art.tokens.after_preposition(phrase[0], absolute=cue.form.endswith("ing")):
            phrase = None  # "Mitsotakis speaking to the Atlantic Council called …"
        if phrase:
            return resolver.resolve(*phrase, pos=pos)
        who = _WHO.search(art.masked[lo : cue.start])
        if who:  # "former governor Chris Christie, who denounced … as a "…""
            return resolver.resolve(lo + who.start(1), lo + who.end(1), pos=pos)
        aside = _ASIDE.search(art.masked[lo : cue.start])
        if aside:  # "while ALDI, in a Facebook post on Tuesday, called it …"
            return resolver.resolve(lo + aside.start(1), lo + aside.end(1), pos=pos)
        if cue.form.endswith("ing") and not art.masked[lo : cue.start].strip():
            return resolver.subject(lo, art.s_end[s_idx])  # 'Saying "…", the minister left.'
        return resolver.subject(lo, cue.start)
    if draft.mode == "inherit" and last_direct is not None:
        return last_direct
    if draft.mode == "subject":
        return resolver.subject(lo, draft.start)
    if draft.mode == "continue" and s_idx > 0:
        prev = s_idx - 1
        last_at = (
            art.sentence(last_direct.end_pos) if last_direct and last_direct.end_pos >= 0 else -9
        )
        same_paragraph = art.s_para[prev] == art.s_para[s_idx]
        if last_at == prev or (
            not same_paragraph and last_at >= 0 and art.s_para[last_at] == art.s_para[prev]
        ):
            return last_direct  # the same voice goes on: '"…," said Mohib.' then '"They …"'
        if same_paragraph or art.s_para[prev] == art.s_para[s_idx] - 1:
            return resolver.subject(art.s_start[prev], art.s_end[prev])
    return Speaker()


def find_attributions(
    body: str,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    date: dt.date | None = None,
    references: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Find direct quotes, reported speech, 'according to' sources, scare quotes and citations.

    Args:
        body: the cleaned article text.
        sentences: ``helpers.segment.split_sentences(body)``.
        mentions: ``helpers.actors.find_mentions(...)`` (may be empty: speakers are then named
            from the text but get no actor id or country).
        date: the article date (titles are already resolved in ``mentions``; kept for symmetry).
        references: optional ``parse_references`` table; names the outlet of citation rows.

    Returns:
        One row per attribution, sorted by ``start`` (columns ``ATTRIBUTION_COLUMNS``).

    Example:
        >>> from helpers.segment import split_sentences
        >>> body = '"Nothing has changed," the minister said.'
        >>> rows = find_attributions(body, split_sentences(body), pd.DataFrame())
        >>> rows[["kind", "speaker", "quote"]].values.tolist()
        [['direct', 'the minister', 'Nothing has changed,']]
    """
    rows = attribution_rows(body, sentences, mentions, date=date, references=references)
    if not rows:
        return pd.DataFrame(columns=ATTRIBUTION_COLUMNS)
    frame = pd.DataFrame({c: _column([r[c] for r in rows]) for c in ATTRIBUTION_COLUMNS})
    # one shared column index (immutable): pandas builds its lookup table once, not per article
    frame.columns = _COLUMN_INDEX
    return frame


_COLUMN_INDEX = pd.Index(ATTRIBUTION_COLUMNS)


def _column(values: list) -> object:
    """A column as pandas would infer it from the list, built directly (a quarter faster).

    Integers and booleans become NumPy arrays, text an Arrow string array of the same dtype;
    anything else (or a mix of types) is left to pandas.
    """
    kinds = set(map(type, values))
    if len(kinds) != 1:
        return values
    kind = kinds.pop()
    if kind is str:
        return text_array(values)
    if kind is int or kind is bool:
        return np.array(values, dtype=np.int64 if kind is int else np.bool_)
    return values


def attribution_rows(
    body: str,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    date: dt.date | None = None,
    references: pd.DataFrame | None = None,
) -> list[dict[str, object]]:
    """The rows of :func:`find_attributions` as plain dicts (for callers that skip pandas)."""
    del date  # titles such as "the French president" arrive resolved in the mentions
    if not body or sentences.empty:
        return []
    art = ArticleText(body, sentences)
    resolver = SpeakerResolver(body, art.tokens, mentions)
    drafts: list[Draft] = []
    previous = None
    for span in art.spans:
        draft = draft_quote(art, span, previous)
        if span.depth == 0 and draft.rule not in ("name", "cue_after", "cue_before"):
            draft = _quote_in_claim(art, span, draft)
        drafts.append(draft)
        if span.depth == 0:
            previous = draft
    used = {d.cue.start for d in drafts if d.cue is not None}
    drafts += _draft_reports(art, used)
    drafts.sort(key=lambda d: (d.start, d.end))
    rows, last_direct = [], None
    for draft in drafts:
        speaker = (
            Speaker()
            if draft.kind == "scare_quote"
            else _speaker_for(draft, art, resolver, last_direct)
        )
        if draft.kind == "indirect" and (
            not speaker.name
            or _WORD.findall(speaker.text.lower() or "x")[0] in _NOT_SPEAKERS
            or _NOT_A_NOUN.match(speaker.text)
        ):
            continue  # "This move suggests …": a thing, not a source
        if (
            draft.kind == "direct"
            and not speaker.name
            and count_words(art.body[draft.start : draft.end]) < 4
        ):
            draft = replace(draft, kind="scare_quote", rule=draft.rule + "+no_speaker")
        if draft.kind == "direct":
            speaker = replace(speaker, end_pos=draft.end)
            last_direct = speaker
        resolver.remember(speaker, draft.start)
        rows.append(_row(art, draft, speaker))
    rows += _citation_rows(art, rows, references)
    rows.sort(key=lambda r: (r["start"], r["end"], r["kind"]))  # stable, as a mergesort
    return rows


def _refs(art: ArticleText, lo: int, hi: int) -> str:
    first, last = art.sentence(lo), art.sentence(max(lo, hi - 1))
    found: list[str] = []
    for idx in range(first, last + 1):
        found += art.sentence_markers[idx]
    return ";".join(dict.fromkeys(found))


def _row(art: ArticleText, draft: Draft, speaker: Speaker) -> dict[str, object]:
    cue = draft.cue
    lo = min(draft.start, cue.start) if cue else draft.start
    hi = max(draft.end, cue.end) if cue else draft.end
    s_idx = art.sentence(draft.start)
    return {
        "sentence_id": art.s_id[s_idx],
        "kind": draft.kind,
        "speaker": speaker.name,
        "speaker_actor_id": speaker.actor_id,
        "speaker_country": speaker.country,
        "anonymous": speaker.anonymous,
        "cue": cue.form if cue else "",
        "quote": art.body[draft.start : draft.end],
        "refs": _refs(art, lo, hi),
        "start": draft.start,
        "end": draft.end,
        "paragraph_id": art.s_para[s_idx],
        "speaker_text": speaker.text,
        "speaker_type": speaker.type,
        "speaker_start": speaker.start,
        "speaker_end": speaker.end,
        "cue_start": cue.start if cue else -1,
        "cue_end": cue.end if cue else -1,
        "rule": draft.rule,
        "unbalanced": draft.unbalanced,
    }


def _citation_rows(
    art: ArticleText, rows: list[dict[str, object]], references: pd.DataFrame | None
) -> list[dict[str, object]]:
    """A row for each sentence that cites a footnote but carries no other attribution."""
    attributed = {r["sentence_id"] for r in rows if r["kind"] != "scare_quote"}
    outlets = {}
    if references is not None and len(references):
        outlets = dict(zip(references["ref"].astype(str), references["outlet"], strict=True))
    out = []
    for idx, (start, end) in enumerate(zip(art.s_start, art.s_end, strict=True)):
        refs = art.sentence_markers[idx]
        if not refs or art.s_id[idx] in attributed:
            continue
        q_start, q_end = trim_span(art.body, start, end)
        names = "; ".join(dict.fromkeys(outlets[r] for r in refs if outlets.get(r)))
        speaker = Speaker(name=names, text=names, type="outlet" if names else "")
        out.append(_row(art, Draft("citation", q_start, q_end, "footnote"), speaker))
    return out
