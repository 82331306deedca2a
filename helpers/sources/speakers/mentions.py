"""The people an article names: its actor mentions and capitalised names, for the speaker rules.

:class:`ArticleNames` reads the actor mentions (``helpers.actors``) once into a sorted list, so the
mentions inside a phrase are a binary search away; a mention becomes a
:class:`helpers.sources.speakers.names.Speaker` with its actor id and country. A person named only
by surname ("Timofeev said") is linked to the full name used earlier in the article: a person
mention first, then the capitalised runs of the body (read lazily, as far as needed), allowing
for spelling variants ("Saree" for "Sarea") and misspellings ("Bauchtman" for "Buchtmann").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ...frames import Columns, col
from ..phrases import Tokens
from .names import Speaker, close_variant, person_name, spelling_variant, untitled

__all__ = ["AFFILIATION", "ArticleNames", "Mention", "read_mentions"]

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


def read_mentions(frame: pd.DataFrame | Columns | None) -> list[Mention]:
    """The mentions of ``helpers.actors.find_mentions`` as tuples sorted by position.

    Example:
        >>> frame = pd.DataFrame({"start": [4], "end": [10], "actor_id": ["FRA"],
        ...     "actor": ["France"], "actor_type": ["country"], "country": ["FRA"]})
        >>> read_mentions(frame)[0].actor
        'France'
    """
    need = ["start", "end", "actor_id", "actor", "actor_type", "country"]
    if frame is None or not len(frame) or not all(c in frame.columns for c in need):
        return []
    columns = [col(frame, c) for c in need]  # plain lists: no pandas scalar per row
    unknown = (
        [r == "unknown_person" for r in col(frame, "rule")]
        if "rule" in frame.columns
        else [False] * len(frame)
    )
    return sorted(
        Mention(int(s), int(e), str(i), str(a), str(t), c if isinstance(c, str) else "", u)
        for s, e, i, a, t, c, u in zip(*columns, unknown, strict=True)
    )


def _same_surname(surname: str, name: str) -> bool:
    """The same surname, or the surname without its Arabic article ("al-Sadr", "Sadr")."""
    return surname == name or _ARTICLE.sub("", surname) == _ARTICLE.sub("", name)


# "Prayut", "Chan-o-cha", "Mata'afa"; not "XC90"
_PLAIN_NAME = re.compile(r"[A-Z][a-z]+(?:['’][a-z]{2,})?(?:-[A-Za-z][a-z]*)*")
_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az)-(?=[A-Z])")


class ArticleNames:
    """The actor mentions and person names of one article.

    The names of the body's capitalised runs are read lazily, as far as a question needs (most
    questions are about the start of the article); the answers do not depend on the order of the
    questions.
    """

    def __init__(
        self,
        body: str,
        tokens: Tokens,
        mentions: pd.DataFrame | Columns | None,
        *,
        titles: frozenset[str],
        postnominals: frozenset[str],
        function_words: frozenset[str] = frozenset(),
        patronymics: frozenset[str] = frozenset(),
    ) -> None:
        self.body, self.tokens = body, tokens
        self.titles, self.postnominals = titles, postnominals
        self.function_words = function_words  # "The" is never a surname to complete
        self.patronymics = patronymics  # "bin": "Prince Khalid" is Khalid bin Salman
        self.mentions = read_mentions(mentions)
        self._starts = [m.start for m in self.mentions]
        self._run_names: list[tuple[int, int, str]] = []  # (start, end, name) read so far
        self._run_starts: list[int] = []
        self._runs: Iterator[tuple[int, int]] | None = None

    def inside(self, lo: int, hi: int) -> list[Mention]:
        """The mentions that lie wholly inside [lo, hi), in order."""
        i = bisect.bisect_left(self._starts, lo)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < hi:
            if self.mentions[i].end <= hi:
                out.append(self.mentions[i])
            i += 1
        return out

    def speaker(self, m: Mention, text: str, start: int, end: int) -> Speaker:
        """The speaker a mention names (a person by the full name the article gave first)."""
        name = m.actor
        if m.type == "person":
            if m.unknown:  # a name the gazetteer does not know: "Broadcaster Piers Morgan"
                name = untitled(name, self.titles, self.postnominals)
            name = self.full_name(name, m.start)
        return Speaker(name, m.actor_id, m.country, False, text, m.type, start, end)

    def full_name(self, name: str, pos: int) -> str:
        """'Timofeev' -> 'Pavel Timofeev' when the article named him in full before ``pos``."""
        if len(name.split()) != 1 or name.lower() in self.function_words:
            return name
        # (surname, full name) of the people named before pos, the latest first: the person
        # mentions, then the capitalised runs (read only when no mention has the very surname)
        known = [
            (m.actor.split()[-1], m.actor)
            for m in reversed(self.inside(0, pos))
            if m.type == "person" and len(m.actor.split()) > 1
        ]
        for surname, full in known:
            if surname == name:
                return full
        people = self.names_before(pos)
        known += [(p.split()[-1], p) for p in reversed(people) if len(p.split()) > 1]
        # exact first (also without an article: "Sadr" for "al-Sadr"), then "Saree" for "Sarea",
        # then a misspelling ("Bauchtman" for "Buchtmann")
        for same in (_same_surname, spelling_variant, close_variant):
            for surname, full in known:
                if same(surname, name):
                    return full
        # a first name alone, for a person named with only the initial of the surname: "Sergey"
        # for "Sergey M." (not "Volvo" for "Volvo XC90"), or with a patronymic: "Prince Khalid"
        # for "Khalid bin Salman"
        firsts = {
            full
            for surname, full in known
            if full.split()[0] == name
            and (re.fullmatch(r"[A-Z]\W?", surname) or full.split()[1].lower() in self.patronymics)
        }
        if not firsts:  # a first name alone, as Thai news names people: "Prayut" for "Prayut
            # Chan-o-cha" (a name of words, not "Volvo XC90")
            firsts = {
                full
                for _, full in known
                if full.split()[0] == name and all(_PLAIN_NAME.fullmatch(w) for w in full.split())
            }
        return firsts.pop() if len(firsts) == 1 else name

    def names_before(self, pos: int) -> list[str]:
        """Person names of the capitalised runs before ``pos``, cut before an affiliation.

        "Lydia Buchtmann for Food Standards Australia" -> "Lydia Buchtmann". The body's runs are
        read once, as far as needed: up to the first run at or after ``pos``.
        """
        if self._runs is None:
            self._runs = self.tokens.iter_cap_runs(0, len(self.body))
        while not self._run_starts or self._run_starts[-1] < pos:
            run = next(self._runs, None)
            if run is None:
                break
            self._run_names.append((*run, self._unaffiliated(*run)))
            self._run_starts.append(run[0])
        before = self._run_names[: bisect.bisect_left(self._run_starts, pos)]
        names = [name for _, end, name in before if end <= pos]
        if before and before[-1][1] > pos:  # the run around pos, cut at pos
            names += [self._unaffiliated(a, b) for a, b in self.tokens.cap_runs(before[-1][0], pos)]
        return names

    def _unaffiliated(self, start: int, end: int) -> str:
        return _unaffiliated_name(self.body[start:end], self.titles, self.postnominals)

    def person_name(self, start: int, end: int) -> str:
        """The capitalised run ``body[start:end]`` without titles and letters after the name."""
        return person_name(self.body[start:end], self.titles, self.postnominals)
