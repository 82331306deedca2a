"""What the speaker rules of one article read: its text, word lists, names and the voices heard so far.

:class:`Context` is frozen: the body, the tokens of the masked text, the word lists
(:mod:`helpers.sources.speakers.words`) and the article's mentions and names
(:mod:`helpers.sources.speakers.mentions`) do not change while an article is read. What does
change is kept apart, in :class:`Voices`: the speakers resolved so far, in text order, which a
later "he" or "the expert" may refer back to.

A rule may need to resolve another phrase (the name in "Sergey M, one of the maintainers, wrote")
or the subject of another clause (the antecedent of "he"); the context carries those two entry
points, given by :func:`helpers.sources.speakers.resolver.speaker_context`, so that the rule
modules do not import each other in a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..phrases import Tokens
from .mentions import ArticleNames, Mention
from .names import Speaker
from .words import SpeakerWords

__all__ = ["PERSON_TYPES", "UNNAMED_REPORT", "VOICE_TYPES", "Context", "Voices"]

#: ``speaker_rule`` of a claim resting on unnamed reports
UNNAMED_REPORT = "unnamed_report"
#: the speakers remembered (people for "he" and "the expert", organisations for "it")
VOICE_TYPES = ("person", "name", "unknown", "anonymous", "organization", "outlet", "country")
#: the voices a "he" or "she" may refer to
PERSON_TYPES = ("person", "name", "unknown", "anonymous")


@dataclass
class Voices:
    """The speakers resolved so far (position, speaker) and the transcript labels read."""

    heard: list[tuple[int, Speaker]] = field(default_factory=list)
    labels: dict[int, Speaker] = field(default_factory=dict)  # by the label's position
    # the subject of a clause, once found: pronouns read the same earlier sentences again and
    # again (a "they" in a paragraph of "they"s would otherwise walk back through all of them)
    subjects: dict[tuple[int, int, bool], Speaker] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """One article, as the speaker rules see it."""

    body: str
    tokens: Tokens  # of the masked text (quotes blanked): phrases never run into a quote
    words: SpeakerWords
    names: ArticleNames
    voices: Voices
    # the two entry points a rule may call back into (see the module docstring)
    resolve_phrase: Callable[[Context, int, int, int], Speaker] = field(repr=False)
    find_subject: Callable[[Context, int, int, bool], Speaker] = field(repr=False)

    def resolve(self, start: int, end: int, *, pos: int) -> Speaker:
        """Resolve the speaker phrase ``body[start:end]`` (``pos``: where the cue is)."""
        return self.resolve_phrase(self, start, end, pos)

    def subject(self, lo: int, hi: int, *, pronouns: bool = True) -> Speaker:
        """The speaker named by the subject of the clause in [lo, hi)."""
        key = (lo, hi, pronouns)
        if key not in self.voices.subjects:
            self.voices.subjects[key] = self.find_subject(self, lo, hi, pronouns)
        return self.voices.subjects[key]

    def unnamed(self, start: int, end: int) -> Speaker:
        """A claim resting on unnamed reports ('it was reported that', 'reportedly')."""
        text = self.body[start:end]
        return Speaker(text.lower(), "", "", True, text, "unnamed", start, end, rule=UNNAMED_REPORT)

    def remember(self, speaker: Speaker, pos: int) -> None:
        """Record a resolved speaker so pronouns and descriptions can refer back to it."""
        if speaker.name and speaker.type in VOICE_TYPES:
            self.voices.heard.append((pos, speaker))

    @property
    def history(self) -> list[tuple[int, Speaker]]:
        """The named people among the voices so far (what "he" or "the expert" may refer to)."""
        return [
            (at, sp)
            for at, sp in self.voices.heard
            if not sp.anonymous and sp.type in ("person", "name")
        ]

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """The actor mentions wholly inside [lo, hi)."""
        return self.names.inside(lo, hi)

    def narrated_mentions(self, lo: int, hi: int) -> list[Mention]:
        """The actor mentions wholly inside [lo, hi) and outside quotations (the masked text is
        blank inside them): a name someone says is no subject of the narration around it."""
        return [m for m in self.names.inside(lo, hi) if self.tokens.text[m.start] != " "]

    def from_mention(self, m: Mention, text: str, start: int, end: int) -> Speaker:
        """The speaker an actor mention names, for the phrase ``text`` at [start, end)."""
        return self.names.speaker(m, text, start, end)
