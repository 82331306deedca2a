"""Page furniture: any site's menus, share bars and footers go, the article stays."""

from __future__ import annotations

import textwrap

import pytest

from helpers.ingest import collect_files, read_article
from helpers.ingest.clean import clean_text
from helpers.ingest.furniture import (
    classify_line,
    find_furniture,
    fold_lookalikes,
    repeated_lines,
)
from helpers.ingest.load import Article, load_article
from tests.support import CORPUS, SEED_000, SEED_001

SEED_LINES = SEED_001.read_text(encoding="utf-8").split("\n")
TITLE = SEED_LINES[4]  # "China Comes First: Why NATO's Office in Japan Faces Uncertainty"
PARAGRAPHS = [line for line in SEED_LINES[9:31] if len(line.split()) > 12]
TRANSCRIPT = (
    CORPUS
    / "articles"
    / ("whitehouse_2022-02-12_background-press-call-by-a-senior-administration-official-on.txt")
)

# a page as a browser's select-all and copy gives it: menus, a share bar, the article, a newsletter
# box, related headlines, a comment form and a footer (furniture written for this test)
MENU = ["Skip to main content", "Home", "World", "Asia", "Europe", "Politics", "Business",
        "Opinion", "Sign in", "Subscribe now"]  # fmt: skip
SHARE = ["Share on Facebook", "Share on Twitter", "Email", "Print"]
FOOTER = [
    "Get the latest headlines straight to your inbox every morning.",
    "Sign up for our newsletter",
    "Related stories",
    "Macron says NATO should stay in the North Atlantic",
    "Five things to know about the Vilnius summit",
    "Comments",
    "Leave a reply",
    "Your email address will not be published. Required fields are marked *",
    "About us",
    "Contact",
    "Privacy policy",
    "Terms of use",
    "© 2023 The Harbour Herald. All rights reserved.",
]


def _page(tmp_path, lines, name="paste.txt"):
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "kind", "reason"),
    [
        (PARAGRAPHS[0], "good", ""),  # "Ahead of the NATO summit in Lithuania, it was reported ..."
        ("The expert said.", "short", ""),
        ("Japan, NATO and the Indo-Pacific", "short", ""),
        ("2. Actions of the United States, Germany, France, and China", "near", ""),
        ("See All", "bad", "furniture:navigation"),
        ("Share on Facebook", "bad", "furniture:share"),
        ("Follow us on Twitter and Instagram for the latest news", "bad", "furniture:share"),
        ("Sign up for our newsletter", "bad", "furniture:subscribe"),
        ("Read more: NATO summit opens in Vilnius", "bad", "furniture:related"),
        ("Also Read: PM Netanyahu Says Israel Will Respond", "bad", "furniture:related"),
        ("© 2023 Bangkok Post. All rights reserved.", "bad", "furniture:legal"),
        ("Your email address will not be published.", "bad", "furniture:subscribe"),
        ("Leave a reply", "bad", "furniture:comments"),
        ("Tags: NATO, Japan, France", "bad", "furniture:tags"),
        ("Advertisement", "bad", "furniture:advert"),
        ("print(results)", "short", ""),  # code, not a print button
        ("Trump wrote on Twitter that the talks had failed.", "near", ""),  # news, not a button
        # a short statement naming a platform is news; a call to the reader is a button
        ("Twitter declined to comment.", "short", ""),
        ("Join the newsletter.", "bad", "furniture:subscribe"),
        ("Already have a subscription?", "bad", "furniture:subscribe"),
        # a furniture phrase inside a sentence of the line's own is the sentence's; as a label, or
        # in a line speaking to the reader, it is furniture
        ("Paris and Berlin have more in common on China than they admit.", "good", ""),
        ("Ministers in Tokyo did not jump to conclusions, she said.", "good", ""),
        ("Talks on the treaty continue — Read more here", "bad", "furniture:related"),
        ("Please register or sign in below to leave a comment.", "bad", "furniture:comments"),
        # an e-mail address in a line to the reader; a paywall
        (
            "Got a view on this? Send your letter to letters@example.org.",
            "bad",
            "furniture:navigation",  # (the kind of its furniture word, "view")
        ),
        ("Instant access to every issue, wherever you are.", "bad", "furniture:subscribe"),
        # link texts pasted without spaces are navigation; hashtags are not glued links, and a
        # line of them alone is the page's tags
        ("Related TopicsDefenceJapanPolitics World", "bad", "furniture:navigation"),
        ("#StandWithUkraine #NoWarInEurope #PeaceTalksNow", "bad", "furniture:tags"),
        ("Protesters chanted #StandWithUkraine #NoWarInEurope #PeaceTalksNow", "short", ""),
        # disclosures and notices about the page, even as a long paragraph
        (
            "Disclaimer: the views expressed in this article are those of the author and do not "
            "necessarily reflect the editorial policy of this site, its owners, its advertisers "
            "or any of the organisations named in it, which were not asked for comment before "
            "publication.",
            "bad",
            "furniture:legal",
        ),
        (
            "This post may contain affiliate links: if you buy through them, we may earn a "
            "commission at no extra cost to you.",
            "bad",
            "furniture:notice",
        ),
    ],
)
def test_lines_are_judged_by_their_own_words(line, kind, reason):
    found = classify_line(line)
    assert (found.kind, found.reason) == (kind, reason)


# Third round and later (each marked below): the page's own metadata on a line of its own,
# look-alike letters, credits, calls to the reader (lines made up in the shape of real furniture;
# news-like lines that must stay)
@pytest.mark.parametrize(
    ("line", "kind", "reason"),
    [
        ("2:54pm", "bad", "furniture:metadata"),
        ("10:15 AM EDT", "bad", "furniture:metadata"),
        ("3 March 2023 • 4:10pm", "bad", "furniture:metadata"),
        ("Thursday, 28 April 2022 – 3:55pm", "bad", "furniture:metadata"),
        ("2 months ago", "bad", "furniture:metadata"),
        ("Asked 5 years, 3 months ago", "bad", "furniture:metadata"),
        ("HARBOURHERALD.COM", "bad", "furniture:metadata"),
        ("Release Date:", "bad", "furniture:metadata"),
        ("News date : 04/21/2022    Category : Press Releases", "bad", "furniture:metadata"),
        ("Sorted by: Reset to default", "bad", "furniture:metadata"),
        ("Kontakt", "bad", "furniture:navigation"),
        ("0:15", "short", ""),  # how long a recipe takes, not when
        ("setup.py", "short", ""),  # a file, not a site
        ("Mr.Smith", "short", ""),
        ("Date-night ideas for the weekend", "short", ""),  # a word, not the label "Date -"
        ("Watch-list grows as talks stall", "short", ""),
        # spam written with look-alike letters (Cyrillic а, е, і, о, ѕ, у here) is furniture; read
        # as Latin, its words are judged too
        (
            "Аdvеrtіѕе wіth thе most rеаd news site іn thе rеgіоn tоdау!",
            "bad",
            "furniture:lookalikes",
        ),
        ("Sign up for оur newsletter", "bad", "furniture:subscribe"),  # one Cyrillic о
        # credits name who made the site; the same words inside a sentence do not
        ("Proudly powered by WordPress", "bad", "furniture:credit"),
        ("Site designed by Harbour Studio", "bad", "furniture:credit"),
        ("Our network is powered by volunteers and donations.", "near", ""),
        ("The submarines, powered by nuclear reactors, were designed by Britain.", "good", ""),
        # a call to the reader with a furniture phrase in it
        (
            "Learn how to plan a summit in a week — read the rest of our guide to diplomacy.",
            "bad",
            "furniture:related",
        ),
        ("Read: Ministers meet in Tokyo to discuss the alliance", "bad", "furniture:related"),
        # the fifth round, from the tuning pages of the third set of unseen pages (lines written
        # in the shape of theirs): comment rules, prompts for notifications, apps and money, and
        # a reading time after a byline's dot
        (
            "Comments are moderated and generally will be posted if they are on-topic.",
            "bad",
            "furniture:comments",
        ),
        ("For more information, please see our Comments FAQ", "bad", "furniture:comments"),
        ("Notifications can be managed in browser preferences.", "bad", "furniture:notice"),
        ("Get the free app", "bad", "furniture:subscribe"),
        ("Your support makes all the difference.", "bad", "furniture:subscribe"),
        ("Did our AI summary help?", "bad", "furniture:notice"),
        ("Limited time offer:", "bad", "furniture:subscribe"),
        ("Advertisements", "bad", "furniture:advert"),
        ("Feedback", "bad", "furniture:navigation"),
        ("·1 min read", "bad", "furniture:counter"),
        ("Advertise with The Harbour Herald", "bad", "furniture:advert"),
        (
            "Subscribe for the first month. Support independent journalism by subscribing now.",
            "bad",
            "furniture:subscribe",
        ),
        (
            "Companies that advertise with the broadcaster were asked to pull their spots.",
            "good",
            "",
        ),
        # the sixth round, from the fourth set of unseen pages after its first look
        ("End of content No more pages to load", "bad", "furniture:navigation"),
        ("Your search did not match any articles", "bad", "furniture:notice"),
        ("You don't have javascript enabled. Good luck with that.", "bad", "furniture:notice"),
        ("Do you like the content of this article?", "bad", "furniture:notice"),
        ("You may also be interested in:", "bad", "furniture:related"),
        ("Check Also", "bad", "furniture:related"),
        ("MESSAGE us on WhatsApp for business, advert and publicity", "bad", "furniture:subscribe"),
        (
            "The minister said he may also be interested in running for office next year.",
            "good",
            "",
        ),
        # the seventh round, from the fifth set of unseen pages after its first look
        ("Main Stories", "bad", "furniture:related"),
        ("Reading Time: 2 minutes", "bad", "furniture:metadata"),
        ("You are here: News", "bad", "furniture:navigation"),
        ("ALSO CHECK OUT:", "bad", "furniture:related"),
        ("(photo credit: REUTERS)", "bad", "furniture:credit"),
        ("Manalo_Slovenia presser.jpeg", "bad", "furniture:machinery"),
        ("Already have an account? Sign In", "bad", "furniture:subscribe"),
        (
            "Check out the new rules, the minister told reporters on Monday in the capital.",
            "good",
            "",
        ),
        # the eighth round, from the fifth set after round 7, and the ninth, from the sixth set
        # after its first look (lines in the shape of theirs)
        ("This post is for paying subscribers only", "bad", "furniture:subscribe"),
        ("Previous articleTrain crosses the border into Russia", "bad", "furniture:related"),
        ("Next articleIK asks court to defer contempt hearing", "bad", "furniture:related"),
        ("About Sponsored ContentThis content was commissioned by a bank.", "bad", "furniture:advert"),
        ("450 views Politics 0", "bad", "furniture:counter"),
        ("1d ago", "bad", "furniture:metadata"),
        ("See also  Ministers meet in Tokyo to discuss the alliance", "bad", "furniture:related"),
        ("Similar News:You can also read news stories similar to this one", "bad", "furniture:related"),
        ("End of Article", "bad", "furniture:navigation"),
        (
            "This story has been published from a wire agency feed without modifications to the text.",
            "bad",
            "furniture:notice",
        ),
        (
            "Space to play or pause, M to mute, left and right arrows to seek, up and down arrows "
            "for volume.",
            "bad",
            "furniture:notice",
        ),
        ("Continued article below the video", "bad", "furniture:advert"),
        (
            "Your web browser is no longer supported. To improve your experience update it here",
            "bad",
            "furniture:notice",
        ),
        # the tenth round, from the seventh set after its first look
        ("____", "bad", "furniture:machinery"),
        (
            "Follow AP’s coverage of Latin America and the Caribbean at https://apnews.com/hub/x",
            "bad",
            "furniture:related",
        ),
        ("Be sure to like our Facebook Page: The Harbour Herald for more!", "bad", "furniture:share"),
        ("Powered by:", "bad", "furniture:credit"),
        ("Relevant News", "bad", "furniture:related"),
        ("In this article:", "bad", "furniture:tags"),
        (
            "Error! We're sorry, but the page you were looking for doesn't exist.",
            "bad",
            "furniture:notice",
        ),
        ("Rate this post", "bad", "furniture:comments"),
        ("Ministers in Tokyo did not jump to conclusions", "near", ""),
        ("The McDonald family said it would go to court over the ruling.", "good", ""),
        # and their words in the news stay
        ("The minister thanked donors for their support and their donations.", "good", ""),
        ("Feedback from the talks was positive, the ministry said.", "near", ""),
    ],
)
def test_lines_of_later_rounds(line, kind, reason):
    found = classify_line(line)
    assert (found.kind, found.reason) == (kind, reason)


def test_folding_look_alikes_reads_disguised_words_and_leaves_real_text_alone():
    assert fold_lookalikes("Yоur соntеnt іѕ dеlіvеrеd") == ("Your content is delivered", 3)
    assert fold_lookalikes("ｅｍａｉｌ us") == ("ｅｍａｉｌ us", 0)  # no word mixes: left alone
    assert fold_lookalikes("usｅd") == ("used", 1)  # a full-width ｅ
    # no line of the seeds or the corpus mixes scripts inside a word (curly quotes, accents,
    # names in other scripts stay as they are)
    for path in [SEED_000, SEED_001, *sorted((CORPUS / "articles").glob("*.txt"))]:
        for line in path.read_text(encoding="utf-8").split("\n"):
            assert fold_lookalikes(line) == (line, 0)


@pytest.mark.parametrize(
    "path",
    [SEED_000, SEED_001, *sorted((CORPUS / "articles").glob("*.txt"))],
    ids=lambda p: p.stem[:40],
)
def test_clean_articles_lose_nothing_to_the_classifier(path):
    # the seeds and the corpus articles are no page pastes: no line of theirs is furniture
    cleaned = clean_text(load_article(path))
    assert not cleaned.removed["reason"].str.startswith("furniture:").any()


def test_a_pasted_page_keeps_its_article_and_loses_its_furniture(tmp_path):
    page = [*MENU, *SHARE, "", TITLE, "", "By Jane Doe", "Published 11 July 2023", "",
            *[p for para in PARAGRAPHS for p in (para, "")], *SHARE, *FOOTER]  # fmt: skip
    article, cleaned = read_article(_page(tmp_path, page))
    body = cleaned.body.split("\n")
    assert body == [TITLE, *PARAGRAPHS]
    reasons = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert set(MENU + SHARE + FOOTER) <= set(reasons)
    assert reasons["By Jane Doe"] == "byline" and reasons["Published 11 July 2023"] == "dateline"
    assert reasons["Macron says NATO should stay in the North Atlantic"].startswith("furniture:")
    assert (article.title, article.author, article.date) == (TITLE, "Jane Doe", "2023-07-11")
    assert article.outlet == "The Harbour Herald"


def test_a_short_line_between_paragraphs_stays(tmp_path):
    # a heading, a pull quote and a list item between paragraphs are article, not furniture
    inside = ["Why France objects", "“A big mistake”", "- Tokyo liaison office"]
    page = [*MENU, TITLE, PARAGRAPHS[0], inside[0], PARAGRAPHS[1], inside[1], PARAGRAPHS[2],
            inside[2], PARAGRAPHS[3], *FOOTER]  # fmt: skip
    _, cleaned = read_article(_page(tmp_path, page))
    for line in inside:
        assert line in cleaned.body.split("\n")


def test_the_articles_second_half_after_an_inline_box_stays(tmp_path):
    # a box of related links splits the article; its last paragraphs (fewer words than half of
    # what comes before the box) stay, the box and the footer go
    box = ["Related stories", "Macron says NATO should stay in the North Atlantic",
           "Five things to know about the Vilnius summit"]  # fmt: skip
    page = [*MENU, TITLE, *PARAGRAPHS[:9], *box, *PARAGRAPHS[13:16], *FOOTER]
    _, cleaned = read_article(_page(tmp_path, page))
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:9], *PARAGRAPHS[13:16]]


def test_prose_outside_the_article_that_speaks_to_the_reader_goes(tmp_path):
    # after the article, related teasers (a headline between each two) and a sign-up box written
    # as prose (made up in the shape of real ones): no block of the article's paragraphs
    after = [
        "Related stories",
        "Macron says NATO should stay in the North Atlantic",
        "The French president said the alliance should not look for a role in the Pacific.",
        "Five things to know about the Vilnius summit",
        "Leaders meet in Lithuania on Tuesday with Ukraine's membership high on the agenda.",
        "Join thousands of readers who get our briefing on Asia every morning.",
        "We send one e-mail a day, and you can unsubscribe at any time you like.",
        "Our editors pick the stories that matter most for your work and your region.",
    ]
    page = [*MENU, TITLE, *PARAGRAPHS[:9], *after, *FOOTER]
    _, cleaned = read_article(_page(tmp_path, page))
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:9]]


def test_after_the_article_its_closing_list_stays_and_its_words_to_the_reader_go(tmp_path):
    # a list closing the article stays; a plea to the reader after it goes (made up in the shape of
    # real ones), as does the footer
    closing = ["- Tokyo liaison office", "- Vilnius summit"]
    plea = ["Your support keeps us going", "Help us keep this site free for readers everywhere"]
    page = [*MENU, TITLE, *PARAGRAPHS[:9], *closing, *plea, *FOOTER]
    _, cleaned = read_article(_page(tmp_path, page))
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:9], *closing]
    removed = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert removed["Your support keeps us going"] == "furniture:outside_article"


def test_lines_recurring_in_a_folder_are_furniture_of_that_site(tmp_path):
    # two pastes from one site share their menu and footer, which no vocabulary knows; the same
    # wire story pasted twice shares its prose, which stays
    site = ["The Harbour Herald", "Harbour life", "Ferry times", "Our island"]
    one = _page(tmp_path, [*site, TITLE, *PARAGRAPHS[:4], *site], "one.txt")
    two = _page(tmp_path, [*site, "Another headline here", *PARAGRAPHS[4:8], *site], "two.txt")
    three = _page(tmp_path, ["Talks in Vilnius", *PARAGRAPHS[:4]], "three.txt")
    files = dict(collect_files([tmp_path])[0])
    _, cleaned = read_article(one, overrides=files[one])
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:4]]
    removed = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert removed["Ferry times"] == "furniture:other_files"
    _, wire = read_article(three, overrides=files[three])
    assert wire.body.split("\n") == ["Talks in Vilnius", *PARAGRAPHS[:4]]
    assert two.exists()


def test_the_repeated_lines_enter_the_cache_key(tmp_path):
    # the engine keys each file by its overrides: a new file sharing lines changes the others'
    site = ["Harbour life", "Ferry times"]
    _page(tmp_path, [*site, TITLE, *PARAGRAPHS[:3]], "one.txt")
    _page(tmp_path, ["Another headline", *PARAGRAPHS[3:6]], "two.txt")
    before = dict((p.name, o) for p, o in collect_files([tmp_path])[0])
    _page(tmp_path, [*site, "A third headline", *PARAGRAPHS[6:9]], "three.txt")
    after = dict((p.name, o) for p, o in collect_files([tmp_path])[0])
    assert before["one.txt"] != after["one.txt"]
    assert after["one.txt"]["repeated_lines"] == "ferry times\nharbour life"
    assert before["two.txt"] == after["two.txt"] == {}


def test_repeated_lines_leave_the_same_story_alone():
    story = "\n".join(PARAGRAPHS[:6])
    found = repeated_lines({"a": "Menu one\n" + story, "b": "Menu two\n" + story})
    assert found == {"a": (), "b": ()}


def test_hard_wrapped_text_is_left_to_the_rules():
    lines = [
        "The prayers of the entire world are with the people of Ukraine tonight",
        "as they suffer an unprovoked and unjustified attack by Russian military",
        "forces. President Putin has chosen a premeditated war that will bring a",
        "catastrophic loss of life and human suffering.",
    ]
    assert find_furniture(lines) == {}


def test_a_time_between_paragraphs_goes_and_the_date_is_still_read(tmp_path):
    # the page's metadata lines go wherever they stand, alone: the headline above them and the
    # paragraphs around them stay, and the date under the headline is still read
    meta = ["3 March 2023 • 4:10pm", "HARBOURHERALD.COM", "Release Date:"]
    page = [*MENU, TITLE, "By Jane Doe", meta[0], PARAGRAPHS[0], PARAGRAPHS[1], meta[1],
            PARAGRAPHS[2], meta[2], PARAGRAPHS[3], *FOOTER]  # fmt: skip
    article, cleaned = read_article(_page(tmp_path, page))
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:4]]
    reasons = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert {reasons[line] for line in meta} == {"furniture:metadata"}
    assert (article.date, article.author) == ("2023-03-03", "Jane Doe")
    # a time under the headline and its standfirst does not cut them off
    standfirst = "Paris objects to a NATO office in Tokyo"
    page = [*MENU, TITLE, standfirst, meta[0], *PARAGRAPHS[:4], *FOOTER]
    _, cleaned = read_article(_page(tmp_path, page, "standfirst.txt"))
    assert cleaned.body.split("\n") == [TITLE, standfirst, *PARAGRAPHS[:4]]


def test_a_transcripts_times_stay_in_a_clean_text():
    # with no page around it, "12:53 P.M. EST" is the transcript's own line
    lines = TRANSCRIPT.read_text(encoding="utf-8").split("\n")
    assert "12:53 P.M. EST" in lines
    assert classify_line("12:53 P.M. EST").reason == "furniture:metadata"
    assert find_furniture(lines) == {}


def test_an_authors_note_after_the_article_goes_a_person_of_the_story_stays(tmp_path):
    # "<Name> is the <role> of ..." closing the article is an author's note when the name is in
    # no paragraph above it (made up in the shape of real ones)
    note = (
        "Jane Doe is a freelance writer based in Lisbon. She covers security in East Asia for "
        "several magazines."
    )
    page = [*MENU, TITLE, *PARAGRAPHS[:6], "About the author", note, *FOOTER]
    _, cleaned = read_article(_page(tmp_path, page, "note.txt"))
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:6]]
    reasons = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert reasons[note] == "furniture:bio"
    # such a sentence about Timofeev, named in a paragraph above, closes the story
    assert "Timofeev" in PARAGRAPHS[5]
    story = "Timofeev is the director of programmes at the Valdai Discussion Club in Moscow."
    page = [*MENU, TITLE, *PARAGRAPHS[:6], story, *FOOTER]
    _, cleaned = read_article(_page(tmp_path, page, "story.txt"))
    assert cleaned.body.split("\n")[-1] == story


def test_a_sign_up_box_closing_the_article_goes(tmp_path):
    # a sign-up box written as prose after the article's last paragraph (made up in the shape of
    # real ones): its calls to the reader go with it, the article stays
    box = [
        "Subscribe to our free weekly briefing",
        "Get regular updates on the latest analysis, events and offers at The Harbour Herald.",
        "First-time subscribers also receive a free e-book on the Indo-Pacific!",
    ]
    page = [*MENU, TITLE, *PARAGRAPHS[:6], *box, *FOOTER]
    _, cleaned = read_article(_page(tmp_path, page))
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:6]]
    # a news paragraph naming subscribers after such a box is the story's
    news = "Netflix subscribers rose by eight million in the quarter, the company said on Tuesday."
    page = [*MENU, TITLE, *PARAGRAPHS[:6], box[0], news, *FOOTER]
    _, cleaned = read_article(_page(tmp_path, page, "news.txt"))
    assert cleaned.body.split("\n")[-1] == news


def test_a_read_more_teaser_inside_the_article_does_not_end_it(tmp_path):
    # "READ MORE", one headline, and the article goes on: its last paragraphs stay, however
    # short beside the first part
    page = [*MENU, TITLE, *PARAGRAPHS[:12], "READ MORE",
            "Macron says NATO should stay in the North Atlantic", *PARAGRAPHS[13:15], *FOOTER]  # fmt: skip
    _, cleaned = read_article(_page(tmp_path, page))
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:12], *PARAGRAPHS[13:15]]


def test_a_lone_read_more_link_between_paragraphs_does_not_end_it(tmp_path):
    # a "Read More" link whose headline the paste lost, after the first two paragraphs: the
    # article runs on across it, and its first paragraphs are not left outside
    page = [*MENU, TITLE, *PARAGRAPHS[:2], "Read More", *PARAGRAPHS[2:12], *FOOTER]
    _, cleaned = read_article(_page(tmp_path, page))
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:12]]
    reasons = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert reasons["Read More"] == "furniture:related"


def test_a_dated_teaser_above_the_headline_is_neither_title_nor_date(tmp_path):
    # a sidebar's headline and its date above the article's own headline and date: the title
    # and the date are the ones nearest the article, the teaser goes as a related story
    teaser = "Macron says NATO should stay in the North Atlantic"
    page = ["More Top Stories", "", "World", "Asia", "", teaser, "", "11 November 2022", "",
            TITLE, "", "Thursday 13 July 2023 | Published in World", "", "Share", "",
            *[p for para in PARAGRAPHS[:10] for p in (para, "")], *FOOTER]  # fmt: skip
    article, cleaned = read_article(_page(tmp_path, page))
    assert (article.title, article.date) == (TITLE, "2023-07-13")
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:10]]
    reasons = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert reasons[teaser] == reasons["11 November 2022"] == "furniture:related"


def test_the_headline_above_an_app_prompt_and_a_video_title_stays(tmp_path):
    # a long headline, an app prompt, a video's title and length, then the article: the headline
    # is the title, though a shorter line is kept between it and the article
    video = ["Impact of the liaison office on the alliance", "How NATO's office works 06:24"]
    page = ["Watch The Harbour Herald", "", TITLE + " as Paris and Beijing object to the plan", "",
            "get the free app", *video, "", *PARAGRAPHS[:10], *FOOTER]  # fmt: skip
    article, cleaned = read_article(_page(tmp_path, page))
    assert article.title == TITLE + " as Paris and Beijing object to the plan"
    assert cleaned.body.split("\n")[0] == article.title


def test_short_furniture_lines_in_a_row_do_not_make_a_page_hard_wrapped(tmp_path):
    # a page of long paragraphs, then a comment box, a byline widget and teasers that stop
    # without a full stop: its short lines stopping mid-sentence are no wrapped prose, so the line
    # classifier still runs and the comment box goes
    teasers = [(p[:50].rsplit(" ", 1)[0], p[:95].rsplit(" ", 1)[0] + "…") for p in PARAGRAPHS[4:12]]
    page = ["Politics", "", TITLE, "", *[p for para in PARAGRAPHS[:3] for p in (para, "")],
            "Leave a Comment", "Share", "Published by", "R", "", "Recent Posts", "",
            *[t for title, summary in teasers for t in (title, "", summary, "", "5 hours ago", "")]]  # fmt: skip
    _, cleaned = read_article(_page(tmp_path, page))
    reasons = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert reasons.get("Leave a Comment") == "furniture:comments"
    assert cleaned.body.split("\n")[:4] == [TITLE, *PARAGRAPHS[:3]]


def test_teasers_cut_off_by_an_ellipsis_go_when_there_are_two(tmp_path):
    # related stories shown as a line cut off mid-sentence with "…": two or more on a page are
    # teasers wherever they stand; one alone may be the article's own
    cut = [p[:90].rsplit(" ", 1)[0] + "…" for p in PARAGRAPHS[10:12]]
    page = ["World", "", TITLE, "", *PARAGRAPHS[:8], "", cut[0], "", cut[1], "", *FOOTER]
    _, cleaned = read_article(_page(tmp_path, page))
    reasons = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert reasons[cut[0]] == reasons[cut[1]] == "furniture:related"
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:8]]
    one = ["World", "", TITLE, "", *PARAGRAPHS[:8], "", cut[0]]
    _, cleaned = read_article(_page(tmp_path, one))
    assert cut[0] not in set(cleaned.removed["text"])


def test_a_list_of_headlines_after_the_article_goes_unless_the_article_introduces_it(tmp_path):
    # other stories after the article: headlines and teasers cut short, none ending a sentence
    others = [p[:70].rsplit(" ", 1)[0] for p in PARAGRAPHS[10:14]]
    page = [TITLE, "", *PARAGRAPHS[:8], "", *others]
    _, cleaned = read_article(_page(tmp_path, page))
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:8]]
    # videos' headlines, each under its length: the lengths do not break the list
    videos = [line for other in others[:3] for line in ("01:08", other)]
    _, cleaned = read_article(_page(tmp_path, [TITLE, "", *PARAGRAPHS[:8], *videos]))
    assert cleaned.body.split("\n") == [TITLE, *PARAGRAPHS[:8]]
    # the same lines under "... read about:" are the article's own closing list
    page = [TITLE, "", *PARAGRAPHS[:8], "Read about the other members of the alliance:", *others]
    _, cleaned = read_article(_page(tmp_path, page))
    assert cleaned.body.split("\n")[-4:] == others


def test_a_count_under_the_headline_does_not_cut_it_off(tmp_path):
    headline = "Tokyo and Paris will meet eventually despite not sharing identical views, says Kishida"
    page = ["HarbourPress, en Español", "", "Montevideo, May 18th 2024 - 06:16 UTC", "", "",
            "", headline, "", "Monday, May 13th 2024 - 10:55 UTC", "Full article 0 comments",
            "Kishida speaks to the press every morning Kishida speaks to the press every morning",
            "", *[p for para in PARAGRAPHS[:8] for p in (para, "")], *FOOTER]  # fmt: skip
    _, cleaned = read_article(_page(tmp_path, page))
    assert cleaned.body.split("\n")[0] == headline
    assert "Full article 0 comments" in set(cleaned.removed["text"])


def test_the_page_label_of_an_otherwise_clean_text_goes_a_transcripts_time_stays(tmp_path):
    page = [TITLE, "Reading Time: 2 minutes", *PARAGRAPHS[:6], "12:53 P.M. EST", *PARAGRAPHS[6:9]]
    _, cleaned = read_article(_page(tmp_path, page))
    reasons = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert reasons == {"Reading Time: 2 minutes": "furniture:metadata"}


def test_the_furniture_closing_a_hard_wrapped_text_goes():
    # a wire story wrapped at 60 characters, pasted with its blog's comment box under it
    wrapped = textwrap.wrap(" ".join(PARAGRAPHS[:4]), 60)
    text = "\n".join([*wrapped, "Newsday", "0 comments:", "Post a Comment"])
    cleaned = clean_text(Article(article_id="w", source_path="w.txt", text=text, sha256="0"))
    reasons = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert reasons == {
        "Newsday": "furniture:outside_article",
        "0 comments:": "furniture:comments",
        "Post a Comment": "furniture:comments",
    }
    assert " ".join(cleaned.body.split()) == " ".join(wrapped)  # (every line of the story kept)


def test_an_image_source_line_is_a_credit(tmp_path):
    page = [TITLE, "Image source: Static01.nyt.com", *PARAGRAPHS[:6]]
    _, cleaned = read_article(_page(tmp_path, page))
    reasons = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert reasons == {"Image source: Static01.nyt.com": "boilerplate:photo_credit"}


def test_round_eleven_furniture_goes_wherever_it_stands(tmp_path):
    """The furniture of the eighth set's first look, in its own words: a line of hashtags, a rating
    widget, a like counter, a typo-report notice, a teaser label, a blog's heading over its
    comments and its date-and-category line, adverts' image names."""
    furniture = {
        "#Ethiopian #Army #clashes #rebels #Latest #News #Video": "furniture:tags",
        "No votes so far! Be the first to rate this post.": "furniture:comments",
        "%d bloggers like this:": "furniture:share",
        "If you notice a spelling mistake, select it with the mouse and press Ctrl+Enter.": (
            "furniture:notice"
        ),
        "It may interest you: Election results LIVE | Minute by minute": "furniture:related",
        "One thought on “Lula was taken by surprise by the decision”": "boilerplate:comments",
        "Posted on Posted inPolitics": "boilerplate:byline",
        "Playa-Linda-Ad": "furniture:advert",
    }
    page = [TITLE, "Posted on Posted inPolitics", *PARAGRAPHS[:3], "Playa-Linda-Ad",
            *PARAGRAPHS[3:6], *[line for line in furniture if "Posted on" not in line and
                                "Playa" not in line]]  # fmt: skip
    _, cleaned = read_article(_page(tmp_path, page))
    reasons = dict(zip(cleaned.removed["text"], cleaned.removed["reason"], strict=True))
    assert reasons == furniture
    assert all(p in cleaned.body for p in PARAGRAPHS[:6])


@pytest.mark.parametrize(
    "line",
    [
        "Germany will be the first to ratify the treaty, the minister said on Monday.",
        "He gave his thoughts on the matter to reporters in Ankara on Monday evening.",
        "Anti-government protesters marched through the capital.",
    ],
)
def test_round_eleven_words_inside_a_sentence_stay(line):
    assert classify_line(line).reason == ""


def test_a_legal_phrase_inside_a_quotation_is_the_speakers(tmp_path):
    """'"… governed by the usual terms and conditions. …," Sitiveni Rabuka said.' is the
    article's: a legal phrase inside a quotation is not the page's notice."""
    quote = (
        "“The policy which represents virtual permanent employment across the public service is "
        "governed by the usual terms and conditions. We look forward to improve morale and "
        "productivity once this policy is fully implemented,” the prime minister said."
    )
    _, cleaned = read_article(_page(tmp_path, [TITLE, *PARAGRAPHS[:4], quote, *PARAGRAPHS[4:6]]))
    assert quote in cleaned.body
    assert classify_line("Use of this site constitutes acceptance of our terms and conditions.").reason == "furniture:legal"
