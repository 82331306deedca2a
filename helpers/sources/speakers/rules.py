"""The speaker rules: who a speaker phrase ("the expert", "K J Noh", "a source close to …") is.

:func:`resolve_phrase` runs :data:`RULES` in order on the phrase next to a cue. A rule returns

* a :class:`~helpers.sources.speakers.names.Speaker`: it decided, and the rules after it do not run;
* a :class:`Phrase`: it tidied the phrase (cut a label, an interjection, an opener) and the next
  rules read the tidied phrase;
* ``None``: it does not apply.

The order: tidy the phrase (and a name set off by a comma after its description, "the Afghan
team's coach, Alireza Mehraban"); then a hypothetical "you" quoted in an interviewee's answer, a
pronoun (the last fitting person, :mod:`.refs`), a document of someone ("Cornyn's statement"), "the
same newspaper" (the last outlet named), an anonymous description (``data/anonymous_sources.csv``;
in an interviewee's answer also "the family"), a person before an affiliation, an actor mention that
ends the phrase (people before organisations before countries), "the company" or "the ministry"
(the organisation named just before), an age ("the 43-year-old": the person introduced with it,
else the one quoted just before), a definite description ("the expert": the last person
introduced with that word), an actor mentioned inside the phrase, a
capitalised name, or the phrase itself. Each rule is a small function named for what it
recognises; ``tests/sources/test_speakers.py`` tests each on real sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from . import refs
from .context import Context
from .mentions import AFFILIATION, Mention
from .names import Speaker

__all__ = ["RULES", "Phrase", "resolve_phrase"]

_WORD = re.compile(r"\w[\w’'\-]*")
# a name that opens a sentence, then a comma: "Sergey M, " before "one of the maintainers"
_NAME_BEFORE = re.compile(r"(?:^|[.!?,]\s+|\n)((?:[A-Z][\w.’'\-]*\s+){0,3}[A-Z][\w.’'\-]*),\s*$")
_TYPE_ORDER = {"person": 0, "organization": 1, "country": 2}
_POSSESSIVES = ("my", "your", "our", "his", "her", "their")
# a description, a comma, then a name of two words or more: "the victim's mother, Sarah Jones"
_DESCRIPTION_THEN_NAME = re.compile(
    r"([^,]{3,80}),\s+((?:[A-Z][\w.’'\-]*\s+)+(?:(?:al|el|bin|de|van|von)-?\s*)?[A-Z][\w.’'\-]*)"
)
# after the speaker, a few words (the cue among them), then the quotation: 'you'd say "…"', 'would
# you be like "…"', 'would you put the line and say, "…"' (not 'you can conclude that …')
_QUOTED_SOON = re.compile(r"(?:['’]\w+)?(?:\s+(?!that\b)[\w’'\-]+){1,8}\s*[,:]?\s*[\"“]")
# a preposition left at the end of a speaker phrase, before the quote: 'told by X of "..."'
_DANGLING = re.compile(r"\s+(?:of|about|to|by|with)$")


@dataclass(frozen=True)
class Phrase:
    """A speaker phrase as the rules see it: its text, span, words and where the cue is."""

    text: str
    start: int
    end: int
    words: tuple[str, ...]
    pos: int


Rule = Callable[[Context, Phrase], "Speaker | Phrase | None"]


# -- tidying the phrase ---------------------------------------------------------------------------


def tidy(ctx: Context, p: Phrase) -> Phrase:
    """Drop what ends a phrase but is not the speaker: "(AFP)", "of", "on Twitter", "QC"."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", p.text).rstrip(" .,;:")
    text = _DANGLING.sub("", text)
    platform = re.search(r"\s+(?:on|via)\s+[A-Z][\w.]*$", text)
    if platform and platform.start() > 0:  # "wrote Trump on Twitter": the medium is not a name
        text = text[: platform.start()]
    told = re.search(
        r"(?<=[a-z])\s+to\s+(?:the\s+)?[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3}$", text
    )
    before = text[: told.start()].split()[-1:] if told else []
    if told and text[:1].isupper() and before and before[0].lower() not in ctx.words.titles:
        # 'said Dasbach to Wikinews': whom he told is no part of the name ('Ambassador to the UN'
        # is a title)
        text = text[: told.start()]
    last = text.rsplit(None, 1)
    if (
        len(last) == 2
        and (
            last[1].lower() in ctx.words.quantifiers
            or last[1].lower() in ctx.words.trailing_adverbs
        )
        and last[0][-1:].isalpha()
    ):  # "Miller and Smith both acknowledged", "The president now says": not part of the name
        text = last[0]
    while (
        len(text.split()) > 2
        and text.rsplit(None, 1)[1].lower() in ctx.words.postnominals
        and text.split()[0].lower() not in ("the", "a", "an")  # "the Conservative MP": a title
    ):
        text = text.rsplit(None, 1)[0].rstrip(" ,")  # "Judge Durham Hall QC"
    return replace(p, text=text, end=p.start + len(text), words=tuple(_WORD.findall(text)))


def transcript_label(ctx: Context, p: Phrase) -> Phrase | None:
    """'((WN))  Why do you think': a transcript label before the phrase is not the speaker."""
    if "))" not in p.text:
        return None
    cut = p.text.rindex("))") + 2
    cut += len(p.text[cut:]) - len(p.text[cut:].lstrip())
    text = p.text[cut:]
    return replace(p, text=text, start=p.start + cut, words=tuple(_WORD.findall(text)))


def question_pronoun(ctx: Context, p: Phrase) -> Phrase | None:
    """'Why do you think', 'did you': the pronoun of a question."""
    words = p.words
    if (
        1 < len(words) <= 4
        and words[-1].lower() in ("you", "i")
        and all(w[1:].islower() for w in words[:-1])
        and words[0].lower() not in ctx.words.anon_det | {"the"}
    ):
        cut = p.text.rindex(words[-1])
        return replace(p, text=p.text[cut:], start=p.start + cut, words=words[-1:])
    return None


def interjection(ctx: Context, p: Phrase) -> Phrase | None:
    """'Yeah, they used to call it': the interjections before the speaker."""
    text, start, words = p.text, p.start, p.words
    while words and words[0].lower() in ctx.words.interjections:
        cut = text.index(words[0]) + len(words[0])
        cut += len(text[cut:]) - len(text[cut:].lstrip(" ,.!"))
        text, start, words = text[cut:], start + cut, words[1:]
    return None if words is p.words else replace(p, text=text, start=start, words=words)


def nothing_left(ctx: Context, p: Phrase) -> Speaker | None:
    """A phrase with no word left names nobody."""
    return None if p.words else Speaker()


def name_before_role(ctx: Context, p: Phrase) -> Speaker | None:
    """'Sergey M, one of the maintainers of youtube-dl, wrote': the name, not the role.

    Also a role whose closing comma is missing: 'Erwin Chemerinsky, Dean of UC Berkeley School of
    Law called it', when the name has two words or more.
    """
    named = _NAME_BEFORE.search(ctx.body[max(0, p.start - 80) : p.start])
    if not named or named.group(1).split()[0].lower() in ctx.tokens.boundary | ctx.words.openers:
        return None
    first = p.words[0]
    if first in ("one", "a", "an", "another") or (
        first[:1].isupper()
        and first.lower() in ctx.words.titles
        and len(named.group(1).split()) >= 2
        and not ctx.words.author.search(named.group(1))
    ):
        base = max(0, p.start - 80)
        return ctx.resolve(base + named.start(1), base + named.end(1), pos=p.pos)
    return None


def name_after_description(ctx: Context, p: Phrase) -> Speaker | None:
    """ "said Sudan's army chief, General Abdel Fattah al-Burhan": the name set off by a comma."""
    named = _DESCRIPTION_THEN_NAME.fullmatch(p.text)
    if not named or not any(w.islower() for w in _WORD.findall(named.group(1))):
        return None
    found = ctx.resolve(p.start + named.start(2), p.start + named.end(2), pos=p.pos)
    if found.type not in ("person", "name"):
        return None
    return replace(found, text=p.text, start=p.start, end=p.end)


def opener(ctx: Context, p: Phrase) -> Phrase | None:
    """'Then I thought:', 'now the seller': an opening adverb is not the speaker."""
    words = p.words
    if (
        len(words) > 1
        and words[0].lower() in ctx.words.openers
        and (words[0].islower() or (len(words) == 2 and words[1].lower() in ctx.words.pronouns))
    ):
        cut = p.text.index(words[1], len(words[0]))
        return replace(p, text=p.text[cut:], start=p.start + cut, words=words[1:])
    return None


def contracted_pronoun(ctx: Context, p: Phrase) -> Phrase | None:
    """'then she's like', "I'm like": the pronoun of a contraction."""
    short = re.fullmatch(r"(\w+)['’](?:s|re|m|d|ve|ll)", p.text)
    if short and short.group(1).lower() in ctx.words.pronouns:
        return replace(p, text=short.group(1), words=(short.group(1),))
    return None


# -- deciding -----------------------------------------------------------------------------------


def generic_you(ctx: Context, p: Phrase) -> Speaker | None:
    """'you'd say "I'm sorry"', 'would you be like "…"' in an interviewee's answer: anyone.

    The "you" of an answer is a hypothetical person, an unnamed speaker; but 'you said' there
    speaks to the interviewer (left to :func:`pronoun`).
    """
    if (
        p.text.lower() != "you"
        or re.match(
            r"\s+(?:just\s+|also\s+)?(?:said|asked|told|wrote|mentioned)\b", ctx.body[p.end :]
        )
        # only the words themselves, quoted after the cue: not 'you can conclude that …', a way
        # of putting a claim of the one answering
        or not _QUOTED_SOON.match(ctx.body, p.end)
        or not refs.in_answer(ctx, p.start)
    ):
        return None
    return Speaker(p.text.lower(), "", "", True, p.text, "anonymous", p.start, p.end)


def pronoun(ctx: Context, p: Phrase) -> Speaker | None:
    """'he said', 'according to him': the person the pronoun refers to (see :mod:`.refs`)."""
    words = p.words
    if (
        words[0].lower() in ctx.words.pronouns and (len(words) == 1 or not words[1][:1].isupper())
    ) or p.text.lower() in ("him", "her"):
        return refs.pronoun(ctx, p.start, p.start + len(words[0]))
    return None


def document_of_name(ctx: Context, p: Phrase) -> Speaker | None:
    """ "Cornyn's statement added": the statement's author."""
    owner = re.fullmatch(r"([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)['’]s?\s+(\w+)", p.text)
    if owner and owner.group(2).lower() in ctx.words.documents:
        found = ctx.resolve(p.start, p.start + owner.end(1), pos=p.pos)
        if found.name:
            return replace(found, text=p.text, start=p.start, end=p.end)
    return None


_DOCUMENT_BY = re.compile(
    r"\s+(he|she|they)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:signed|issued|released|wrote|sent|posted|published|put\s+out)\b"
)


def document_by_pronoun(ctx: Context, p: Phrase) -> Speaker | None:
    """'A statement he signed reads:': who "he" is signed it and speaks through it."""
    words = p.words
    if not (
        len(words) == 2
        and words[0].lower() in ("a", "an", "the")
        and words[1].lower() in ctx.words.documents
    ):
        return None
    made = _DOCUMENT_BY.match(ctx.body, p.end)
    if not made:
        return None
    found = refs.pronoun(ctx, made.start(1), made.end(1))
    if found.name and found.type != "pronoun":
        return replace(found, text=p.text, start=p.start, end=p.end)
    return None


def document_of_pronoun(ctx: Context, p: Phrase) -> Speaker | None:
    """'Their statement also read', 'his official Twitter account': the author, as "they" or
    "he" would be resolved (the words between may say which one, not whose: "his party's
    statement" is the party's)."""
    words = p.words
    if (
        2 <= len(words) <= 4
        and words[0].lower() in ("their", "its", "his", "her")
        and words[-1].lower() in ctx.words.documents
        and not any(w.lower().endswith(("'s", "’s")) for w in words[1:-1])
    ):
        owner = {"their": "they", "its": "they"}.get(words[0].lower(), "he")
        found = (
            refs.they(ctx, p.start, p.end)
            if owner == "they"
            else refs.pronoun_as(ctx, p.start, p.end)
        )
        if found.name and found.type != "pronoun":
            return replace(found, text=p.text, start=p.start, end=p.end)
    return None


def same_outlet(ctx: Context, p: Phrase) -> Speaker | None:
    """'the same newspaper': the last outlet named."""
    return (
        refs.outlet_before(ctx, p.start, p.end) if p.text.lower() in ctx.words.outlet_refs else None
    )


def seen_by(ctx: Context, p: Phrase) -> Phrase | None:
    """'a leaked letter seen by Sky News': the letter speaks, not Sky News."""
    cut = ctx.words.modifier.search(p.text)
    if not cut:
        return None
    text = p.text[: cut.start()].rstrip(" ,")
    return replace(p, text=text, end=p.start + cut.start(), words=tuple(_WORD.findall(text)))


def anonymous(ctx: Context, p: Phrase) -> Speaker | None:
    """'a government official', 'sources familiar with the talks': an unnamed source."""
    if not _is_anonymous(ctx, p.text, p.start, p.end):
        return None
    countries = [m.country for m in ctx.mentions_in(p.start, p.end) if m.country]
    country = countries[0] if countries else ""
    return Speaker(p.text, "", country, True, p.text, "anonymous", p.start, p.end)


def name_before_affiliation(ctx: Context, p: Phrase) -> Speaker | None:
    """'Jennifer Lu of Marriage Equality Coalition Taiwan': the person before of/from/at/for."""
    text, start, end = p.text, p.start, p.end
    for split in AFFILIATION.finditer(text):
        cut = start + split.start()
        people = [m for m in ctx.mentions_in(start, cut) if m.type == "person"]
        if people and people[-1].end >= cut - 1:
            return ctx.from_mention(people[-1], text, start, end)
        runs = [r for r in ctx.tokens.cap_runs(start, cut) if r[1] >= cut - 1]
        if not runs:
            continue
        words = [w.lower() for w in _WORD.findall(ctx.body[runs[-1][0] : runs[-1][1]])]
        if any(w in ctx.words.org_words for w in words) or any(
            m.type != "person" and m.start < runs[-1][1] and runs[-1][0] < m.end
            for m in ctx.mentions_in(start, end)
        ):
            # "the Ministry of Foreign Affairs of Turkey", "Bank of England", "The Economic
            # Community of West African States" (an organisation the gazetteer knows)
            continue
        name = ctx.names.person_name(*runs[-1])
        parts = name.split()
        if len(parts) >= 2 and not any(w.lower() in ctx.words.titles for w in parts):
            kind = "person" if len(parts) < len(words) else "name"
            full = ctx.names.full_name(name, start)
            return Speaker(full, "", "", False, text, kind, start, end)
    return None


def actor_at_end(ctx: Context, p: Phrase) -> Speaker | None:
    """'Chinese Foreign Ministry spokesperson Mao Ning': the actor mention that ends the phrase.

    People before organisations before countries; "The State Department" stays itself, an
    organisation of the country's government.
    """
    heads = [m for m in ctx.mentions_in(p.start, p.end) if m.end >= p.end - 1]
    if not heads:
        return None
    head = min(heads, key=lambda m: (_TYPE_ORDER.get(m.type, 3), -m.end))
    found = ctx.from_mention(head, p.text, p.start, p.end)
    bare = re.sub(r"^the\s+", "", p.text, flags=re.I)
    if head.type == "country" and bare != head.actor and " " in bare:
        return Speaker(
            p.text, head.actor_id, head.country, False, p.text, "organization", p.start, p.end
        )
    return found


def organisation_named_before(ctx: Context, p: Phrase) -> Speaker | None:
    """'the company noted', 'The ministry said': the organisation named just before (Hasbro).

    Example:
        >>> from helpers.ingest.segment import split_sentences
        >>> from helpers.sources import find_attributions
        >>> body = ("Iran's Ministry of Foreign Affairs summoned the German ambassador on Monday. "
        ...         'The ministry said the remarks were "unacceptable".')
        >>> find_attributions(body, split_sentences(body), None).column("speaker")
        ["Iran's Ministry of Foreign Affairs"]
    """
    if len(p.words) != 2 or p.words[0].lower() != "the":
        return None
    head = re.sub(r"[’']s$", "", p.words[1].lower())
    if head not in ctx.words.org_refs and head not in ctx.words.org_refs_any:
        return None
    return refs.organisation_before(ctx, head, p.start, p.end)


def organisation_description(ctx: Context, p: Phrase) -> Speaker | None:
    """'the police', 'the government': an organisation described, not named."""
    if _description(ctx, p) and p.words[-1].lower() in ctx.words.org_words:
        return Speaker(p.text, "", "", False, p.text, "organization", p.start, p.end)
    return None


_AGE = re.compile(r"\d{1,3}-year-old")


def age_description(ctx: Context, p: Phrase) -> Speaker | None:
    """'the 43-year-old said' (perhaps with a noun: 'the 84-year-old president'): the person
    introduced with that age ("84-year-old Paul Biya"), else the person quoted just before."""
    words = p.words
    if not (2 <= len(words) <= 3 and words[0].lower() == "the" and _AGE.fullmatch(words[1])):
        return None
    found = refs.described(ctx, words[1], p.start, p.end)
    if found is None:
        voice = refs.previous_voice(ctx, p.start)
        found = replace(voice, text=p.text, start=p.start, end=p.end) if voice else None
    return found


def introduced_description(ctx: Context, p: Phrase) -> Speaker | None:
    """'the Russian expert': the last person introduced as an expert before this point.

    A title with another word: "the Bolivian leader" is also the person introduced with that word
    ("Bolivian President Luis Arce"); "Iran's spokesman" (a possessive name, then a title) is
    read as "the spokesman". A title of several words goes first to the person introduced with all
    of them, or to the one holder of that office mentioned before: "the prime minister" is not
    "Chief Minister Chow Kon Yeow" when "PM Anwar" was mentioned.
    """
    words = p.words
    possessive = (
        len(words) == 2
        and re.fullmatch(r"[A-Z][\w.\-]*['’]s", words[0])
        and words[1] in ctx.words.titles
    )
    if not (_person_description(ctx, p) or possessive):
        return None
    if words[0].lower() == "the" and len(words) > 2:  # "the prime minister": the whole title first
        found = refs.by_title(ctx, " ".join(words[1:]), p.start, p.end)
        if found is not None:
            return found
    found = refs.described(ctx, words[-1], p.start, p.end)
    if found is None and words[-1] in ctx.words.titles:
        for word in words[1:-1]:
            if word[:1].isupper() and word.isalpha():  # "Bolivian"
                found = found or refs.described(ctx, word, p.start, p.end)
        if found is None and possessive:
            found = refs.role_of_previous_voice(ctx, words[-1], p.start, p.end)
        if found is None and len(words) == 2 and words[0].lower() == "the":
            # "stated the premier": the holder of that office mentioned before
            found = refs.by_title(ctx, words[1], p.start, p.end)
    return found


def anonymous_description(ctx: Context, p: Phrase) -> Speaker | None:
    """'the source', 'the official', 'your friend', never introduced: an unnamed source."""
    possessive = (
        len(p.words) == 2 and p.words[0].lower() in _POSSESSIVES and p.words[1].islower()
    )  # "your friend says", "my neighbours"
    if (_person_description(ctx, p) or possessive) and p.words[-1].lower() in ctx.words.anon_head:
        return Speaker(p.text, "", "", True, p.text, "anonymous", p.start, p.end)
    return None


def unnamed_in_answer(ctx: Context, p: Phrase) -> Speaker | None:
    """'the family would say, "…"' in an interviewee's answer: people of the story, never named.

    Outside an interview "the family" is usually the family of someone the article names.
    """
    words = p.words
    if (
        _description(ctx, p)
        and len(words) <= 4
        and words[-1].lower() not in ctx.words.documents | ctx.words.org_words | ctx.words.titles
        and _QUOTED_SOON.match(ctx.body, p.end)  # their words, not 'the law says you can'
        and refs.in_answer(ctx, p.start)
    ):
        return Speaker(p.text, "", "", True, p.text, "anonymous", p.start, p.end)
    return None


def role_of_previous_voice(ctx: Context, p: Phrase) -> Speaker | None:
    """'"…," said study co-author Karen Alley. The Wooster professor added': Karen Alley."""
    if _person_description(ctx, p):
        return refs.role_of_previous_voice(ctx, p.words[-1], p.start, p.end)
    return None


def titled_description(ctx: Context, p: Phrase) -> Speaker | None:
    """'the Lord Mayor candidate told Wikinews': the person introduced as a candidate."""
    words = p.words
    if (
        not _description(ctx, p)
        and len(words) > 2
        and words[0].lower() == "the"
        and words[-1].islower()
        and words[-1] in ctx.words.titles
        and not ctx.words.author.search(p.text)
    ):
        return refs.described(ctx, words[-1], p.start, p.end) or refs.role_of_previous_voice(
            ctx, words[-1], p.start, p.end
        )
    return None


def capitalised_role(ctx: Context, p: Phrase) -> Speaker | None:
    """'the Conservative MP', 'The PAHO Director': a title written with a capital, a person.

    The person introduced with that title before ("PAHO Director Carissa F. Etienne"), else the
    one holder of that office the gazetteer knows among the people mentioned before, else the
    person quoted just before.
    """
    words = p.words
    if (
        words[0].lower() == "the"
        and 2 <= len(words) <= 5
        and words[-1][:1].isupper()
        and words[-1].lower() in ctx.words.titles
        and not any(m.type == "person" for m in ctx.mentions_in(p.start, p.end))
        and not ctx.words.author.search(p.text)
    ):
        head, title = words[-1], " ".join(words[1:])
        # the whole title first ("PM Anwar" for "the Prime Minister", not "Chief Minister Chow")
        return (
            refs.by_title(ctx, title, p.start, p.end)
            or (refs.described(ctx, head, p.start, p.end) if title != head else None)
            or refs.role_of_previous_voice(ctx, head, p.start, p.end)
        )
    return None


def actor_inside(ctx: Context, p: Phrase) -> Speaker | None:
    """'a statement released by Erdogan's office': the author's actor, mentioned inside."""
    mentions = ctx.mentions_in(p.start, p.end)
    if not mentions:
        return None
    m = min(mentions, key=lambda m: (_TYPE_ORDER.get(m.type, 3), m.start))
    kind = _document_kind(ctx, p) or m.type
    head = refs.head_word(p.text)
    if kind == "country" and head in ctx.words.titles and head not in ctx.words.org_words:
        kind = "person"  # "the President of the United States": a person, by title
    elif kind == "country" and (
        head in ctx.words.org_words  # "Iran's Ministry of Foreign Affairs"
        or _org_name(ctx, p.start, p.end, m)
        or p.words[-1].lower() in ctx.words.org_words
    ):  # "the German government", "the United States Department of Defense"
        kind = "organization"
    return Speaker(p.text, m.actor_id, m.country, False, p.text, kind, p.start, p.end)


def organisation_of(ctx: Context, p: Phrase) -> Speaker | None:
    """'The government of American Samoa': an organisation."""
    words = p.words
    if (
        _final_runs(ctx, p)
        and len(words) > 3
        and words[0].lower() == "the"
        and words[1].lower() in ctx.words.org_words
        and words[2] == "of"
    ):
        name = re.sub(r"^the\s+", "", p.text, flags=re.I)
        return Speaker(name, "", "", False, p.text, "organization", p.start, p.end)
    return None


def capitalised_name(ctx: Context, p: Phrase) -> Speaker | None:
    """'Turkish president Erdoğan', 'Bradford Council': the capitalised name that ends the phrase.

    A person when a title goes with it, an organisation when its words say so ("Council",
    "Ministry"), else a name the gazetteer does not know.
    """
    runs = _final_runs(ctx, p)
    if not runs:
        return None
    text, start, end, words = p.text, p.start, p.end, p.words
    run = [w.lower() for w in _WORD.findall(ctx.body[runs[0][0] : runs[0][1]])]
    name = ctx.names.full_name(ctx.names.person_name(*runs[0]), start)
    named = [w.lower() for w in _WORD.findall(name)]
    if not name or (
        any(w in ctx.words.org_words for w in run)
        and (len(named) < 2 or any(w in ctx.words.org_words for w in named))
    ):  # "Bradford Council", "the Ministry of Foreign Affairs": an organisation
        name = re.sub(r"^the\s+", "", text, flags=re.I)
        return Speaker(name, "", "", False, text, "organization", start, end)
    # a title makes it a person the gazetteer does not know: "Turkish president Erdoğan"
    titled = any(w.lower() in ctx.words.titles for w in words)
    return Speaker(name, "", "", False, text, "person" if titled else "name", start, end)


def phrase_itself(ctx: Context, p: Phrase) -> Speaker:
    """Nothing better: the phrase itself ("the letter", "Union officials")."""
    kind = _document_kind(ctx, p) or "unknown"
    return Speaker(p.text, "", "", False, p.text, kind, p.start, p.end)


#: The rules in the order they are tried (the first to return a Speaker decides).
RULES: tuple[Rule, ...] = (
    tidy,
    transcript_label,
    question_pronoun,
    interjection,
    nothing_left,
    name_before_role,
    name_after_description,
    opener,
    contracted_pronoun,
    generic_you,
    pronoun,
    document_of_name,
    document_by_pronoun,
    document_of_pronoun,
    same_outlet,
    seen_by,
    anonymous,
    name_before_affiliation,
    actor_at_end,
    organisation_named_before,
    organisation_description,
    age_description,
    introduced_description,
    anonymous_description,
    unnamed_in_answer,
    role_of_previous_voice,
    titled_description,
    capitalised_role,
    actor_inside,
    organisation_of,
    capitalised_name,
    phrase_itself,
)


def resolve_phrase(ctx: Context, start: int, end: int, pos: int) -> Speaker:
    """Run :data:`RULES` on the phrase ``body[start:end]`` (``pos``: where the cue is).

    Example:
        >>> from helpers.sources.phrases import Tokens
        >>> from helpers.sources.speakers.resolver import speaker_context
        >>> body = "Officials said it would rain."
        >>> ctx = speaker_context(body, Tokens(body), None)
        >>> found = resolve_phrase(ctx, 0, len("Officials"), 10)
        >>> found.name, found.anonymous
        ('Officials', True)
    """
    phrase = Phrase(ctx.body[start:end], start, end, (), pos)
    for rule in RULES:
        found = rule(ctx, phrase)
        if isinstance(found, Phrase):
            phrase = found
        elif found is not None:
            return replace(found, rule=rule.__name__)
    raise AssertionError("the last rule always decides")  # pragma: no cover


# -- what several rules ask ----------------------------------------------------------------------


def _description(ctx: Context, p: Phrase) -> bool:
    """'the Russian expert': "the", lower-case head, no multi-word name inside."""
    words = p.words
    return (
        words[0].lower() == "the"
        and words[-1].islower()
        and not any(" " in ctx.body[a:b] for a, b in ctx.tokens.cap_runs(p.start, p.end))
    )


def _person_description(ctx: Context, p: Phrase) -> bool:
    """A description of a person, not of an author ("released by") nor a document ("the letter")."""
    return (
        _description(ctx, p)
        and not ctx.words.author.search(p.text)
        and p.words[-1].lower() not in ctx.words.documents
    )


def _document_kind(ctx: Context, p: Phrase) -> str:
    return "document" if any(w.lower() in ctx.words.documents for w in p.words) else ""


def _final_runs(ctx: Context, p: Phrase) -> list[tuple[int, int]]:
    """The capitalised runs that end the phrase, when a name may be read from them."""
    words = p.words
    runs = [r for r in ctx.tokens.cap_runs(p.start, p.end) if r[1] >= p.end - 1]
    if (
        not runs
        or _document_kind(ctx, p)
        or (runs[0][0] == p.start and words[0].lower() == "the" and 2 < len(words) <= 3)
    ):
        return []
    return runs


def _org_name(ctx: Context, start: int, end: int, m: Mention) -> bool:
    """True when a country mention sits inside a longer capitalised name ending the phrase."""
    runs = [r for r in ctx.tokens.cap_runs(start, end) if r[0] <= m.start and r[1] >= end - 1]
    return bool(runs) and runs[0][1] > m.end


def _is_anonymous(ctx: Context, text: str, start: int, end: int) -> bool:
    anon_head = ctx.words.anon_head
    words = [w.lower() for w in _WORD.findall(text)]
    if ctx.words.qualifier.search(text) and any(w in anon_head for w in words):
        return True
    ends_in_person = any(
        m.type == "person" and m.end >= end - 1 for m in ctx.mentions_in(start, end)
    )
    if (
        words[0] in anon_head
        and len(words) > 1
        and (words[1] in ("from", "like") or words[1].endswith("ing"))
    ):
        return True  # "representatives from Iran", "people holding a banner", "people like me"
    if ends_in_person:
        return False
    if (
        words[0] in ctx.words.anon_det
        and len(words) > 2
        and words[1] in anon_head
        and words[2] in ("for", "at", "in", "of", "with", "within", "inside", "from")
    ):
        return True  # "a spokesperson for the Universities …", "a source within the ministry"
    if text.split()[-1][:1].isupper() and words[-1] not in anon_head:
        return False
    if (
        words[0] in ctx.words.anon_det
        and len(words) > 2
        and words[1] == "of"
        and refs.people_word(words[-1])
    ):
        return True  # "one of the children", "One of them", "some of the users": unnamed
    if words[0] in ("someone", "somebody"):
        return True
    if words[0] in ctx.words.anon_det and any(
        w in anon_head or refs.people_plural(w) for w in words[1:]
    ):
        return True  # "a government official", "many users", "some fans"
    # bare plurals with at most capitalised modifiers: "officials", "U.S. officials", "media";
    # not a possessive before one person: "Iran's spokesman" is someone named before
    raw = _WORD.findall(text)
    return (
        words[-1] in anon_head
        and words[0] != "the"
        and all(w[:1].isupper() for w in raw[:-1])
        and not (len(raw) == 2 and raw[0].endswith(("'s", "’s")) and not words[-1].endswith("s"))
    )
