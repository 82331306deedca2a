"""helpers.views.report: report.html embeds the figures, escapes the text, and is deterministic."""

from __future__ import annotations

from helpers.views.report import render_report, report_images, write_report


def test_report_embeds_plots_escapes_text_and_is_deterministic(kit):
    tables = dict(kit)
    tables["articles"] = kit["articles"].assign(
        title=lambda f: f["title"] + " <script>alert(1)</script>"
    )
    images = report_images(tables)
    assert {"actor_counts", "country_sentiment", "quote_kinds", "speaker_network"} <= set(images)
    page = render_report(tables, images=images)
    assert page.count("<img ") == len(images) and page.count("data:image/png;base64,") == len(
        images
    )
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page
    assert render_report(tables, images=report_images(tables)) == page


def test_report_on_the_real_pipeline(seed_tables, tmp_path):
    page = write_report(seed_tables, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Establishment of NATO Tokyo liaison office" in page
    assert page == write_report(seed_tables, tmp_path / "again.html").read_text(encoding="utf-8")
