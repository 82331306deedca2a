"""helpers.views.explorers: explorers follow the filters; tables are offline and escaped; exports are safe."""

from __future__ import annotations

import openpyxl

from helpers.views import widgets


def test_actor_explorer_follows_the_filters(kit):
    explorer = widgets.actor_explorer(kit)
    assert explorer.table["actor"].iloc[0] == "China" and explorer.table["mentions"].iloc[0] == 43
    explorer.panel.country.value = "FRA"
    assert explorer.table["actor"].tolist() == ["France", "Emmanuel Macron"]
    by, top = explorer.controls
    by.value = "outlet"
    legend = [t.get_text() for t in explorer.ax.get_legend().get_texts()]
    assert legend == ["Sputnik International", "DEVNET JAPAN"]  # France + Macron: 24 vs 17 mentions
    explorer.panel.outlet.value = "Sputnik International"
    assert explorer.table["mentions"].tolist() == [17, 7]  # France 17 times, Macron 7 times in 001


def test_sentiment_and_quote_explorers(kit):
    sentiment = widgets.sentiment_explorer(kit)
    assert set(sentiment.table["level"]) == {"all"}
    sentiment.controls[0].value = "outlet"
    assert set(sentiment.table["outlet"]) == {"DEVNET JAPAN", "Sputnik International"}
    quotes = widgets.quote_explorer(kit)
    assert len(quotes.table) == len(kit["attributions"])
    quotes.panel.kind.value = "according_to"
    assert quotes.table["speaker"].tolist() == ["Pavel Timofeev"]
    quotes.controls[0].value = "network"
    assert quotes.ax.get_title().startswith("Who speaks about whom")


def test_export_buttons_neutralise_formulas(kit, tmp_path):
    # Seed 000's first sentence starts with "- ": a spreadsheet would read it as a formula.
    frame = kit["sentences"][["article_id", "sentence_id", "text"]].head(3)
    buttons = widgets.export_buttons(lambda: frame, stem="../sentences", folder=tmp_path)
    buttons.csv_button.click()
    text = (tmp_path / "sentences.csv").read_text(encoding="utf-8")
    assert "'- Establishment of NATO Tokyo liaison office" in text
    buttons.excel_button.click()
    sheet = openpyxl.load_workbook(tmp_path / "sentences.xlsx").active
    assert sheet["C2"].value.startswith("'- Establishment") and sheet["A1"].value == "article_id"
    assert "download" in buttons.status.value and buttons.last_path == tmp_path / "sentences.xlsx"


def test_tables_are_offline_and_escaped(kit):
    page = widgets.table_html(kit["attributions"].assign(quote="<img src=x onerror=alert(1)>"))
    assert "unpkg" not in page and "cdn." not in page and "jsdelivr" not in page
    assert "<img src=x" not in page


def test_tables_show_rounded_numbers_and_give_quotes_room(kit):
    sentiment = widgets.sentiment_explorer(kit)
    page = widgets.table_html(sentiment.table)
    polarity = float(sentiment.table["polarity"].iloc[0])
    assert str(round(polarity, 3)) in page and str(polarity) not in page  # 3 decimals, not 16
    assert sentiment.table["polarity"].iloc[0] == polarity  # the table itself keeps every digit
    quotes = widgets.quote_explorer(kit)
    page = widgets.table_html(quotes.table, hidden=quotes.hidden)
    # The quote column gets a share of the width; three columns are off screen, not lost.
    assert '"className": "irkit-text"' in page and '"width": "45%"' in page
    assert '"visible": false' in page and "tex2jax_ignore" in page
    assert set(quotes.hidden) == {"sentence_id", "speaker_country", "refs"}
    assert set(quotes.hidden) <= set(quotes.table.columns)  # the export keeps them


def test_long_article_ids_are_cut_on_screen_only(kit):
    frame = kit["attributions"].assign(
        article_id="wikinews_2019-03-28_thousands-march-in-anti-brexit-protest-london"
    )
    page = widgets.table_html(frame)
    assert "wikinews_2019-03-28…" in page and "anti-brexit" not in page
