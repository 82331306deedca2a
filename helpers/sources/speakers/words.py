"""The word lists the speaker rules read, from ``data/speaker_words.csv`` (column ``role``) and
``data/anonymous_sources.csv``: pronouns, titles, documents, openers, organisation words, the
determiners and heads of anonymous descriptions, … Read once per process into a frozen record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..word_lists import load_word_roles, phrase_regex

__all__ = ["SpeakerWords", "speaker_words"]


@dataclass(frozen=True)
class SpeakerWords:
    """Lower-case word sets (and three phrase regexes) of the speaker rules.

    Each field is one ``role`` of ``data/speaker_words.csv`` unless said otherwise.
    """

    pronouns: frozenset[str]  # role pronoun: he, she, they, it, …
    documents: frozenset[str]  # role document: statement, letter, report (a text as speaker)
    titles: frozenset[str]  # role title: president, minister, judge, …
    postnominals: frozenset[str]  # role postnominal: letters after a name (QC, Jr)
    interviewers: frozenset[str]  # role interviewer_label: the asking side of a transcript
    answerers: frozenset[str]  # role answer_label: "A" in a Q/A transcript, the one interviewed
    labels: frozenset[str]  # role label: "Quote:", "Source:" introduce nobody
    quantifiers: frozenset[str]  # role quantifier: "Both countries urged": no name
    interjections: frozenset[str]  # role interjection: "Yeah, they used to call it"
    outlet_refs: frozenset[str]  # role outlet_ref: "the same newspaper"
    openers: frozenset[str]  # role opener: "Then I thought", "now the seller"
    org_words: frozenset[str]  # role org_word: ministry, council, police, …
    groups: frozenset[str]  # role group: authors, researchers (plural people)
    org_refs: frozenset[str]  # role org_ref: "the ministry said": the Ministry … named before
    org_refs_any: frozenset[str]  # role org_ref_any: "the company said": any organisation before
    anon_det: frozenset[str]  # anonymous_sources.csv, role determiner: a, one, some, …
    anon_head: frozenset[str]  # anonymous_sources.csv, role head: official, source, someone
    nouns: frozenset[str]  # the nouns a clause subject may hold: titles, documents, heads, …
    function_words: frozenset[str]  # never a name alone: determiners, pronouns, boundary words
    patronymics: frozenset[str]  # role patronymic: "bin" in "Khalid bin Salman"
    people_plurals: frozenset[str]  # role people_plural: "one of the [children]", "many [users]"
    trailing_adverbs: frozenset[str]  # role trailing_adverb: "The president [now] says"
    causatives: tuple[str, ...]  # role causative: "led [Biden] to express"
    scene_openers: tuple[str, ...]  # role scene_opener: 'During the premiere, "…"'
    author: re.Pattern[str]  # role author: "released by"
    modifier: re.Pattern[str]  # role modifier: "seen by"
    qualifier: re.Pattern[str]  # anonymous_sources.csv, role qualifier: "familiar with"


@lru_cache(maxsize=1)
def speaker_words() -> SpeakerWords:
    """The speaker word lists, read and turned into sets once per process.

    Example:
        >>> "minister" in speaker_words().titles, "he" in speaker_words().pronouns
        (True, True)
    """
    words = load_word_roles("speaker_words.csv")
    anon = load_word_roles("anonymous_sources.csv")

    def role(lists: dict[str, tuple[str, ...]], name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in lists.get(name, ()))

    titles, documents = role(words, "title"), role(words, "document")
    anon_head, org_words, groups = role(anon, "head"), role(words, "org_word"), role(words, "group")
    return SpeakerWords(
        pronouns=role(words, "pronoun"),
        documents=documents,
        titles=titles,
        postnominals=role(words, "postnominal"),
        interviewers=role(words, "interviewer_label"),
        answerers=role(words, "answer_label"),
        labels=role(words, "label"),
        quantifiers=role(words, "quantifier"),
        interjections=role(words, "interjection"),
        outlet_refs=role(words, "outlet_ref"),
        openers=role(words, "opener"),
        org_words=org_words,
        groups=groups,
        org_refs=role(words, "org_ref"),
        org_refs_any=role(words, "org_ref_any"),
        anon_det=role(anon, "determiner"),
        anon_head=anon_head,
        nouns=titles | documents | anon_head | org_words | groups,
        function_words=role(words, "determiner")
        | role(words, "pronoun")
        | role(words, "boundary")
        | role(anon, "determiner"),
        patronymics=role(words, "patronymic"),
        people_plurals=role(words, "people_plural"),
        trailing_adverbs=role(words, "trailing_adverb"),
        causatives=words.get("causative", ("led",)),
        scene_openers=words.get("scene_opener", ("during",)),
        author=phrase_regex(words.get("author", ("released by",))),
        modifier=phrase_regex(words.get("modifier", ("seen by",))),
        qualifier=phrase_regex(anon.get("qualifier", ("familiar with",))),
    )
