"""Speakers that refer back: pronouns, transcript labels, "they", "the expert", "the same newspaper".

A mixin of :class:`helpers.sources.speakers.resolver.SpeakerResolver`: "he"/"she" are the person named earlier in
the sentence or the person subject of a recent sentence of the paragraph; "I"/"you" in an interview
or briefing transcript are the label of the answer or of the one who answered last; "they" is the
organisation that is the subject of the previous sentence; a definite description ("the expert") is
the last person introduced with that word; "the same newspaper" is the last outlet named.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..references import last_outlet
from .names import Speaker, person_name, transcript_speaker


class ReferringMixin:
    """Resolution of referring speaker phrases (uses the resolver's text, mentions and history)."""

    def _pronoun(self, start: int, end: int, pos: int) -> Speaker:
        """He/she: a person earlier in the sentence, else the person subject of a recent sentence."""
        del pos
        text = self.body[start:end]
        if text.lower() in ("they", "it"):  # "It also credited Leonov …": NASA, named before
            found = self._they(start, end)
            if text.lower() == "it" and found.type == "pronoun":
                return Speaker(text, "", "", False, text, "pronoun", start, end)
            return found
        label = transcript_speaker(self.body, start, text, self.interviewers)
        if label:  # "I" in an answer: who answers; "you" in a question: who is asked
            return self._label(*label, text, start, end)
        if text.lower() not in ("he", "she", "him", "her"):  # we, I, you, it: kept as written
            return Speaker(text, "", "", False, text, "pronoun", start, end)
        line_start = self.body.rfind("\n", 0, start) + 1
        sentence_start = self._sentence_start(start, line_start)
        base = None
        earlier = [
            sp
            for at, sp in self.history
            if sentence_start <= at < start and sp.text.lower() in ("he", "she")
        ]
        if earlier:  # 'He said Zelensky is "…"; however, "…", he added': the same person
            sp = earlier[-1]
            return Speaker(sp.name, sp.actor_id, sp.country, False, text, sp.type, start, end)
        same = [m for m in self._mentions_in(sentence_start, start) if m.type == "person"]
        if same:
            base = self._from_mention(same[-1], text, start, end)
        else:  # "…, Imus was dropped … after he referred to …": the subject earlier in the sentence
            base = self._clause_subject_name(sentence_start, start, text, start, end)
        hi = sentence_start
        for _ in range(3):  # walk back over the previous sentences of the paragraph
            if base is not None or hi <= line_start:
                break
            lo = self._sentence_start(hi - 1, line_start if hi > line_start else 0)
            voiced = [sp for at, sp in self.voices if lo <= at < hi and not sp.anonymous]
            if voiced:  # 'The head of … told the court "…". She also said "…"': who spoke there
                base = voiced[-1]
                break
            found = self.subject(lo, hi, pronouns=False)
            if found.type == "person" or (
                found.type == "name" and " " in found.name and not found.name.startswith("The ")
            ):
                base = found
            else:  # "For Kevin Allton, a USI instructor, Warhol was a legend. He said": Allton
                comma = self.body.find(",", lo, hi)
                if comma > lo and self.body[lo:comma].split()[0] in ("For", "To"):
                    base = self._last_person(lo, comma, text, start, end)
            hi = lo
        if base is None:  # the last person named in the paragraph so far
            base = self._last_person(line_start, sentence_start, text, start, end)
        if base is None:
            people = [sp for _, sp in self.history if sp.type in ("person", "name")]
            base = people[-1] if people else None
        if base is None:
            return Speaker(text, "", "", False, text, "pronoun", start, end)
        return Speaker(base.name, base.actor_id, base.country, False, text, base.type, start, end)

    def _label(self, label: str, l_start: int, l_end: int, text: str, start: int, end: int):
        """A transcript speaker label: 'SENIOR ADMINISTRATION OFFICIAL', '((Akram Pasha))'."""
        if l_start not in self.labels:
            self.labels[l_start] = self._read_label(label, l_start, l_end)
        found = self.labels[l_start]
        return replace(found, text=text, start=start, end=end)

    def _read_label(self, label: str, l_start: int, l_end: int) -> Speaker:
        text, start, end = label, l_start, l_end
        words = label.lower().split()
        if words[-1] in self.anon_head or words[-1].rstrip("s") in self.anon_head:
            return Speaker(label.lower(), "", "", True, text, "anonymous", start, end)
        for m in self._mentions_in(l_start, l_end):
            if m.type == "person":
                return self._from_mention(m, text, start, end)
        name = person_name(
            label.title() if label.isupper() else label, self.titles, self.postnominals
        )
        return Speaker(self._full_name(name, l_start), "", "", False, text, "name", start, end)

    def _pronoun_as(self, start: int, end: int) -> Speaker:
        """His/her at [start, end): resolved as "he" would be."""
        return self._pronoun(start, start, start)

    def _they(self, start: int, end: int) -> Speaker:
        """They/it: the organisation that is the subject of the previous sentence, else as written."""
        text = self.body[start:end]
        line_start = self.body.rfind("\n", 0, start) + 1
        hi = self._sentence_start(start, line_start)
        if hi > line_start:
            lo = self._sentence_start(hi - 1, line_start)
            found = self.subject(lo, hi, pronouns=False)
            one_name = found.type == "name" and " " not in found.name and text.lower() == "it"
            words = found.text.lower().split()
            people = (  # "The authors say … They call for": a plural description of people
                text.lower() == "they"
                and found.type in ("unknown", "anonymous")
                and len(words) >= 2
                and words[0] == "the"
                and words[-1] in self.groups
            )
            if found.type == "organization" or one_name or people:  # "NASA interrupted … It also …"
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
        return Speaker(text, "", "", False, text, "pronoun", start, end)

    def _clause_subject_name(
        self, lo: int, hi: int, text: str, start: int, end: int
    ) -> Speaker | None:
        """A capitalised name in [lo, hi) that opens a clause and is followed by its verb."""
        for r_start, r_end in self.tokens.cap_runs(lo, hi):
            before = self.body[lo:r_start].rstrip()
            if (before and before[-1] != ",") or not re.match(
                r"\s+(?:was|is|has|had|said|says|\w+ed)\b", self.body[r_end:hi]
            ):
                continue
            found = self._last_person(r_start, r_end, text, start, end)
            if found is not None:
                return found
        return None

    def _last_person(self, lo: int, hi: int, text: str, start: int, end: int) -> Speaker | None:
        """The last person mention or two-word capitalised name (not a known place) in [lo, hi)."""
        known = self._mentions_in(lo, hi)
        found: list[tuple[int, int, Speaker]] = [
            (1, m.end, self._from_mention(m, text, start, end)) for m in known if m.type == "person"
        ]
        for r_start, r_end in self.tokens.cap_runs(lo, hi):
            if any(m.start < r_end and r_start < m.end for m in known):
                continue
            name = self._person_name(r_start, r_end)
            if name.split()[-1:] == ["I"] or name.split()[0].lower() in self.openers:
                continue  # "Even I would stand up": an opener and a pronoun, not a name
            titled = any(w.lower() in self.titles for w in self.body[r_start:r_end].split())
            if len(name.split()) == 1 and len(self._full_name(name, r_start).split()) > 1:
                titled = True  # "Imus" after "Don Imus": a surname of someone named before
            if len(name.split()) >= 2 or titled:  # titled names first: "Crown Prince Mohammad …"
                found.append(
                    (
                        int(titled),
                        r_end,
                        Speaker(
                            self._full_name(name, r_start), "", "", False, text, "name", start, end
                        ),
                    )
                )
        return max(found, key=lambda f: (f[0], f[1]))[2] if found else None

    def _previous_voice(self, pos: int) -> Speaker | None:
        """The last speaker quoted earlier in this sentence or in the one before (any paragraph)."""
        line_start = self.body.rfind("\n", 0, pos) + 1
        lo = self._sentence_start(pos, line_start)
        back = len(self.body[:lo].rstrip())
        if back:
            lo = self._sentence_start(back - 1, self.body.rfind("\n", 0, back - 1) + 1)
        voiced = [sp for at, sp in self.voices if lo <= at < pos]
        return voiced[-1] if voiced else None

    def _role_of_previous_voice(self, head: str, start: int, end: int) -> Speaker | None:
        """'"…," said study co-author Karen Alley. The Wooster professor added': Karen Alley.

        A person's title with no earlier antecedent ("professor", "minister") names the person
        quoted just before, in this sentence or the previous one.
        """
        voice = self._previous_voice(start)
        if voice and voice.type in ("person", "name") and head.lower() in self.titles:
            return replace(voice, text=self.body[start:end], start=start, end=end)
        return None

    def _sentence_start(self, pos: int, floor: int) -> int:
        """Start of the sentence around ``pos`` (a rough split: '. ', '? ', '! ' or the line)."""
        cut = max(self.body.rfind(p, floor, pos) for p in (". ", "? ", "! ", '." ', ".” "))
        return max(floor, cut + 2) if cut >= floor else floor

    def _outlet_before(self, start: int, end: int) -> Speaker:
        text = self.body[start:end]
        line_start = self.body.rfind("\n", 0, start) + 1
        for lo in (line_start, 0):
            outlet = last_outlet(self.body[lo:start])  # the nearest one named before
            if outlet:
                return Speaker(outlet, "", "", False, text, "outlet", start, end)
        return Speaker(text, "", "", False, text, "outlet", start, end)

    def _described(self, head: str, start: int, end: int) -> Speaker | None:
        """'the expert' -> the last person introduced as an expert before this point."""
        text = self.body[start:end]
        hits = list(re.finditer(rf"\b{re.escape(head)}s?\b", self.body[:start], re.I))
        for hit in reversed(hits[-4:]):
            after = [m for m in self._mentions_in(hit.end(), hit.end() + 40) if m.type == "person"]
            before = [
                m
                for m in self._mentions_in(max(0, hit.start() - 40), hit.start())
                if m.type == "person"
            ]
            for m in after[:1] + before[-1:]:
                return self._from_mention(m, text, start, end)
            runs = self.tokens.cap_runs(hit.end(), hit.end() + 40)
            if runs and not self.body[hit.end() : runs[0][0]].strip():
                name = self._full_name(self._person_name(*runs[0]), runs[0][0])
                return Speaker(name, "", "", False, text, "name", start, end)
        for _, speaker in reversed(self.history):
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
