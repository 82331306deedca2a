"""Direct quotes: decide for each quoted span (paired by :mod:`helpers.sources.quote_marks`) whether it
is someone's speech (``direct``) or quoted words nobody is reported to say (``scare_quote``).

A span is speech when a cue word follows it ('…," said X'; '…", Graham continued'), precedes it in
the same sentence ("stating that “…”", "told GB News: “…”"), or when it is introduced by a colon or
comma, continues the previous quote, or stands as a sentence of its own after one. A short span
with none of these, right after a naming word ("a robot named "Hope""), or naming a thing
('"Revoke article 50" poster') is a scare quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import NamedTuple

import pandas as pd

from ..frames import col
from .phrases import Tokens, count_words
from .quote_marks import QuoteSpan, find_quote_spans, mask_quotes, stray_marks
from .references import find_citation_markers
from .speakers.words import speaker_words
from .word_lists import find_cue_spans, load_cues, load_word_roles, speaker_start_words

__all__ = [
    "NAME_PATTERN",
    "ArticleText",
    "CueHit",
    "Draft",
    "QuoteSpan",
    "draft_quote",
    "find_quote_spans",
    "mask_quotes",
    "stray_marks",
]

# --- direct quotes -----------------------------------------------------------------------------

SPEECH_CATEGORIES = ("speech", "belief", "report")
# 'label' verbs introduce quoted words ('characterized the call as "perfectly fine"') but report
# nothing without a quote.
# 'demand' verbs ("called for") introduce only the quote right after them: 'called for "calm"'.
QUOTE_CATEGORIES = (*SPEECH_CATEGORIES, "label", "demand", "according_to")
_WORD = re.compile(r"\w[\w’'\-]*")
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being"}


class CueHit(NamedTuple):  # a tuple: made for every cue word, cheaper than a dataclass
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
    mode: str = "none"  # phrase | subject | inherit | outer | continue | impersonal | none
    phrase: tuple[int, int] | None = None
    unbalanced: bool = False


class ArticleText:
    """Everything the attribution rules look at: text, quote spans, masked text, sentences, cues.

    Example:
        >>> from helpers.ingest.segment import split_sentences
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
        self.s_start = _int_list(col(sentences, "start"))
        self.s_end = _int_list(col(sentences, "end"))
        self.s_id = _int_list(col(sentences, "sentence_id"))
        has_paragraphs = "paragraph_id" in sentences.columns
        self.s_para = _int_list(col(sentences, "paragraph_id")) if has_paragraphs else self.s_id
        self.cues = self._find_cues()
        self.cue_starts = [c.start for c in self.cues]
        self.determiners, self.speaker_starts = speaker_start_words()

    @cached_property
    def sentence_markers(self) -> list[list[str]]:
        """The footnote markers ("[3]") each sentence cites, worked out once."""
        if "[" not in self.body:  # most articles: no markers (and no regex scan per sentence)
            return [[] for _ in self.s_start]
        return [
            find_citation_markers(self.body[start:end])
            for start, end in zip(self.s_start, self.s_end, strict=True)
        ]

    def sentence(self, pos: int) -> int:
        """Index (0-based) of the sentence containing ``pos``."""
        return max(0, bisect.bisect_right(self.s_start, pos) - 1)  # never past the last one

    def inside_quote(self, pos: int) -> bool:
        return any(s.start <= pos < s.end for s in self.tops)

    def _find_cues(self) -> list[CueHit]:
        cues, hits = load_cues(), []
        for start, end, form in find_cue_spans(self.masked):
            text = self.masked[start:end]
            cue = cues[form]
            if text != text.lower() and not (
                self.s_start and self.s_start[self.sentence(start)] == start
            ):
                continue  # "United States", "Washington Post": a name, not a cue
            hits.append(CueHit(start, end, cue.form, cue.category, cue.inverted, cue.ambiguous))
        quotative = _QUOTATIVE_LIKE.finditer(self.masked) if "like" in self.masked else ()
        for match in quotative:  # 'and she's like, "…"'
            hits.append(CueHit(match.start(1), match.end(1), "like", "speech", False, False))
        return sorted(hits, key=lambda c: (c.start, c.end))

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
        after = self.masked[cue.end : cue.end + 80]
        if cue.category == "demand":
            return bool(re.match(r"\s*[\"“]", after))
        if not cue.ambiguous:
            return True
        if re.match(r"\s+to\b", after):
            return False  # "continued to", "added to the list": an infinitive or an object
        before = _WORD.findall(self.masked[max(0, cue.start - 40) : cue.start])[-2:]
        if (
            before
            and before[-1].lower().endswith(("'s", "’s"))
            or (
                len(before) == 2
                and before[0].lower().endswith(("'s", "’s"))
                and before[1].islower()
                and not before[1].endswith("ly")
            )
        ):  # "the Trump legal team's claims", "Barrow's mock remark": a noun after a possessive
            return False
        # a 'label' verb may have a longer object: 'called Theresa May's proposed deal "lousy"'
        words = "{0,7}" if cue.category == "label" else "{0,3}"
        return bool(re.match(r"\s*(?:that\b|:|,?\s*[\"“‘'])", after)) or bool(
            re.match(r"\s*[\w’'-]+(?:\s+[\w’'-]+)" + words + r"\s*[:,]?\s*[\"“]", after)
        )


def _int_list(values: list) -> list[int]:
    return list(map(int, values))


# quotative "like" after a form of "be" or "go", right before a quote: 'people are like, "…"',
# "I'm like", 'would you be like "…"', 'Some people went like "…"' (the cue: "went like")
# (the lookahead for the possible first letters lets the scan skip other positions quickly)
_QUOTATIVE_LIKE = re.compile(
    r"(?=[iwabg'’])(?:\b(?:is|was|are|were|am|be|been)\s+|(?<=\w)['’](?:s|re|m)\s+|\b(?=go|went))"
    r"(?:all\s+|just\s+)?((?:(?:go|goes|went|going)\s+)?like)(?=\s*,?\s*[\"“])"
)
# a person's name: two to five capitalised words ("Khaled Al-Maeena", "Mohamed El Hacen Lebatt")
NAME_PATTERN = _NAME = (
    r"[A-Z][\w.’'\-]*(?:\s+(?:[A-Z][\w.’'\-]*|(?:al|el|bin|ibn|de|van|von)-?[A-Z]?[\w’'\-]*)){1,4}"
)
# a name, then a description set off by commas (commas inside it too): 'Khaled Al-Maeena, editor
# at large at the …, '; 'Nathaniel Pieper, senior vice president of fleet, finances and alliances
# at Alaska, '; or a role, then the name: 'the spokesperson, Wu Qian, '
_NAME_APPOSITIVE = re.compile(
    rf"(?P<name>{_NAME}),\s+[^;:\"“”\n]{{3,140}}?,\s*"
    rf"|(?:the|a|an|its|their|his|her)\s+[^,;:\"“”\n]{{2,60}}?,\s*(?P<named>{_NAME}),\s*"
    # a surname alone or a description, then a relative clause: 'Yanez, who was born in Mexico,
    # told Fox'; 'a senior Pakistani diplomat, who wished not to be named, told Dawn'
    # 'prominent … activist Nathan Law, who fled … after the new "national security" law came
    # into effect, told CBS News' (a quote inside the relative clause)
    r"|(?P<who>[A-Z][\w.’'\-]+|(?:an?|the)\s+[\w’'\-]+(?:\s+[\w’'\-]+){0,4}"
    r"|[a-z][\w’'\-]*(?:\s+[\w’'.\-]+){0,7}?\s+[A-Z][\w.’'\-]+),"
    r"\s+who\s+[^;:\n]{3,160}?,\s*"
)
# an appositive not yet closed, with a verb of its own: 'Alberto Shiguematsu, a São Paulo resident
# who tweeted' (the cue of the quote comes after it)
_OPEN_APPOSITIVE = re.compile(rf"{_NAME},\s+[^,;:\"“”\n]{{3,100}}\b(?:who|which|that)\s+[^,]*")
# full stops that end no sentence: a title's abbreviation ("Mr. McCain said"), an initialism
# ("a senior U.S. official said", "U.N. Secretary-General"), a middle initial ("Joseph R. Biden")
_ABBREVIATION = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Prof|Sgt|Capt|St)\.(?=\s)"
    r"|(?:[A-Z]\.){2,}(?=[\s,’'])|[A-Z]\.(?=\s[A-Z]))"
)
_ENDS_IN_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Prof|Sgt|Capt|St)\.)$"
)
# a speaker, then a perception or report in the passive before an -ing cue: "the officer could
# be heard saying", "Putin was quoted as saying"
_HEARD_SAYING = re.compile(
    r"(.+?)\s+(?:(?:could|can|was|were|is|are|be|been|has|have|had)\s+)+"
    r"(?:heard|quoted\s+as|seen|filmed|recorded|caught\s+on\s+camera)\s*"
)
# what may stand between a quote and its cue: 'in the first quarter of 2020, he added'
_ADVERBIAL = re.compile(
    r"(?:in|on|at|during|after|before|since|until|last|earlier|later|this|that)\b"
    r"[^,;:\"“”.!?\n]{0,60},\s*"
)


def appositive_name(gap: str) -> tuple[int, int] | None:
    """The name in a gap made of a name and its description, or a role and its name, each set off
    by commas (the span inside ``gap``).

    Example:
        >>> gap = "the spokesperson, Wu Qian, "
        >>> start, end = appositive_name(gap)
        >>> gap[start:end]
        'Wu Qian'
    """
    found = _NAME_APPOSITIVE.fullmatch(gap)
    if not found:
        return None
    group = next(g for g in ("name", "named", "who") if found.group(g))
    return found.start(group), found.end(group)


def _after_close(art: ArticleText, span: QuoteSpan) -> tuple[int, int, str]:
    """Where the text after a quote's closing mark starts, where its paragraph ends, and that
    text (masked)."""
    pos = span.close_at + 1
    para_end = art.body.find("\n", pos)
    para_end = len(art.body) if para_end < 0 else para_end
    return pos, para_end, art.masked[pos:para_end]


def _after_cue(art: ArticleText, span: QuoteSpan) -> tuple[CueHit, tuple[int, int]] | None:
    """'…," said X' / '…," X said' / '…", Graham continued.': the cue right after the quote."""
    if span.close_at < 0:
        return None
    pos, para_end, tail = _after_close(art, span)
    lead = re.match(r"\s*,?\s*", tail)
    start = pos + lead.end()
    inner_last = art.body[span.end - 1 : span.end]
    if (
        inner_last == "."
        and "," not in lead.group(0)
        and tail[lead.end() : lead.end() + 1].isupper()
    ):
        return None  # the quote ended its sentence and a new one starts
    comma = "," in lead.group(0) or inner_last in (",", "?", "!")
    new_sentence = inner_last in ("?", "!") and "," not in lead.group(0)
    window_end = min(para_end, _sentence_end(art, start) if start < len(art.body) else start)
    for cue in art.cues_in(start, min(window_end, start + 160)):
        gap = art.masked[start : cue.start]
        if _OPEN_APPOSITIVE.fullmatch(gap) or re.search(r",\s+who\s+[^,]*$", gap):
            continue  # 'X, a resident who tweeted about the smoke, said': the cue comes later
        if cue.form == "quoted" and re.match(r"\s+as\s+saying\b", art.masked[cue.end :]):
            continue  # "was quoted as saying": the cue is "saying"
        if cue.category not in ("speech", "belief"):
            break
        if cue.ambiguous and not comma:
            break  # 'must remove "illegal" posts globally': a noun, not '"…," X posts'
        if not gap.strip() and cue.inverted and not cue.form.endswith("ing"):
            # '"…," said the victim's mother, Sarah Jones.': the name set off by a comma goes too
            # (not '"…", adding Iran will pursue …': a participle of the clause before)
            phrase = art.tokens.phrase_after(cue.end, window_end, max_tokens=10, appositive=True)
            return (cue, phrase) if phrase else None
        if new_sentence and re.match(r"[^\"“”\n]{0,40}?[,:]\s*[\"“]", art.body[cue.end : para_end]):
            break  # '…exempt?"  Archbishop Scicluna said, "…"': the cue opens the next quote
        heard = _HEARD_SAYING.fullmatch(gap) if cue.form.endswith("ing") else None
        if heard:  # '"…," the officer could be heard saying', '"…," Putin was quoted as saying'
            phrase = art.tokens.phrase_before(start + heard.end(1), start)
            return (cue, phrase) if phrase and phrase[0] == start else None
        if cue.form.endswith("ing"):
            break  # '"…", the government recommending …' is a new clause, not '"…," X said'
        named = appositive_name(gap)
        if named:  # '"…," Khaled Al-Maeena, editor at large at the Saudi Gazette, said.'
            return cue, (start + named[0], start + named[1])
        adverbial = _ADVERBIAL.match(gap)
        if adverbial and not comma:  # '"…" in the first quarter of 2020, he added'
            found = _phrase_ending_at(art, start + adverbial.end(), cue)
            if found:
                return cue, found
        if (
            gap.strip()
            and not re.search(r"[,;:.!?\"“”]", _ABBREVIATION.sub("", gap))
            and count_words(gap) <= 9
        ):  # '"…," Mr. McCain said
            found = _phrase_ending_at(art, start, cue)
            if found:
                return cue, found
        break
    return None


def _sentence_end(art: ArticleText, pos: int) -> int:
    """End of the sentence around ``pos``, read on past a split after an initialism or a title.

    '"…," U.S. Secretary of State Mike Pompeo told reporters.': the sentence splitter may end a
    sentence at "U.S." before a capitalised word; the speaker phrase runs on to its cue.
    """
    idx = art.sentence(pos)
    while (
        idx + 1 < len(art.s_end)
        and art.s_para[idx + 1] == art.s_para[idx]
        and _ENDS_IN_ABBREVIATION.search(art.body, max(0, art.s_end[idx] - 8), art.s_end[idx])
    ):
        idx += 1
    return art.s_end[idx]


def _phrase_ending_at(art: ArticleText, start: int, cue: CueHit) -> tuple[int, int] | None:
    """The speaker phrase that fills [start, cue): a name, a pronoun or a noun phrase, not an
    adverb ('"…" first announced')."""
    if re.search(r"[,;:.!?\"“”]", _ABBREVIATION.sub("", art.masked[start : cue.start])):
        return None
    phrase = art.tokens.phrase_before(cue.start, start)
    words = art.masked[phrase[0] : phrase[1]].split() if phrase else []
    named = any(w[:1].isupper() for w in words) or (
        words and words[0].lower() in art.speaker_starts
    )
    return phrase if phrase and phrase[0] == start and named else None


# a line that signs what comes before it: "Olivier NDUHUNGIREHE, Minister of Foreign Affairs – Rwanda"
_SIGNATURE = re.compile(
    r"\s*([A-Z][\w’'.\-]+(?:\s+[A-Z][\w’'.\-]+){1,3}),\s+[A-Z][^.!?\"“”\n]{2,100}[.]?\s*"
)


def _signature_after(art: ArticleText, span: QuoteSpan) -> tuple[int, int] | None:
    """A quote that ends its paragraph, signed by the next line: "Name, Title – Country"."""
    para_end = art.body.find("\n", span.end)
    if para_end < 0 or art.body[span.end : para_end].strip(' "”“.,') != "":
        return None
    nxt = para_end + 1
    while nxt < len(art.body) and art.body[nxt] == "\n":
        nxt += 1  # blank lines before the signature
    end = art.body.find("\n", nxt)
    end = len(art.body) if end < 0 else end
    signed = _SIGNATURE.fullmatch(art.body, nxt, end)
    if not signed or art.cues_in(nxt, end):
        return None
    return signed.start(1), signed.end(1)


# a dash, then a name and maybe its description, to the end of the line: "  — Aparna Garg, …"
_PULL_QUOTE_SIGNED = re.compile(
    rf"\s*[—–-]{{1,2}}\s*[\u200b-\u200d\ufeff]*({_NAME})(?:\s*,\s*[^\"“”\n]{{1,120}})?\s*$"
)


def _attribution_after(art: ArticleText, span: QuoteSpan) -> tuple[int, int] | None:
    """A speaker after a quote with no verb, or in a short sentence of its own.

    '"…," Augusto Reyes, Director of the Caribbean Air and Marine Branch.' (a name and its title,
    as under a statement); '"… all his life." Deyal told this newspaper.' (the quote ended its
    sentence, the next one only says who spoke). Returns the speaker phrase.
    """
    if span.close_at < 0:
        return None
    pos, para_end, tail = _after_close(art, span)
    signed = re.match(rf"\s*,?\s*({_NAME}),\s+[^;:\"“”\n.]{{3,120}}\.?\s*[\"“”]?\s*$", tail)
    if (
        signed
        and (art.body[span.end - 1 : span.end] == "," or tail.lstrip().startswith(","))
        and signed.group(1).split()[0].lower() not in art.tokens.boundary
        and not art.cues_in(pos, para_end)  # a description, no verb of speech
    ):
        return pos + signed.start(1), pos + signed.end(1)
    dashed = _PULL_QUOTE_SIGNED.match(tail)
    line_lo = art.body.rfind("\n", 0, span.open_at) + 1
    if dashed and not art.body[line_lo : span.open_at].strip():
        # a pull quote signed after a dash: '"…"  — Aparna Garg, Mysore Divisional Railway Manager'
        lo, hi = dashed.start(1), dashed.end(1)
        if dashed.group(1).split()[-1].lower() in speaker_words().titles:
            # the title first, then the name: '"…"- Senate President, Dr. Abubakar Bukola Saraki.'
            named = re.match(rf"\s*,\s*({_NAME})", tail[hi:])
            if named:
                lo, hi = hi + named.start(1), hi + named.end(1)
        return pos + lo, pos + hi
    told = re.match(
        r"\s+([A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3})\s+(\w+)\b([^.\"“”\n]{0,40})\.", tail
    )
    if told and art.body[span.end - 1 : span.end] == "." and _saying(told.group(2)):
        return pos + told.start(1), pos + told.end(1)
    if line_lo == 0:  # the headline: "'Let's talk' – Rabuka hints at a unity government"
        headline = _HEADLINE_SPEAKER.match(tail)
        if headline and headline.group(1).split()[0].lower() not in art.tokens.boundary:
            return pos + headline.start(1), pos + headline.end(1)
    if art.body[span.end - 1 : span.end] == "," and not tail.strip():
        # a quoted block whose attribution is the next line: '"…," ' / 'Volodymyr Zelenskyy
        # reported.'
        nxt = para_end + 1
        while nxt < len(art.body) and art.body[nxt] in "\n \t":
            nxt += 1
        line_end = art.body.find("\n", nxt)
        told = _SPEAKER_LINE.fullmatch(art.body, nxt, len(art.body) if line_end < 0 else line_end)
        if told and _saying(told.group(2), "report"):
            return told.start(1), told.end(1)
    return None


def _saying(word: str, *more: str) -> bool:
    """Whether a word is a verb of speech or belief (or of the ``more`` categories) that is no
    noun too: what may follow a name in a short sentence that only says who spoke."""
    cue = load_cues().get(word.lower())
    return bool(cue) and cue.category in ("speech", "belief", *more) and not cue.ambiguous


# after a quote opening the headline, a dash or a colon, then a name and its verb
_HEADLINE_SPEAKER = re.compile(rf"\s*[—–:-]{{1,2}}\s*({_NAME}|[A-Z][\w’'\-]+)\s+[a-z]+s\b")
# a line that only says who spoke: "Volodymyr Zelenskyy reported."
_SPEAKER_LINE = re.compile(rf"\s*({_NAME}|[A-Z][\w’'\-]+)\s+(\w+)\.?\s*")


def _before_cue(art: ArticleText, span: QuoteSpan, lo: int, *, short: bool) -> CueHit | None:
    """The nearest cue before the quote in the same sentence that can introduce it."""
    for cue in reversed(art.cues_in(lo, span.open_at)):
        if cue.category not in QUOTE_CATEGORIES or not art.verb_use(cue):
            continue
        if art.word_before(cue.start) == "as" and cue.form.endswith("ed"):
            continue  # 'Erdogan said — as reported by Hurriyet Daily News — "…"': an aside
        between = art.masked[cue.end : span.open_at]
        if cue.category == "according_to":
            phrase = art.tokens.phrase_after(cue.end, span.open_at, appositive=True)
            if phrase is None and not between.strip():
                continue  # 'must be done according to "proper processes"': in accordance with
            rest = art.masked[phrase[1] : span.open_at] if phrase else between
            return cue if re.fullmatch(r"\s*,?\s*", rest) else None
        label_as = cue.category == "label" and re.search(r"\bas(?:\s+an?|\s+the)?\s*$", between)
        if short and (
            count_words(between) > 25
            or (
                not label_as
                and not re.search(r"\bthat\b|[:,]\s*$", between)
                and re.search(
                    # a clause that goes on after "which", "and" is still the claim's ('which
                    # were "thicker"'), unless other quotes stand between ('"life", and "…"')
                    r",\s+\w"
                    if re.search('["“”]', between)
                    else r",\s+(?!(?:which|who|and|but)\s)\w",
                    between,
                )
            )
        ):  # but 'justified the strike, which was approved by …, as "defensive"' is a label
            return None  # 'announced a withdrawal from the region, beyond the "immediate area"'
        return cue
    return None


def _according_opener(art: ArticleText, lo: int, hi: int) -> tuple[CueHit, tuple[int, int]] | None:
    """The source of a sentence that opens with 'According to X,' (the cue and X's span).

    Also 'in the words of X, "…"' inside a sentence, when X ends just before the quote.
    """
    cues = [c for c in art.cues_in(lo, hi) if c.category == "according_to"]
    if not cues:
        return None
    if not art.masked[lo : cues[0].start].strip():
        phrase = art.tokens.phrase_after(cues[0].end, hi, appositive=True)
        return (cues[0], phrase) if phrase else None
    # '… and in the words of the Crown prosecutor, Mark Tedeschi, QC, "…"'
    phrase = art.tokens.phrase_after(cues[-1].end, hi, appositive=True)
    if phrase and re.fullmatch(r"[\s,:]*(?:[A-Z]{2,3}[\s,:]*)?", art.masked[phrase[1] : hi]):
        return cues[-1], phrase
    return None


def _passive_agent(art: ArticleText, cue: CueHit, span: QuoteSpan) -> tuple[int, int] | None:
    """'who was described as "knife-obsessed" by the police': the agent after the quote."""
    if (
        span.close_at < 0
        or art.word_before(cue.start) not in BE_FORMS
        or not cue.form.endswith("ed")
    ):
        return None
    hi = art.s_end[art.sentence(span.close_at)]
    by = re.match(r"[\s,.]*by\s+", art.masked[span.close_at + 1 : hi])
    return art.tokens.phrase_after(span.close_at + 1 + by.end(), hi) if by else None


# a verb of saying right before a quote inside a quote, with its subject: "and I said, '…'", "Many
# people would ask me, '…'", "I've always said, '…'", "she's like, '…'"
@lru_cache(maxsize=1)
def _nested_cue() -> re.Pattern[str]:
    """The verb of saying before a quote inside a quote, its auxiliaries (``quote_aux`` of
    ``data/speaker_words.csv``: "would ask", "'ve always said") between it and its subject."""
    aux = "|".join(map(re.escape, load_word_roles("speaker_words.csv").get("quote_aux", ("had",))))
    aux = f"(?:{aux})"
    return re.compile(
        r"(?:(?<![\w’'])(?P<who>I|[Ww]e|[Hh]e|[Ss]he|[Tt]hey|(?:[A-Z][\w\-]*|[Mm]any|[Ss]ome)"
        rf"(?:\s+(?!{aux}\b)[a-z][\w\-]*){{0,2}})(?:['’](?:ve|d|m|ll))?\s+)?"
        rf"(?:{aux}\s+){{0,2}}"
        r"(?:said|say|says|asked|ask|asks|told\s+(?:the\s+)?\w+|tell\s+(?:the\s+)?\w+|yelled|"
        r"shouted|replied|thought|wrote|(?:'m|’m|was|is|are|were)\s+like)"
        r"(?:\s+(?:me|him|her|us|them))?\s*[,:]?\s*$"
    )


_TITLE_GLUE = {"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "vs", "vs."}


def _title_like(text: str) -> bool:
    """True for a quoted name in title case: "The Internet Explorer 6 Countdown".

    Every word is capitalised, a number or a short joining word, and nothing ends a sentence.
    """
    words = text.split()
    if not 3 <= len(words) <= 10 or re.search(r"[.,;:!?]\W*$", text) or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_GLUE for w in words)


def _marker_as_verb(before: str) -> bool:
    """'which the New York Times called "…"', 'he called it "…"': a naming verb with a subject."""
    return bool(
        re.search(
            r"(?:\b(?:which|whom|what)\s+(?:the\s+)?(?:[A-Z][\w’'.\-]*\s+){1,5}"
            r"|\b(?:he|she|they|we)\s+)(?:has\s+|had\s+|have\s+)?\w+\s*$",
            before,
        )
    )


# A line of a Wikinews-style "Sources" list: [Author. ]"Title" — Outlet, Month D, YYYY
_SOURCE_ENTRY = re.compile(
    r"(?:[^\"“”\n]{1,80}\.\s+)?[\"“][^\"“”\n]+[\"”]\s*[—–-]\s*[^\n]{1,80},\s*"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|\d{4}-\d{2}-\d{2})\s*"
)


def draft_quote(art: ArticleText, span: QuoteSpan, previous: Draft | None) -> Draft:
    """Decide whether a quoted span is speech, and where its speaker is to be read.

    ``previous`` is the draft of the top-level quote before this one (for continuations). The
    returned draft's ``mode`` says how to find the speaker: ``phrase`` (a phrase already located),
    ``cue`` (the subject of the cue), ``subject`` (of the sentence), ``inherit`` / ``continue``
    (the previous speaker), ``none``.

    Example:
        >>> from helpers.ingest.segment import split_sentences
        >>> body = '"We will stay," the minister said. He was "upbeat".'
        >>> art = ArticleText(body, split_sentences(body))
        >>> [(d.kind, d.rule) for d in (draft_quote(art, s, None) for s in art.spans)]
        [('direct', 'cue_after'), ('scare_quote', 'no_cue')]
    """
    body = art.body
    draft = Draft("direct", span.start, span.end, "", unbalanced=span.unbalanced)
    if span.depth > 0:
        said = _nested_cue().search(body, max(0, span.open_at - 80), span.open_at)
        who = said.group("who") if said else None
        if (
            not said
            or re.search(r"[.!?]\s", body[said.start() : span.open_at])
            or (who or "").lower() in ("he", "she", "they")  # not known inside a quote
        ):
            return replace(draft, kind="scare_quote", rule="inside_quote")
        if not who or who.lower() in ("i", "we"):
            # 'I've always said, \'No matter what happens …\'': the outer quote's speaker
            return replace(draft, rule="said_inside_quote", mode="outer")
        # 'Many people would ask me, \'Is Rock Hudson really gay?\'': who the quote says spoke
        phrase = (said.start("who"), said.end("who"))
        return replace(draft, rule="said_inside_quote", mode="phrase", phrase=phrase)
    text = body[span.start : span.end]
    n_words = count_words(text)
    s_idx = art.sentence(span.open_at)
    lo = art.s_start[s_idx]
    before = art.masked[lo : span.open_at]
    prev_char = before.rstrip()[-1:] if before.strip() else ""
    markers = set(load_word_roles("speaker_words.csv").get("name_marker", ()))
    last = before.lower().split()[-2:]
    line_lo = body.rfind("\n", 0, span.open_at) + 1
    line_hi = body.find("\n", span.open_at)
    if _SOURCE_ENTRY.fullmatch(body, line_lo, line_hi if line_hi >= 0 else len(body)):
        return replace(draft, kind="scare_quote", rule="source_title")  # a "Sources" list entry
    if (last and (last[-1] in markers or " ".join(last) in markers)) and not _marker_as_verb(
        before
    ):
        return replace(draft, kind="scare_quote", rule="name")  # 'a robot named "Hope"'
    if _title_like(text) and not re.search(
        r"\b(?:as|called|calling|calls|dubbed|termed|labell?ed)\s*$", before
    ):  # 'On a new website, "The Internet Explorer 6 Countdown", Microsoft …'; not
        # 'referred to the vote as "The Impeachment Hoax"', whose words are Trump's
        return replace(draft, kind="scare_quote", rule="title")
    after = _after_cue(art, span)
    if after:
        return replace(draft, rule="cue_after", cue=after[0], mode="phrase", phrase=after[1])
    signed = _attribution_after(art, span)
    if signed:
        return replace(draft, rule="name_after", mode="phrase", phrase=signed)
    signature = _signature_after(art, span)
    if signature:  # a statement signed by the line under it
        return replace(draft, rule="signature", mode="phrase", phrase=signature)
    label = re.fullmatch(r"\s*([A-Za-z][\w’' ]{0,20}?)\s*:\s*", before)
    labels = {w.lower() for w in load_word_roles("speaker_words.csv").get("label", ())}
    if label and label.group(1).lower() in labels:
        # 'Quote: "The agenda …"': a label, not a speaker; the voice of the text around it
        return replace(draft, rule="labelled", mode="continue")
    cue = _before_cue(art, span, lo, short=n_words < 4)
    opener = _according_opener(art, lo, span.open_at) if prev_char == ":" or not cue else None
    if opener:  # 'According to him, it was … with the help of "…"'; '… case: "…"'
        return replace(
            draft, rule="according_opener", cue=opener[0], mode="phrase", phrase=opener[1]
        )
    if (
        cue
        and previous is not None
        and previous.kind == "direct"
        and (
            previous.cue == cue
            or (
                cue.form.endswith("ing")
                and art.body[cue.start].islower()  # not 'church."  Calling it "…", X told'
                and re.fullmatch(r"[\s,]*(?:[a-z]+\s+)?", art.masked[previous.end + 1 : cue.start])
            )
            or re.fullmatch(r"[\s,]*and\s+", art.masked[previous.end + 1 : cue.start])
        )
    ):  # '"…," said X, "…"'; '"…," further remarking, "…"'; 'called it "…" and said "…"'
        return replace(draft, rule="interrupted", cue=cue, mode="inherit")
    if cue:
        by = _passive_agent(art, cue, span)
        if by:
            return replace(draft, rule="passive_by", cue=cue, mode="phrase", phrase=by)
        return replace(draft, rule="cue_before", cue=cue, mode="cue")
    sentence_like = n_words >= 3 and (
        text[:1].isupper() or text[:2] == "[T" or bool(re.search(r"[.!?]\W*$", text))
    )
    if (
        span.close_at >= 0
        and n_words <= 8  # not 'I asked them to make up some fake legs" to place at …'
        and not re.search(r"[.,;:!?…\]]\W*$", text)
        and re.match(r" [a-z]", body[span.close_at + 1 : span.close_at + 3])
    ):  # '"Revoke article 50" poster at the march': the quote names a thing
        return replace(draft, kind="scare_quote", rule="modifier")
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
