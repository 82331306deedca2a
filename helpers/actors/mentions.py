"""Find, resolve and count actor mentions (countries, organisations, people) in an article body.

One Aho-Corasick pass finds every gazetteer form (longest match wins, word boundaries, exact case
for names so "US" is not "us"); short local checks then decide what each match stands for:

* **Names and aliases** ("China", "U.S.", "NATO", "Macron") count for their actor, unless a country
  name or a one-word name sits inside a longer proper name ("Air China", "Jordan Peterson",
  "Hunter Biden"); ``not_actor`` rows ("South China Sea") win over the shorter name inside them.
* **Demonyms** ("French", "Chinese") count for the country only when they denote the state, its
  organs or the country as a whole: followed by a state noun ("French opposition", "Chinese Foreign
  Ministry", "Japanese government") or used as the nation ("the Japanese themselves"). "Russian expert",
  "French business leaders" are nationality, not the state, and are not counted.
* **Capitals** ("Paris wants", "Beijing said", "Tokyo's reaction") count for the government unless
  used as a place: after a locative word ("in Tokyo", "visited Beijing", "trip to Seoul"), before a
  place noun ("Tokyo liaison office", "Tokyo's streets") or inside a longer name ("Paris Agreement").
* **Titles** ("the French president", "China's foreign minister") resolve to the person holding
  that office at the article date; a title before a name ("French President Emmanuel Macron") makes
  one person mention, and the country word inside the title is not counted for the country.
* **Context aliases** (surnames such as "May", "Li"; "the alliance") count only after their actor was
  named in the text or right after a title/honorific ("Prime Minister May").
* **Unknown people**: capitalised names next to a title, role noun or speech verb ("Russian expert
  Pavel Timofeev", "said K J Noh") count as persons with an empty country; later surname-only mentions
  ("Timofeev said") count for them too.

The word lists behind these rules are in ``data/actor_rules.csv`` and ``data/person_titles.csv``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

import pandas as pd

from ..frames import Columns, col, empty_frame
from .gazetteer import Gazetteer, Term, load_gazetteer
from .rules import capital_is_place, demonym_counts, rule_patterns
from .scan import Tok, scan
from .unknown import find_unknown_people, title_case_texts, yields_to_people

MENTION_COLUMNS = (
    "sentence_id actor_id actor actor_type country matched start end rule role".split()
)
_NAMED = ("name", "alias", "context", "demonym", "prefix", "capital")
_CAP_WORD = re.compile(r"([A-Z][\w'’.-]*) $")
_NEXT_CAP = re.compile(r"^ [A-Z][\w-]*")


def _as_date(date) -> dt.date | None:
    if date is None or date == "":
        return None
    if isinstance(date, dt.datetime):
        return date.date()
    if isinstance(date, dt.date):
        return date
    return dt.date.fromisoformat(str(date)[:10])


class _Resolver:
    """Walks the matches of one body left to right, remembering who was already named."""

    def __init__(self, body: str, sentences: pd.DataFrame, g: Gazetteer, day: dt.date | None):
        self.body, self.g, self.day, self.rules = body, g, day, rule_patterns(g)
        self.starts = col(sentences, "start")
        self.ids = col(sentences, "sentence_id")
        self.texts = col(sentences, "text")
        self.title_case: dict[int, bool] = {}  # sentence index -> headline style, as asked
        self.terms: dict[str, Term] = {}  # actor -> its term at the article date
        self.seen: dict[str, int] = {}  # actor -> start of its latest mention
        self.out: list[dict] = []

    # -- small context tests -------------------------------------------------------------
    def in_title_case(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return False
        flag = self.title_case.get(i)
        if flag is None:
            flag = self.title_case[i] = title_case_texts([self.texts[i]])[0]
        return flag

    def term(self, actor_id: str) -> Term:
        term = self.terms.get(actor_id)
        if term is None:
            term = self.terms[actor_id] = self.g.actors[actor_id].term_at(self.day)
        return term

    def _inside_longer_name(self, tok: Tok, toks: list[Tok], i: int) -> bool:
        """A capitalised neighbour that is not a title, actor or sentence opener: "Air China"."""
        if self.in_title_case(tok.start):
            return False
        prev = _CAP_WORD.search(self.body[max(0, tok.start - 40) : tok.start])
        word = prev.group(1) if prev else ""
        if word.endswith(".") and len(word) > 2:
            word = ""  # "...from Myanmar. Myanmar is": a sentence end, not a longer name
        if word and word.lower().strip(".") not in self.rules.function_words:
            if not (i > 0 and toks[i - 1].end >= tok.start - 1):
                return True
        after = self.body[tok.end : tok.end + 60]
        if _NEXT_CAP.match(after):
            neighbour = i + 1 < len(toks) and toks[i + 1].start == tok.end + 1
            return not neighbour and not self.rules.state_cap.match(after)
        return False

    def _capital_counts(self, tok: Tok, toks: list[Tok], i: int) -> bool:
        if capital_is_place(self.body, tok.start, tok.end, self.rules):
            return False
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt and self._is_polity(nxt) and re.fullmatch(r",\s*", self.body[tok.end : nxt.start]):
            return False  # "Taipei, Taiwan" is an address
        return not self._inside_longer_name(tok, toks, i)

    # -- choosing an actor -------------------------------------------------------------
    def _pick(self, ids, *, roles=(), body_id="", licensed=False, context=False) -> str | None:
        ids = [a for a in dict.fromkeys(ids) if a in self.g.actors]
        if len(ids) == 1:  # the common case; the same answer as the general one below
            return ids[0] if ids[0] in self.seen or licensed or not context else None
        if roles or body_id:
            ids = [a for a in ids if self.g.actors[a].holds(roles, body_id)] or ids
        seen = sorted((self.seen[a], a) for a in ids if a in self.seen)
        if seen:
            return seen[-1][1]
        if context and not licensed:
            return None
        if self.day is not None:
            now = [a for a in ids if any(t.covers(self.day) for t in self.g.actors[a].terms)]
            ids = now or ids

        def recency(a: str) -> dt.date:
            return self.term(a).start or dt.date.min

        return max(ids, key=lambda a: (recency(a), a)) if ids else None

    def _same_sentence(self, a: int, b: int) -> bool:
        return bisect.bisect_right(self.starts, a) == bisect.bisect_right(self.starts, b)

    def sentence_text(self, pos: int) -> str:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.texts[i] if i >= 0 else ""

    def sentence_id_at(self, pos: int) -> int:
        i = max(bisect.bisect_right(self.starts, pos) - 1, 0)
        return int(self.ids[i]) if self.ids else 0

    def _emit(self, start: int, end: int, actor_id: str, rule: str) -> None:
        actor = self.g.actors[actor_id]
        term = self.term(actor_id)
        self.out.append({
            "sentence_id": self.sentence_id_at(start), "actor_id": actor_id, "actor": actor.name,
            "actor_type": actor.actor_type,
            "country": actor_id if actor.actor_type == "country" else term.country,
            "matched": self.body[start:end], "start": start, "end": end, "rule": rule,
            "role": "|".join(term.roles),
        })  # fmt: skip
        self.seen[actor_id] = start

    # -- titles ----------------------------------------------------------------------------
    def _title_body(self, toks: list[Tok], i: int) -> tuple[int | None, int | None]:
        """Index of the country/organisation qualifying title ``i`` (before it, or "of X" after)."""
        t = toks[i]
        if (
            i > 0
            and self._is_polity(toks[i - 1])
            and self._same_sentence(toks[i - 1].start, t.start)
        ):
            gap = self.body[toks[i - 1].end : t.start]
            words = gap.split()[1:] if gap.startswith(("'s", "’s")) else gap.split()
            lower = [w for w in words if not w[:1].isupper()]
            named = i + 1 < len(toks) and self._is_person(toks[i + 1])
            if (
                re.fullmatch(r"(?:['’]s)?\s+(?:[\w.-]+\s+){0,4}", gap)
                and len(words) <= 4
                and not any(w.lower() in self.rules.function_words - {"of", "for"} for w in words)
                and (named or all(w in self.rules.gap_words for w in lower))
            ):
                return i - 1, None
        if i + 1 < len(toks) and self._is_polity(toks[i + 1]):
            if re.fullmatch(r"\s+of\s+(?:the\s+)?", self.body[t.end : toks[i + 1].start]):
                return None, i + 1
        return None, None

    def _is_polity(self, tok: Tok) -> bool:
        return tok.kind in _NAMED and any(
            self.g.actors[a].actor_type != "person" for a in tok.targets if a in self.g.actors
        )

    def _polity_id(self, tok: Tok) -> str:
        return next(a for a in tok.targets if self.g.actors[a].actor_type != "person")

    def _is_person(self, tok: Tok) -> bool:
        return tok.kind in ("name", "alias", "context") and any(
            self.g.actors[a].actor_type == "person" for a in tok.targets
        )

    def _title_roles(self, tok: Tok, polity: str) -> tuple[str, ...]:
        return tuple(
            r for e in tok.entries if not e.countries or polity in e.countries for r in e.targets
        )

    # -- the walk ----------------------------------------------------------------------------
    def run(self, toks: list[Tok]) -> list[dict]:
        done: set[int] = set()
        for i, tok in enumerate(toks):
            if tok.kind not in ("title", "honorific"):
                continue
            q, of = self._title_body(toks, i)
            n = i + 1 if of is None else of + 1
            named = (
                n < len(toks)
                and self._is_person(toks[n])
                and re.fullmatch(r",?\s+", self.body[toks[n - 1].end : toks[n].start])
            )
            polity = (
                self._polity_id(toks[q if q is not None else of]) if (q, of) != (None, None) else ""
            )
            roles = self._title_roles(tok, polity) if tok.kind == "title" else ()
            if named:
                done.update(x for x in (q, of) if x is not None)
                toks[n].licence = (roles, polity)
            elif tok.kind == "title" and polity and self.day is not None:
                left = toks[q].start if q is not None else tok.start
                if self.rules.not_current.search(self.body[max(0, left - 12) : left]):
                    continue  # "the former French president" is not the one in office
                holder = self.g.holder(polity, roles, self.day)
                if holder:
                    right = tok.end if of is None else toks[of].end
                    done.update(x for x in (q, of) if x is not None)
                    if self.rules.institution.match(self.body[right : right + 30]):
                        holder = polity  # "the French president's office" is the presidency
                    tok.resolved = (left, right, holder)
        for i, tok in enumerate(toks):
            if i not in done:
                self._one(toks, i, tok)
        return self.out

    def _one(self, toks: list[Tok], i: int, tok: Tok) -> None:
        if tok.kind in ("title", "honorific"):
            if tok.resolved:
                left, right, holder = tok.resolved
                self._emit(left, right, holder, "title")
            return
        licence = tok.licence
        ids = tok.targets
        if tok.kind in ("demonym", "prefix"):
            if demonym_counts(
                self.body, tok.start, tok.end, self.rules, prefix=tok.kind == "prefix"
            ):
                self._emit(tok.start, tok.end, ids[0], "demonym")
            return
        if tok.kind == "capital":
            if self._capital_counts(tok, toks, i):
                self._emit(tok.start, tok.end, ids[0], "capital")
            return
        person = self._is_person(tok)
        one_word = " " not in self.body[tok.start : tok.end]
        veto = self.rules.vetoes.get(ids[0])
        if veto and not person and veto.search(self.sentence_text(tok.start)):
            return  # "Georgia's Sixth Congressional District" is the US state
        if one_word and (person or self.g.actors[ids[0]].actor_type == "country"):
            if licence is None and self._inside_longer_name(tok, toks, i):
                return
            if (
                licence is not None
                and _NEXT_CAP.match(self.body[tok.end : tok.end + 40])
                and not self.in_title_case(tok.start)
            ):
                return  # "Sir Kim Darroch" is not Kim Jong Un
        if person:
            roles, polity = licence or ((), "")
            actor = self._pick(
                ids,
                roles=roles,
                body_id=polity,
                licensed=licence is not None,
                context=tok.kind == "context",
            )
            rule = ("surname" if one_word else "context") if tok.kind == "context" else tok.kind
        else:
            actor = self._pick(ids, context=tok.kind == "context")
            rule = tok.kind
        if actor:
            self._emit(tok.start, tok.end, actor, rule)


def _merge(rows: list[dict], body: str) -> list[dict]:
    """One mention for "U.S. State Department"; none for the "(NATO)" after a spelled-out name."""
    out: list[dict] = []
    for row in sorted(rows, key=lambda r: (r["start"], r["end"])):
        if out and out[-1]["actor_id"] == row["actor_id"]:
            gap = body[out[-1]["end"] : row["start"]]
            if re.fullmatch(r"\s+", gap):
                out[-1] = {
                    **out[-1],
                    "end": row["end"],
                    "matched": body[out[-1]["start"] : row["end"]],
                }
                continue
            if re.fullmatch(r"\s*\(\s*", gap) and body[row["end"] : row["end"] + 1] == ")":
                continue
        out.append(row)
    return out


def find_mentions(
    body: str,
    sentences: pd.DataFrame | Columns,
    *,
    date: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
) -> Columns:
    """Find the actors mentioned in ``body`` and resolve each mention to a gazetteer actor.

    Args:
        body: the cleaned article text.
        sentences: its sentences (sentence_id, paragraph_id, start, end, text), offsets into body.
        date: the article date; titles ("the US president") and shared surnames resolve by it.
        gazetteer: defaults to ``load_gazetteer()``.

    Returns:
        One row per mention, sorted by start: sentence_id, actor_id, actor, actor_type, country,
        matched, start, end (``body[start:end] == matched``), rule, role; as
        :class:`helpers.frames.Columns` (``.frame()`` is the DataFrame).

    Example:
        >>> from helpers.ingest.segment import split_sentences
        >>> body = "French President Emmanuel Macron visited China. Paris wants calm."
        >>> find_mentions(body, split_sentences(body)).column("actor_id")
        ['Emmanuel Macron', 'CHN', 'FRA']
    """
    g = gazetteer or load_gazetteer()
    day = _as_date(date)
    toks = scan(body, g)
    resolver = _Resolver(body, sentences, g, day)
    rows = resolver.run(toks)
    people = find_unknown_people(
        body,
        rows,
        patterns=resolver.rules,
        sentence_id_at=resolver.sentence_id_at,
        title_case_at=resolver.in_title_case,
        places={t.start: t.end for t in toks if _is_place(t, g)},
    )
    rows = [
        r
        for r in rows
        if not yields_to_people(r)
        or not any(p["start"] < r["end"] and r["start"] < p["end"] for p in people)
    ] + people
    return _columns(_merge(rows, body))


def _is_place(tok: Tok, g: Gazetteer) -> bool:
    """A capital, or a name that stands for countries only ("Washington", "Kenya")."""
    if tok.kind == "capital":
        return True
    return tok.kind in ("name", "alias") and all(
        g.actors[t].actor_type == "country" for t in tok.targets if t in g.actors
    )


_MENTION_KINDS = {
    c: "int64" if c in ("sentence_id", "start", "end") else "str" for c in MENTION_COLUMNS
}


def _columns(rows: list[dict]) -> Columns:
    """The mentions table; ``rows`` come from ``_merge``, already sorted by (start, end)."""
    if not rows:
        ints = ("sentence_id", "start", "end")
        return Columns.empty(MENTION_COLUMNS, lambda: empty_frame(MENTION_COLUMNS, ints=ints))
    return Columns({c: [row[c] for row in rows] for c in MENTION_COLUMNS}, _MENTION_KINDS)
