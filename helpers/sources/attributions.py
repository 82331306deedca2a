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
:mod:`helpers.sources.phrases` (word lists, phrase scanning), :mod:`helpers.sources.quote_marks` (pairing quote
marks), :mod:`helpers.sources.quotes` (direct quotes), :mod:`helpers.sources.reported_speech` (indirect speech,
"according to", unnamed reports), :mod:`helpers.sources.speakers` (who a speaker phrase is: ordered rules) and this
module, which names the speaker of each quote or claim and builds the table (and the citation
rows). References, citation checks and the problems of quotes left open live in
:mod:`helpers.sources.references`, re-exported here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

import pandas as pd

from ..frames import Columns
from .phrases import count_words, trim_span
from .quotes import BE_FORMS, ArticleText, CueHit, Draft, draft_quote
from .reported_speech import draft_reports, quote_in_claim
from .speakers.resolver import Context, Speaker, speaker_context
from .speakers.words import speaker_words
from .word_lists import load_cues

__all__ = ["ATTRIBUTION_COLUMNS", "find_attributions"]
# a phrase that opens with a verb or holds "be" is a clause, not a speaker: "was officially",
# "having together revealed", "urged the immunity be waived"
_NOT_A_NOUN = re.compile(r"(?:am|is|are|was|were|been|being|having|has|had)\b|.*\bbe\b")
_NOT_SPEAKERS = {"this", "these", "those", "it", "which", "that", "as", "there", "what", "fact"}
_WORD = re.compile(r"\w[\w’'\-]*")
# a name, then a relative clause whose verb is the cue: "Chris Christie, who denounced"
_WHO = re.compile(r"((?:[A-Z][\w’'.\-]*\s+){0,3}[A-Z][\w’'.\-]*),?\s+who\s+(?:[a-z]+\s+){0,2}$")
# "who" or "which" opening a relative clause that runs up to the cue (at most five words)
_RELATIVE = re.compile(r"(?:,\s*)?\b(?:who|which)\s+((?:[\w’'\-]+\s+){0,5})$")
_PRONOUN_AT_END = re.compile(r"\s(he|she|they|you|I|we)$")
_ARTICLES = {"the", "a", "an"}
_PREPOSITIONS = {"of", "for", "from", "in", "at", "on", "with", "by", "to", "about", "among"}
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
    "speaker_rule",
]


#: ``speaker_rule`` of a quote whose speaker is the previous quote's ('"…," said Mohib. "…"')
SAME_VOICE = "same_voice"
#: ``speaker_rule`` of a citation row named after the article's reference list
REFERENCE_LIST = "reference_list"


def _same_voice(voice: Speaker) -> Speaker:
    """The previous quote's speaker, going on (nobody stays nobody)."""
    return replace(voice, rule=SAME_VOICE) if voice.name else voice


def _speaker_for(
    draft: Draft,
    art: ArticleText,
    speakers: Context,
    last_direct: Speaker | None,
    outer: list[tuple[int, int, Speaker]],
) -> Speaker:
    pos = draft.cue.start if draft.cue else draft.start
    s_idx = art.sentence(draft.start if draft.mode in ("continue", "subject") else pos)
    lo = art.s_start[s_idx]
    if draft.mode == "phrase":
        return speakers.resolve(*draft.phrase, pos=pos)
    if draft.mode == "impersonal":
        return speakers.unnamed(*draft.phrase)
    if draft.mode == "cue":
        cue = draft.cue
        if cue.category == "according_to":
            phrase = art.tokens.phrase_after(cue.end, art.s_end[s_idx], appositive=True)
            return speakers.resolve(*phrase, pos=pos) if phrase else Speaker()
        by = re.match(r"\s+by\s+", art.masked[cue.end : draft.start])
        if by and not re.search(r"\bquoted\s+as\s*$", art.masked[lo : cue.start]):
            # "… said by X" names the speaker; "quoted as saying by Interfax", the reporter
            phrase = art.tokens.phrase_after(cue.end + by.end(), art.s_end[s_idx])
            if phrase:
                return speakers.resolve(*phrase, pos=pos)
        if (
            cue.category == "label"
            and cue.form.endswith(("ed", "en"))
            and art.word_before(cue.start) in BE_FORMS
        ):
            # 'was called a "Democratic socialist"', 'were charged with "…"': the one labelled
            # is not the one who labels, and no agent is named ("by X" is read before)
            return Speaker()
        antecedent = _relative_antecedent(art, lo, cue)
        if antecedent:  # "An official who requested anonymity said": the official
            return speakers.resolve(*antecedent, pos=pos)
        led = _led_to().search(art.masked, lo, cue.start)
        if led:  # "Backlash from the statement led Biden to express": Biden
            return speakers.resolve(led.start(1), led.end(1), pos=pos)
        phrase = art.tokens.phrase_before(cue.start, lo) or art.tokens.appositive_name(
            lo, cue.start
        )
        if phrase:  # "On your website you state": the pronoun before the cue is its subject
            last = _PRONOUN_AT_END.search(art.masked, phrase[0], phrase[1])
            phrase = (last.start(1), phrase[1]) if last else phrase
        if phrase and art.tokens.after_preposition(phrase[0], absolute=cue.form.endswith("ing")):
            phrase = None  # "Mitsotakis speaking to the Atlantic Council called …"
        elif (
            phrase
            and cue.form.endswith("ing")
            and art.tokens.word_before(phrase[0]) in ("and", "or")
            and art.masked[phrase[0]].islower()
            and re.search(r"\b(?:[a-z]+ed|said|says|wrote|sent|told)\b", art.masked[lo : phrase[0]])
        ):  # "… penned a letter to X and his deputies urging them to …": not the deputies
            phrase = None
        if (
            phrase
            and cue.form.endswith("ing")
            and re.match(r"\s+(?:him|her|them)\b", art.masked[cue.end : cue.end + 8])
            and phrase[0] > lo
            and art.body[phrase[0] : phrase[1]].split()[-1][:1].isupper()  # a name before it
            and not art.masked[phrase[1] : cue.start].strip()
        ):  # "has spoken highly of Malawi leader Lazarus Chakwera describing him as …": the one
            # described is not the one describing; the clause's subject is
            return speakers.subject(lo, phrase[0])
        issued = _issued_document(art, speakers, phrase, cue)
        if issued is not None:  # "The ministry issued a statement saying": the ministry
            return speakers.subject(lo, issued)
        acted = _object_of_verb(art, lo, phrase, cue)
        if acted is not None:  # "The president condemned the attack saying": the president
            return speakers.subject(lo, acted)
        if phrase:
            return speakers.resolve(*phrase, pos=pos)
        who = _WHO.search(art.masked[lo : cue.start])
        if who:  # "former governor Chris Christie, who denounced … as a "…""
            return speakers.resolve(lo + who.start(1), lo + who.end(1), pos=pos)
        aside = _ASIDE.search(art.masked[lo : cue.start])
        if aside:  # "while ALDI, in a Facebook post on Tuesday, called it …"
            return speakers.resolve(lo + aside.start(1), lo + aside.end(1), pos=pos)
        if cue.form.endswith("ing") and not art.masked[lo : cue.start].strip():
            return speakers.subject(lo, art.s_end[s_idx])  # 'Saying "…", the minister left.'
        if cue.inverted and not art.masked[lo : cue.start].strip():
            # 'Said Hichilema: "…"': the cue opens the sentence, the speaker follows it
            after = art.tokens.phrase_after(cue.end, draft.start)
            if after:
                return speakers.resolve(*after, pos=pos)
        return speakers.subject(lo, cue.start)
    if draft.mode == "inherit" and last_direct is not None:
        return _same_voice(last_direct)
    if draft.mode == "outer":  # a quote inside a quote, said by the one quoted around it
        around = [sp for s, e, sp in outer if s <= draft.start < e]
        return _same_voice(around[-1]) if around else Speaker()
    if draft.mode == "subject":
        found = speakers.subject(lo, draft.start)
        if (
            found.name
            or found.type == "pronoun"
            or not _opener_only().fullmatch(art.masked, lo, draft.start)
        ):
            return found
        # 'During the premiere, "I felt like Cinderella …"': an opener, no subject: the voice of
        # the paragraph, as for a quote that stands alone
        return _paragraph_voice(art, speakers, s_idx, last_direct)
    if draft.mode == "continue":
        return _paragraph_voice(art, speakers, s_idx, last_direct)
    return Speaker()


# the object of a verb of causing is the subject of the cue after "to": "led Biden to express",
# "prompted the ministry to say"
@lru_cache(maxsize=1)
def _led_to() -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, speaker_words().causatives))
    return re.compile(
        rf"\b(?:{verbs})\s+((?:the\s+)?(?:[A-Z][\w’'.\-]*\s+){{0,3}}[\w’'.\-]+)\s+to\s+$"
    )


# a sentence start that is only an opener before a quote: 'During the premiere, "', 'Then: "'
@lru_cache(maxsize=1)
def _opener_only() -> re.Pattern[str]:
    words = "|".join(w.capitalize() for w in map(re.escape, speaker_words().scene_openers))
    return re.compile(rf"\s*(?:{words})(?:\s+[\w’'\-]+){{0,6}},\s*[\"“‘']?")


def _paragraph_voice(
    art: ArticleText, speakers: Context, s_idx: int, last_direct: Speaker | None
) -> Speaker:
    """Who speaks in a quote with no cue: the last voice, or the subject of the sentence before."""
    if s_idx > 0:
        prev, para = s_idx - 1, art.s_para[s_idx]
        while prev > 0 and art.s_para[prev] != para and _page_line(art, prev):
            para = art.s_para[prev]  # "READ MORE", a link to another story: skip its paragraph
            while prev > 0 and art.s_para[prev] == para:
                prev -= 1
        last_at = (
            art.sentence(last_direct.end_pos) if last_direct and last_direct.end_pos >= 0 else -9
        )
        same_paragraph = art.s_para[prev] == art.s_para[s_idx]
        if last_at == prev or (
            not same_paragraph and last_at >= 0 and art.s_para[last_at] == art.s_para[prev]
        ):
            return _same_voice(last_direct)  # '"…," said Mohib.' then '"They …"'
        if same_paragraph or art.s_para[prev] == para - 1:
            return speakers.subject(art.s_start[prev], art.s_end[prev])
    return Speaker()


# a verb, then the document it made: "issued a statement", "signed a letter", "put out a tweet"
_MADE_DOCUMENT = re.compile(
    r"(?<![\w’'])(?:[a-z]+ed|sent|wrote|put\s+out|sent\s+out|gave|made)\s+"
    r"(?:a|an|the|its|their|his|her|a\s+joint|a\s+brief|a\s+short)\s+(?:[a-z\-]+\s+)?([a-zé]+)\s*$"
)


def _issued_document(
    art: ArticleText, speakers: Context, phrase: tuple[int, int] | None, cue: CueHit
) -> int | None:
    """Where the verb of 'X issued a statement saying "…"' starts: X, not the phrase, speaks.

    Only for a participle cue ("saying", "calling") right after a document the subject made;
    ``None`` otherwise.

    Example:
        >>> from helpers.ingest.segment import split_sentences
        >>> body = 'Twenty senators signed a letter saying the deal "undermines our security."'
        >>> rows = find_attributions(body, split_sentences(body), pd.DataFrame())
        >>> rows.frame()["speaker"].tolist()
        ['Twenty senators']
    """
    if phrase is None or not cue.form.endswith("ing"):
        return None
    made = _MADE_DOCUMENT.search(art.masked, phrase[0], phrase[1])
    if not made or made.group(1) not in speakers.words.documents:
        return None
    return made.start()


# a verb in the past tense right before a noun phrase: "condemned the attack", "welcomed the move"
_PAST_VERB_BEFORE = re.compile(r"(?<![\w’'\-])([a-z]{3,}ed)\s+$")
_OBJECT_DETERMINERS = ("the", "a", "an", "this", "its")


def _object_of_verb(
    art: ArticleText, lo: int, phrase: tuple[int, int] | None, cue: CueHit
) -> int | None:
    """Where the verb of 'X condemned the attack saying "…"' starts: the phrase before a
    participle cue is the object of a verb in the past tense, and the verb's subject speaks.
    ``None`` otherwise (a phrase that opens with a capital is a name: "… met Lula, saying").

    Example:
        >>> from helpers.ingest.segment import split_sentences
        >>> body = 'President Hassan Sheikh Mohamoud condemned the attack saying: "We will triumph."'
        >>> rows = find_attributions(body, split_sentences(body), pd.DataFrame())
        >>> rows.frame()["speaker"].tolist()
        ['Hassan Sheikh Mohamoud']
    """
    if phrase is None or not cue.form.endswith("ing") or not art.masked[phrase[0]].islower():
        return None
    if art.masked[phrase[0] : phrase[1]].split()[0].lower() not in _OBJECT_DETERMINERS:
        return None
    verb = _PAST_VERB_BEFORE.search(art.masked, lo, phrase[0])
    return verb.start(1) if verb and verb.start(1) > lo else None


def _relative_antecedent(art: ArticleText, lo: int, cue: CueHit) -> tuple[int, int] | None:
    """The noun phrase a relative clause ending in the cue belongs to, or None.

    "An official who requested anonymity said", "people like me who say", "the companies which
    probably told them": the clause's verb comes right after "who" (an auxiliary, a verb in -ed, an
    adverb in -ly, a cue verb or the cue itself), so its subject is the phrase before "who". Not
    in "the plan, which critics said was …", where "critics" is the subject of the cue.
    """
    rel = _RELATIVE.search(art.masked, lo, cue.start)
    if not rel or _WHO.search(art.masked[lo : cue.start]):
        return None  # "ophthalmologist Li Wenliang, who tried to warn": the name, as before
    words = rel.group(1).split()
    first = words[0].lower() if words else ""
    cue_form = load_cues().get(first)
    if words and not (
        first in art.tokens.aux
        or first.endswith(("ed", "ly"))
        or (cue_form is not None and not cue_form.ambiguous)  # not "which state media said"
    ):
        return None
    phrase = art.tokens.phrase_before(rel.start(), lo)  # also after a preposition: "for people
    if not phrase:  # like me who say": the object of "for", the subject of "say"
        return None
    tokens = art.tokens
    first_k, last_k = tokens.index_at(phrase[0]), tokens.index_at(phrase[1]) - 1
    for k in range(last_k, first_k - 1, -1):  # "There are people like me": from the last verb on
        if tokens.words[k].lower() in tokens.aux or tokens.words[k] == "I":
            if k == last_k or tokens.words[k + 1].endswith("ed"):
                return None  # "the data it had collected, which revealed": no one
            first_k = k + 1
            break
    for k in range(first_k + 1, last_k):  # "to please the companies which": from "the" on
        before = tokens.words[k - 1]
        if (
            tokens.words[k].lower() in _ARTICLES
            and before.isalpha()
            and before.islower()
            and before not in _PREPOSITIONS
        ):
            first_k = k
            break
    if tokens.words[last_k].lower() in speaker_words().documents:
        return None  # "They released a statement which said": who released it, as before
    return tokens.starts[first_k], phrase[1]


def _page_line(art: ArticleText, idx: int) -> bool:
    """The paragraph of sentence ``idx`` is short and ends with no punctuation, between the
    paragraphs of a story: page furniture ("READ MORE", the headline of another story), or a
    subheading that asks ("Narrow majority?")."""
    para = art.s_para[idx]
    lo = idx
    while lo > 0 and art.s_para[lo - 1] == para:
        lo -= 1
    hi = idx
    while hi + 1 < len(art.s_para) and art.s_para[hi + 1] == para:
        hi += 1
    text = art.body[art.s_start[lo] : art.s_end[hi]].strip()
    words = count_words(text)
    return (words <= 25 and not re.search(r"[.!?:;…\"”’)]$", text)) or (
        words <= 6 and text[-1:] == "?"
    )


_KINDS = dict.fromkeys(ATTRIBUTION_COLUMNS)  # typed as pandas infers them


def find_attributions(
    body: str,
    sentences: pd.DataFrame | Columns,
    mentions: pd.DataFrame | Columns | None,
    *,
    date: dt.date | None = None,
    references: pd.DataFrame | None = None,
) -> Columns:
    """Find direct quotes, reported speech, 'according to' sources, scare quotes and citations.

    Args:
        body: the cleaned article text.
        sentences: ``helpers.ingest.segment.split_sentences(body)``.
        mentions: ``helpers.actors.find_mentions(...)`` (may be empty: speakers are then named
            from the text but get no actor id or country).
        date: the article date (titles are already resolved in ``mentions``; kept for symmetry).
        references: optional ``parse_references`` table; names the outlet of citation rows.

    Returns:
        One row per attribution, sorted by ``start`` (columns ``ATTRIBUTION_COLUMNS``), as
        :class:`helpers.frames.Columns` (``.frame()`` is the DataFrame).

    Example:
        >>> from helpers.ingest.segment import split_sentences
        >>> body = '"Nothing has changed," the minister said.'
        >>> rows = find_attributions(body, split_sentences(body), pd.DataFrame())
        >>> rows.frame()[["kind", "speaker", "quote"]].values.tolist()
        [['direct', 'the minister', 'Nothing has changed,']]
    """
    del date  # titles such as "the French president" arrive resolved in the mentions
    if not body or not len(sentences):
        return Columns.empty(ATTRIBUTION_COLUMNS)
    art = ArticleText(body, sentences)
    speakers = speaker_context(body, art.tokens, mentions)
    drafts: list[Draft] = []
    previous = None
    for span in art.spans:
        draft = draft_quote(art, span, previous)
        if span.depth == 0 and draft.rule not in ("name", "cue_after", "cue_before"):
            draft = quote_in_claim(art, span, draft)
        drafts.append(draft)
        if span.depth == 0:
            previous = draft
    _sign_blocks(drafts)
    used = {d.cue.start for d in drafts if d.cue is not None}
    drafts += draft_reports(art, used)
    drafts.sort(key=lambda d: (d.start, d.end))
    rows, last_direct = [], None
    outer: list[tuple[int, int, Speaker]] = []  # the direct quotes so far, for quotes inside them
    for draft in drafts:
        speaker = (
            Speaker()
            if draft.kind == "scare_quote"
            else _speaker_for(draft, art, speakers, last_direct, outer)
        )
        if draft.kind == "indirect" and not _a_source(speaker):
            continue  # "This move suggests …": a thing, not a source
        if (
            draft.kind == "direct"
            and not speaker.name
            and speaker.type != "pronoun"  # '"…," he said' with no "he" found: still speech
            and count_words(art.body[draft.start : draft.end]) < 4
        ):
            draft = replace(draft, kind="scare_quote", rule=draft.rule + "+no_speaker")
        if draft.kind == "direct":
            speaker = replace(speaker, end_pos=draft.end)
            last_direct = speaker
            outer.append((draft.start, draft.end, speaker))
        speakers.remember(speaker, draft.start)
        rows.append(_row(art, draft, speaker))
    rows += _citation_rows(art, rows, references)
    rows.sort(key=lambda r: (r["start"], r["end"], r["kind"]))  # stable, as a mergesort
    if not rows:
        return Columns.empty(ATTRIBUTION_COLUMNS)
    return Columns({c: [r[c] for r in rows] for c in ATTRIBUTION_COLUMNS}, _KINDS)


def _sign_blocks(drafts: list[Draft]) -> None:
    """A quotation over several paragraphs signed under its last one ("Name, Title – Country"):
    every paragraph of it is the signer's (the drafts before a ``signature`` that continue it)."""
    for k in range(len(drafts) - 1, 0, -1):
        if drafts[k].rule != "signature":
            continue
        j = k
        while (
            j > 0
            and drafts[j].rule in ("signature", "continues_quote")
            and (drafts[j - 1].rule in ("continues_quote", "standalone", "labelled"))
        ):
            drafts[j - 1] = replace(
                drafts[j - 1], rule="signature", mode="phrase", phrase=drafts[k].phrase
            )
            j -= 1


def _a_source(speaker: Speaker) -> bool:
    """Whether the subject of a reporting verb is a source ("This move suggests …" is not).

    A pronoun is one, found or not ("they said", "he believes"), except "it" left unresolved.
    """
    first = _WORD.findall(speaker.text.lower() or "x")[0]
    if speaker.type == "pronoun" or (speaker.name and first in ("it", "they")):
        return bool(speaker.name) or first != "it"
    return bool(speaker.name) and first not in _NOT_SPEAKERS and not _NOT_A_NOUN.match(speaker.text)


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
        "speaker_rule": speaker.rule if speaker.name else "",
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
        speaker = Speaker(
            name=names,
            text=names,
            type="outlet" if names else "",
            rule=REFERENCE_LIST if names else "",
        )
        out.append(_row(art, Draft("citation", q_start, q_end, "footnote"), speaker))
    return out
