"""The subject of a clause: who a cue verb with no speaker phrase next to it belongs to.

Openers are skipped ("On Wednesday,", "According to the FT,", "In the filing itself", "Why did"),
then the phrase that opens the clause is resolved when it names someone; else the first person
mentioned, a he/she pronoun, or the first organisation.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..phrases import DESCRIPTION_DETERMINERS, NAME_WORDS
from .context import Context
from .names import Speaker
from .refs import people_word, pronoun

__all__ = ["CLAUSE_ORGANISATION", "CLAUSE_PERSON", "PRONOUN", "subject"]

#: ``speaker_rule`` values of the subject's fallbacks (a phrase it resolves keeps its rule's name)
CLAUSE_PERSON = "clause_person"  # the first person mentioned in the clause
CLAUSE_ORGANISATION = "clause_organisation"  # the first organisation mentioned in the clause
PRONOUN = "pronoun"  # a he/she in the clause, resolved as the pronoun rule does

_WORD = re.compile(r"\w[\w’'\-]*")
# capitalised words, then a plural noun: "Thirty House conservatives", "Trump supporters"
_CAPITALISED_PLURAL = re.compile(r"(?:[A-Z][\w’'.\-]*\s+)+[a-z]+s")
# "it" that stands for nothing: "It has been reported that", "It is clear that"
_EXPLETIVE = re.compile(
    r"It\s+(?:is|was|has\s+been|had\s+been|seems|seemed|appears|appeared|remains)\b"
)
# a dateline: "WASHINGTON, D.C. — ", "BEIJING (Reuters) - "
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z .’'\-]{2,30}(?:,\s*[A-Z][\w.]{0,10}(?:\s*[A-Z][\w.]{0,10})?)?"
    r"(?:\s*\([A-Za-z ]{2,20}\))?\s*[—–-]{1,2}\s+"
)
# a question about someone: "Why did she so badly want to attend?" -> she
_WH_AUX = re.compile(
    r"\s*(?:Why|How|What|When|Where|Who)\s+"
    r"(?:did|does|do|is|was|were|are|has|had|will|would|can|could)\b"
)
# what follows a past participle that opens a sentence: "Asked about …,", "Pressed on …,"
_PARTICIPLE_OBJECTS = {"about", "by", "on", "if", "whether", "why", "what", "how", "for", "to"}
# a name then its verb inside a would-be opener: "In the filing itself Ford also made this point,"
_NAME_VERB = re.compile(
    r"\b[A-Z][a-z]+\s+(?:(?:also|[a-z]+ly)\s+)?"
    r"(?:did|has|had|was|is|made|gave|took|wrote|told|said|sent|held|[a-z]+ed)\b"
)
# the rest of an opener without its comma, up to a capitalised word: "In [the filing itself] Ford"
_PP_NO_COMMA = re.compile(
    r"\s*(?:the|a|an|his|her|its|their)\s+(?:[a-z][\w'’-]*\s+){1,3}(?=[A-Z][a-z])"
)

# a name set off by commas after the subject phrase, perhaps after the rest of a description or
# with an age: "a Republican, Mark Amodei, has"; "Another news [portal], Ratopati, accused";
# "Cameroon's long-serving president, 84-year-old Paul Biya, took"
_APPOSITIVE = re.compile(
    rf"(?P<rest>(?:\s+[a-z][\w’'\-]*){{0,3}})\s*,\s*(?:\d{{1,3}}-year-old\s+)?"
    rf"(?P<name>{NAME_WORDS}*)\s*,"
)

# the rest of a partitive subject: "[One] of them", "[Some] of the residents"
_PARTITIVE = re.compile(
    r"\s+of\s+(?:them|us|(?:those|these)(?:\s+[a-z]+)?|(?:the|its|their|his|her)\s+[a-z]+)\b"
)


def subject(ctx: Context, lo: int, hi: int, pronouns: bool = True) -> Speaker:
    """The subject of the clause in [lo, hi).

    The phrase that opens the clause (after openers such as "On Wednesday," or "According to
    the FT,") when it names someone; else the first person mentioned, a he/she pronoun, the
    first organisation.
    """
    start = lo
    dateline = _DATELINE.match(ctx.tokens.text, lo, hi)
    if dateline:  # "WASHINGTON, D.C. — …": where the story was filed, not who speaks
        lo = start = dateline.end()
    lead = re.match(r"\s*(?:But|And|Yet|So|Still|Meanwhile)\s+(?=[\w“\"])", ctx.tokens.text[lo:hi])
    if lead:  # "But a spokesperson for the association said": a conjunction, then the subject
        start = lo + lead.end()
    clause_start = start
    for _ in range(4):  # skip openers: "While ..., according to the FT, on 5 June, Macron"
        words = _WORD.findall(ctx.tokens.text[start:hi])
        comma = ctx.tokens.text.find(",", start, hi)
        low = words[0].lower() if words else ""
        verb_next = re.match(  # "Boeing did not …": a name ending in -ing, not "Speaking to …"
            r"\s*\w+\s+(?:did|does|has|had|have|was|were|is|are|will|would|said|says|\w+ed)\b",
            ctx.tokens.text[start:hi],
        )
        clause = (
            low in ctx.tokens.boundary
            or low == "according"
            or (low.endswith("ing") and not verb_next)
            # "Asked about the vote by reporters, the minister said": a participle opener
            or (low.endswith("ed") and len(words) > 1 and words[1].lower() in _PARTICIPLE_OBJECTS)
        )
        span = len(_WORD.findall(ctx.tokens.text[start:comma])) if comma >= 0 else 99
        if low in ("in", "on", "at") and _NAME_VERB.search(ctx.tokens.text, start, comma):
            break  # "In the filing itself Ford also made this point, writing": a clause
        if not words or not ((clause and span <= 20) or (low in ctx.words.openers and span <= 5)):
            break  # an opener is short and ends at its comma: "Late on Sunday,"
        start = comma + 1
    while True:  # "Later on Tuesday Mitsotakis met …": openers without a comma
        words = _WORD.findall(ctx.tokens.text[start:hi])
        if (
            not words
            or not (
                words[0].lower() in ctx.words.openers
                or words[0].lower() in ("on", "in", "at", "this", "that")
            )
            or len(words) < 3
        ):
            break
        start = ctx.tokens.text.index(words[0], start) + len(words[0])
    question = _WH_AUX.match(ctx.tokens.text, start, hi)
    if question:  # "Why did she so badly want to attend?": she
        start = question.end()
    lead = _PP_NO_COMMA.match(ctx.tokens.text, start, hi) if start > clause_start else None
    if lead:  # "In the filing itself Ford also made this point": skip to the name
        start = lead.end()
    phrase = ctx.tokens.subject_phrase(start, hi, ctx.words.nouns)
    appositive = _APPOSITIVE.match(ctx.tokens.text, phrase[1], hi) if phrase else None
    if appositive and (appositive.group("rest") or " " not in appositive.group("name")):
        # one word, or words after the phrase: only after a description ("Another news portal,
        # Ratopati, accused"), not "Moscow, Russia, said"
        first = ctx.body[phrase[0] : phrase[1]].split()[0].lower()
        appositive = appositive if first in DESCRIPTION_DETERMINERS else None
    if appositive:  # "a Republican, Mark Amodei, has …": the name in apposition
        phrase = (appositive.start("name"), appositive.end("name"))
    if phrase and ctx.body[phrase[0] : phrase[1]].lower() in ctx.words.anon_det:
        # "One of these groups, the Syrian Democratic Forces (SDF), opposed …"
        runs = [r for r in ctx.tokens.cap_runs(phrase[1], hi) if " " in ctx.body[r[0] : r[1]]]
        part = _PARTITIVE.match(ctx.tokens.text, phrase[1], hi)
        if part and not people_word(part.group(0).split()[-1]):
            part = None  # "One of the drones detected …": not a source
        if part and not (
            runs and re.fullmatch(r"\s*,\s*(?:the\s+)?", ctx.tokens.text[part.end() : runs[0][0]])
        ):  # "One of them even went as far as to say": one of them, unnamed
            phrase = (phrase[0], part.end())
        else:
            phrase = runs[0] if runs else None
    if phrase and _EXPLETIVE.match(ctx.tokens.text, phrase[0], hi):
        phrase = None  # "It has been reported that he …": nobody; the "he" after it may be
    if phrase:
        found = ctx.resolve(*phrase, pos=phrase[0])
        one_word = found.type == "name" and " " not in found.name and found.name
        if (
            found.type in ("person", "organization", "anonymous", "document", "outlet")
            or (found.type == "name" and " " in found.name)
            or (found.type == "unknown" and _CAPITALISED_PLURAL.fullmatch(found.text))
        ):  # "Thirty House conservatives, including …, penned": people, unnamed by the gazetteer
            return found
        if (
            one_word
            and not any(m.type == "person" for m in ctx.mentions_in(lo, hi))
            and not any(" " in ctx.body[a:b] for a, b in ctx.tokens.cap_runs(phrase[1], hi))
            and phrase[0] == ctx.tokens.starts[ctx.tokens.index_at(start)]
            and re.match(
                r"\s+(?:(?:also|[a-z]+ly)\s+)?(?:did|has|had|was|is|made|[a-z]+ed|[a-z]+s)\b",
                ctx.body[phrase[1] : hi],
            )
        ):  # "Boeing did not release …, telling Wikinews …": a one-word name as subject
            return found
    opening = _WORD.findall(ctx.tokens.text[start:hi])[:1]
    if pronouns and opening and opening[0].lower() in ("he", "she"):  # "In his message, he …"
        at = ctx.tokens.text.index(opening[0], start)
        return replace(pronoun(ctx, at, at + len(opening[0])), rule=PRONOUN)
    if pronouns and opening and opening[0].lower() in ("you", "they", "we", "i"):
        # "where would you put the line and say, "…"": the pronoun's own rules decide
        at = ctx.tokens.text.index(opening[0], start)
        return ctx.resolve(at, at + len(opening[0]), pos=at)
    mentions = ctx.narrated_mentions(lo, hi)
    people = [m for m in mentions if m.type == "person"]
    if people:
        m = people[0]
        found = ctx.from_mention(m, ctx.body[m.start : m.end], m.start, m.end)
        return replace(found, rule=CLAUSE_PERSON)
    for match in re.finditer(r"\b(?:he|she)\b", ctx.body[lo:hi], re.I):
        if pronouns:
            return replace(pronoun(ctx, lo + match.start(), lo + match.end()), rule=PRONOUN)
        break
    orgs = [m for m in mentions if m.type == "organization"]
    if orgs:
        m = orgs[0]
        found = ctx.from_mention(m, ctx.body[m.start : m.end], m.start, m.end)
        return replace(found, rule=CLAUSE_ORGANISATION)
    return ctx.resolve(*phrase, pos=phrase[0]) if phrase else Speaker()
