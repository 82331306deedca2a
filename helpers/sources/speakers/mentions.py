"""The people an article names: its actor mentions and capitalised names, for the speaker step.

A mixin of :class:`helpers.sources.speakers.resolver.SpeakerResolver`. The actor mentions (``helpers.actors``) are
read once into sorted tuples, so the mentions inside a phrase are a binary search away; a mention
becomes a :class:`helpers.sources.speakers.names.Speaker` with its actor id and country. A person named only
by surname ("Timofeev said") is linked to the full name used earlier in the article: a person
mention first, then the capitalised runs of the body (read lazily, as far as needed), allowing
for spelling variants ("Saree" for "Sarea") and misspellings ("Bauchtman" for "Buchtmann").
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ...frames import col
from .names import Speaker, close_variant, person_name, spelling_variant, untitled

__all__ = ["AFFILIATION", "Mention", "NamesMixin"]

# what follows a name to say where the person works: "Steve Peers of the University of Essex"
AFFILIATION = re.compile(r"\s(?:of|from|at|for)\s")


class Mention(NamedTuple):  # a tuple: made for every mention, cheaper than a dataclass
    start: int
    end: int
    actor_id: str
    actor: str
    type: str
    country: str
    unknown: bool = False  # found by the actor step's unknown-person rule, not the gazetteer


@lru_cache(maxsize=4096)  # the same runs come back, in an article and across articles
def _unaffiliated_name(run: str, titles: frozenset[str], postnominals: frozenset[str]) -> str:
    """The person name of a capitalised run, cut before an affiliation ("of", "for", …)."""
    return AFFILIATION.split(person_name(run, titles, postnominals), maxsplit=1)[0]


class NamesMixin:
    """The article's mentions and names (uses the resolver's body, tokens and word sets)."""

    def _read_mentions(self, frame: pd.DataFrame | None) -> None:
        """Keep the mentions as tuples sorted by position (plain lists: no pandas per row)."""
        need = ["start", "end", "actor_id", "actor", "actor_type", "country"]
        self.mentions: list[Mention] = []
        if frame is not None and len(frame) and all(c in frame.columns for c in need):
            columns = [col(frame, c) for c in need]  # plain lists: no pandas scalar per row
            unknown = (
                [r == "unknown_person" for r in col(frame, "rule")]
                if "rule" in frame.columns
                else [False] * len(frame)
            )
            self.mentions = sorted(
                Mention(int(s), int(e), str(i), str(a), str(t), c if isinstance(c, str) else "", u)
                for s, e, i, a, t, c, u in zip(*columns, unknown, strict=True)
            )
        self.m_starts = [m.start for m in self.mentions]

    def _mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """The mentions that lie wholly inside [lo, hi), in order."""
        i = bisect.bisect_left(self.m_starts, lo)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < hi:
            if self.mentions[i].end <= hi:
                out.append(self.mentions[i])
            i += 1
        return out

    def _from_mention(self, m: Mention, text: str, start: int, end: int) -> Speaker:
        name = m.actor
        if m.type == "person":
            if m.unknown:  # a name the gazetteer does not know: "Broadcaster Piers Morgan"
                name = untitled(name, self.titles, self.postnominals)
            name = self._full_name(name, m.start)
        return Speaker(name, m.actor_id, m.country, False, text, m.type, start, end)

    def _full_name(self, name: str, pos: int) -> str:
        """'Timofeev' -> 'Pavel Timofeev' when the article named him in full before."""
        if len(name.split()) != 1:
            return name
        # (surname, full name) of the people named before pos, the latest first: the person
        # mentions, then the capitalised runs (read only when no mention has the very surname)
        known = [
            (m.actor.split()[-1], m.actor)
            for m in reversed(self._mentions_in(0, pos))
            if m.type == "person" and len(m.actor.split()) > 1
        ]
        for surname, full in known:
            if surname == name:
                return full
        people = self._names_before(pos)
        known += [(p.split()[-1], p) for p in reversed(people) if len(p.split()) > 1]
        # exact first, then "Saree" for "Sarea", then a misspelling ("Bauchtman" for "Buchtmann")
        for same in (str.__eq__, spelling_variant, close_variant):
            for surname, full in known:
                if same(surname, name):
                    return full
        return name

    def _names_before(self, pos: int) -> list[str]:
        """Person names of the capitalised runs before ``pos``, cut before an affiliation.

        "Lydia Buchtmann for Food Standards Australia" -> "Lydia Buchtmann". The body's runs are
        read once, as far as needed: up to the first run at or after ``pos``.
        """
        if self.body_runs is None:
            self.body_runs = self.tokens.iter_cap_runs(0, len(self.body))
        while not self.run_starts or self.run_starts[-1] < pos:
            run = next(self.body_runs, None)
            if run is None:
                break
            self.run_names.append((*run, self._unaffiliated(*run)))
            self.run_starts.append(run[0])
        before = self.run_names[: bisect.bisect_left(self.run_starts, pos)]
        names = [name for _, end, name in before if end <= pos]
        if before and before[-1][1] > pos:  # the run around pos, cut at pos
            names += [self._unaffiliated(a, b) for a, b in self.tokens.cap_runs(before[-1][0], pos)]
        return names

    def _unaffiliated(self, start: int, end: int) -> str:
        return _unaffiliated_name(self.body[start:end], self.titles, self.postnominals)

    def _person_name(self, start: int, end: int) -> str:
        """Drop titles and letters after the name from a capitalised run (see ``person_name``)."""
        return person_name(self.body[start:end], self.titles, self.postnominals)
