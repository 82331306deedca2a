"""Attribution rules on real sentences of the seeds and the corpus (expected answers beside them)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.actors import find_mentions
from helpers.evaluate.sources import GOLD_ARTICLES, prepare, same_speaker
from helpers.ingest.segment import split_sentences
from helpers.sources import find_attributions
from helpers.sources.attributions import ATTRIBUTION_COLUMNS
from helpers.sources.quotes import find_quote_spans, stray_marks
from helpers.sources.references import quote_problems
from tests.support import SEED_000, SEED_001, paragraphs_of

NO_MENTIONS = pd.DataFrame()
TIMOFEEV = (
    "The fact that the French president's position has not changed in recent months "
    "indicates that relations with China are much more important to Paris than those of "
    "Tokyo, believes Russian expert Pavel Timofeev, head of department at the Institute of "
    "World Economy and International Relations of the Russian Academy of Sciences."
)


def attribute(*paragraphs: str, actors: bool = False) -> pd.DataFrame:
    """Attributions of a small body (one paragraph per argument), without actor mentions unless
    ``actors`` (then with the mentions of :func:`helpers.actors.find_mentions`, as a run has)."""
    body = "\n".join(paragraphs)
    sentences = split_sentences(body)
    mentions = find_mentions(body, sentences).frame() if actors else NO_MENTIONS
    return find_attributions(body, sentences, mentions).frame()


def row_for(rows: pd.DataFrame, quote_start: str) -> pd.Series:
    hits = rows[rows["quote"].str.startswith(quote_start)]
    assert len(hits) == 1, rows[["kind", "speaker", "quote"]].to_string()
    return hits.iloc[0]


# (context paragraphs, the quote's first words, expected kind, expected speaker)
DIRECT = [
    pytest.param(
        [
            TIMOFEEV,
            '"France is trying not to escalate relations with China, understanding '
            "that it perceives Western Europe as merely a junior partner of the United "
            'States," the expert said.',
        ],
        "France is trying",
        "direct",
        "Pavel Timofeev",
        id="seed001-the-expert",
    ),
    pytest.param(
        [
            "“It’s not just Macron who is actually opposed to the Japanese, there are other "
            "NATO countries. And Macron's reasoning is impeccable. Article 6 [of the NATO "
            "Charter] states that Article 5 covers only territories in Europe, North America "
            'and islands north of the Tropic of Cancer," K J Noh noted.'
        ],
        "It’s not just",
        "direct",
        "K J Noh",
        id="seed001-curly-open-straight-close",
    ),
    pytest.param(
        [
            "Regarding suspicions that China is considering providing weapons to Russia, which "
            "continues its invasion to Ukraine, Secretary Blinken stated, “We have received a "
            "commitment from China that it will not provide weapons to Russia now or in the "
            "future.”"
        ],
        "We have received",
        "direct",
        "Blinken",
        id="seed000-blinken",
    ),
    pytest.param(
        [
            "Prime Minister Fumio Kishida has been advocating that “security in Europe and the "
            "Indo-Pacific are inseparable.”"
        ],
        "security in Europe",
        "direct",
        "Fumio Kishida",
        id="seed000-kishida-auxiliaries",
    ),
    pytest.param(
        [
            "Chinese Foreign Ministry spokesperson Mao Ning criticized the move the day after the "
            "Nikkei Asian Review report, stating that “regional countries need to be highly "
            "vigilant about NATO’s Eastward expansion,” with the Russian Foreign Ministry also "
            "expressing similar concerns. [3][4]"
        ],
        "regional countries",
        "direct",
        "Mao Ning",
        id="seed000-participle-cue",
    ),
    pytest.param(
        [
            '"ISIS is not defeated [...] The [US] casualties destroying the caliphate was very '
            'low", Graham continued.'
        ],
        "ISIS is not",
        "direct",
        "Graham",
        id="syria-comma-outside",
    ),
    pytest.param(
        ['"Seventeen years ago, this would not have been possible at all," said Ambassador Mohib.'],
        "Seventeen years",
        "direct",
        "Mohib",
        id="afghan-said-x",
    ),
    pytest.param(
        [
            "On Wednesday, Home Secretary Suella Braverman told GB News: \"It's clear that we "
            'have an unsustainable situation in towns and cities around our country".'
        ],
        "It's clear",
        "direct",
        "Suella Braverman",
        id="asylum-told-colon",
    ),
    pytest.param(
        [
            "Officials tell BBC News every claim will be assessed meritocratically, with the i "
            'reporting no one will be refused "based solely on the response of the '
            'questionnaire".'
        ],
        "based solely",
        "direct",
        "the i",
        id="asylum-with-x-reporting",
    ),
    pytest.param(
        [
            'Trump, also on Twitter, defended his decision, "As I have stated strongly before, '
            'and just to reiterate, THE USA IS GREAT!"'
        ],
        "As I have",
        "direct",
        "Trump",
        id="syria-comma-introduced",
    ),
    pytest.param(
        [
            "Brett McGurk, who was Trump's Special Presidential Envoy until December, also "
            'criticized the decision via Twitter. "The WH statement tonight on Syria demonstrates '
            'a complete lack of understanding of anything happening on the ground."'
        ],
        "The WH statement",
        "direct",
        "Brett McGurk",
        id="syria-previous-sentence",
    ),
    pytest.param(
        [
            "On Tuesday, Greek prime minister Kyriakos Mitsotakis speaking to the Atlantic "
            'Council think tank called the border agreement "null and void".'
        ],
        "null and void",
        "direct",
        "Kyriakos Mitsotakis",
        id="cairo-called-x-quote",
    ),
]


@pytest.mark.parametrize(("paragraphs", "quote_start", "kind", "speaker"), DIRECT)
def test_direct_quote_and_speaker(paragraphs, quote_start, kind, speaker):
    row = row_for(attribute(*paragraphs), quote_start)
    assert row["kind"] == kind
    assert row["speaker"] == speaker
    assert not row["anonymous"]


# Rules added after the heldout4/heldout5 rounds; each sentence is from a Wikinews article
# (data/corpus/articles or the Wikinews dump the corpus was drawn from), no actor mentions.
# (paragraphs, the quote's first words, expected kind, expected speaker, anonymous)
GENERAL = [
    pytest.param(
        [
            'Tom Watson called Prime Minister Theresa May\'s proposed Brexit deal "lousy" and '
            "said he would only vote for it if the British people could also vote for or "
            "against it."
        ],
        "lousy",
        "direct",
        "Tom Watson",
        False,
        id="brexit-label-verb-long-object",
    ),
    pytest.param(
        [
            "Earlier this week on Wednesday on the live television, President Erdogan said — as "
            'reported by Hurriyet Daily News — "Ayasofya [Haghia Sophia] will no longer be '
            'called a museum. Its status will change. We will call it a mosque".'
        ],
        "Ayasofya",
        "direct",
        "Erdogan",
        False,
        id="erdogan-as-reported-by-aside",
    ),
    pytest.param(
        [
            "This Thursday the United States Commission on International Religious Freedom "
            "(USCIRF) also criticized the move. They released a statement which said, "
            '"Hagia Sophia bears profound historical and spiritual significance to Muslims and '
            'Christians alike, and its status as a museum must be maintained".'
        ],
        "Hagia Sophia bears",
        "direct",
        "United States Commission on International Religious Freedom",
        False,
        id="erdogan-they-is-the-organisation",
    ),
    pytest.param(
        [
            '"We stand ready" tweeted Johnson "to provide whatever help we can to bring them '
            "under control and help protect one of Earth's greatest wonders.\""
        ],
        "to provide whatever",
        "direct",
        "Johnson",
        False,
        id="amazon-interrupted-by-inverted-cue",
    ),
    pytest.param(
        [
            "Speaking on al-Masirah TV in Yemen, Houthi military spokesperson Yahya Sarea said "
            "it had carried out the attack using ten drones. According to him, it was among the "
            "largest Houthi operations inside of Saudi Arabia and was accomplished with the help "
            'of "honourable people inside the kingdom".'
        ],
        "honourable people",
        "direct",
        "Yahya Sarea",
        False,
        id="oil-according-to-him-opens-the-sentence",
    ),
    pytest.param(
        [
            "On Saturday morning, representatives from Iran acknowledged their government had "
            '"unintentionally" shot down a Ukrainian passenger jet near Tehran, blaming "human '
            'error" and the fear of aggression from the United States.'
        ],
        "human error",
        "direct",
        "representatives from Iran",
        True,
        id="iran-blaming-and-from-qualifier",
    ),
    pytest.param(
        [
            "The German government announced the tests by a military laboratory found Novichok "
            'in Navalny\'s blood, and said there was "unequivocal" proof he had been poisoned.'
        ],
        "unequivocal",
        "direct",
        "The German government",
        False,
        id="navalny-government-as-subject",
    ),
    pytest.param(
        [
            'Cardinal Marc Ouellet of the Holy See said, "We have said for years that priests '
            'should report abuse. Why should members of the church hierarchy be exempt?"  '
            'Vatican archbishop Charles Scicluna said, "People must know that bishops are at '
            'the service of the people."'
        ],
        "We have said",
        "direct",
        "Marc Ouellet",
        False,
        id="pope-name-before-of-and-next-cue-opens-next-quote",
    ),
    pytest.param(
        [
            "The officers eventually shot him dead at around 14:00 local time in what the "
            'police declared a "terrorist-related" attack. An eyewitness described for news '
            'agency PA Media how the attack unfolded, stating, "I was crossing the road when I '
            'saw a man with a machete. The man was then shot."'
        ],
        "I was crossing",
        "direct",
        "An eyewitness",
        True,
        id="london-unnamed-eyewitness",
    ),
    pytest.param(
        [
            '"Terrorists seek to divide us and to destroy our way of life," said Khan, "here in '
            'London we will never let them succeed."'
        ],
        "here in London",
        "direct",
        "Khan",
        False,
        id="london-said-x-comma-quote",
    ),
]


# Rules added after the heldout6 … heldout9 rounds; sentences from the Wikinews articles in
# tests/data/sources_gold/articles/ and data/corpus/articles/, no actor mentions.
# (paragraphs, the quote's first words, expected kind, expected speaker, anonymous)
ROUND6 = [
    pytest.param(
        [
            'In a statement released after the attack, the United States Department of Defense justified the strike, which was approved by President Donald Trump, as "defensive" in nature.'
        ],
        "defensive",
        "direct",
        "United States Department of Defense",
        False,
        id="soleimani-justified-x-as-label",
    ),
    pytest.param(
        [
            'The State Department gave its "deepest sympathies" and said immunity cases were afforded "intense attention at senior levels and are considered carefully given the global impact such decisions carry".'
        ],
        "deepest",
        "direct",
        "The State Department",
        False,
        id="immunity-gave-its-label",
    ),
    pytest.param(
        [
            "SENIOR ADMINISTRATION OFFICIAL: Thanks. And thanks, everybody, for taking the time.",
            "Q Hi, thank you for doing this, [senior administration official]. Two questions. You said that an attack was a “distinct possibility.” The tone of the briefing yesterday was that the attack was imminent.",
        ],
        "distinct",
        "direct",
        "senior administration official",
        True,
        id="briefing-you-in-a-question-is-the-official",
    ),
    pytest.param(
        [
            'Judge Durham Hall QC said they "appear not to have shown any respect for the minimum standards of decent behaviour."'
        ],
        "appear not",
        "direct",
        "Durham Hall",
        False,
        id="bradford-postnominal-dropped",
    ),
    pytest.param(
        [
            '((Akram Pasha))  I didn\'t choose.  I worked as a massager in the beginning.  So I thought: "No.  I should not do it for free".  In the sense, I should provide any service only in exchange of something.'
        ],
        "No.",
        "direct",
        "Akram Pasha",
        False,
        id="interview-i-is-the-answer-label",
    ),
    pytest.param(
        [
            "((Wayne Tseng))  I always have been active in politics.",
            '((WN))  On Team Zorin\'s website, you wrote "Melbourne is too precious to be used as a test lab for half-baked policies."  What are some of the current policies that are under-serving the residents of Melbourne?',
        ],
        "Melbourne is too",
        "direct",
        "Wayne Tseng",
        False,
        id="interview-you-in-a-question-is-the-interviewee",
    ),
    pytest.param(
        [
            'In 2018 another aircraft confused the two airports, performing an emergency go around at "very low height" according to The Aviation Herald.'
        ],
        "very low",
        "direct",
        "The Aviation Herald",
        False,
        id="iran-according-to-after-the-quote",
    ),
    pytest.param(
        ['Boeing referred to the 707 involved as a "cargo plane".'],
        "cargo",
        "direct",
        "Boeing",
        False,
        id="iran-referred-to-x-as",
    ),
    pytest.param(
        [
            'Vanderbilt also authored several books, including the 2009 novel Obsession, which the New York Times called "the steamiest book ever written by an octogenarian."'
        ],
        "the steamiest",
        "direct",
        "New York Times",
        False,
        id="vanderbilt-which-x-called",
    ),
    pytest.param(
        [
            'Coles, in its March 8 media release, reported that with the four-pack restriction in place, "many stores are still selling out within an hour of delivery", and called the demand "unprecedented", while ALDI, in a Facebook post on Tuesday, called it "unexpected".'
        ],
        "unexpected",
        "direct",
        "ALDI",
        False,
        id="toilet-paper-aside-between-name-and-cue",
    ),
    pytest.param(
        [
            'A number of Senators condemned the act of the NTC, citing the move as a "grave abuse of governmental power" and "contrary to law".'
        ],
        "grave",
        "direct",
        "A number of Senators",
        True,
        id="abs-cbn-a-number-of-x",
    ),
    pytest.param(
        [
            'A number of Senators condemned the act of the NTC, citing the move as a "grave abuse of governmental power" and "contrary to law".'
        ],
        "contrary",
        "direct",
        "A number of Senators",
        True,
        id="abs-cbn-second-partial-quote",
    ),
    pytest.param(
        [
            'Boeing did not release any specific information about the initial build, telling Wikinews the company "extends its profound condolences to the families and friends of those lost[...] as well as our best wishes for the recovery of those injured."'
        ],
        "extends",
        "direct",
        "Boeing",
        False,
        id="iran-one-word-name-subject-ending-in-ing",
    ),
    pytest.param(
        [
            "United States radio personality, television host, and philanthropist Don Imus, known to fans as the I-Man, died on Friday at the Baylor Scott and White Medical Center.",
            'Known as a shock jock who made controversial comments, Imus was dropped in 2007 by MSNBC and CBS Radio after he referred to the Rutgers University women\'s basketball team as "nappy headed hos." He later apologized for the comment.',
        ],
        "nappy",
        "direct",
        "Don Imus",
        False,
        id="imus-he-is-the-surname-earlier-in-the-sentence",
    ),
    pytest.param(
        [
            "2020 Melbourne Lord Mayor candidate Wayne Tseng answered some questions about his campaign for the upcoming election from Wikinews.",
            'Tseng also formed Chinese Precinct Chamber of Commerce, an organisation responsible for many "community bond building initiatives", the Lord Mayor candidate told Wikinews.',
        ],
        "community",
        "direct",
        "Wayne Tseng",
        False,
        id="melbourne-the-title-candidate",
    ),
    pytest.param(
        [
            'The move was met with what WalesOnline called "fury" from local tourism chiefs. The then-manager of Barmouth Publicity and Director of Mid Wales Tourism Partnership, David Clay, called it "a retrograde step" and said "[a]n area like this cannot afford to lose such a quality hotel."'
        ],
        "fury",
        "direct",
        "WalesOnline",
        False,
        id="bontddu-what-x-called",
    ),
    pytest.param(
        [
            'The move was met with what WalesOnline called "fury" from local tourism chiefs. The then-manager of Barmouth Publicity and Director of Mid Wales Tourism Partnership, David Clay, called it "a retrograde step" and said "[a]n area like this cannot afford to lose such a quality hotel."'
        ],
        "[a]n area",
        "direct",
        "David Clay",
        False,
        id="bontddu-called-and-said",
    ),
    pytest.param(
        [
            'Other Republicans have broken with Trump and have urged him to move forward with the presidential transition, such as former New Jersey governor Chris Christie, who denounced the Trump legal team\'s claims as a "national embarrassment".'
        ],
        "national",
        "direct",
        "Chris Christie",
        False,
        id="transition-name-who-cue",
    ),
    pytest.param(
        [
            'The government of American Samoa issued a statement agreeing the issue should be decided by Congress and not by judges: "imposition of citizenship by judicial fiat would fail to recognize American Samoa\'s sovereignty." Their statement also read "imposition of citizenship over American Samoan\'s objections violates fundamental principles of self-determination."'
        ],
        "imposition of citizenship over",
        "direct",
        "government of American Samoa",
        False,
        id="samoa-their-statement",
    ),
    pytest.param(
        [
            'Hours after the public access was restored, Sergey M, one of the maintainers of youtube-dl wrote on GitHub, "We would like to thank @github for standing up for youtube-dl and making it possible to continue development without dropping any features."'
        ],
        "We would like",
        "direct",
        "Sergey M",
        False,
        id="youtube-dl-name-before-one-of",
    ),
    pytest.param(
        [
            "If there were enough competition, some publishers might start saying, \"Hey we'll publish without the DRM.\"   My understanding is, you can't write a Blu-ray disc that doesn't have DRM."
        ],
        "Hey",
        "direct",
        "some publishers",
        True,
        id="stallman-some-x-might-start-saying",
    ),
    pytest.param(
        [
            'Republic Act No. 3846, also known as the "Radio Control Law", states "no person, firm, company, association, or corporation shall construct, install, establish, or operate a radio transmitting station without having first obtained a franchise therefor from the Congress of the Philippines."'
        ],
        "no person",
        "direct",
        "Republic Act No. 3846",
        False,
        id="abs-cbn-act-no-number",
    ),
    pytest.param(
        [
            "This move comes after Mitchell Stoltz, a Senior Staff Attorney of the Electronic Frontier Foundation (EFF), sent a letter to GitHub on the behalf of youtube-dl's maintainers.",
            'The letter stressed  "youtube-dl does not decrypt video streams that are encrypted with commercial DRM technologies".',
        ],
        "youtube-dl does",
        "direct",
        "The letter",
        False,
        id="youtube-dl-the-letter-is-a-document",
    ),
    pytest.param(
        [
            'Protesters\' demands include investigation of alleged police violence against protesters on June 12, the release and dropping of charges against protesters who were arrested, that the government cease referring to the protests as "riots," and complete dismissal of the extradition bill.'
        ],
        "riots",
        "scare_quote",
        "",
        False,
        id="hong-kong-referring-to-stays-a-scare-quote",
    ),
    pytest.param(
        [
            'While many offered "furry" versions of traditional products, at least one business focused on "pushing the boundaries of fursuit technology."'
        ],
        "furry",
        "scare_quote",
        "",
        False,
        id="furry-offered-is-not-a-cue",
    ),
    pytest.param(
        [
            'The audience was also shown a replay from the 2018 ceremony when Boseman gave his "Best Hero" award to James Shaw Jr. who disarmed a shooter.'
        ],
        "Best Hero",
        "scare_quote",
        "",
        False,
        id="boseman-gave-his-is-not-a-cue",
    ),
    pytest.param(
        [
            'Russell Zimmerman added that other products are in high demand. Sales went up in a "sharp increase" last week, according to a Woolworths spokesperson.'
        ],
        "sharp",
        "direct",
        "a Woolworths spokesperson",
        True,
        id="toilet-paper-according-to-a-spokesperson",
    ),
    pytest.param(
        [
            '"I informed John Bolton last night that his services are no longer needed at the White House. I disagreed strongly with many of his suggestions, as did others in the Administration," wrote Trump on Twitter, "and therefore I asked John for his resignation, which was given to me this morning."'
        ],
        "I informed",
        "direct",
        "Trump",
        False,
        id="round8-trump-on-twitter",
    ),
    pytest.param(
        [
            'The three-judge court found Johnson\'s advice to the Queen "was motivated by the improper purpose of stymying Parliament and that it, and what has followed from it, is unlawful."'
        ],
        "was motivated",
        "direct",
        "The three-judge court",
        False,
        id="round8-three-judge-court",
    ),
    pytest.param(
        [
            'Mohr lauded Blankenship\'s "ability to influence leaders around him" and claimed the nominee "has a backbone superior to most men and will be the strongest President we have seen in decades."'
        ],
        "ability",
        "direct",
        "Mohr",
        False,
        id="round8-lauded",
    ),
    pytest.param(
        [
            '((Valeria Gazzola))  Fifty years ago the papers were not giving as much information as we now have to write down.  So we thought "oh, they are gonna prefer the easy lever, and that\'s it."  But at the end, you know, some rats developed no preference.'
        ],
        "oh, they",
        "direct",
        "Valeria Gazzola",
        False,
        id="round8-interview-we",
    ),
    pytest.param(
        [
            'Speaking about the movie, the topmost senior Polish archbishop Wojciech Polak said, "I am deeply disturbed by what I saw in Tomasz Sekielski\'s film."  Calling it as "just another apology", Anna Franowska of "Have no fear", an abuse victim support charity, told Reuters "it almost appears as if the statement was prepared before the church officials saw the movie".'
        ],
        "just another",
        "direct",
        "Anna Franowska",
        False,
        id="round9-calling-opens-new-sentence",
    ),
    pytest.param(
        [
            'The bill was drafted by Alex Greenwich who said on the parliament floor, "It follows decades of work from women\'s rights campaigners, activists and people in the Parliament".'
        ],
        "It follows",
        "direct",
        "Alex Greenwich",
        False,
        id="round9-name-who-said",
    ),
    pytest.param(
        [
            'NASA interrupted its live coverage of an International Space Station spacewalk to mourn Leonov\'s passing. It also credited Leonov with making the spacewalk possible, noting on Twitter "[h]is venture into the vacuum of space began the history of extravehicular activity".'
        ],
        "[h]is venture",
        "direct",
        "NASA",
        False,
        id="round9-it-is-the-organisation-before",
    ),
    pytest.param(
        [
            "Yesterday, Ukrainian President Volodymyr Zelensky declined Prime Minister Oleksiy Honcharuk's offer to resign after the leak of an audio recording.",
            'Honcharuk filed his resignation after the audio recording was uploaded Wednesday on an anynomous YouTube channel. He said Zelensky is "a model of honesty for me"; however, "to remove any doubts about our respect and trust in the president, I wrote a resignation offer", he added.',
        ],
        "to remove",
        "direct",
        "Oleksiy Honcharuk",
        False,
        id="round9-he-added-is-the-earlier-he",
    ),
    # Rules added in session 3 from errors in the tuned rounds (never from heldout10).
    pytest.param(
        [
            'The head of the police\'s internal investigators told the court "Basic investigations weren\'t done." She also said "I regret we weren’t called immediately. If we had been, I could have made efforts to secure the scene."'
        ],
        "I regret",
        "direct",
        "The head of the police's internal investigators",
        False,
        id="paris-she-is-who-spoke-in-the-previous-sentence",
    ),
    pytest.param(
        [
            '"Warm water circulation is attacking the undersides of these ice shelves at their most vulnerable points," said study co-author Karen Alley. The Wooster professor added, "These effects matter. But exactly how much, we don\'t yet know."'
        ],
        "These effects",
        "direct",
        "Karen Alley",
        False,
        id="rivers-title-without-antecedent-is-the-previous-voice",
    ),
    pytest.param(
        [
            'Yesterday, Ukrainian President Volodymyr Zelensky declined Prime Minister Oleksiy Honcharuk\'s offer to resign after the leak of an audio recording in which someone, seemingly Honcharuk, audibly says Zelensky "has a very primitive understanding of economic processes."'
        ],
        "has a very",
        "direct",
        "Oleksiy Honcharuk",
        False,
        id="honcharuk-adverb-between-name-and-cue",
    ),
    pytest.param(
        [
            'In the filing itself Ford also made this point, writing "In addition, we have notified a number of other state and federal agencies. We are fully cooperating with all government agencies."'
        ],
        "In addition",
        "direct",
        "Ford",
        False,
        id="ford-opener-without-comma-then-participle-cue",
    ),
]


def test_short_words_with_a_vowel_end_a_name_at_a_full_stop():
    from helpers.sources.phrases import Tokens

    text = "Yeah.  That's completely true.  He shouldn't have. Gov. Newsom said."  # interview, news
    tokens = Tokens(text)
    runs = [text[a:b] for a, b in tokens.cap_runs(0, len(text))]
    # ("Yeah" alone opening a sentence is no name: an interjection, not a noun)
    assert runs == ["That's", "He", "Gov. Newsom"]
    band = "Yeah Yeah Yeahs."  # followed by a capital, it may open a name
    assert [band[a:b] for a, b in Tokens(band).cap_runs(0, len(band))] == ["Yeah Yeah Yeahs"]


def test_interjection_is_never_a_speaker():
    rows = attribute(
        "((Dorsa Derakhshani))  They used to, but, they stopped that since —. Yeah, they used to, "
        'and they used to call it "forbidden pairing".'
    )
    row = row_for(rows, "forbidden pairing")
    assert (row["kind"], row["speaker"]) == ("scare_quote", "")


def test_transcript_labels_name_i_and_you():
    from helpers.sources.speakers.names import transcript_speaker

    body = (
        "((Richard Stallman))  Well, DRM as I consider it, stands for digital restrictions "
        "management.\n((WN))  What do you think of the take down notice?\n"
        "And I believe that's why GitHub put it back up again."
    )
    assert transcript_speaker(body, body.index("I consider"), "I", {"wn"})[0] == "Richard Stallman"
    assert transcript_speaker(body, body.index("you think"), "you", {"wn"})[0] == "Richard Stallman"
    assert transcript_speaker(body, body.index("I believe"), "I", {"wn"}) is None  # the asker
    assert transcript_speaker("He said I was wrong.", 8, "I", {"wn"}) is None  # not a transcript


def test_contracted_pronouns_are_pronouns():
    # "I've told them", "I'd say" (the Stallman and Minetest interviews): "I've" is "I", so in a
    # transcript it is the one answering, not a name "I've"
    body = (
        "((Richard Stallman))  I've told them you can't make and sell Blu-ray discs that anyone "
        "can copy.\n((WN))  Thank you."
    )
    rows = find_attributions(body, split_sentences(body), NO_MENTIONS).frame()
    assert row_for(rows, "them you can't make")["speaker"] == "Richard Stallman"
    rows = attribute("They've said the network owed taxes.")
    row = row_for(rows, "the network")  # nobody to refer to: shown unresolved, not as "They"
    assert (row["speaker"], row["speaker_text"], row["speaker_type"]) == ("", "They", "pronoun")


def test_person_names_lose_titles_and_letters_after_them():
    from helpers.sources.speakers.names import person_name, untitled

    titles, letters = {"judge", "prosecutor", "broadcaster"}, {"qc"}
    assert person_name("Judge Durham Hall QC", titles, letters) == "Durham Hall"
    assert person_name("Prosecutor Kama Melly QC", titles, letters) == "Kama Melly"
    assert untitled("Broadcaster Piers Morgan", titles, letters) == "Piers Morgan"
    assert untitled("Piers Morgan", titles, letters) == "Piers Morgan"


def test_quote_naming_a_thing_is_a_scare_quote():
    # a caption of the anti-Brexit article: the quote names a poster, nobody says it here
    rows = attribute(
        "Protesters at the march. Image: Andrew Gray.",
        '"Revoke arrrticle 50" poster at anti-Brexit march in March 2019. Image: Thomas Davies.',
    )
    assert (row_for(rows, "Revoke")["kind"], row_for(rows, "Revoke")["speaker"]) == (
        "scare_quote",
        "",
    )


def test_noun_after_a_quote_is_not_an_inverted_cue():
    rows = attribute('European Court of Justice says Facebook must remove "illegal" posts globally')
    assert row_for(rows, "illegal")["speaker"] != "globally"


def test_short_quote_after_a_new_clause_is_not_the_cue_s_object():
    # Kurds article: "announced" has its own object; "immediate area" is not the US's words
    rows = attribute(
        "Also on Sunday, the United States announced a complete withdrawal from the region, "
        'beyond the withdrawal from the "immediate area" first announced seven days earlier on '
        "October 6."
    )
    assert row_for(rows, "immediate area")["kind"] == "scare_quote"


def test_a_name_does_not_run_over_a_full_stop():
    from helpers.sources.phrases import Tokens

    text = "the U.S. Attorney for the Western District of Texas. Bash characterized the attack"
    runs = [text[a:b] for a, b in Tokens(text).cap_runs(0, len(text))]
    assert runs == ["U.S. Attorney for the Western District of Texas", "Bash"]


SCARE = [
    pytest.param(
        "Given the pushback on NATO's new Tokyo liaison office, Sputnik looked into which "
        'country in the alliance is "slowing down" the move.',
        "slowing down",
        id="seed001",
    ),
    pytest.param(
        'Regarding the potential response from Japan to the "postponement" in opening a NATO '
        "office in Tokyo, France shares numerous overlapping political concerns with the "
        "country.",
        "postponement",
        id="seed001-postponement",
    ),
    pytest.param(
        "German Chancellor Olaf Scholz sought to encourage the entry of foreign companies into "
        "China and called for market improvements toward “fair competition,” while also "
        "exploring a balanced approach.",
        "fair competition",
        id="seed000-called-for",
    ),
    pytest.param(
        "According to the Afghan team's coach, Alireza Mehraban, in their first matchup, the "
        'Afghan team\'s robot, named "Better Idea of Afghan Girls," scored one or two points.',
        "Better Idea",
        id="afghan-name",
    ),
    pytest.param(
        'The Syrian refugee team listed their country as "Hope" on the backs of their shirts.',
        "Hope",
        id="afghan-listed-as",
    ),
]


@pytest.mark.parametrize(("sentence", "quote_start"), SCARE)
def test_scare_quotes_have_no_speaker(sentence, quote_start):
    row = row_for(attribute(sentence), quote_start)
    assert (row["kind"], row["speaker"], row["speaker_actor_id"]) == ("scare_quote", "", "")


def test_single_quotes_inside_a_quote_are_scare_quotes():
    rows = attribute(
        "\"The goal is to present itself as a 'third way' and a center of power in the "
        'Asia-Pacific region," Pavel Timofeev noted.'
    )
    assert row_for(rows, "third way")["kind"] == "scare_quote"
    assert row_for(rows, "The goal")["speaker"] == "Pavel Timofeev"


def test_interrupted_quote_keeps_its_speaker():
    rows = attribute(
        '"We are so interested because we find a big chance to show the talent and ability '
        'of Afghans," team member Rodaba Noori told the press, "to show that Afghan women '
        'can make robots too."'
    )
    direct = rows[rows["kind"] == "direct"]
    assert direct["speaker"].tolist() == ["Rodaba Noori", "Rodaba Noori"]


def test_quotation_over_two_paragraphs_is_one_quote_per_paragraph():
    # the newspaper convention: each paragraph reopens the quotation, only the last closes it
    rows = attribute(
        "It quoted critics like Joint Council for the Welfare of Immigrants campaigner Caitlin Boswell, "
        'with Boswell stating: "People fleeing desperate circumstances clearly need this government '
        "to make quicker and fairer asylum decisions.",
        "\"No one’s right to refuge should be jeopardised because they weren't able to fill in an "
        'unwieldy form in a language they don’t speak."',
    )
    direct = rows[rows["kind"] == "direct"]
    assert [q[:11] for q in direct["quote"]] == ["People flee", "No one’s ri"]
    assert direct["speaker"].tolist() == ["Caitlin Boswell"] * 2  # the surname linked to the name
    assert direct["quote"].iloc[-1].endswith("they don’t speak.")
    assert not direct["unbalanced"].any()


def test_standalone_paragraph_continues_the_last_speaker():
    rows = attribute(
        '"Seventeen years ago, this would not have been possible at all," said Ambassador Mohib.',
        '"They represent our aspirations and resilience despite having been '
        'brought up in a perpetual conflict."',
    )
    assert row_for(rows, "They represent")["speaker"] == "Mohib"


# (context, sentence, expected kind, speaker, anonymous, cue)
REPORTED = [
    pytest.param(
        [TIMOFEEV],
        "Meanwhile, according to Timofeev, Paris wants to show Beijing that the "
        "European Union is an independent player in the region.",
        "according_to",
        "Pavel Timofeev",
        False,
        "according to",
        id="seed001-according-surname",
    ),
    pytest.param(
        [],
        TIMOFEEV,
        "indirect",
        "Pavel Timofeev",
        False,
        "believes",
        id="seed001-inverted-believes",
    ),
    pytest.param(
        [],
        "A source close to the French president's office told journalists that the "
        "opening of a NATO office in the Indo-Pacific region is not considered advantageous.",
        "indirect",
        "A source close to the French president's office",
        True,
        "told",
        id="seed001-anonymous-source",
    ),
    pytest.param(
        [],
        "Ahead of the NATO summit in Lithuania, it was reported that the Western military "
        "alliance is ready to postpone a decision.",
        "according_to",
        "it was reported",
        True,
        "it was reported",
        id="seed001-unnamed-report",
    ),
    pytest.param(
        [],
        "In addition, a French government official mentioned that the opening of NATO’s "
        "Tokyo office could undermine Europe’s credibility. [6]",
        "indirect",
        "a French government official",
        True,
        "mentioned",
        id="seed000-official",
    ),
    pytest.param(
        [],
        "According to the BBC, the SDF is largely made up of YPG militia which support the "
        "Kurdistan Workers' Party (PKK).",
        "according_to",
        "BBC",
        False,
        "according to",
        id="syria-according-outlet",
    ),
    pytest.param(
        [],
        "On 10 May, NATO Secretary General Stoltenberg (former Prime Minister of Norway) "
        "confirmed that discussions were underway with the Japanese government.",
        "indirect",
        "Stoltenberg",
        False,
        "confirmed",
        id="seed000-parenthesis",
    ),
]


# Sentences of data/corpus/articles/ whose speakers were clauses or ran on (session 3).
SOURCE_ENDS = [
    pytest.param(
        "Rescuers, working in temperatures well below freezing, according to the emergencies ministry recovered at least ten survivors from the debris on Monday.",
        "according_to",
        "the emergencies ministry",
        id="magnitogorsk-according-to-x-then-a-verb",
    ),
    pytest.param(
        "However, the information provided concerning the Grayback contained a mistranslation, placing its probable location according to the New York Times about 100 miles from Okinawa, to the east-southeast.",
        "according_to",
        "the New York Times",
        id="lost52-according-to-x-then-a-preposition",
    ),
    pytest.param(
        "Saudi Arabia initially denied all claims that Khashoggi was slain, however, a UN report eventually concluded evidence supported his murder and dismemberment inside the consulate.",
        "indirect",
        "a UN report",
        id="khashoggi-adverb-after-a-noun",
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "speaker"), SOURCE_ENDS)
def test_sources_end_where_the_clause_goes_on(sentence, kind, speaker):
    rows = attribute(sentence)
    assert speaker in rows.loc[rows["kind"] == kind, "speaker_text"].tolist()


@pytest.mark.parametrize(
    "sentence",
    [
        "A Japanese man showed symptoms similar to the coronavirus infection; his death, they reported, was officially described as viral pneumonia.",
        "Ivan's condition was on Wednesday reported to not be life-threatening.",
        "Both he and the county's Police and Crime Commissioner Stephen Mold, urged the immunity be waived.",
        "Russia is already finding itself increasingly isolated from the wider world and more dependent on China, having together revealed a fundamentally different worldview.",
    ],
)
def test_passives_and_clauses_are_not_speakers(sentence):
    rows = attribute(sentence)
    speakers = rows.loc[rows["kind"] == "indirect", "speaker_text"].str.lower().tolist()
    assert not any(s.startswith(("was ", "the immunity", "having", "ivan")) for s in speakers), (
        speakers
    )


@pytest.mark.parametrize(("context", "sentence", "kind", "speaker", "anonymous", "cue"), REPORTED)
def test_reported_speech(context, sentence, kind, speaker, anonymous, cue):
    rows = attribute(*context, sentence)
    body = "\n".join([*context, sentence])
    rows = rows[rows["start"] >= body.index(sentence)]
    hits = rows[rows["kind"] == kind]
    assert len(hits) == 1, rows[["kind", "speaker", "cue", "quote"]].to_string()
    assert (hits.iloc[0]["speaker"], bool(hits.iloc[0]["anonymous"]), hits.iloc[0]["cue"]) == (
        speaker,
        anonymous,
        cue,
    )


def test_things_are_not_sources():
    rows = attribute(
        "This move suggests his intention to publicly highlight these divisions before "
        "addressing them directly with the other participants."
    )
    assert rows.empty


def test_refs_are_the_sentence_footnotes():
    rows = attribute(DIRECT[4].values[0][0])
    assert row_for(rows, "regional countries")["refs"] == "3;4"


def test_citation_row_for_a_sentence_resting_on_a_footnote():
    rows = attribute(
        "The details of the discussions on the situation in Ukraine have not been "
        "disclosed by the French presidency. [12]"
    )
    assert rows[["kind", "refs"]].values.tolist() == [["citation", "12"]]


def test_the_agency_is_the_outlet_named_last_before_it():
    # Wikinews 2019-09-15: "the agency" is the Saudi Press Agency of its own paragraph, not an
    # outlet named earlier in the article (it used to be whichever came first in outlets.csv)
    saudi = (
        "According to the Saudi Press Agency, the attacks occurred at 4:00 A.M. local time (0100 "
        "UTC) and struck the largest processing plant at Abqaiq and the Khurais oil field. The "
        "agency did not mention if there were casualties, but said exports were continuing."
    )
    earlier = "Reuters and the BBC reported the strikes within the hour."
    for paragraphs in ([saudi], [earlier, saudi]):
        assert row_for(attribute(*paragraphs), "exports were")["speaker"] == "Saudi Press Agency"
    # no outlet in its paragraph: the nearest one named before it
    rows = attribute(earlier, "The agency said exports were continuing.")
    assert row_for(rows, "exports were")["speaker"] == "BBC"


def test_a_preposition_before_the_quote_is_not_part_of_the_speaker():
    # Wikinews 2019-01-04 (Magnitogorsk): 'told by Emergencies Minister Yevgeny Zinichev of "..."'
    rows = attribute(
        "In a meeting that day he was told by Emergencies Minister Yevgeny Zinichev of "
        '"presumably between 36 and 40 people under the rubble", while Chelyabinsk regional Deputy '
        "Governor Oleg Klimov indicated 68 people were missing."
    )
    assert row_for(rows, "presumably")["speaker"] == "Yevgeny Zinichev"


def test_unbalanced_quote_is_reported_not_fatal():
    rows = attribute('He said: "We will never leave this country.', "The end came soon.")
    assert rows["unbalanced"].tolist() == [True]
    assert quote_problems(rows)["kind"].tolist() == ["unbalanced_quote"]
    assert stray_marks('A " stray mark.', find_quote_spans('A " stray mark.')) == [2]


# --- the whole pipeline on the seeds --------------------------------------------------------------

SEED_QUOTES = [  # (article, first words of the quote, speaker, anonymous)
    (SEED_000, "Japan is a very close", "Jens Stoltenberg", False),
    (SEED_000, "regional countries need", "Mao Ning", False),
    (SEED_000, "NATO should continue", "Emmanuel Macron", False),
    (SEED_000, "a big mistake", "Emmanuel Macron", False),
    (SEED_000, "Europe should avoid", "Emmanuel Macron", False),
    (
        SEED_000,
        "France is not enthusiastic",
        "someone familiar with the internal discussions within NATO",
        True,
    ),
    (SEED_000, "We have received a commitment", "Antony Blinken", False),
    (SEED_000, "security in Europe", "Fumio Kishida", False),
    (SEED_001, "France is trying not", "Pavel Timofeev", False),
    (SEED_001, "The goal is to present", "Pavel Timofeev", False),
    (SEED_001, "It’s not just Macron", "K J Noh", False),
    (SEED_001, "Accordingly, Paris", "Pavel Timofeev", False),
]


@pytest.fixture(scope="module")
def seed_rows():
    out = {}
    for path in (SEED_000, SEED_001):
        prep = prepare(path)
        rows = find_attributions(prep.body, prep.sentences, prep.mentions, date=prep.date).frame()
        out[path] = (prep, rows)
    return out


def test_seed_direct_quotes_and_speakers(seed_rows):
    found = {
        (path, row["quote"][:12]): row
        for path, (_, rows) in seed_rows.items()
        for _, row in rows[rows["kind"] == "direct"].iterrows()
    }
    assert len(found) == len(SEED_QUOTES)
    right = sum(
        found.get((path, start[:12])) is not None
        and same_speaker(
            found[(path, start[:12])]["speaker"],
            found[(path, start[:12])]["anonymous"],
            speaker,
            anonymous,
        )
        for path, start, speaker, anonymous in SEED_QUOTES
    )
    print(f"seed direct quotes with the right speaker: {right}/{len(SEED_QUOTES)}")
    assert right >= 10


def test_seed_001_scare_quotes(seed_rows):
    _, rows = seed_rows[SEED_001]
    scare = rows[rows["kind"] == "scare_quote"]
    assert sorted(scare["quote"]) == ["offended", "postponement", "slowing down", "third way"]
    assert set(scare["speaker"]) == {""}


def test_seed_speakers_carry_actor_and_country(seed_rows):
    _, rows = seed_rows[SEED_000]
    macron = rows[rows["quote"].str.startswith("NATO should continue")].iloc[0]
    if macron["speaker_actor_id"]:  # the actor step found him
        assert macron["speaker_country"] == "FRA"


def test_contract_offsets_order_and_determinism(seed_rows):
    for prep, rows in seed_rows.values():
        assert list(rows.columns[:11]) == ATTRIBUTION_COLUMNS[:11]
        assert all(
            prep.body[s:e] == q
            for s, e, q in zip(rows["start"], rows["end"], rows["quote"], strict=True)
        )
        assert rows["start"].is_monotonic_increasing
        again = find_attributions(prep.body, prep.sentences, prep.mentions, date=prep.date).frame()
        pd.testing.assert_frame_equal(rows, again)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("ab .,:\"“”‘’'\n") + ["said", " Xu ", "told", "[2]"]), max_size=40
    ).map("".join)
)
def test_any_text_gives_valid_offsets(text):
    rows = find_attributions(text, split_sentences(text), NO_MENTIONS).frame()
    for start, end, quote in zip(rows["start"], rows["end"], rows["quote"], strict=True):
        assert 0 <= start <= end <= len(text) and text[start:end] == quote


# Rules added after the heldout10 first look (GUM's Wikinews news articles, 2006-2015), sentences
# from tests/data/sources_gold/articles/*_gum-*, no actor mentions.
ROUND10 = [
    pytest.param(
        [
            'By the end, Gloria\'s eczema was so severe that her skin broke every time her parents changed her clothes or nappy, and in the words of the Crown prosecutor, Mark Tedeschi, QC, "Gloria spent a lot of the last five months of her life crying, irritable, scratching."'
        ],
        "Gloria spent",
        "direct",
        "Mark Tedeschi",
        False,
        id="homeopathic-in-the-words-of-x-before-the-quote",
    ),
    pytest.param(
        [
            "Lydia Buchtmann for Food Standards Australia New Zealand, says they are looking at mandatory guidelines on iodine by the end of the year.",
            '"One of the reasons that iodine is going down is because people are eating less salt," Ms Bauchtman said.',
        ],
        "One of the reasons",
        "direct",
        "Lydia Buchtmann",
        False,
        id="iodine-misspelt-surname-links-to-the-full-name",
    ),
    pytest.param(
        [
            "U.S. Senator John Cornyn, Republican from Texas, issued a statement regarding the rejection of Johnson Space Center (JSC) in Houston, Texas as a location.",
            'Cornyn\'s statement added, "There is no question Houston should have been selected as a final home for one of the orbiters."',
        ],
        "There is no question",
        "direct",
        "John Cornyn",
        False,
        id="nasa-possessive-document-is-its-author",
    ),
    pytest.param(
        [
            'Kiara Perkins, a second year USI art major, admitted she was willing to skip class Thursday night to attend the opening exhibit. Why did she so badly want to attend? "It\'s Warhol. He is a legend."'
        ],
        "It's Warhol",
        "direct",
        "Kiara Perkins",
        False,
        id="warhol-answer-to-a-question-about-her",
    ),
    pytest.param(
        [
            "The USI art gallery celebrated the Thursday opening with its display of Warhol's Polaroids.",
            'For Kevin Allton, a USI instructor in English, Warhol was also a legend. He said, "Andy Warhol was the center of the Zeitgeist for the 20th century and everything since."',
        ],
        "Andy Warhol was",
        "direct",
        "Kevin Allton",
        False,
        id="warhol-he-is-the-person-of-a-for-x-opener",
    ),
    pytest.param(
        [
            "Kristen Wilkins, a photographer, spoke at the opening.",
            "Wilkins said,\" [Warhol] liked the way photo booths and the Polaroid's front flash looked\". She explained how Warhol's adoption of the Polaroid camera revealed his process.",
        ],
        " [Warhol] liked",
        "direct",
        "Kristen Wilkins",
        False,
        id="warhol-opening-mark-with-a-space-after-it",
    ),
    pytest.param(
        [
            'The authors say the results confirm the existence of inadequate iodine intake in the Australian population. They call for "urgent implementation of mandatory iodisation of all edible salt in Australia."'
        ],
        "urgent implementation",
        "direct",
        "The authors",
        False,
        id="iodine-they-is-the-group-of-the-previous-sentence",
    ),
    pytest.param(
        [
            'Microsoft has replaced it with three newer versions. On a new website, "The Internet Explorer 6 Countdown", Microsoft has launched an aggressive campaign to persuade users to stop using IE6.'
        ],
        "The Internet Explorer",
        "scare_quote",
        "",
        False,
        id="ie9-a-title-in-title-case-is-not-speech",
    ),
    pytest.param(
        [
            'Trump repeatedly called the Democrats\' investigation a "witch hunt", and on Twitter referred to the vote as "The Impeachment Hoax".'
        ],
        "The Impeachment Hoax",
        "direct",
        "Trump",
        False,
        id="impeachment-a-title-case-label-is-still-speech",
    ),
    pytest.param(
        [
            "In May, Maxime Bernier was forced to resign as Foreign Affairs minister.",
            '"Sensitive government document found on rainy Ottawa street" — CBC.ca, August 15, 2008',
            'Peter Zimonjic. "MP calls for probe into misplaced documents" — Edmonton Sun, August 16, 2008',
        ],
        "MP calls for probe",
        "scare_quote",
        "",
        False,
        id="sensitive-a-sources-list-entry-is-a-title",
    ),
    # after the heldout11 first look
    pytest.param(
        [
            "After the match, Hernan Dario Gomez, Panama coach, said, \"I think we have learned a lot from today's game.",
            "",
            'It was a very emotional day. The team was still very emotional at the start of the match but as time went by, they were able to focus better."',
        ],
        "I think we have learned",
        "direct",
        "Hernan Dario Gomez",
        False,
        id="soccer-quote-closed-in-the-next-paragraph-without-reopening",
    ),
    pytest.param(
        [
            'The accident occurred at a time when the mosque was relatively uncrowded. "Had it happened an hour later it would have been much worse," Khaled Al-Maeena, editor at large at the Saudi Gazette, said.'
        ],
        "Had it happened",
        "direct",
        "Khaled Al-Maeena",
        False,
        id="crane-name-and-appositive-between-quote-and-cue",
    ),
    pytest.param(
        [
            'Civil Defense Authority director General Suleiman al-Amr, in remarks to al-Ikhbariya television, said "All those who were wounded and the dead have been taken to hospital."'
        ],
        "All those who",
        "direct",
        "Suleiman al-Amr",
        False,
        id="crane-al-particle-inside-a-name",
    ),
    # quotative "like" in interviews (heldout9's Zara Kay and Dorsa Derakhshani interviews)
    pytest.param(
        ['Every time I ask this question, people are like, "But he\'s my god."'],
        "But he's my god",
        "direct",
        "people",
        True,
        id="zara-kay-people-are-like",
    ),
    pytest.param(
        [
            "My mother is very religious. She keeps asking about it.",
            'And she\'s like "you need to pray more".',
        ],
        "you need to pray",
        "direct",
        "",  # no named person to refer to: the pronoun is shown unresolved (speaker_text "she")
        False,
        id="zara-kay-shes-like-without-a-named-person",
    ),
]


@pytest.mark.parametrize(
    ("paragraphs", "quote_start", "kind", "speaker", "anonymous"), GENERAL + ROUND6 + ROUND10
)
def test_general_speaker_rules(paragraphs, quote_start, kind, speaker, anonymous):
    row = row_for(attribute(*paragraphs), quote_start)
    assert (row["kind"], row["speaker"], bool(row["anonymous"])) == (kind, speaker, anonymous)


def test_cue_lookup_finds_what_the_cue_regex_finds():
    from helpers.paths import CORPUS_DIR, SEEDS_DIR
    from helpers.sources.word_lists import cue_regex, find_cue_spans

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted((CORPUS_DIR / "articles").glob("*.txt"))
    ]
    # spacing, case, hyphens and apostrophes at the edges, and a letter only the regex folds
    texts += ["According  to the BBC", "re-said it", "he’s said", "SAID", "ſaid Kafka", "said-"]
    for text in texts:
        expected = [
            (m.start(), m.end(), " ".join(m.group(0).lower().split()))
            for m in cue_regex().finditer(text)
        ]
        assert find_cue_spans(text) == expected
    assert find_cue_spans("He told reporters") == [(3, 7, "told")]


def gold_paragraphs(article: str, *markers: str) -> list[str]:
    """The paragraphs of a blind-round Wikinews article (tests/data/sources_gold/articles) that
    hold the markers."""
    return paragraphs_of(GOLD_ARTICLES / f"{article}.txt", *markers)


FAN_EXPO = "wikinews_2019-09-02_fan-expo-canada-2019-offers-celebrities-cosplay-panels"
CAMPAIGN = "wikinews_2020-11-02_on-the-campaign-trail-in-the-usa-october-2020"
DORIS_DAY = "wikinews_2019-05-16_actor-doris-day-dies-at-97"
TURPIN = "wikinews_2019-04-20_california-court-sentences-parents-who-kept-their-children-i"
YOUTUBE_DL = "wikinews_2020-10-26_github-blocks-public-access-to-youtube-dl-after-riaa-issues"
AUGUST = "wikinews_2020-09-30_on-the-campaign-trail-in-the-usa-august-2020"
COMICON = "wikinews_2019-03-29_toronto-comicon-2019-welcomes-fans-with-celebrities-creativi"
CENTOS = "wikinews_2020-12-14_red-hat-to-move-focus-away-from-centos-in-favour-of-stream-c"

# Rules of the third and fourth rounds (made from heldout13's and heldout14's errors), each on the
# sentences it was made from.
# (article, paragraph markers, the quote's first words, kind, speaker, anonymous)
ROUND3 = [
    pytest.param(
        FAN_EXPO,
        ["Comic artist Jenn"],
        "In my first stint",
        "direct",
        "Jenn St-Onge",
        False,
        id="an-occupation-before-the-name-is-a-title",
    ),
    pytest.param(
        FAN_EXPO,
        ["Hasbro hosted", "Asked about sustainability"],
        "which was more plant-based",
        "direct",
        "Hasbro",
        False,
        id="the-company-is-the-organisation-named-before",
    ),
    pytest.param(
        FAN_EXPO,
        ["Lead Paul Sun-Hyung Lee"],
        "up 'til now",
        "direct",
        "Paul Sun-Hyung Lee",
        False,
        id="talked-about-introduces-a-partial-quote",
    ),
    pytest.param(
        FAN_EXPO,
        ["Lead Paul Sun-Hyung Lee"],
        "I felt like Cinderella",
        "direct",
        "Paul Sun-Hyung Lee",
        False,
        id="an-opener-then-a-quote-is-the-paragraph-voice",
    ),
    pytest.param(
        FAN_EXPO,
        ["Underwhelmed with her role"],
        "This is not what I wanted",
        "direct",
        None,
        False,
        id="a-long-quote-before-a-lower-case-word-is-no-modifier",
    ),
    pytest.param(
        CAMPAIGN,
        ["Biden countered"],
        "learning to die",
        "direct",
        "Biden",
        False,
        id="countered-that",
    ),
    pytest.param(
        CAMPAIGN,
        ["Politico regarded"],
        "markedly more civil",
        "direct",
        "Politico",
        False,
        id="regarded-as",
    ),
    pytest.param(
        CAMPAIGN,
        ["Carroll introduced himself"],
        "pro-life",
        "direct",
        "Carroll",
        False,
        id="introduced-himself-as",
    ),
    pytest.param(
        CAMPAIGN,
        ["Pierce professed himself"],
        "deeply concerned",
        "direct",
        "Pierce",
        False,
        id="professed-himself",
    ),
    pytest.param(
        CAMPAIGN,
        ["Fifty former intelligence officials"],
        "has all the classic earmarks",
        "direct",
        "Fifty former intelligence officials",
        False,
        id="signed-a-letter-saying-and-an-invisible-joiner",
    ),
    pytest.param(
        DORIS_DAY,
        ["Many people would ask me"],
        "Is Rock Hudson really gay?",
        "direct",
        "Many people",
        True,
        id="a-quote-inside-a-quote-said-by-people-named-there",
    ),
    pytest.param(
        DORIS_DAY,
        ["Many people would ask me"],
        "It's something that I will not",
        "direct",
        "Doris Day",
        False,
        id="a-quote-inside-a-quote-said-by-i-is-the-outer-speaker",
    ),
    pytest.param(
        TURPIN,
        ["One of the children said"],
        "Sometimes I still have nightmares",
        "direct",
        "One of the children",
        True,
        id="one-of-the-children-is-unnamed",
    ),
    pytest.param(
        TURPIN,
        ["One of them even went"],
        "Although it may not have been",
        "direct",
        "One of them",
        True,
        id="one-of-them-is-unnamed",
    ),
    pytest.param(
        AUGUST,
        ["said Dasbach to Wikinews"],
        "Jess Mears and I witnessed",
        "direct",
        "Steve Dasbach",
        False,
        id="said-x-to-an-outlet-is-x",
    ),
    pytest.param(
        CENTOS,
        ["Many users are calling it"],
        "The death of CentOS",
        "direct",
        "many users",
        True,
        id="many-users-are-unnamed",
    ),
]


def test_a_first_name_alone_is_the_person_named_with_an_initial():
    """'Sergey M․' (a one-dot leader for the full stop), then 'Sergey said he "…"'."""
    rows = attribute(*gold_paragraphs(YOUTUBE_DL, "Wikinews reached out to Sergey"))
    row = row_for(rows, "won't give any comments")
    assert row["speaker"].startswith("Sergey M") and len(row["speaker"]) <= len("Sergey M․")


def test_a_title_word_alone_is_no_name_for_a_pronoun():
    """'Special effects costumer Ian Campbell … he told Wikinews that "…"': "Special" is a title
    word, no name (it once made an empty name and an IndexError); "he" is Campbell."""
    rows = attribute(*gold_paragraphs(COMICON, "Special effects costumer"), actors=True)
    assert row_for(rows, "it can be tough to maintain focus")["speaker"] == "Ian Campbell"


def test_quotes_in_markdown_emphasis_are_quotes():
    """Text converted from a web page keeps Markdown emphasis around a quote: *"…"*."""
    paragraph = gold_paragraphs(CAMPAIGN, "Biden countered")[0]
    emphasised = paragraph.replace('"learning to die"', '*"learning to die"*')
    assert emphasised != paragraph
    row = row_for(attribute(emphasised), "learning to die")
    assert row["kind"] == "direct" and row["speaker"].endswith("Biden")


SEPTEMBER = "wikinews_2020-10-29_on-the-campaign-trail-in-the-usa-september-2020"
PELOSI = "wikinews_2019-09-25_us-speaker-pelosi-announces-trump-impeachment-investigation"

# Rules of the sixth round (made from the errors of heldout14 to heldout16 after their first
# looks), each on the sentence it was made from.
ROUND6 = [
    pytest.param(
        SEPTEMBER,
        ["Trump labeled the report"],
        "fake news",
        "direct",
        "Donald Trump",
        False,
        id="labeled-as-introduces-the-subject-s-words",
    ),
    pytest.param(
        PELOSI,
        ["attacked the impeachment investigation"],
        "Witch Hunt garbage",
        "direct",
        "Donald Trump",
        False,
        id="attacked-as-introduces-the-subject-s-words",
    ),
    pytest.param(
        AUGUST,
        ["Martin opines"],
        "Harris can probably rest easy",
        "direct",
        "Andy Martin",
        False,
        id="opines-is-a-verb-of-speech",
    ),
    pytest.param(
        AUGUST,
        ["Erwin Chemerinsky, Dean"],
        "a truly silly argument",
        "direct",
        "Erwin Chemerinsky",
        False,
        id="a-role-without-its-closing-comma-is-the-name-s",
    ),
    pytest.param(
        COMICON,
        ["Wikinews' Nicholas Moreau attended", "John Rhys-Davies broke news"],
        "Jerry [O'Connell]",
        "direct",
        "John Rhys-Davies",
        False,
        id="he-in-a-clause-is-the-subject-of-the-sentence",
    ),
]


def test_a_description_then_a_relative_clause_is_the_speaker():
    """The shape of a news page's sentence: '"…," a senior Pakistani diplomat, who wished not to
    be named, told Dawn.' (the cue comes after the relative clause, and a verb of speech inside
    it, "asked", is not the cue)."""
    context = "Diplomats are in touch over the expected visit and the agenda of the talks."
    for clause, cue in (("who wished not to be named", "told Dawn"), ("who asked not", "said")):
        sentence = (
            "“The Indian government has communicated to Pakistan that its foreign secretary is "
            f"expected to visit Islamabad,” a senior Pakistani diplomat, {clause}, {cue}."
        )
        row = row_for(attribute(context, sentence), "The Indian government")
        assert (row["speaker"], bool(row["anonymous"])) == ("a senior Pakistani diplomat", True)


def test_a_possessive_is_no_clause_subject_for_a_pronoun():
    """'Warren … She compares him to Trump. Bloomberg's presence … will give voters "…," she
    said': "Bloomberg's" opens no clause of which he is the subject; "she" is Warren."""
    rows = attribute(
        "Senator Elizabeth Warren, who has spent most of the race avoiding personal attacks, "
        "makes an exception for Michael Bloomberg. She compares him to Trump. Bloomberg's "
        "presence in the Las Vegas debate will give voters “a live demonstration of how we each "
        "take on an egomaniac billionaire,” she said Tuesday."
    )
    assert row_for(rows, "a live demonstration")["speaker"] == "Elizabeth Warren"


MAY_2020 = "wikinews_2020-06-19_on-the-campaign-trail-in-the-usa-may-2020"
JUNE_2020 = "wikinews_2020-07-25_on-the-campaign-trail-in-the-usa-june-2020"
IRAN_WARRANTS = "wikinews_2020-07-02_iran-issues-arrest-warrants-for-36-people-including-us-presi"
EMERGENCY = "wikinews_2020-03-16_us-president-trump-declares-covid-19-national-emergency"

# Rules of the seventh round, made from heldout17's errors after its first look (sentences of its
# articles, in the project) and from those of heldout18's tuning pages (two thirds of the pages,
# by the benchmark's fixed split; the pages are not the project's, so the tests give sentences of
# the same shape).
ROUND7 = [
    pytest.param(
        MAY_2020,
        ["Backlash from the statement led Biden to express"],
        "I shouldn’t have been so cavalier",
        "direct",
        "Joe Biden",
        False,
        id="led-x-to-express-is-x",
    ),
    pytest.param(
        IRAN_WARRANTS,
        ["the prosecutor general of Tehran"],
        "murder and terrorism charges",
        "direct",
        "Ali Alghasi Mehr",
        False,
        id="a-participle-after-a-quote-is-no-inverted-cue",
    ),
    pytest.param(
        JUNE_2020,
        ["delivered a speech declaring himself"],
        "president of law and order",
        "direct",
        "Donald Trump",
        False,
        id="delivered-a-speech-declaring-is-the-one-who-delivered-it",
    ),
    pytest.param(
        EMERGENCY,
        ["Politico quoted Tim Manning"],
        "FEMA has an important role",
        "direct",
        "Tim Manning",
        False,
        id="x-quoted-y-as-saying-is-y",
    ),
]


def test_a_number_is_never_an_inverted_speaker():
    """'…, claiming 85,000 Americans were unemployed': "85" is no speaker of the claim."""
    rows = attribute(*gold_paragraphs(MAY_2020, "claiming 85,000 Americans"))
    assert not rows["speaker"].str.fullmatch(r"\d+").any()


def test_a_passive_label_names_no_speaker():
    """'he was called a "Democratic socialist" in one publication': not his own words."""
    rows = attribute(*gold_paragraphs(CAMPAIGN, 'was called a "Democratic socialist"'))
    assert row_for(rows, "Democratic socialist")["speaker"] == ""


# sentences in the shape of heldout18's tuning pages (each construction as the page has it)
PAGE_SHAPES = [
    pytest.param(
        [
            "The Houthi delegation met Saudi Arabia's defense minister Prince Khalid bin Salman "
            "during their visit. In a social media post, Prince Khalid referred to those visiting "
            "him as the “Sanaa delegation,” not using the group's formal name."
        ],
        "Sanaa delegation",
        "Khalid bin Salman",
        id="a-first-name-before-a-patronymic-is-the-person-named-before",
    ),
    pytest.param(
        [
            'A militia spokesman, Mushtaq al Hassani, told state TV that his forces were "prepared '
            'to make sacrifices" to destroy the militants.'
        ],
        "prepared to make sacrifices",
        "Mushtaq al Hassani",
        id="a-name-with-a-particle-set-off-by-commas",
    ),
    pytest.param(
        [
            "Another news portal, Ratopati, accused the government of opening fire on protesting "
            'youths, describing the "cowardly action" as “highly deplorable”.'
        ],
        "highly deplorable",
        "Ratopati",
        id="a-one-word-name-after-a-description",
    ),
    pytest.param(
        [
            "Zambia’s main opposition leader Hakainde Hichilema (HH), president of the United Party "
            "for National Development (UPND), has spoken highly of Malawi leader Lazarus Chakwera "
            "describing him as the ‘statesman that Africa needs’."
        ],
        "statesman that Africa needs",
        "Hakainde Hichilema",
        id="describing-him-is-not-said-by-him",
    ),
    pytest.param(
        [
            "Hichilema made a statement on Facebook on Tuesday.",
            "Said Hichilema: “President Chakwera belongs to a new generation of African leaders.”",
        ],
        "President Chakwera belongs",
        "Hichilema",
        id="said-x-colon-opening-a-sentence",
    ),
    pytest.param(
        [
            "Rabuka said any amendment of the 2013 Constitution must be done according to "
            "“proper processes”."
        ],
        "proper processes",
        "Rabuka",
        id="according-to-in-accordance-with-is-no-source",
    ),
    pytest.param(
        ["‘Let’s talk’ – Rabuka hints at ‘national unity’ government for Fiji", "By a reporter"],
        "Let’s talk",
        "Rabuka",
        id="a-headline-quote-then-a-dash-and-a-name",
    ),
    pytest.param(
        [
            "The separatists have attacked Ukrainian troops in Donetsk and Luhansk.",
            "    “Russia has attacked our military infrastructure, our border guards,”",
            "     Volodymyr Zelenskyy reported.",
        ],
        "Russia has attacked",
        "Volodymyr Zelenskyy",
        id="the-next-line-says-who-spoke",
    ),
    pytest.param(
        [
            "Critics accuse Beijing of using the law to stifle the movement.",
            '"People are still fighting on the ground," prominent politician and activist Nathan '
            'Law, who fled Hong Kong soon after the new "national security" law came into effect, '
            "told CBS News.",
        ],
        "People are still fighting",
        "Nathan Law",
        id="a-name-then-a-relative-clause-holding-a-quote",
    ),
    pytest.param(
        [
            "On Friday, August 12, the Malian judiciary charged them with “attempting to undermine "
            "state security” before placing them under a detention order."
        ],
        "attempting to undermine",
        "the Malian judiciary",
        id="charged-with-is-the-charging-body-s-wording",
    ),
]


NEANDERTHALS = "wikinews_2020-06-28_neanderthals-knew-what-they-were-doing-arch-ologist-dr-naomi"
GDANSK = "wikinews_2019-01-14_arrest-made-as-mayor-of-gda-sk-poland-stabbed-on-stage"
JULY_2020 = "wikinews_2020-08-31_on-the-campaign-trail-in-the-usa-july-2020"


@pytest.mark.parametrize(
    ("article", "marker", "quote_start", "speaker"),
    [
        (NEANDERTHALS, "Dr Martisius told Wikinews this was likely", "thicker", "Naomi Martisius"),
        (GDANSK, 'was in a "serious" condition', "serious", "Joachim Brudziński"),
    ],
    ids=["which-were-goes-on-with-the-claim", "and-was-goes-on-with-the-claim"],
)
def test_a_partial_quote_after_a_comma_and_which_or_and_is_the_claim_s(
    article, marker, quote_start, speaker
):
    """'Dr Martisius told Wikinews this was likely due to …, which were "thicker"': the clause
    after ", which" or ", and" still belongs to the claim, so the quote is the speaker's."""
    row = row_for(attribute(*gold_paragraphs(article, marker), actors=True), quote_start)
    assert row["kind"] == "direct"
    assert same_speaker(row["speaker"], row["anonymous"], speaker, False), row["speaker"]


def test_a_noun_after_a_verb_is_no_inverted_cue():
    """'…, West's family reportedly expressed concerns about West's mental state.': "state" is a
    noun, and "concerns about West's mental" no speaker."""
    rows = attribute(*gold_paragraphs(JULY_2020, "mental state"))
    assert "state" not in set(rows["cue"])


def test_he_after_an_unnamed_spokesman_is_the_spokesman():
    """In the shape of a news page: 'according to a Pale Township people's administration
    spokesman.' then '"…," he said.': one unnamed person, however long the description."""
    rows = attribute(
        "A jet dropped three bombs on a monastery, killing 10 villagers, according to a Pale "
        "Township people’s administration spokesman.",
        "“Three women and seven men, including a monk, were killed by the airstrike,” he said.",
    )
    row = row_for(rows, "Three women and seven men")
    assert row["speaker"].endswith("spokesman") and row["anonymous"]


# Rules of the eighth round, from the errors of heldout18's held-out third after its second look
# (sentences in the shape of those pages)
ROUND8 = [
    pytest.param(
        [
            "Kenya’s President William Ruto withdrew the finance bill.",
            "The president now says the bill caused “widespread dissatisfaction” and he has "
            "listened.",
        ],
        "widespread dissatisfaction",
        "William Ruto",
        id="an-adverb-after-the-subject-is-no-part-of-it",
    ),
    pytest.param(
        [
            "Influential Shia cleric Muqtada al-Sadr on Saturday told his followers that they "
            "brought a positive reaction.",
            "“The protests brought positive reactions toward the issue of dissolution of the "
            "Iraqi parliament,” Sadr in the statement told his supporters.",
        ],
        "The protests brought",
        "Muqtada al-Sadr",
        id="a-surname-without-its-article-and-cleric-as-a-title",
    ),
    pytest.param(
        [
            "Iraqi parliamentary speaker Muhammed al-Halbousi on his Twitter account in response "
            "to the call said, “The Iraqi council of representatives represents the people”."
        ],
        "The Iraqi council",
        "Muhammed al-Halbousi",
        id="speaker-is-a-title",
    ),
    pytest.param(
        [
            "Yunus said, \"I told the students, 'I respect and admire you... What you've "
            "accomplished is truly unmatched.'\""
        ],
        "I respect and admire you",
        "Yunus",
        id="told-the-students-then-a-quote-inside-a-quote",
    ),
    pytest.param(
        [
            "The protest reflected the collective sentiment after seven months of conflict.",
            '"The hope that Bar is still alive is what sustains us," shared Ora Rubinstein, the '
            "aunt of Bar Kupershtein.",
        ],
        "The hope that Bar",
        "Ora Rubinstein",
        id="shared-x-after-a-quote",
    ),
]


# Rules of the ninth round, from the errors of heldout19 after its first look (sentences in the
# shape of those pages)
ROUND9 = [
    pytest.param(
        [
            "Thai Prime Minister Prayut Chan-o-cha said on Monday he would stay.",
            "“I am trying to do my best,” Prayut said.",
        ],
        "I am trying",
        "Prayut Chan-o-cha",
        id="a-first-name-alone-is-the-person-named-before",
    ),
    pytest.param(
        [
            "The spokesperson for the Houthis, Yahya Saree, stated today, Tuesday, that the group "
            "targeted a ship.",
            'In the statement, he said: "In solidarity with the Palestinian people, the naval '
            'forces carried out an operation."',
        ],
        "In solidarity",
        "Yahya Saree",
        id="a-time-word-after-a-cue-is-no-inverted-speaker",
    ),
    pytest.param(
        [
            "Bayo Onanuga, the Special Adviser on Information and Strategy, said the President "
            "will return after the Easter holiday.",
            "A statement he signed reads:",
            "“The President left Paris for London at the weekend.",
            "“His return to Abuja will be communicated.”",
        ],
        "The President left Paris",
        "Bayo Onanuga",
        id="a-statement-he-signed-is-his",
    ),
    pytest.param(
        [
            "Kakoma said police had not charged Hichilema by morning. He said the party was "
            "warned that this might happen.",
            "“In the past few days, senior people in the ruling party have been saying that "
            "President Hakainde Hichilema must be arrested,” he said from outside a police station.",
        ],
        "In the past few days",
        "Kakoma",
        id="a-name-inside-the-quote-is-no-antecedent-of-he",
    ),
    pytest.param(
        [
            "BUENOS AIRES, January 10th. Bolivian President Luis Arce called on the countries of "
            "the region to join forces to combat drug trafficking.",
            '"We note that it is urgently necessary to work on the regionalization of the fight '
            'against drug trafficking," the Bolivian leader wrote on X on Tuesday.',
        ],
        "We note that",
        "Luis Arce",
        id="the-bolivian-leader-is-the-person-introduced-as-bolivian",
    ),
    pytest.param(
        [
            'Pointing to the controversies, Ghasemi said the country will continue. "There has '
            'been mistrust between US and Iran," he added.',
            "Iran's spokesman, criticizing US double standard policy, noted that \"they always try "
            'to have new scientific and technical issues at their disposal."',
        ],
        "they always try",
        "Ghasemi",
        id="a-country-s-spokesman-is-the-spokesman-named-before",
    ),
    pytest.param(
        [
            "“The Election Commission’s biased role has already made the electoral atmosphere "
            "questionable,” BNP Joint Secretary General Barkat Ullah Bulu made the allegation in "
            "a press statement this evening."
        ],
        "The Election Commission",
        "Barkat Ullah Bulu",
        id="x-made-the-allegation-after-a-quote",
    ),
]


# round 11, from the sixth set of unseen news pages (heldout21) after its first look: sentences in
# the shape of theirs
ROUND11 = [
    pytest.param(
        [
            "The leader of the opposition claims that Prime Minister Fiame Naomi Mata'afa is "
            "holding on to the top job.",
            'However, Fiame hit back, saying that, "I am not sure what the country is suffering '
            'with."',
        ],
        "I am not sure",
        "Fiame Naomi Mata'afa",
        id="an-apostrophe-inside-a-name-keeps-the-name-whole",
    ),
    pytest.param(
        [
            "PM Anwar encouraged residents to support their state leaders. He praised his strong "
            "relationship with Chief Minister Chow Kon Yeow.",
            "During a meeting with residents, the Prime Minister said, “Penang must give "
            "opportunities to capable leaders.”",
        ],
        "Penang must give",
        "Anwar Ibrahim",
        id="the-prime-minister-is-the-office-holder-mentioned-not-the-chief-minister",
    ),
    pytest.param(
        [
            "Senate resolved to observe a minute of silence.",
            "“His passing is a great loss to the judiciary and to the nation.”- Senate President, "
            "Dr. Abubakar Bukola Saraki.",
        ],
        "His passing",
        "Abubakar Bukola Saraki",
        id="a-title-then-a-name-after-a-dash-signs-the-quote",
    ),
    pytest.param(
        [
            "Opposition leader Bobi Wine was taken to his home outside Kampala, which was "
            "subsequently ‘surrounded by police and the military’, according to his Twitter account."
        ],
        "surrounded by police",
        "Bobi Wine",
        id="his-twitter-account-is-its-owner-s",
    ),
    # round 12, from the seventh set of unseen news pages (heldout22) after its first look
    pytest.param(
        [
            "Emmanuel Macron met Joe Biden in Paris on Monday to discuss the war in Ukraine.",
            "“We will stand with Ukraine for as long as it takes,” the French President said.",
        ],
        "We will stand",
        "Emmanuel Macron",
        id="the-french-president-is-the-french-office-holder-mentioned",
    ),
    pytest.param(
        [
            "Cameroon's long-serving president, 84-year-old Paul Biya, took to social media on "
            'Sunday to condemn "all acts of violence, no matter where they come from".'
        ],
        "all acts of violence",
        "Paul Biya",
        id="a-name-with-its-age-in-apposition",
    ),
    pytest.param(
        [
            "“They used to think that I never existed,” Mujahid told The Express Tribune.",
            "“I was able to escape repeated attacks and their attempts to arrest me,” the "
            "43-year-old said.",
        ],
        "I was able",
        "Mujahid",
        id="the-43-year-old-is-the-person-quoted-just-before",
    ),
]


def test_doubled_single_marks_close_a_quote_where_they_stand():
    """'are “illegal,’’ the agency reported': the quote is "illegal," and no more."""
    rows = attribute(
        "The spokesman said that recent sanctions against the Islamic Republic are “illegal,’’ "
        "the Tasnim News Agency reported on Friday. He said that these sanctions are "
        "“desperate’’ measures."
    )
    assert [q for q in rows["quote"] if q.startswith(("illegal", "desperate"))] == [
        "illegal,",
        "desperate",
    ]
    rows = attribute(
        "As he approached the airport, Khan tweeted that he would stage a sit-in. "
        "‘‘Sharif should have his resignation ready,’’ he said."
    )
    direct = rows[rows["kind"] == "direct"]
    assert direct[["quote", "speaker"]].values.tolist() == [
        ["Sharif should have his resignation ready,", "Khan"]
    ]


def test_a_verb_before_a_title_ends_the_subject():
    """A headline: 'President Fernández downplays Minister Urrejola's audio leak: "…"' (names
    the gazetteer does not know): the subject ends at the verb."""
    rows = attribute(
        "President Fernández downplays Minister Urrejola’s audio leak: “Argentina and Chile are "
        "given to working together, the rest is gossip”"
    )
    assert row_for(rows, "Argentina and Chile")["speaker"] == "Fernández"


def test_a_noun_after_a_possessive_and_an_adjective_is_no_cue():
    """In the shape of a news page: 'Darboe described Barrow's mock remark as "insulting …"':
    "remark" is a noun there, and Darboe describes."""
    rows = attribute(
        "Speaking at a news conference at the party bureau, Darboe described Barrow’s mock remark "
        "as “insulting and low of a president” who is “obsessed with UDP”."
    )
    assert row_for(rows, "insulting and low")["speaker"] == "Darboe"


@pytest.mark.parametrize(
    ("article", "markers", "quote_start", "kind", "speaker", "anon"), ROUND3 + ROUND6 + ROUND7
)
def test_later_rounds_rules_on_the_sentences_they_came_from(
    article, markers, quote_start, kind, speaker, anon
):
    """Rounds 3 to 7 of rules, each on the sentence of a blind-round article it was made from."""
    row = row_for(attribute(*gold_paragraphs(article, *markers), actors=True), quote_start)
    assert row["kind"] == kind
    if speaker is not None:  # the evaluation's test: the same surname, or all the words
        assert same_speaker(row["speaker"], row["anonymous"], speaker, anon), row["speaker"]


ROUND14 = [
    pytest.param(
        [
            "Al Shabaab, which claimed the attack, warned residents to stay away from government "
            "bases.",
            "‘’All Mogadishu residents should bear in mind to keep away from Government bases’’ "
            "said the spokesman of the group, Ali Dheere.",
        ],
        "All Mogadishu residents",
        "Ali Dheere",
        id="a-left-and-a-right-single-mark-open-a-quote",
    ),
    pytest.param(
        [
            "Somalia President Hassan Sheikh Mohamoud condemned the attack saying: ‘’our "
            "resilience will triumph over your brutality.”",
        ],
        "our resilience",
        "Hassan Sheikh Mohamoud",
        id="the-object-of-a-verb-before-saying-does-not-speak",
    ),
    pytest.param(
        [
            "Israeli Prime Minister Benjamin Netanyahu confirmed that his government was engaged "
            "in negotiations.",
            "“We are holding contacts at this very moment,” stated the premier.",
        ],
        "We are holding",
        "Benjamin Netanyahu",
        id="the-premier-is-the-office-holder-mentioned-before",
    ),
    pytest.param(
        [
            "In his speech in Pasay City, Trump congratulated President Rodrigo Duterte for his "
            "“success” as ASEAN chairman this year, during what he described as “a very critical "
            "moment in time and in the association’s history.”",
        ],
        "a very critical",
        "Donald Trump",
        id="he-is-the-subject-of-the-sentence-before-the-person-named-later",
    ),
]


@pytest.mark.parametrize(
    ("paragraphs", "quote_start", "speaker"), PAGE_SHAPES + ROUND8 + ROUND9 + ROUND11 + ROUND14
)
def test_later_rounds_rules_on_sentences_of_the_pages_shape(paragraphs, quote_start, speaker):
    """Rounds 7 to 9, 11 and 14, on sentences in the shape of the news pages they were made from (the pages
    are not the project's)."""
    row = row_for(attribute(*paragraphs, actors=True), quote_start)
    assert row["kind"] == "direct"
    assert same_speaker(row["speaker"], row["anonymous"], speaker, False), row["speaker"]


def test_a_subheading_that_asks_does_not_speak():
    """A page's subheading ending with a question mark ("Narrow majority?") stands between a
    paragraph about the speaker and the quote that stands alone under it: the voice of the
    paragraph above speaks, not the subheading's first word."""
    rows = attribute(
        "After the result, Mr Rabuka said that the low voter turnout came from the difficult "
        "political environment faced by voters.",
        "Narrow majority?",
        "“The FijiFirst Government has been elected to run Government for the next four years.”",
        actors=True,
    )
    assert row_for(rows, "The FijiFirst Government")["speaker"].endswith("Rabuka")


@pytest.mark.parametrize(
    ("paragraphs", "quote_start", "not_speaker"),
    [
        pytest.param(
            [
                "Happy birthday to ‘the foremost political leader of the 21st century’",
                "Prompted by a reporter, Sheinbaum wished a happy birthday to her predecessor.",
            ],
            "the foremost",
            "Happy",
            id="an-adjective-opening-a-heading",
        ),
        pytest.param(
            [
                "Amid rising prices, Nigerians were told to be patient with the reforms.",
                "On Sunday, it also claimed that the administration was focused on “solving "
                "Nigeria's economic and security challenges,” and nothing else.",
            ],
            "solving Nigeria",
            "Amid",
            id="a-preposition-opening-a-sentence",
        ),
        pytest.param(
            [
                "The Adiala jail superintendent Wednesday requested the court to dismiss the "
                "petition filed against him.",
                '"Arrangements are made for prisoners to speak with family," he said.',
            ],
            "Arrangements are made",
            "Wednesday",
            id="a-day-after-a-title",
        ),
    ],
)
def test_a_word_that_is_no_name_is_no_speaker(paragraphs, quote_start, not_speaker):
    """A capital that only opens a sentence or a heading does not make a common word that is not
    a noun ("Happy", "Explaining", "Amid") a name, nor does a title before it make a day one: the
    speaker is then left unresolved rather than made up."""
    row = row_for(attribute(*paragraphs, actors=True), quote_start)
    assert row["kind"] == "direct"
    assert not_speaker not in row["speaker"], row["speaker"]


def test_a_common_word_the_text_uses_as_a_name_stays_a_name():
    """ "Brown" is an adjective in the lexicon, but the text calls a man Gordon Brown inside a
    sentence: "Brown said" opening a sentence is still his."""
    rows = attribute(
        "The former prime minister Gordon Brown spoke at the summit on Tuesday.",
        "Brown said: “We cannot wait for another crisis.”",
    )
    assert row_for(rows, "We cannot wait")["speaker"] in ("Gordon Brown", "Brown")


def test_a_name_inside_the_quote_before_is_not_he():
    """'"… he accused former Peruvian President Pedro Castillo of …," Morales tweeted.' then
    '"Double standards of the right," he added.': "he" is the one who tweeted, not the person
    named inside his words."""
    rows = attribute(
        "“To avoid prosecution, Lasso has dissolved the Congress. Five months ago he accused former "
        "Peruvian President Pedro Castillo of being a coup leader for doing the same,” Morales "
        "tweeted.",
        "“Double standards of the right,” he added.",
        actors=True,
    )
    assert row_for(rows, "Double standards")["speaker"] == "Morales"
