"""Speakers: the noun phrase next to a cue word, and who it refers to.

A speaker phrase is read from the text around a cue ("…," said K J Noh; the expert said; a source
close to the French president's office told journalists) and then resolved, in this order: an
unnamed report, a pronoun (the last fitting person), "the same newspaper" (the last outlet named),
an anonymous description (``data/anonymous_sources.csv``), an actor mention that ends the phrase
(people before organisations before countries), a definite description ("the expert": the last
person introduced with that word), a capitalised name, or the phrase itself. People named only by
surname ("Timofeev said") are linked to the full name used earlier in the article. The mentions and
names of the article are looked up by ``helpers.sources.speakers.mentions``, the subject of a clause is found
by ``helpers.sources.speakers.subject``, phrases that refer back by ``helpers.sources.speakers.refs``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd

from ..phrases import Tokens
from ..word_lists import load_word_roles, phrase_regex
from .mentions import AFFILIATION, Mention, NamesMixin
from .names import Speaker
from .refs import ReferringMixin
from .subject import SubjectMixin

_WORD = re.compile(r"\w[\w’'\-]*")
# a name that opens a sentence, then a comma: "Sergey M, " before "one of the maintainers"
_NAME_BEFORE = re.compile(r"(?:^|[.!?,]\s+|\n)((?:[A-Z][\w.’'\-]*\s+){0,3}[A-Z][\w.’'\-]*),\s*$")
_TYPE_ORDER = {"person": 0, "organization": 1, "country": 2}


@lru_cache(maxsize=1)
def _word_sets() -> dict[str, object]:
    """The resolver's word lists as lower-case frozensets and regexes (``data/*.csv``)."""
    words = load_word_roles("speaker_words.csv")
    anon = load_word_roles("anonymous_sources.csv")

    def role(lists: dict[str, tuple[str, ...]], name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in lists.get(name, ()))

    sets = {
        name: role(words, key)
        for name, key in [
            ("pronouns", "pronoun"),
            ("documents", "document"),
            ("titles", "title"),
            ("postnominals", "postnominal"),
            ("interviewers", "interviewer_label"),
            ("interjections", "interjection"),
            ("outlet_refs", "outlet_ref"),
            ("openers", "opener"),
            ("org_words", "org_word"),
            ("groups", "group"),
        ]
    }
    sets["anon_det"] = role(anon, "determiner")
    sets["anon_head"] = role(anon, "head")
    sets["nouns"] = (
        sets["titles"] | sets["documents"] | sets["anon_head"] | sets["org_words"] | sets["groups"]
    )
    return {
        **sets,
        "author": phrase_regex(words.get("author", ("released by",))),
        "modifier": phrase_regex(words.get("modifier", ("seen by",))),
        "qualifier": phrase_regex(anon.get("qualifier", ("familiar with",))),
    }


# a preposition left at the end of a speaker phrase, before the quote: 'told by X of "..."'
_DANGLING = re.compile(r"\s+(?:of|about|to|by|with)$")


@dataclass
class SpeakerResolver(SubjectMixin, ReferringMixin, NamesMixin):
    """Resolve speaker phrases of one article against its actor mentions and earlier speakers."""

    body: str
    tokens: Tokens
    mentions_frame: pd.DataFrame
    voices: list[tuple[int, Speaker]] = field(default_factory=list)  # (position, speaker) so far
    labels: dict[int, Speaker] = field(default_factory=dict)  # transcript labels by position
    # the body's capitalised runs and their person names, read so far (see ``_names_before``)
    run_names: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, name)
    run_starts: list[int] = field(default_factory=list)
    body_runs: Iterator[tuple[int, int]] | None = None

    def __post_init__(self) -> None:
        self._read_mentions(self.mentions_frame)
        # the word lists, read and turned into sets once per process (shared, never changed)
        self.__dict__.update(_word_sets())

    # -- bookkeeping --
    def remember(self, speaker: Speaker, pos: int) -> None:
        """Record a resolved speaker so pronouns and descriptions can refer back to it."""
        if speaker.name and speaker.type in ("person", "name", "unknown", "anonymous"):
            self.voices.append((pos, speaker))

    @property
    def history(self) -> list[tuple[int, Speaker]]:
        """The named people among the voices so far (what "he" or "the expert" may refer to)."""
        return [
            (at, sp) for at, sp in self.voices if not sp.anonymous and sp.type in ("person", "name")
        ]

    # -- entry points --
    def unnamed(self, start: int, end: int) -> Speaker:
        """A claim resting on unnamed reports ('it was reported that', 'reportedly')."""
        text = self.body[start:end]
        return Speaker(text.lower(), "", "", True, text, "unnamed", start, end)

    def resolve(self, start: int, end: int, *, pos: int) -> Speaker:
        """Resolve the speaker phrase ``body[start:end]`` (``pos``: where the cue is)."""
        text = re.sub(r"\s*\([^)]*\)\s*$", "", self.body[start:end]).rstrip(" .,;:")
        text = _DANGLING.sub("", text)
        platform = re.search(r"\s+(?:on|via)\s+[A-Z][\w.]*$", text)
        if platform and platform.start() > 0:  # "wrote Trump on Twitter": the medium is not a name
            text = text[: platform.start()]
        while len(text.split()) > 2 and text.rsplit(None, 1)[1].lower() in self.postnominals:
            text = text.rsplit(None, 1)[0].rstrip(" ,")  # "Judge Durham Hall QC"
        end = start + len(text)
        if "))" in text:  # "((WN))  Why do you think": a transcript label is not the speaker
            cut = text.rindex("))") + 2
            cut += len(text[cut:]) - len(text[cut:].lstrip())
            text, start = text[cut:], start + cut
        words = _WORD.findall(text)
        if (
            1 < len(words) <= 4
            and words[-1].lower() in ("you", "i")
            and all(w[1:].islower() for w in words[:-1])
            and words[0].lower() not in self.anon_det | {"the"}
        ):  # "Why do you think", "did you": the pronoun of a question
            cut = text.rindex(words[-1])
            text, start, words = text[cut:], start + cut, words[-1:]
        while words and words[0].lower() in self.interjections:  # "Yeah, they used to call it"
            cut = text.index(words[0]) + len(words[0])
            cut += len(text[cut:]) - len(text[cut:].lstrip(" ,.!"))
            text, start, words = text[cut:], start + cut, words[1:]
        if not words:
            return Speaker()
        named = _NAME_BEFORE.search(self.body[max(0, start - 80) : start])
        if (
            named
            and words
            and words[0] in ("one", "a", "an", "another")
            and named.group(1).split()[0].lower() not in self.tokens.boundary | self.openers
        ):  # "Sergey M, one of the maintainers of youtube-dl wrote": the name, not the role
            base = max(0, start - 80)
            return self.resolve(base + named.start(1), base + named.end(1), pos=pos)
        if (
            len(words) > 1
            and words[0].lower() in self.openers
            and (words[0].islower() or (len(words) == 2 and words[1].lower() in self.pronouns))
        ):
            cut = text.index(words[1], len(words[0]))  # "Then I thought:", "now the seller"
            text, start, words = text[cut:], start + cut, words[1:]
        if not words:
            return Speaker()
        short = re.fullmatch(r"(\w+)['’](?:s|re|m|d|ve|ll)", text)
        if short and short.group(1).lower() in self.pronouns:  # "then she's like", "I'm like"
            text, words = short.group(1), [short.group(1)]
        low = text.lower()
        if (
            words[0].lower() in self.pronouns and (len(words) == 1 or not words[1][:1].isupper())
        ) or (
            low in ("him", "her")  # "according to him"
        ):
            return self._pronoun(start, start + len(words[0]), pos)
        owner = re.fullmatch(r"([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)['’]s?\s+(\w+)", text)
        if owner and owner.group(2).lower() in self.documents:
            # "Cornyn's statement added": the statement's author
            found = self.resolve(start, start + owner.end(1), pos=pos)
            if found.name:
                return replace(found, text=text, start=start, end=end)
        if (
            len(words) == 2
            and words[0].lower() in ("their", "its", "his", "her")
            and words[1].lower() in self.documents
        ):  # "Their statement also read": the statement's author
            owner = {"their": "they", "its": "they"}.get(words[0].lower(), "he")
            found = self._they(start, end) if owner == "they" else self._pronoun_as(start, end)
            if found.name and found.type != "pronoun":
                return replace(found, text=text, start=start, end=end)
        if low in self.outlet_refs:
            return self._outlet_before(start, end)
        cut = self.modifier.search(text)
        if cut:  # "a leaked letter seen by Sky News": the letter speaks, not Sky News
            text, end = text[: cut.start()].rstrip(" ,"), start + cut.start()
            words = _WORD.findall(text)
        if self._is_anonymous(text, start, end):
            countries = [m.country for m in self._mentions_in(start, end) if m.country]
            return Speaker(
                text, "", countries[0] if countries else "", True, text, "anonymous", start, end
            )
        named = self._name_before_affiliation(text, start, end)
        if named is not None:  # "Steve Peers of the University of Essex"
            return named
        mentions = self._mentions_in(start, end)
        heads = [m for m in mentions if m.end >= end - 1]
        if heads:
            head = min(heads, key=lambda m: (_TYPE_ORDER.get(m.type, 3), -m.end))
            found = self._from_mention(head, text, start, end)
            bare = re.sub(r"^the\s+", "", text, flags=re.I)
            if head.type == "country" and bare != head.actor and " " in bare:
                # "The State Department" stays itself, with the country of its government
                return Speaker(
                    text, head.actor_id, head.country, False, text, "organization", start, end
                )
            return found
        described = (
            words[0].lower() == "the"
            and words[-1].islower()
            and not any(" " in self.body[a:b] for a, b in self.tokens.cap_runs(start, end))
        )
        if described and words[-1].lower() in self.org_words:  # "the police", "the government"
            return Speaker(text, "", "", False, text, "organization", start, end)
        if (
            described and not self.author.search(text) and words[-1].lower() not in self.documents
        ):  # "the Russian expert", not "the Home Office letter" nor "the letter"
            found = self._described(words[-1], start, end)
            if found:
                return found
            if words[-1].lower() in self.anon_head:
                return Speaker(text, "", "", True, text, "anonymous", start, end)
            found = self._role_of_previous_voice(words[-1], start, end)
            if found:
                return found
        if (
            not described
            and len(words) > 2
            and words[0].lower() == "the"
            and words[-1].islower()
            and words[-1] in self.titles
            and not self.author.search(text)
        ):  # "the Lord Mayor candidate told Wikinews": the person introduced as a candidate
            found = self._described(words[-1], start, end) or self._role_of_previous_voice(
                words[-1], start, end
            )
            if found:
                return found
        kind = "document" if any(w.lower() in self.documents for w in words) else ""
        if mentions:  # "a statement released by Erdogan's office": the author's actor
            m = min(mentions, key=lambda m: (_TYPE_ORDER.get(m.type, 3), m.start))
            kind = kind or m.type
            if kind == "country" and (
                self._org_name(start, end, m) or words[-1].lower() in self.org_words
            ):  # "the German government", "the United States Department of Defense"
                kind = "organization"
            return Speaker(text, m.actor_id, m.country, False, text, kind, start, end)
        runs = [r for r in self.tokens.cap_runs(start, end) if r[1] >= end - 1]
        if (
            runs
            and not kind
            and not (
                runs[0][0] == start
                and words[0].lower() == "the"
                and len(words) <= 3
                and len(words) > 2
            )
        ):
            if (
                len(words) > 3
                and words[0].lower() == "the"
                and words[1].lower() in self.org_words
                and words[2] == "of"
            ):  # "The government of American Samoa": an organisation
                name = re.sub(r"^the\s+", "", text, flags=re.I)
                return Speaker(name, "", "", False, text, "organization", start, end)
            run = [w.lower() for w in _WORD.findall(self.body[runs[0][0] : runs[0][1]])]
            name = self._full_name(self._person_name(*runs[0]), start)
            named = [w.lower() for w in _WORD.findall(name)]
            if not name or (
                any(w in self.org_words for w in run)
                and (len(named) < 2 or any(w in self.org_words for w in named))
            ):
                # "Bradford Council", "the Ministry of Foreign Affairs": an organisation
                name = re.sub(r"^the\s+", "", text, flags=re.I)
                return Speaker(name, "", "", False, text, "organization", start, end)
            # a title makes it a person the gazetteer does not know: "Turkish president Erdoğan"
            titled = any(w.lower() in self.titles for w in words)
            return Speaker(name, "", "", False, text, "person" if titled else "name", start, end)
        return Speaker(text, "", "", False, text, kind or "unknown", start, end)

    # -- helpers --
    def _name_before_affiliation(self, text: str, start: int, end: int) -> Speaker | None:
        """'Jennifer Lu of Marriage Equality Coalition Taiwan': the person before of/from/at/for."""
        for split in AFFILIATION.finditer(text):
            cut = start + split.start()
            people = [m for m in self._mentions_in(start, cut) if m.type == "person"]
            if people and people[-1].end >= cut - 1:
                return self._from_mention(people[-1], text, start, end)
            runs = [r for r in self.tokens.cap_runs(start, cut) if r[1] >= cut - 1]
            if not runs:
                continue
            words = [w.lower() for w in _WORD.findall(self.body[runs[-1][0] : runs[-1][1]])]
            if any(w in self.org_words for w in words) or any(
                m.type != "person" for m in self._mentions_in(*runs[-1])
            ):
                continue  # "the Ministry of Foreign Affairs of Turkey", "Bank of England"
            name = self._person_name(*runs[-1])
            parts = name.split()
            if len(parts) >= 2 and not any(w.lower() in self.titles for w in parts):
                titled = len(parts) < len(words)
                kind = "person" if titled else "name"
                return Speaker(self._full_name(name, start), "", "", False, text, kind, start, end)
        return None

    def _org_name(self, start: int, end: int, m: Mention) -> bool:
        """True when a country mention sits inside a longer capitalised name ending the phrase."""
        runs = [r for r in self.tokens.cap_runs(start, end) if r[0] <= m.start and r[1] >= end - 1]
        return bool(runs) and runs[0][1] > m.end

    def _is_anonymous(self, text: str, start: int, end: int) -> bool:
        words = [w.lower() for w in _WORD.findall(text)]
        if self.qualifier.search(text) and any(w in self.anon_head for w in words):
            return True
        ends_in_person = any(
            m.type == "person" and m.end >= end - 1 for m in self._mentions_in(start, end)
        )
        if (
            words[0] in self.anon_head
            and len(words) > 1
            and (words[1] == "from" or words[1].endswith("ing"))
        ):
            return True  # "representatives from Iran", "people holding a banner"
        if ends_in_person or (text.split()[-1][:1].isupper() and words[-1] not in self.anon_head):
            return False
        if words[0] in ("someone", "somebody"):
            return True
        if words[0] in self.anon_det and any(w in self.anon_head for w in words[1:]):
            return True
        # bare plurals with at most capitalised modifiers: "officials", "U.S. officials", "media"
        return (
            words[-1] in self.anon_head
            and words[0] != "the"
            and all(w[:1].isupper() for w in _WORD.findall(text)[:-1])
        )
