"""Speakers that refer back: pronouns, transcript labels, "they", "the expert", "the same newspaper".

"he"/"she" are the person named earlier in the sentence or the person subject of a recent sentence
of the paragraph; "I"/"you" in an interview or briefing transcript are the label of the answer or of
the one who answered last; "they" is the organisation that is the subject of the previous sentence;
a definite description ("the expert") is the last person introduced with that word; "the same
newspaper" is the last outlet named. Each function reads a :class:`Context`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ...actors.gazetteer import fold, load_gazetteer
from ..references import last_outlet
from .context import PERSON_TYPES, Context
from .names import Speaker, person_name, transcript_speaker
from .words import speaker_words

# a plural noun of people: "users", "children", "residents", "maintainers" (not "the drones")
_PEOPLE_SUFFIXES = re.compile(r"[a-z]+(?:er|or|ist|ian|ant|ent)s")  # maintainers, activists
_PEOPLE_PRONOUNS = frozenset({"them", "us", "those", "these"})

__all__ = [
    "people_plural",
    "described",
    "head_word",
    "in_answer",
    "people_word",
    "previous_paragraph",
    "last_person",
    "outlet_before",
    "previous_voice",
    "pronoun",
    "pronoun_as",
    "role_of_previous_voice",
    "sentence_start",
    "they",
    "unresolved",
]


def people_word(word: str) -> bool:
    """Whether a lower-case word that ends a partitive stands for people: "one of them", "one of
    the children" (not "one of the drones").

    Example:
        >>> people_word("them"), people_word("maintainers"), people_word("drones")
        (True, True, False)
    """
    return word in _PEOPLE_PRONOUNS or people_plural(word)


def people_plural(word: str) -> bool:
    """Whether a lower-case word is a plural noun for people: ``people_plural`` of
    ``data/speaker_words.csv`` ("children", "users"), or a plural in -ers, -ors, -ists, -ians,
    -ants, -ents ("maintainers").

    Example:
        >>> people_plural("fans"), people_plural("activists"), people_plural("drones")
        (True, True, False)
    """
    return word in speaker_words().people_plurals or bool(_PEOPLE_SUFFIXES.fullmatch(word))


def sentence_start(body: str, pos: int, floor: int) -> int:
    """Start of the sentence around ``pos`` (a rough split: '. ', '? ', '! ' or the line).

    Example:
        >>> text = "He left. She said no."
        >>> sentence_start(text, text.index("said"), 0)
        9
    """
    cut = max(body.rfind(p, floor, pos) for p in (". ", "? ", "! ", '." ', ".” "))
    return max(floor, cut + 2) if cut >= floor else floor


def pronoun(ctx: Context, start: int, end: int) -> Speaker:
    """He/she: the person a pronoun refers to, by the nearest compatible subject.

    In order: the same "he" earlier in the sentence; the person subject of the sentence, then the
    last person named earlier in it; who spoke in,
    or the person subject of, the previous sentences of the paragraph (up to three); the last person
    named in the paragraph; who spoke in, or the person subject of, the last sentences of the
    paragraph before (a pronoun that opens a paragraph); the last person quoted. A singular
    anonymous subject ("a spokesperson for the association") is a person too. They/it go to
    :func:`they`; "I" and "you" in a transcript to the label of who speaks or is asked. A pronoun
    that refers to nobody found is unresolved: no name, only its text.
    """
    body = ctx.body
    text = body[start:end]
    if text.lower() in ("they", "it"):  # "It also credited Leonov …": NASA, named before
        return they(ctx, start, end)
    label = transcript_speaker(body, start, text, ctx.words.interviewers)
    if label:  # "I" in an answer: who answers; "you" in a question: who is asked
        return _label(ctx, *label, text, start, end)
    if text.lower() not in ("he", "she", "him", "her"):  # we, I, you: nobody to point at
        return unresolved(text, start, end)
    return _person_for(ctx, start, end, text)


def _person_for(ctx: Context, start: int, end: int, read_as: str) -> Speaker:
    """The person "he" or "she" (``read_as``) at [start, end) refers to, or unresolved."""
    text = ctx.body[start:end]
    answering = in_answer(ctx, start)
    skip = answering.name if answering else ""
    for base in _person_antecedents(ctx, start, end, read_as, skip):
        # in an interviewee's answer "she" is never the one answering (who says "I"): 'I told
        # my mom I have anxiety, and she's like "…"'
        if base is not None and not (answering and base.name == answering.name):
            return Speaker(
                base.name, base.actor_id, base.country, base.anonymous, text, base.type, start, end
            )
    return unresolved(text, start, end)


def _person_antecedents(
    ctx: Context, start: int, end: int, text: str, skip: str
) -> Iterator[Speaker | None]:
    """The candidates for "he" or "she" at [start, end), nearest first (see :func:`pronoun`);
    the walk back through earlier sentences passes over the voices named ``skip``."""
    body = ctx.body
    line_start = body.rfind("\n", 0, start) + 1
    sentence_lo = sentence_start(body, start, line_start)
    earlier = [
        sp
        for at, sp in ctx.history
        if sentence_lo <= at < start and sp.text.lower() in ("he", "she")
    ]
    if earlier:  # 'He said Zelensky is "…"; however, "…", he added': the same person
        yield earlier[-1]
    same = [m for m in ctx.narrated_mentions(sentence_lo, start) if m.type == "person"]
    if len(same) > 1:  # "Trump congratulated President Duterte for …, what he described as": the
        # subject of the sentence before the last person named in it
        subject_ = ctx.subject(sentence_lo, same[0].end, pronouns=False)
        if subject_.type == "person" and subject_.name:
            yield replace(subject_, text=text, start=start, end=end)
    if same:
        yield ctx.from_mention(same[-1], text, start, end)
    else:  # "…, Imus was dropped … after he referred to …": the subject earlier in the sentence
        yield _clause_subject_name(ctx, sentence_lo, start, text, start, end)
    # the previous sentences of the paragraph, then the last person named in it so far
    yield _walk_back(ctx, line_start, sentence_lo, 3, text, start, end, skip)
    yield last_person(ctx, line_start, sentence_lo, text, start, end)
    if line_start > 0:  # 'He said: "…"' opening a paragraph: the one before
        lo, hi = previous_paragraph(body, line_start)
        yield _walk_back(ctx, lo, hi, 2, text, start, end, skip) if hi > lo else None
    people = [sp for _, sp in ctx.history if sp.type in ("person", "name")]
    yield people[-1] if people else None


def in_answer(ctx: Context, pos: int) -> Speaker | None:
    """The person answering when ``pos`` is inside an answer of an interview transcript, else None.

    An answer is what follows a speaker label that is not the asking side's ('((Zara Kay))', not
    '((WN))'); its "I" is that person.
    """
    label = transcript_speaker(ctx.body, pos, "I", ctx.words.interviewers)
    return _label(ctx, *label, "I", pos, pos) if label else None


def unresolved(text: str, start: int, end: int) -> Speaker:
    """A pronoun that refers to nobody the rules can find: no name, only its text."""
    return Speaker("", "", "", False, text, "pronoun", start, end)


def previous_paragraph(body: str, line_start: int) -> tuple[int, int]:
    """The span of the last non-empty paragraph before the one starting at ``line_start``.

    Example:
        >>> body = "First one.\\n\\nA heading\\nSecond."
        >>> lo, hi = previous_paragraph(body, body.index("Second"))
        >>> body[lo:hi]
        'First one.'
    """
    hi = line_start - 1
    while hi > 0 and _no_sentence(body[body.rfind("\n", 0, hi) + 1 : hi]):
        hi = body.rfind("\n", 0, hi)  # skip empty lines and headings
    return (body.rfind("\n", 0, hi) + 1, hi) if hi > 0 else (0, 0)


def _no_sentence(line: str) -> bool:
    """An empty line or a heading ("2. Actions of the United States, Germany, France")."""
    line = line.strip()
    return not line or (len(line.split()) <= 15 and not re.search(r"[.!?:;…\"”’)]$", line))


def _walk_back(
    ctx: Context, floor: int, hi: int, n: int, text: str, start: int, end: int, skip: str = ""
) -> Speaker | None:
    """The antecedent of a person pronoun in the last ``n`` sentences of [floor, hi) (not a voice
    named ``skip``: the one answering in an interview, who is "I")."""
    body = ctx.body
    for _ in range(n):
        if hi <= floor:
            return None
        lo = sentence_start(body, hi - 1, floor)
        voiced = [
            sp
            for at, sp in ctx.voices.heard
            if lo <= at < hi
            and (not sp.anonymous or _one_person(ctx, sp.text))  # "a spokesman": one person
            and sp.type in PERSON_TYPES
            and head_word(sp.text) not in ctx.words.groups
            and not (skip and sp.name == skip)
        ]
        if voiced:  # 'The head of … told the court "…". She also said "…"': who spoke there
            return voiced[-1]
        found = ctx.subject(lo, hi, pronouns=False)
        if skip and found.name == skip:
            pass
        elif (
            found.type == "person"
            or (found.type == "name" and " " in found.name and not found.name.startswith("The "))
            or (found.type == "anonymous" and _one_person(ctx, found.text))
        ):
            return found
        comma = body.find(",", lo, hi)
        if comma > lo and body[lo:comma].split()[0] in ("For", "To"):
            # "For Kevin Allton, a USI instructor, Warhol was a legend. He said": Allton
            found = last_person(ctx, lo, comma, text, start, end)
            if found is not None:
                return found
        hi = lo
    return None


def head_word(text: str) -> str:
    """The head noun of a noun phrase, before its complement (lower case).

    Example:
        >>> head_word("the head of the police's internal investigators"), head_word("the pair")
        ('head', 'pair')
    """
    words = [w.lower() for w in re.findall(r"\w[\w’'\-]*", text)]
    cut = next((i for i, w in enumerate(words) if w in _COMPLEMENT), len(words))
    return words[cut - 1] if cut else ""


_COMPLEMENT = {"of", "for", "from", "at", "in", "with", "who", "whose", "which", "on"}


def _one_person(ctx: Context, text: str) -> bool:
    """'a spokesperson for the association', 'an official': one unnamed person (a he or she)."""
    words = [w.lower() for w in re.findall(r"\w[\w’'\-]*", text)]
    return (
        bool(words)
        and words[0] in ("a", "an", "one", "another", "the")
        and any(w in ctx.words.anon_head and not w.endswith("s") for w in words[1:7])
    )


def _label(ctx: Context, label: str, l_start: int, l_end: int, text: str, start: int, end: int):
    """A transcript speaker label: 'SENIOR ADMINISTRATION OFFICIAL', '((Akram Pasha))'."""
    if l_start not in ctx.voices.labels:
        ctx.voices.labels[l_start] = _read_label(ctx, label, l_start, l_end)
    found = ctx.voices.labels[l_start]
    return replace(found, text=text, start=start, end=end)


def _read_label(ctx: Context, label: str, l_start: int, l_end: int) -> Speaker:
    text, start, end = label, l_start, l_end
    if label.lower() in ctx.words.answerers:  # "A:" answers: the person the article names first
        people = [m for m in ctx.mentions_in(0, l_start) if m.type == "person"]
        if people:
            return ctx.from_mention(people[0], text, start, end)
        return Speaker("", "", "", False, text, "pronoun", start, end)
    words = label.lower().split()
    if words[-1] in ctx.words.anon_head or words[-1].rstrip("s") in ctx.words.anon_head:
        return Speaker(label.lower(), "", "", True, text, "anonymous", start, end)
    for m in ctx.mentions_in(l_start, l_end):
        if m.type == "person":
            return ctx.from_mention(m, text, start, end)
    name = person_name(
        label.title() if label.isupper() else label, ctx.words.titles, ctx.words.postnominals
    )
    return Speaker(ctx.names.full_name(name, l_start), "", "", False, text, "name", start, end)


def pronoun_as(ctx: Context, start: int, end: int) -> Speaker:
    """His/her at [start, end): the person "he" or "she" there would be."""
    base = ctx.body[start:end].split()[0].lower()
    return _person_for(ctx, start, end, "she" if base == "her" else "he")


def they(ctx: Context, start: int, end: int) -> Speaker:
    """They/it: the nearest organisation (for "it" also a country or a one-word name; for "they"
    also plural people) that is the subject of one of the previous sentences.

    Up to three sentences of the paragraph are read back, then the last two of the paragraph
    before ('"…," it stated.' after a paragraph about ECOWAS); a pronoun that refers to nobody found
    is unresolved: no name, only its text.
    """
    body = ctx.body
    text = body[start:end]
    line_start = body.rfind("\n", 0, start) + 1
    sentence_lo = sentence_start(body, start, line_start)
    opener = _SUBORDINATE.match(body, sentence_lo, start)
    if opener:  # "As France takes over the Presidency …, it will keep …": France
        named = [
            m for m in ctx.mentions_in(opener.end(), start) if m.type in ("country", "organization")
        ]
        if named and body.rfind(",", named[0].end, start) >= 0:
            found = ctx.from_mention(named[0], text, start, end)
            return replace(found, text=text, start=start, end=end)
    voices = [
        sp
        for at, sp in ctx.voices.heard
        if line_start <= at < start
        and (
            sp.type in ("organization", "outlet", "country")
            or (text.lower() == "they" and _unnamed_group(ctx, sp))
        )
    ]
    voice = voices[-1] if voices else previous_voice(ctx, start, ("organization", "outlet"))
    if voice is not None:
        # '"…", said KCNA. "Foolhardy provocation deserves harsh punishment", it added': KCNA
        return replace(voice, text=text, start=start, end=end)
    spans = [(line_start, sentence_lo, 3)]
    if line_start > 0:
        spans.append((*previous_paragraph(body, line_start), 2))
    first = True
    for floor, hi, n in spans:
        for _ in range(n):
            if hi <= floor:
                break
            lo = sentence_start(body, hi - 1, floor)
            found = ctx.subject(lo, hi, pronouns=False)
            if _refers_to(ctx, text.lower(), found, near=first):
                return Speaker(
                    found.name,
                    found.actor_id,
                    found.country,
                    found.anonymous,
                    text,
                    found.type,
                    start,
                    end,
                )
            hi, first = lo, False
    return unresolved(text, start, end)


# a subordinate clause opening the sentence, whose subject "it" may refer to
_SUBORDINATE = re.compile(r"\s*(?:As|When|While|If|After|Since|Because|Although|Once)\s+")


def _unnamed_group(ctx: Context, found: Speaker) -> bool:
    """'people', 'Some people', 'critics', 'a few Muslim friends': unnamed people, a "they".

    Example:
        >>> from helpers.sources.speakers.resolver import speaker_context
        >>> from helpers.sources.phrases import Tokens
        >>> ctx = speaker_context("", Tokens(""), None)
        >>> _unnamed_group(ctx, Speaker("people", anonymous=True, type="anonymous", text="people"))
        True
    """
    words = re.findall(r"\w[\w’'\-]*", found.text.lower())
    head = head_word(found.text)
    return (
        found.type == "anonymous"
        and bool(words)
        and words[0] not in ("a", "an", "one", "another")
        and (head in ctx.words.anon_head or head in ctx.words.groups)
        and (head.endswith("s") or head in ("people", "police", "staff", "media"))
    )


def _refers_to(ctx: Context, pronoun: str, found: Speaker, *, near: bool) -> bool:
    """Whether "it" or "they" may refer to a subject found (an organisation, not a person).

    Farther than the sentence before, only an organisation: a country or a one-word name there is
    more often the topic than the speaker.
    """
    if not found.name:
        return False
    if found.type == "organization":  # "NASA interrupted … It also …"
        return True
    words = found.text.lower().split()
    if pronoun == "it":
        return near and (
            found.type == "country" or (found.type == "name" and " " not in found.name)
        )
    if _unnamed_group(ctx, found):  # "Witnesses said … They added": unnamed people
        return True
    # "The authors say … They call for": a plural description of people
    return (
        found.type in ("unknown", "anonymous", "country")
        and len(words) >= 2
        and words[0] == "the"
        and head_word(found.text) in ctx.words.groups  # "The foreign ministers of Egypt, …"
    )


def _clause_subject_name(
    ctx: Context, lo: int, hi: int, text: str, start: int, end: int
) -> Speaker | None:
    """A capitalised name in [lo, hi) that opens a clause and is followed by its verb."""
    for r_start, r_end in ctx.tokens.cap_runs(lo, hi):
        before = ctx.body[lo:r_start].rstrip()
        # 'John Rhys-Davies broke news when he revealed': any verb after it, not a function word
        # nor a participle, and not after a possessive ("Bloomberg's presence")
        verb = re.match(r",?\s+([a-z][\w’'\-]*)\b", ctx.body[r_end:hi])
        opens_clause = not before or before[-1] == ","
        if (
            not opens_clause
            or ctx.body[r_start:r_end].endswith(("'s", "’s"))
            or not verb
            or verb.group(1) in ctx.words.function_words
            or verb.group(1).endswith("ing")
        ):
            continue
        found = last_person(ctx, r_start, r_end, text, start, end)
        if found is not None:
            return found
    return None


def last_person(ctx: Context, lo: int, hi: int, text: str, start: int, end: int) -> Speaker | None:
    """The last person mention or two-word capitalised name (not a known place) in [lo, hi)."""
    known = ctx.mentions_in(lo, hi)
    found: list[tuple[int, int, Speaker]] = [
        (1, m.end, ctx.from_mention(m, text, start, end)) for m in known if m.type == "person"
    ]
    for r_start, r_end in ctx.tokens.cap_runs(lo, hi):
        if any(m.start < r_end and r_start < m.end for m in known):
            continue
        name = ctx.names.person_name(r_start, r_end)
        if (
            not name  # "Special" alone: a title word, no name
            or name.split()[-1:] == ["I"]
            or name.split()[0].lower() in ctx.words.openers
            or name.lower() in ctx.words.function_words
        ):
            continue  # "Even I would stand up": an opener and a pronoun; "The": not a name
        titled = any(w.lower() in ctx.words.titles for w in ctx.body[r_start:r_end].split())
        if len(name.split()) == 1 and len(ctx.names.full_name(name, r_start).split()) > 1:
            titled = True  # "Imus" after "Don Imus": a surname of someone named before
        if len(name.split()) >= 2 or titled:  # titled names first: "Crown Prince Mohammad …"
            full = ctx.names.full_name(name, r_start)
            found.append(
                (int(titled), r_end, Speaker(full, "", "", False, text, "name", start, end))
            )
    return max(found, key=lambda f: (f[0], f[1]))[2] if found else None


def previous_voice(ctx: Context, pos: int, types: tuple[str, ...] = PERSON_TYPES) -> Speaker | None:
    """The last speaker quoted earlier in this sentence or in the one before (any paragraph)."""
    body = ctx.body
    line_start = body.rfind("\n", 0, pos) + 1
    lo = sentence_start(body, pos, line_start)
    back = len(body[:lo].rstrip())
    if back:
        lo = sentence_start(body, back - 1, body.rfind("\n", 0, back - 1) + 1)
    voiced = [sp for at, sp in ctx.voices.heard if lo <= at < pos and sp.type in types]
    return voiced[-1] if voiced else None


def role_of_previous_voice(ctx: Context, head: str, start: int, end: int) -> Speaker | None:
    """'"…," said study co-author Karen Alley. The Wooster professor added': Karen Alley.

    A person's title with no earlier antecedent ("professor", "minister") names the person
    quoted just before, in this sentence or the previous one.
    """
    voice = previous_voice(ctx, start)
    if voice and voice.type in ("person", "name") and head.lower() in ctx.words.titles:
        return replace(voice, text=ctx.body[start:end], start=start, end=end)
    return None


def outlet_before(ctx: Context, start: int, end: int) -> Speaker:
    """'the same newspaper': the nearest outlet named before, in the paragraph or the article."""
    text = ctx.body[start:end]
    line_start = ctx.body.rfind("\n", 0, start) + 1
    for lo in (line_start, 0):
        outlet = last_outlet(ctx.body[lo:start])  # the nearest one named before
        if outlet:
            return Speaker(outlet, "", "", False, text, "outlet", start, end)
    return Speaker(text, "", "", False, text, "outlet", start, end)


# what may stand between a role word and the name it introduces: 'mayor John Smith', 'the mayor,
# John Smith', "expert on Russia Pavel Timofeev" (capitalised words, a comma)
_NAMED_AFTER = re.compile(r"(?:\s*,)?\s+(?:(?:of|for|at|to|on|the|[A-Z][\w.’'\-]*)\s+){0,5}")
# between a name and the role word that describes it: 'Smith, the former mayor', "Mr Smith (the
# expert)", 'Smith, a former US army expert', 'Smith’s role as expert'
_NAMED_BEFORE = re.compile(
    r"(?:['’]s)?\s*(?:,|\(|\s(?:as|is|was|the))\s*(?:\(?[\w’'\-]+\)?\s+){0,5}|(?:['’]s)?\s+"
)


def office_holder(ctx: Context, title: str, start: int, end: int) -> Speaker | None:
    """'the Prime Minister said' -> the one person mentioned before who holds that office
    ("PM Anwar" earlier): a title of ``data/person_titles.csv`` (its role, as
    "head_of_government") and the people of ``data/actors.csv`` who held it. A country before the
    title, by name or demonym, narrows it to that country's ("the Uzbek President", "Cameroon's
    long-serving president"; words between them are passed over). None when no one or more than
    one such person is mentioned before.
    """
    gazetteer = load_gazetteer()
    words = title.split()
    roles: tuple[str, ...] = ()
    for k in range(len(words)):  # the longest title at the end: "Foreign Minister", "Minister"
        roles = tuple(
            role
            for entry in gazetteer.entries.get(fold(" ".join(words[k:])), ())
            if entry.kind == "title"
            for role in entry.targets
        )
        if roles:
            break
    if not roles:
        return None
    first = re.sub(r"['’]s$", "", words[0]) if len(words) > 1 else ""
    country = next(
        (
            entry.targets[0]
            for entry in gazetteer.entries.get(fold(first), ())
            if entry.kind in ("name", "alias", "demonym")
            and entry.targets[0] in gazetteer.actors
            and gazetteer.actors[entry.targets[0]].actor_type == "country"
        ),
        "",
    )
    holders = {
        m.actor_id: m
        for m in ctx.mentions_in(0, start)
        if m.type == "person"
        and m.actor_id in gazetteer.actors
        and gazetteer.actors[m.actor_id].holds(roles, country)
    }
    if len(holders) != 1:
        return None
    return ctx.from_mention(next(iter(holders.values())), ctx.body[start:end], start, end)


def by_title(ctx: Context, title: str, start: int, end: int) -> Speaker | None:
    """'the Prime Minister' -> the person introduced with the whole title ("Prime Minister
    Sitiveni Rabuka"), else the one holder of that office mentioned before (:func:`office_holder`)."""
    return described(ctx, title, start, end) or office_holder(ctx, title, start, end)


def described(ctx: Context, head: str, start: int, end: int) -> Speaker | None:
    """'the expert' -> the last person introduced as an expert before this point."""
    body = ctx.body
    text = body[start:end]
    hits = list(re.finditer(rf"\b{re.escape(head)}s?\b", body[:start], re.I))
    hits = [h for h in hits if body[h.end() : h.end() + 1] != ":"]  # "Source: …" is a label
    for hit in reversed(hits[-4:]):
        # the person named with the word: "former mayor John Smith", "the former mayor, John
        # Smith", "Smith, the former mayor"; not "Mary Jones said the former mayor"
        after = [
            m
            for m in ctx.mentions_in(hit.end(), hit.end() + 40)
            if m.type == "person" and _NAMED_AFTER.fullmatch(body, hit.end(), m.start)
        ]
        before = [
            m
            for m in ctx.mentions_in(max(0, hit.start() - 60), hit.start())
            if m.type == "person" and _NAMED_BEFORE.fullmatch(body, m.end, hit.start())
        ]
        for m in after[:1] + before[-1:]:
            return ctx.from_mention(m, text, start, end)
        runs = ctx.tokens.cap_runs(hit.end(), hit.end() + 40)
        if runs and not body[hit.end() : runs[0][0]].strip():
            name = ctx.names.full_name(ctx.names.person_name(*runs[0]), runs[0][0])
            return Speaker(name, "", "", False, text, "name", start, end)
    for _, speaker in reversed(ctx.history):
        if re.search(rf"\b{re.escape(head)}\b", speaker.text, re.I):
            return Speaker(
                speaker.name,
                speaker.actor_id,
                speaker.country,
                False,
                text,
                speaker.type,
                start,
                end,
            )
    return None


def organisation_before(ctx: Context, head: str, start: int, end: int) -> Speaker | None:
    """'the company said' -> the organisation named last before, in this paragraph or the one before.

    For a ``head`` of role ``org_ref`` ("ministry", "agency") the organisation's name must hold
    the word ("the Ministry of Foreign Affairs"); for role ``org_ref_any`` ("company", "firm") any
    organisation will do: one the gazetteer knows, one quoted before, or a one-word name that is
    the subject of a sentence ("Hasbro hosted a panel …").
    """
    body = ctx.body
    text = body[start:end]
    line = body.rfind("\n", 0, start) + 1
    floor = previous_paragraph(body, line)[0] if line > 0 else 0
    any_name = head in ctx.words.org_refs_any

    def fits(name: str) -> bool:
        return any_name or head in name.lower().split()

    def speaking(found: Speaker) -> Speaker:  # the organisation, as "the company" names it here
        return Speaker(
            found.name, found.actor_id, found.country, False, text, "organization", start, end
        )

    best: tuple[int, Speaker] | None = None
    for m in ctx.mentions_in(floor, start):
        if m.type == "organization" and (fits(m.actor) or fits(body[m.start : m.end])):
            best = (m.start, ctx.from_mention(m, text, start, end))
    for at, sp in ctx.voices.heard:
        if (
            floor <= at < start
            and sp.type == "organization"
            and not sp.anonymous
            and sp.name[:1].isupper()
            and not sp.name.lower().startswith("the ")
            and fits(sp.name)
            and (best is None or at > best[0])
        ):
            best = (at, speaking(sp))
    hi = sentence_start(body, start, floor)
    while hi > floor and (best is None or hi > best[0]):
        lo = sentence_start(body, hi - 1, max(floor, body.rfind("\n", 0, hi - 1) + 1))
        if not body[lo:hi].strip():
            hi = lo - 1 if lo > floor else floor
            continue
        found = ctx.subject(lo, hi, pronouns=False)
        if (
            found.start >= 0
            and (best is None or found.start > best[0])
            and found.name[:1].isupper()
            and fits(found.name)
            and (
                found.type == "organization"
                or (any_name and found.type == "name" and " " not in found.name)
            )
        ):
            best = (found.start, speaking(found))
            break
        hi = lo
    return best[1] if best else None
