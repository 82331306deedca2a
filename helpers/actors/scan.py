"""Find every gazetteer form in an article body: one Aho-Corasick pass, then word-boundary and case
checks; where matches overlap the longest wins ("South China Sea" over "China").

``actors.find_mentions`` decides afterwards what each match stands for.
"""

from __future__ import annotations

from .gazetteer import Entry, Gazetteer, fold


class Tok:
    """One gazetteer match: its span, its kind and the entries (of that kind) it matched."""

    __slots__ = ("start", "end", "kind", "entries", "targets", "licence", "resolved")

    def __init__(self, start: int, end: int, kind: str, entries: tuple[Entry, ...]) -> None:
        self.start, self.end, self.kind, self.entries = start, end, kind, entries
        self.targets: tuple[str, ...] = tuple(t for e in entries for t in e.targets)
        self.licence: tuple | None = None  # (roles, polity) of the title right before a name
        self.resolved: tuple | None = None  # (start, end, person) for a title resolved by date


def _case_ok(entry: Entry, form: str, raw: str) -> bool:
    """Does ``raw`` (curly apostrophes made straight) match ``form`` under the entry's case rule?"""
    if entry.case == "exact":
        return raw == form
    if entry.case == "first":
        return raw[1:] == form[1:] and raw[:1].lower() == form[:1].lower()
    return True


def scan(body: str, g: Gazetteer) -> list[Tok]:
    """All gazetteer matches, boundaries and case checked, overlaps resolved longest-first.

    Example:
        >>> from helpers.actors.gazetteer import load_gazetteer
        >>> [(t.start, t.kind) for t in scan("Talks on the South China Sea in Beijing.", load_gazetteer())]
        [(32, 'capital')]
    """
    norm = body.replace("’", "'").replace("‘", "'")
    size = len(body)
    found = []  # (-length, start, end, entries of the best rank)
    entries_of = g.ranked
    for last, key in g.automaton.iter(fold(body)):
        end = last + 1
        start = end - len(key)
        if start and body[start - 1].isalnum():
            continue
        if end < size:
            after = body[end]
            if after.isalnum() or after == "$":
                continue
        raw = norm[start:end]
        best = None
        entries = []
        for e, form, rank in entries_of[key]:  # best rank first: stop at the first that matched
            if best is not None and rank > best:
                break
            if _case_ok(e, form, raw) and (e.kind != "prefix" or body[end : end + 1] == "-"):
                best = rank
                entries.append(e)
        if entries:
            found.append((start - end, start, end, tuple(entries)))
    found.sort()  # longest first, then leftmost; no two share a span
    taken = bytearray(size + 1)
    chosen = []
    for _, start, end, entries in found:
        if taken.find(1, start, end) < 0:
            taken[start:end] = b"\x01" * (end - start)
            if entries[0].kind != "not_actor":
                chosen.append(Tok(start, end, entries[0].kind, entries))
    chosen.sort(key=lambda t: t.start)
    return chosen
