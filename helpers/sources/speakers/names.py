"""Speaker names: a person's name out of a titled phrase; who "I" and "you" are in a transcript.

'Crown Prince Mohammad bin Salman of Saudi Arabia' -> 'Mohammad bin Salman'; 'Judge Durham Hall
QC' -> 'Durham Hall' (titles from ``data/speaker_words.csv``, role ``title``; letters after a name,
role ``postnominal``). In an interview or briefing transcript "I" is whoever's label opens the
answer ('((Akram Pasha)) … I thought: "…"') and "you" in a question ('((WN)) You said …', 'Q … You
said that …') the one who answered last (labels of the asking side: role ``interviewer_label``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

# a line that opens with a speaker label: "((Akram Pasha))", "SENIOR OFFICIAL:", "Q "
_LABEL = re.compile(r"^(?:\(\(([^()\n]{1,60})\)\)|([A-Z][A-Z.’'\- ]{1,60}):|(Q|A)[.:]?\s)", re.M)
_LINKS = ("of", "from", "to", "for", "at", "in", "the")


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker; ``text``/``start``/``end`` locate the phrase in the body."""

    name: str = ""
    actor_id: str = ""
    country: str = ""
    anonymous: bool = False
    text: str = ""
    type: str = (
        ""  # person | organization | country | anonymous | unnamed | document | outlet | name
    )
    start: int = -1
    end: int = -1
    end_pos: int = -1  # end of the quote this speaker was last given (for continuations)
    rule: str = ""  # the speaker rule that decided (``helpers.sources.speakers.rules``)


def person_name(text: str, titles: set[str], postnominals: set[str] = frozenset()) -> str:
    """Drop titles (and letters after the name) from a capitalised run.

    'Crown Prince Mohammad bin Salman of Saudi Arabia' -> 'Mohammad bin Salman' (the name follows
    the title); 'Ambassador to the United States Hamdullah Mohib' -> 'Hamdullah Mohib' (the title's
    complement comes first, the name last).

    Example:
        >>> person_name("Judge Durham Hall QC", {"judge"}, {"qc"})
        'Durham Hall'
    """
    words = text.replace("’s", "").replace("'s", "").split()
    while len(words) > 2 and words[-1].lower().strip(".,") in postnominals:
        words = words[:-1]
    cut = max((i + 1 for i, w in enumerate(words) if w.lower().strip(".,") in titles), default=0)
    if cut == 0:
        return " ".join(words)
    segments: list[list[str]] = [[]]
    for word in words[cut:]:
        if word in _LINKS:
            segments.append([])
        else:
            segments[-1].append(word)
    if segments[0]:
        return " ".join(segments[0])
    rest = segments[-1]
    while len(rest) > 2 and len(rest[-3]) > 1 and rest[-2][:1].isupper():
        rest = rest[1:]
    return " ".join(rest)


def untitled(name: str, titles: set[str], postnominals: set[str] = frozenset()) -> str:
    """A person's name without leading title words, when at least two words remain.

    Example:
        >>> untitled("Broadcaster Piers Morgan", {"broadcaster"})
        'Piers Morgan'
    """
    words = name.split()
    while len(words) > 2 and words[-1].lower().strip(".,") in postnominals:
        words = words[:-1]
    while len(words) > 2 and words[0].lower().strip(".,") in titles:
        words = words[1:]
    return " ".join(words)


# a label in mixed case, "Wikinews: How …", "Kokesh: I think …": only in a text where at least two
# such labels recur and one of them asks (see :func:`_all_labels`)
_MIXED_LABEL = re.compile(r"^([A-Z][\w.’'\-]*(?: [A-Z][\w.’'\-]*){0,3}) ?:[ \t]", re.M)


def _line(body: str, pos: int) -> str:
    end = body.find("\n", pos)
    return body[pos : len(body) if end < 0 else end]


@lru_cache(maxsize=4)  # one body at a time, asked for every pronoun of it
def _all_labels(body: str) -> tuple[list[tuple[str, int, int]], list[int], frozenset[str]]:
    """Every speaker label at a line start, where each match begins, and the labels that ask.

    A label asks when at least half of its lines hold a question mark ("((WSS)) : Which past
    president do you most admire?"): the interviewer, whatever the initials.
    """
    matches = [(next(g for g in (1, 2, 3) if m.group(g)), m) for m in _LABEL.finditer(body)]
    # "A" opens many a paragraph ("A spokesperson said …"): an answer label only in a text that
    # has questions labelled "Q" too
    asked = any(m.group(3) == "Q" for _, m in matches)
    matches = [(g, m) for g, m in matches if not (m.group(3) == "A" and not asked)]
    mixed = [(1, m) for m in _MIXED_LABEL.finditer(body)]
    recurring = Counter(m.group(1) for _, m in mixed)
    mixed = [(g, m) for g, m in mixed if recurring[m.group(1)] >= 2]
    lines: dict[str, list[str]] = {}
    for g, m in matches + mixed:
        lines.setdefault(m.group(g).strip(), []).append(_line(body, m.start()))
    asking = frozenset(
        label for label, said in lines.items() if 2 * sum("?" in x for x in said) >= len(said)
    )
    if len({m.group(1) for _, m in mixed}) < 2 or not asking & {m.group(1) for _, m in mixed}:
        mixed = []  # "Note:", "Source:" in an article: not a transcript
    found, starts = [], []
    for group, match in sorted(matches + mixed, key=lambda gm: gm[1].start()):
        found.append((match.group(group).strip(), match.start(group), match.end(group)))
        starts.append(match.start())
    return found, starts, asking


def _labels(body: str, hi: int) -> list[tuple[str, int, int]]:
    """Speaker labels at line starts before ``hi``: '((Akram Pasha))', 'SENIOR OFFICIAL:', 'Q'."""
    found, starts, _ = _all_labels(body)
    return found[: bisect.bisect_left(starts, hi)]


def transcript_speaker(
    body: str, pos: int, pronoun: str, interviewers: set[str]
) -> tuple[str, int, int] | None:
    """Who "I" or "you" at ``pos`` is in an interview or briefing transcript, or None.

    "I" in an answer is the person whose label opens the answer (or the last label before a
    paragraph without one); "you" in a question ('((WN)) You said …', 'Q … You said that …') is the
    person who answered last, or who answers next, or where no answer is labelled (the questions
    of an interview whose answers run unlabelled, '((WSS)) : Which past U.S. president(s) do you
    most admire and why?') an "A" label: the person the article names first. A label whose
    lines are mostly questions asks, whatever its initials. Returns the label and its span.

    Example:
        >>> body = "SENIOR OFFICIAL: We act.\\nQ You said that it was “grave.”"
        >>> transcript_speaker(body, body.index("You"), "You", {"q"})[0]
        'SENIOR OFFICIAL'
        >>> body = "((Jaya))  I said: “No.”"
        >>> transcript_speaker(body, body.index("I said"), "I", {"wn"})[0]
        'Jaya'
    """
    line_end = body.find("\n", pos)
    labels = _labels(body, pos)
    if not labels or line_end >= 0 and labels[-1][1] > line_end:
        return None
    everyone, _, asking_labels = _all_labels(body)

    def asks(label: tuple[str, int, int]) -> bool:
        return label[0].lower() in interviewers or label[0] in asking_labels

    if not any(asks(lab) for lab in everyone) and not body.startswith("((", labels[-1][1] - 2):
        return None  # one "PUBLISHED:" line is no transcript: a transcript asks, or says "((…))"

    current = labels[-1]
    if not asks(current):  # an answer, under its label or in a paragraph after it
        # "So we thought "…"": the one answering, for the team; the answer's "you" is anyone's
        return current if pronoun.lower() in ("i", "we") else None
    if pronoun.lower() != "you":
        return None
    # a question's "you": the one who answered last, or who answers next, or (no answer
    # labelled) the person the article names first, as an "A" label
    answers = [lab for lab in labels if not asks(lab)]
    later = [lab for lab in everyone if lab[1] > pos and not asks(lab)]
    return answers[-1] if answers else (later[0] if later else ("A", pos, pos))


def spelling_variant(a: str, b: str, *, min_len: int = 5) -> bool:
    """True when two names are one letter apart (a transliteration: "Saree" / "Sarea").

    Example:
        >>> spelling_variant("Zelensky", "Zelenskyy"), spelling_variant("Lam", "Lim")
        (True, False)
    """
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if min(len(a), len(b)) < min_len or abs(len(a) - len(b)) > 1 or a[:3] != b[:3]:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def close_variant(a: str, b: str, *, min_len: int = 7) -> bool:
    """True when two long surnames are at most two edits apart ("Bauchtman" / "Buchtmann").

    For linking a misspelt surname to a full name the article gave earlier; looser than
    ``spelling_variant``, so the evaluation does not use it.

    Example:
        >>> close_variant("Bauchtman", "Buchtmann"), close_variant("Johnson", "Jackson")
        (True, False)
    """
    a, b = a.lower(), b.lower()
    if min(len(a), len(b)) < min_len or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1] <= 2
