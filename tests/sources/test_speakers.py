"""Each speaker rule on real sentences of the seeds, the corpus and the gold articles.

``helpers.sources.speakers.rules.RULES`` is an ordered list of small named rules; every rule has a
case here, with the sentence it comes from, the speaker phrase and the expected answer beside it.
A deciding rule must decide that phrase when the whole list runs (so the order is tested too); a
tidying rule is also run alone, to show the phrase it leaves to the rules after it.
"""

from __future__ import annotations

import re

import pytest

from helpers.actors import find_mentions
from helpers.ingest.segment import split_sentences
from helpers.sources import find_attributions
from helpers.sources.quotes import ArticleText
from helpers.sources.speakers.context import Context
from helpers.sources.speakers.resolver import speaker_context
from helpers.sources.speakers.rules import RULES, Phrase
from tests.support import CORPUS, GOLD, SEED_000, SEED_001, paragraphs_of


def context_of(*paragraphs: str) -> Context:
    """The speaker rules' view of a body made of these paragraphs, with its actor mentions."""
    body = "\n".join(paragraphs)
    sentences = split_sentences(body)
    art = ArticleText(body, sentences)
    return speaker_context(body, art.tokens, find_mentions(body, sentences).frame())


def locate(ctx: Context, phrase: str | tuple[str, str]) -> tuple[int, int]:
    """Where a phrase is: its first occurrence, or inside a longer unique context (phrase, context)."""
    phrase, around = phrase if isinstance(phrase, tuple) else (phrase, phrase)
    start = ctx.body.index(around) + around.index(phrase)
    return start, start + len(phrase)


def resolved(paragraphs, phrase, heard=()):
    """Resolve ``phrase`` after the ``heard`` speaker phrases (resolved and remembered in order,
    as the quotes before it would be)."""
    ctx = context_of(*paragraphs)
    for earlier in heard:
        start, end = locate(ctx, earlier)
        ctx.remember(ctx.resolve(start, end, pos=end), start)
    start, end = locate(ctx, phrase)
    return ctx.resolve(start, end, pos=end)


def paragraph(path, words: str) -> str:
    """The paragraph of an article file that holds ``words``."""
    return paragraphs_of(path, words)[0]


def lines(path) -> list[str]:
    """Every paragraph of an article file (a transcript's labels need the whole interview)."""
    return path.read_text(encoding="utf-8").split("\n")


AFGHAN = (
    CORPUS
    / "articles"
    / "wikinews_2017-07-21_gum-afghan_after-visa-snags-all-girl-afghan-team-honored-for.txt"
)
INTERVIEWS = GOLD / "sources_gold" / "articles"
STALLMAN = (
    INTERVIEWS
    / "wikinews_2020-11-17_wikinews-discusses-drm-and-dmca-with-richard-stallman-after.txt"
)
FAN_EXPO = (
    INTERVIEWS / "wikinews_2019-09-02_fan-expo-canada-2019-offers-celebrities-cosplay-panels.txt"
)
HIV = (
    INTERVIEWS
    / "wikinews_2020-10-18_living-with-hiv-during-covid-19-wikinews-talks-to-hiv-positi.txt"
)


SAMOA = (
    "The government of American Samoa issued a statement agreeing the issue should be decided by "
    'Congress and not by judges: "imposition of citizenship by judicial fiat would fail to '
    'recognize American Samoa\'s sovereignty." Their statement also read "imposition of '
    "citizenship over American Samoan's objections violates fundamental principles of "
    'self-determination."'
)
TIMOFEEV = (
    "The fact that the French president's position has not changed in recent months indicates "
    "that relations with China are much more important to Paris than those of Tokyo, believes "
    "Russian expert Pavel Timofeev, head of department at the Institute of World Economy and "
    "International Relations of the Russian Academy of Sciences."
)
MAROTH = [
    "The November 4 issue of Magyar Nemzet published an interview with Gáspár Maróth, the "
    "Hungarian Government commissioner responsible for defence, defence industries and "
    "coordinating defence modernization, in which the deal was announced.",
    "While not naming any other bidders, Maróth said the Hungarian bid won after lengthy "
    "negotiations, out of mulitple competing offers. He said he expects no political turmoil "
    "between the neighboring Austria and Hungary over the sale. He also noted the acquisition "
    'fits into the Hungarian "outward investment" strategy of Prime Minister Viktor Orbán.',
    "The Austrian partner asked for the price to be kept secret, but the commissioner stated the "
    "purchase was financed by a loan, so it is not a burden on the state budget.",
]

# (paragraphs, speakers heard before, the speaker phrase, the rule that decides, the speaker)
DECIDING = [
    pytest.param(
        ["Well instead of trying to fix that system I say let's replace it"],
        (),
        "Well",
        "nothing_left",
        "",
        id="stallman-an-interjection-alone-names-nobody",
    ),
    pytest.param(
        [
            "Hours after the public access was restored, Sergey M, one of the maintainers of "
            'youtube-dl wrote on GitHub, "We would like to thank @github for standing up for '
            'youtube-dl."'
        ],
        (),
        "one of the maintainers of youtube-dl",
        "name_before_role",
        "Sergey M",
        id="youtube-dl-the-name-before-one-of",
    ),
    pytest.param(
        [
            "United States radio personality, television host, and philanthropist Don Imus, "
            "known to fans as the I-Man, died on Friday at the Baylor Scott and White Medical "
            "Center.",
            "Known as a shock jock who made controversial comments, Imus was dropped in 2007 by "
            "MSNBC and CBS Radio after he referred to the Rutgers University women's basketball "
            'team as "nappy headed hos."',
        ],
        (),
        ("he", "he referred"),
        "pronoun",
        "Don Imus",
        id="imus-he-is-the-subject-earlier-in-the-sentence",
    ),
    pytest.param(
        [
            "Not all were pleased with the final choice of locations. U.S. Senator John Cornyn, "
            "Republican from Texas, issued a statement regarding the rejection of Johnson Space "
            "Center (JSC) in Houston, Texas as a location.",
            "Cornyn's statement added, \"There is no question Houston should have been selected "
            'as a final home for one of the orbiters."',
        ],
        (),
        "Cornyn's statement",
        "document_of_name",
        "John Cornyn",
        id="nasa-a-statement-speaks-for-its-author",
    ),
    pytest.param(
        [
            "Bayo Onanuga, the Special Adviser on Information and Strategy, said the President "
            "will return after the Easter holiday. A statement he signed reads:"
        ],
        (),
        "A statement",
        "document_by_pronoun",
        "Bayo Onanuga",
        id="page-shape-a-statement-he-signed",
    ),
    pytest.param(
        [SAMOA],
        (),
        "Their statement",
        "document_of_pronoun",
        "government of American Samoa",
        id="samoa-their-statement",
    ),
    pytest.param(
        [paragraph(SEED_000, "the same newspaper")],
        (),
        "the same newspaper",
        "same_outlet",
        "Financial Times",
        id="seed000-the-same-newspaper",
    ),
    pytest.param(
        [paragraph(SEED_001, "A source close to")],
        (),
        "A source close to the French president's office",
        "anonymous",
        "A source close to the French president's office",
        id="seed001-a-source-close-to",
    ),
    pytest.param(
        [
            "Bill Gerstenmaier of NASA spoke of the collaboration between his agency and SpaceX: "
            "\"It's fun working with a new partner that approaches the problem in a slightly "
            'different way."'
        ],
        (),
        "Bill Gerstenmaier of NASA",
        "name_before_affiliation",
        "Bill Gerstenmaier",
        id="spacex-a-person-before-of",
    ),
    pytest.param(
        [paragraph(AFGHAN, "According to the Afghan team's coach")],
        (),
        "the Afghan team's coach, Alireza Mehraban",
        "name_after_description",
        "Alireza Mehraban",
        id="afghan-robots-the-name-set-off-by-a-comma",
    ),
    pytest.param(
        lines(STALLMAN),
        (),
        ("you", "and you'd say"),
        "generic_you",
        "you",
        id="stallman-you-d-say-in-an-answer-is-anyone",
    ),
    pytest.param(
        lines(HIV),
        (),
        ("the family", "the family would say"),
        "unnamed_in_answer",
        "the family",
        id="hiv-the-family-would-say-in-an-answer",
    ),
    pytest.param(
        [paragraph(SEED_000, "Mao Ning criticized")],
        (),
        "Chinese Foreign Ministry spokesperson Mao Ning",
        "actor_at_end",
        "Mao Ning",
        id="seed000-the-mention-ending-the-phrase",
    ),
    pytest.param(
        [
            paragraph(FAN_EXPO, "Hasbro hosted a panel"),
            paragraph(FAN_EXPO, "Asked about sustainability"),
        ],
        (),
        ("the company", "sustainability, the company noted"),
        "organisation_named_before",
        "Hasbro",
        id="fan-expo-the-company-is-hasbro",
    ),
    pytest.param(
        [
            "Fars News said the crash involved pilot error. The lone survivor was a flight "
            "engineer. The entire crew were Iranians, the army said."
        ],
        (),
        "the army",
        "organisation_description",
        "the army",
        id="karaj-the-army",
    ),
    pytest.param(
        [
            TIMOFEEV,
            '"France is trying not to escalate relations with China," the expert said.',
        ],
        (),
        "the expert",
        "introduced_description",
        "Pavel Timofeev",
        id="seed001-the-expert-introduced-before",
    ),
    pytest.param(
        [
            "Cameroon's long-serving president, 84-year-old Paul Biya, spoke on Sunday.",
            '"We condemn all acts of violence," the 84-year-old said.',
        ],
        (),
        "the 84-year-old",
        "age_description",
        "Paul Biya",
        id="the-84-year-old-introduced-with-that-age",
    ),
    pytest.param(
        [
            "The source told Fox News that the president's legal team \"has tremendous respect "
            'for Bob Mueller" and claimed that the two sides "have been working well together."'
        ],
        (),
        "The source",
        "anonymous_description",
        "The source",
        id="newsmtsc-the-source-never-introduced",
    ),
    pytest.param(
        MAROTH,
        [("He", "He also noted")],
        "the commissioner",
        "role_of_previous_voice",
        "Gáspár Maróth",
        id="hungary-the-commissioner-who-spoke-just-before",
    ),
    pytest.param(
        [
            '"Warm water circulation is attacking the undersides of these ice shelves at their '
            'most vulnerable points," said study co-author Karen Alley. The Wooster professor '
            'added, "These effects matter [...] But exactly how much, we don\'t yet know."'
        ],
        ["study co-author Karen Alley"],
        "The Wooster professor",
        "titled_description",
        "Karen Alley",
        id="ice-shelves-the-wooster-professor",
    ),
    pytest.param(
        [
            "President Joseph R. Biden, Jr. spoke today with Secretary General Jens Stoltenberg "
            "of the North Atlantic Treaty Organization (NATO). President Biden reaffirmed the "
            "United States’ commitment to collective defense under Article 5 of the North "
            "Atlantic Treaty. The President also emphasized the importance of shared values, "
            "consultation, and capabilities to strengthen deterrence."
        ],
        (),
        "The President",
        "capitalised_role",
        "Joe Biden",
        id="whitehouse-the-president-introduced-before",
    ),
    pytest.param(
        [
            "A storm yesterday caused a crane to fall into Mecca's Grand Mosque, killing 107 or "
            "more and wounding 238, according to Saudi Arabia's Civil Defense Authority."
        ],
        (),
        "Saudi Arabia's Civil Defense Authority",
        "actor_inside",
        "Saudi Arabia's Civil Defense Authority",
        id="mecca-an-authority-of-a-country",
    ),
    pytest.param(
        [SAMOA],
        (),
        "The government of American Samoa",
        "organisation_of",
        "government of American Samoa",
        id="samoa-the-government-of",
    ),
    pytest.param(
        [
            "Domain.com, a real estate site, reported some property sellers offering free toilet "
            "paper to the first bidder on auctions in Melbourne."
        ],
        (),
        "Domain.com",
        "capitalised_name",
        "Domain.com",
        id="toilet-paper-a-name-the-gazetteer-lacks",
    ),
    pytest.param(
        [
            "If the actor rats were previously exposed to the shocks, their degree of harm "
            "aversion for others was heightened, the study revealed."
        ],
        (),
        "the study",
        "phrase_itself",
        "the study",
        id="empathy-the-study",
    ),
]


@pytest.mark.parametrize(("paragraphs", "heard", "phrase", "rule", "speaker"), DECIDING)
def test_each_deciding_rule_on_a_real_sentence(paragraphs, heard, phrase, rule, speaker):
    found = resolved(paragraphs, phrase, heard)
    assert (found.rule, found.name) == (rule, speaker)


# (paragraph, the phrase as found next to the cue, the rule, the phrase it leaves)
TIDYING = [
    pytest.param(
        '"Whenever there are signs of sending a palm branch," wrote student protester Joshua '
        "Wong on Twitter.",
        "student protester Joshua Wong on Twitter",
        "tidy",
        "student protester Joshua Wong",
        id="hong-kong-the-platform-is-not-the-name",
    ),
    pytest.param(
        "((WN))  Could you please tell us more about this feat, and when was this planned?",
        "WN))  Could you please",
        "transcript_label",
        "Could you please",
        id="interview-the-label-before-a-question",
    ),
    pytest.param(
        "((WN))  When did you inform the Iranian Chess Federation about your decision?",
        "did you",
        "question_pronoun",
        "you",
        id="chess-the-pronoun-of-a-question",
    ),
    pytest.param(
        "((Dorsa Derakhshani))  Non-chess books.  Um, I really like to read books by  [Atul "
        "Gawande].",
        "Um",
        "interjection",
        "",
        id="chess-um",
    ),
    pytest.param(
        "Turns out the exhaust pipe has some blockage in it and if you try to fix that now the "
        'seller tells you, "just because you did that now not only I\'m not going to fix it."',
        "now the seller",
        "opener",
        "the seller",
        id="stallman-now-the-seller",
    ),
    pytest.param(
        'And I told my mom I have anxiety, and she\'s like "you need to pray more".',
        "she's",
        "contracted_pronoun",
        "she",
        id="zara-kay-shes-like",
    ),
    pytest.param(
        'A leaked internal letter seen by Sky News says "failure to return the questionnaire '
        'without reasonable excuse may result in your claim being withdrawn".',
        "A leaked internal letter seen by Sky News",
        "seen_by",
        "A leaked internal letter",
        id="questionnaire-the-letter-not-sky-news",
    ),
]


@pytest.mark.parametrize(("text", "phrase", "rule", "left"), TIDYING)
def test_each_tidying_rule_on_a_real_sentence(text, phrase, rule, left):
    ctx = context_of(text)
    start, end = locate(ctx, phrase)
    words = tuple(re.findall(r"\w[\w’'\-]*", phrase))
    tidied = {r.__name__: r for r in RULES}[rule](ctx, Phrase(phrase, start, end, words, end))
    assert isinstance(tidied, Phrase) and tidied.text == left
    assert ctx.body[tidied.start : tidied.start + len(left)] == left  # the span follows the text


def test_every_rule_has_a_case():
    cased = {p.values[3] for p in DECIDING} | {p.values[2] for p in TIDYING}
    assert cased == {rule.__name__ for rule in RULES}


def test_the_rule_order_is_the_documented_one():
    """The module docstring's order: tidy, pronoun, documents, outlet, anonymous, affiliation,
    actor at the end, descriptions, actor inside, capitalised name, the phrase itself."""
    names = [rule.__name__ for rule in RULES]
    order = [
        "tidy",
        "pronoun",
        "document_of_name",
        "same_outlet",
        "anonymous",
        "name_before_affiliation",
        "actor_at_end",
        "introduced_description",
        "actor_inside",
        "capitalised_name",
        "phrase_itself",
    ]
    assert [n for n in names if n in order] == order


# (paragraphs, the first words of the row's quote or claim, its speaker, the speaker_rule column)
NAMED_BY = [
    pytest.param(
        [paragraph(SEED_000, "Mao Ning criticized")],
        "regional countries",
        "Mao Ning",
        "actor_at_end",
        id="seed000-quote-after-a-participle-cue",
    ),
    pytest.param(
        [
            '"Now we\'re seeing a new process, where warm water cuts into the shelf from below," '
            "said study co-author Ted Scambos of CU Boulder's Cooperative Institute for Research "
            'in Environmental Sciences (CIRES). "Like scoring a plate of glass, the trough renders '
            "the shelf weak, and in a few decades, it's gone.\""
        ],
        "Like scoring",
        "Ted Scambos",
        "same_voice",
        id="ice-shelves-the-voice-goes-on",
    ),
    pytest.param(
        [
            "Ahead of the NATO summit in Lithuania, it was reported that the Western military "
            "alliance is ready to postpone a decision."
        ],
        "the Western military",
        "it was reported",
        "unnamed_report",
        id="seed001-unnamed-report",
    ),
    pytest.param(
        [
            "NPR reported Adil Abdul-Mahdi, the caretaker Prime Minister, recommended the United "
            "States troops in Iraq withdraw."
        ],
        "the United States troops",
        "Adil Abdul-Mahdi",
        "clause_person",
        id="iraq-the-person-of-the-clause",
    ),
]


@pytest.mark.parametrize(("paragraphs", "first_words", "speaker", "rule"), NAMED_BY)
def test_attributions_name_the_speaker_rule(paragraphs, first_words, speaker, rule):
    body = "\n".join(paragraphs)
    sentences = split_sentences(body)
    rows = find_attributions(body, sentences, find_mentions(body, sentences).frame()).frame()
    row = rows[rows["quote"].str.startswith(first_words)].iloc[0]
    assert (row["speaker"], row["speaker_rule"]) == (speaker, rule)


KOREA = paragraph(
    CORPUS
    / "articles"
    / "wikinews_2015-08-21_gum-korea_north-korea-puts-military-in-quasi-state-of-war.txt",
    "said KCNA",
)
WUHAN = (
    CORPUS
    / "articles"
    / "wikinews_2020-02-10_first-foreigners-die-from-coronavirus-in-wuhan-china.txt"
)
GARG = next(INTERVIEWS.glob("wikinews_2020-03-08_*"))
ZARA_KAY = next(INTERVIEWS.glob("wikinews_2020-07-06_zara-kay-*"))
GREEK = (
    CORPUS
    / "articles"
    / "wikinews_2020-01-10_greek-prime-minister-reaffirms-eastmed-pipeline-project-is-o.txt"
)

# Issue 18 on real sentences: (paragraphs, first words of a quote or claim, speaker, anonymous)
REFERRING = [
    pytest.param(
        [
            paragraph(GREEK, "reasserted the openness"),
            paragraph(GREEK, "He also commented"),
        ],
        "null and void",
        "Kyriakos Mitsotakis",
        False,
        id="greek-pm-he-opening-a-paragraph-is-its-subject-before",
    ),
    pytest.param(
        [KOREA],
        "Foolhardy provocation",
        "North Korea",  # KCNA, the state agency, is read as its country by the gazetteer
        False,
        id="korea-it-added-is-the-agency-quoted-just-before",
    ),
    pytest.param(
        [
            "In December, a Turkish official said that the trans-Anatolian pipeline, which is "
            "already up and running, renders the EastMed building effort unnecessary, Cyprus Mail "
            "reported."
        ],
        "the trans-Anatolian",
        "a Turkish official",
        True,
        id="greek-pm-an-official-is-anonymous",
    ),
    pytest.param(
        [
            "Despite advancements in X-ray imaging, ultrasound imaging, and MRI, these clinical "
            "imaging [methods] have shortcomings, Srirang Manohar, project coordinator and "
            "professor at the University of Twente, told Digital Trends."
        ],
        "Despite advancements",
        "Srirang Manohar",
        False,
        id="newsmtsc-name-and-description-before-told-not-the-outlet",
    ),
    pytest.param(
        [
            "Thirty House conservatives, including those two lawmakers, penned a letter to House "
            'Speaker John Boehner and his deputies urging them to "stand firm" against Obama\'s '
            "executive actions."
        ],
        "stand firm",
        "Thirty House conservatives",
        False,
        id="newsmtsc-partial-quote-of-the-subject-of-urging",
    ),
    pytest.param(
        [
            "Rodman’s agent, Chris Volo, backed up this claim by saying he asked the North Korean "
            "regime “on behalf of Dennis” for Warmbier’s release three times."
        ],
        "on behalf of Dennis",
        "Chris Volo",
        False,
        id="newsmtsc-partial-quote-inside-a-said-clause",
    ),
    pytest.param(
        ['"…," the spokesperson, Wu Qian, said in Beijing.'],
        "…",
        "Wu Qian",
        False,
        id="issue18-the-spokesperson-then-the-name-set-off-by-commas",
    ),
    pytest.param(
        [
            "Mr. Obama indicated that “he favorably viewed the degrading of Bashar al-Assad’s "
            "capabilities as well as upgrading the Free Syrian Army,” Mr. McCain said in an "
            "interview."
        ],
        "he favorably viewed",
        "McCain",  # the text never gives his first name
        False,
        id="newsmtsc-indicated-that-then-the-speaker-after",
    ),
]


REFERRING += [
    pytest.param(
        [
            "A spokesperson for Stagecoach South said their thoughts were with the children and "
            "their families, and that the company would assist the police."
        ],
        "their thoughts",
        "A spokesperson for Stagecoach South",
        True,
        id="bus-a-spokesperson-for-a-company-is-anonymous",
    ),
    pytest.param(
        ["Story Continued Below\n“Voting the right way is one thing,” Pressley told the group."],
        "Voting the right",
        "Pressley",
        False,
        id="newsmtsc-a-page-line-before-the-quote",
    ),
    # the constructions issue 18 quotes from unseen pages (its own words, "…" as there)
    pytest.param(
        ['Quote: "The agenda…"'],
        "The agenda",
        "",
        False,
        id="issue18-a-label-is-not-a-speaker",
    ),
    pytest.param(
        ['"…"', "Olivier NDUHUNGIREHE, Minister of Foreign Affairs – Rwanda"],
        "…",
        "Olivier NDUHUNGIREHE",
        False,
        id="issue18-the-signature-under-a-quote-block",
    ),
    pytest.param(
        ['Both countries urged "…"'],
        "…",
        "Both countries",
        False,
        id="issue18-both-is-not-a-name",
    ),
    pytest.param(
        ['A source within the central Interior Ministry said "…"'],
        "…",
        "A source within the central Interior Ministry",
        True,
        id="issue18-a-source-within-a-ministry-is-anonymous",
    ),
    pytest.param(
        ['WASHINGTON, D.C. — Trump said "…"'],
        "…",
        "Donald Trump",
        False,
        id="issue18-a-dateline-is-not-the-speaker",
    ),
    pytest.param(
        [
            "The Economic Community of West African States (ECOWAS) met in Abuja.",
            '"…," it stated.',
        ],
        "…",
        "Economic Community of West African States",
        False,
        id="issue18-it-stated-after-a-paragraph-about-an-organisation",
    ),
    pytest.param(
        [paragraph(WUHAN, "Japanese officials said")],
        "was officially described",
        "Japanese officials",  # "they" after unnamed officials: those officials, not China's
        True,
        id="wuhan-they-reported-after-japanese-officials",
    ),
    pytest.param(
        [paragraph(STALLMAN, "people like me who say")],
        "No thanks",
        "people like me",  # the subject of "say" is the antecedent of "who"
        True,
        id="stallman-people-like-me-who-say",
    ),
    pytest.param(
        [paragraph(STALLMAN, "We'll have work for you later")],
        "We'll have work",
        "the companies",
        True,
        id="stallman-the-companies-which-probably-told-them",
    ),
    pytest.param(
        [paragraph(GARG, "More number of women getting")],
        "More number of women",
        "Aparna Garg",  # a pull quote signed after a dash
        False,
        id="railways-a-pull-quote-signed-after-a-dash",
    ),
    pytest.param(
        [paragraph(ZARA_KAY, "Some people went like")],
        "Are you a Shi'a",
        "Some people",  # quotative "went like", unnamed people
        True,
        id="zara-kay-some-people-went-like",
    ),
]


@pytest.mark.parametrize(("paragraphs", "first_words", "speaker", "anonymous"), REFERRING)
def test_issue18_speakers_on_real_sentences(paragraphs, first_words, speaker, anonymous):
    body = "\n".join(paragraphs)
    sentences = split_sentences(body)
    rows = find_attributions(body, sentences, find_mentions(body, sentences).frame()).frame()
    hits = rows[rows["quote"].str.startswith(first_words)]
    assert len(hits), rows[["kind", "speaker", "quote"]].to_string()
    row = hits.iloc[0]
    assert (row["speaker"], bool(row["anonymous"])) == (speaker, anonymous)
