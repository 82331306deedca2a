"""What a teacher and students see in a real browser: the Voilà dashboard and the notebooks in Lab.

Widgets that pass the Python tests can still render blank (a missing labextension, a JS error, a
comm that never opens), and what gets in the way in class is the view itself (a pink stderr box, a
plot below the fold, a labeller that keeps the last answer). So these tests serve the real
notebooks with Voilà and JupyterLab on free loopback ports, each in a copy of the kit
(``IRKIT_ROOT``: uploads and labels never touch the checkout) and with the notebooks' kernel
running this interpreter, and drive Debian's Chromium with playwright. Requests to other hosts are
aborted (the tests run offline); Voilà's page asks a CDN for Font Awesome CSS, and those failures
are the only console errors tolerated. Skipped when Chromium is not installed.
"""

from __future__ import annotations

import csv
import re
import time

import pytest

from tests.browser_support import (
    BROKEN_WIDGET,
    CHROMIUM_ARGS,
    ROOT,
    ConsoleLog,
    block_external,
    copy_notebooks,
    find_chromium,
    fit_viewport,
    lab_server,
    run_all_cells,
    running_kernels,
    shutdown_sessions,
    snapshot,
    voila_server,
    wait_for_change,
)

CHROMIUM = find_chromium()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no Chromium at /usr/bin/chromium or on PATH (Debian: apt-get install chromium)",
    ),
]
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)

DASHBOARD = "dashboard.ipynb"
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
MS = 1000  # playwright counts in milliseconds
PAGE_TIMEOUT = 90  # s: a kernel start plus an analysis (cold cache), with room for a busy machine
RUN_ALL_TIMEOUT = 300  # s: notebook 05 analyses the corpus
VIEWPORT = {"width": 1440, "height": 1000}
PROJECTOR = {"width": 1280, "height": 720}
#: The test server culls a kernel whose page went away without saying so after this many seconds
#: idle (voila.json: five minutes); the check runs every CULL_INTERVAL seconds. Not less: a kernel
#: still running the notebook before its page connects must never be culled, and on a busy
#: machine that can take half a minute.
CULL_IDLE = 60
CULL_INTERVAL = 5


# --- fixtures: one server of each kind per module, a fresh browser page per test ------------------


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


def _new_page(browser, viewport):
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(30 * MS)
    page = context.new_page()
    block_external(page)
    return context, page


@pytest.fixture
def page(browser, tmp_path):
    context, page = _new_page(browser, VIEWPORT)
    yield page
    try:  # what the page looked like at the end, to read when a test failed
        page.screenshot(path=tmp_path / "last-page.png", full_page=True, timeout=10 * MS)
    except sync_api.Error:
        pass
    # As a browser tab closing: the page's unload handlers run (Voilà asks to end its kernel).
    if not page.is_closed():
        page.close(run_before_unload=True)
    context.close()


@pytest.fixture
def console(page):
    log = ConsoleLog()
    log.attach(page)
    return log


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("voila")
    notebooks = copy_notebooks(tmp, [DASHBOARD])
    culling = (
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL}",
    )
    with voila_server(notebooks / DASHBOARD, tmp, tmp=tmp, extra=culling) as srv:
        srv.root = tmp
        yield srv


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lab")
    copy_notebooks(tmp / "root", NOTEBOOKS)
    with lab_server(tmp / "root", tmp=tmp) as srv:
        srv.root = tmp / "root"
        yield srv


# --- helpers -----------------------------------------------------------------------------------


def control(scope, label: str):
    """The <select> of the ipywidgets control whose description is ``label`` (in a page or in a
    region of it)."""
    page = getattr(scope, "page", scope)  # a Locator knows its page; a Page is one
    name = page.locator("label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    boxes = scope.locator(".widget-dropdown, .widget-select-multiple, .widget-select")
    return boxes.filter(has=name).first.locator("select")


def upload(page, button, path) -> None:
    """Choose ``path`` with an ipywidgets upload ``button``, as a user does in the file dialog."""
    with page.expect_file_chooser() as chooser:
        button.click()
    chooser.value.set_files(str(path))


def option_labels(select) -> list[str]:
    """The options a <select> shows, without "(all)", as the page has them (ipywidgets writes
    spaces as no-break spaces: ``select_option(label=...)`` needs them so)."""
    labels = select.locator("option").all_inner_texts()
    return [label.strip() for label in labels if label.strip() != "(all)"]


def readable(label: str) -> str:
    """An option label with ordinary spaces, to compare with text."""
    return label.replace("\xa0", " ")


def open_dashboard(page, voila) -> None:
    """Load the Voilà page and wait until the filters and at least one plot are on it."""
    page.goto(voila.url + "/", timeout=PAGE_TIMEOUT * MS, wait_until="domcontentloaded")
    wait_for_dashboard(page)


def wait_for_dashboard(page) -> None:
    # Drawn, or failed: a cell's traceback is on the page (Voilà runs with show_tracebacks).
    page.wait_for_function(
        """() => (document.querySelector('.widget-select-multiple select') !== null
                  && document.querySelectorAll('img').length > 0)
                 || /Traceback|Error displaying widget/.test(document.body.innerText)""",
        timeout=PAGE_TIMEOUT * MS,
    )
    assert_widgets_rendered(page.locator("body"))


def assert_widgets_rendered(region) -> None:
    """Fail with the surrounding text when a widget shows an error instead of itself."""
    text = region.inner_text()
    broken = BROKEN_WIDGET.search(text)
    if broken is not None:
        # The whole traceback: its last line (the exception) says why ("Kernel died", ...).
        excerpt = text[max(0, broken.start() - 300) : broken.end() + 4000]
        pytest.fail(f"a widget did not render:\n{excerpt}")


def wait_until(condition, *, timeout: float, what: str, every: float = 0.5):
    """Poll ``condition()`` until it returns something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"timed out after {timeout:.0f} s waiting until {what}")


# --- the error filter itself ---------------------------------------------------------------------


def test_console_log_tolerates_only_failures_of_other_hosts(page, console):
    # What Voilà's page does offline (a CDN stylesheet) next to two real faults: a script error
    # and a missing file on the page's own server.
    page.set_content(
        """<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/x/all.min.css">
        <img src="http://127.0.0.1:9/missing.png">
        <script>throw new Error("widget view failed")</script>"""
    )
    page.wait_for_timeout(500)
    assert any("cdn.jsdelivr.net" in line for line in console.ignored)
    assert any("widget view failed" in line for line in console.errors)
    assert any("127.0.0.1:9/missing.png" in line for line in console.errors)
    assert not any("cdn.jsdelivr.net" in line for line in console.errors)


# --- Voilà ---------------------------------------------------------------------------------------


def test_dashboard_loads_with_filters_and_no_console_errors(page, console, voila, tmp_path):
    open_dashboard(page, voila)
    body = page.locator("body")
    page.wait_for_timeout(1500)  # late errors: comms opening, images decoding
    assert_widgets_rendered(body)
    for label in ("Articles", "Outlet", "Actor type", "Country", "Show"):
        assert control(page, label).count() == 1, f"control {label!r} missing from the dashboard"
    text = body.inner_text()
    # The dashboard hides the code; the seeds' dangling footnote is a note, not a traceback.
    assert "widgets.dashboard(" not in text and "1 note on the articles" in text
    shot = tmp_path / "dashboard.png"
    fit_viewport(page)
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 10_000
    assert console.errors == [], "\n".join(console.errors)
    print(f"\nscreenshot: {shot}; ignored offline failures: {len(console.ignored)}")


def test_dashboard_on_a_projector_shows_a_plot_above_the_fold(browser, voila, tmp_path):
    context, page = _new_page(browser, PROJECTOR)
    try:
        open_dashboard(page, voila)
        page.wait_for_timeout(1000)
        page.screenshot(path=tmp_path / "projector.png")
        plot = page.locator(".widget-tab img").first.bounding_box()
        # At least two thirds of the first plot on screen without scrolling (it used to start
        # at the bottom edge, under the filters and the tabs).
        visible = min(plot["y"] + plot["height"], PROJECTOR["height"]) - plot["y"]
        assert visible >= 2 / 3 * plot["height"], plot
        # Every article label fits its list (the date used to be cut: "… 2023-07").
        widths = page.evaluate(
            """() => {
              const select = document.querySelector('.widget-select-multiple select');
              const ctx = document.createElement('canvas').getContext('2d');
              ctx.font = getComputedStyle(select).font;
              return {box: select.clientWidth - 8,
                      labels: [...select.options].map((o) => [o.text, ctx.measureText(o.text).width])};
            }"""
        )
        cut = [readable(label) for label, width in widths["labels"] if width > widths["box"]]
        assert cut == [], f"labels wider than the list ({widths['box']} px): {cut}"
        assert all(readable(label).endswith(("06-06", "07-11")) for label, _ in widths["labels"])
        hint = page.get_by_text("Ctrl-click", exact=False).first
        assert hint.is_visible() and hint.bounding_box()["y"] < PROJECTOR["height"]
    finally:
        page.close(run_before_unload=True)
        context.close()


def test_choosing_another_article_changes_table_and_plot(page, console, voila):
    open_dashboard(page, voila)
    body = page.locator("body")
    articles = control(page, "Articles")
    values = option_labels(articles)
    assert len(values) >= 2, f"the dashboard lists {len(values)} article(s); the seeds are two"
    before = snapshot(body)
    articles.select_option(label=values[0])
    first = wait_for_change(body, before)
    assert first.tables != before.tables, "the tables did not change when one article was chosen"
    assert first.images != before.images, "the plots did not change when one article was chosen"
    articles.select_option(label=values[1])
    second = wait_for_change(body, first)
    assert second.tables != first.tables, "the tables are the same for both articles"
    assert second.images != first.images, "the plots are the same for both articles"
    assert console.errors == [], "\n".join(console.errors)


def test_choosing_another_country_changes_table_and_plot(page, console, voila):
    open_dashboard(page, voila)
    body = page.locator("body")
    country = control(page, "Country")
    countries = option_labels(country)
    assert len(countries) >= 2, f"the country filter offers {countries}; the seeds name more"
    # Japan and China are central to both seeds (the NATO office in Tokyo; China's reaction).
    wanted = [c for c in countries if c.endswith(("(JPN)", "(CHN)"))]
    first, second = wanted if len(wanted) == 2 else countries[:2]
    before = snapshot(body)
    country.select_option(label=first)
    actors = wait_for_change(body, before)
    assert actors.tables != before.tables, f"the actor table did not change for {first}"
    assert actors.images != before.images, f"the actor plot did not change for {first}"
    # The per-country sentiment tab catches up with the filter when it is shown ...
    page.locator(".lm-TabBar-tab", has_text="Tone per country").click()
    tone_first = wait_for_change(body, actors)
    assert tone_first.images != actors.images, "the sentiment tab did not draw its plot"
    # ... and follows the next change itself.
    country.select_option(label=second)
    tone_second = wait_for_change(body, tone_first)
    assert tone_second.tables != tone_first.tables, f"{first} and {second}: same sentiment table"
    assert tone_second.images != tone_first.images, f"{first} and {second}: same sentiment plot"
    assert_widgets_rendered(body)
    assert console.errors == [], "\n".join(console.errors)


def test_a_teacher_picks_another_article_set_and_uploads_without_editing_code(page, console, voila):
    open_dashboard(page, voila)
    articles, sets = control(page, "Articles"), control(page, "Show")
    seeds_only = next(s for s in option_labels(sets) if readable(s).startswith("the seed art"))
    sets.select_option(label=seeds_only)
    status = page.locator(".widget-html", has_text="article(s) from")
    status.filter(has_text="from seeds/ in").wait_for(timeout=PAGE_TIMEOUT * MS)
    assert len(option_labels(articles)) == 2
    # A Wikinews article, uploaded through the button: saved into data/articles/ of the copy and
    # analysed at once, behind the progress bar (the page never needs a reload).
    article = next((ROOT / "data" / "corpus" / "articles").glob("wikinews_2019-03-28_*.txt"))
    # The progress bar may show for a second only: watch the page for it.
    page.evaluate(
        """() => {
          window.sawProgress = false;
          const look = () => {
            for (const bar of document.querySelectorAll('.widget-hprogress')) {
              if (bar.offsetParent !== null) window.sawProgress = true;
            }
          };
          new MutationObserver(look).observe(document.body,
            {subtree: true, childList: true, attributes: true});
        }"""
    )
    upload(page, page.locator(".widget-upload").first, article)
    wait_until(
        lambda: len(option_labels(control(page, "Articles"))) == 3,
        timeout=PAGE_TIMEOUT,
        what="the uploaded article is in the Articles list",
    )
    assert (voila.root / "data" / "articles" / article.name).is_file()
    assert "Articles added (1)" in page.locator(".widget-upload").inner_text()
    assert page.evaluate("window.sawProgress"), "no progress bar while the analysis ran"
    assert page.locator(".widget-hprogress").first.is_hidden()  # and gone when it is done
    assert_widgets_rendered(page.locator("body"))
    assert console.errors == [], "\n".join(console.errors)


def test_the_dashboard_leaves_no_kernel_behind(browser, voila):
    """A page load starts a kernel; a reload or a closed tab must end it (it used to stay)."""
    ends_within = CULL_IDLE + 5 * CULL_INTERVAL + 30
    # The other tests' pages are closed: their kernels end too, and the server is quiet.
    wait_until(
        lambda: running_kernels(voila) == [],
        timeout=ends_within,
        what="the earlier tests' kernels end",
    )
    start = running_kernels(voila)
    context, page = _new_page(browser, VIEWPORT)
    open_dashboard(page, voila)
    first = wait_until(
        lambda: (k := running_kernels(voila)) and len(k) == len(start) + 1 and k,
        timeout=30,
        what="the page has its kernel",
    )
    # The old page's kernel ends: the page's unload handler asks Voilà to shut it down (that
    # request was refused for a missing _xsrf cookie), or the server culls it once it has no page.
    t0 = time.monotonic()
    page.reload(wait_until="domcontentloaded")
    wait_for_dashboard(page)
    after_reload = wait_until(
        lambda: (k := running_kernels(voila)) and len(k) == len(start) + 1 and k != first and k,
        timeout=ends_within,
        what="the reloaded page's old kernel ends",
    )
    reload_s = time.monotonic() - t0
    t0 = time.monotonic()
    page.close(run_before_unload=True)
    wait_until(
        lambda: running_kernels(voila) == start,
        timeout=ends_within,
        what="the closed page's kernel ends",
    )
    close_s = time.monotonic() - t0
    # A tab that goes away without a word (a crashed browser, a laptop lid): culled once idle.
    page = context.new_page()
    block_external(page)
    open_dashboard(page, voila)
    wait_until(lambda: len(running_kernels(voila)) == len(start) + 1, timeout=30, what="a kernel")
    t0 = time.monotonic()
    context.close()  # no unload handler runs
    wait_until(
        lambda: running_kernels(voila) == start,
        timeout=ends_within,
        what="the silent page's kernel is culled",
    )
    cull_s = time.monotonic() - t0
    print(
        f"\nkernels: {len(start)} before; {first} after a load; {after_reload} after a reload"
        f" ({reload_s:.1f} s); back to {len(start)} {close_s:.1f} s after closing; a page closed"
        f" without unloading culled after {cull_s:.1f} s (idle limit {CULL_IDLE} s here)"
    )


# --- JupyterLab ----------------------------------------------------------------------------------


def open_and_run_all(page, lab, name: str) -> None:
    """Open notebook ``name`` in the test's Lab, Run All Cells, wait until every cell ran."""
    run_all_cells(page, lab.url, name, timeout=RUN_ALL_TIMEOUT)


def assert_no_stderr_box_or_traceback(page, name: str) -> None:
    """No pink stderr box (students read it as an error) and no error output in the notebook."""
    # Lab keeps every cell in the page (it only skips painting those off screen).
    boxes = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
    assert boxes.count() == 0, f"{name}: stderr boxes: {boxes.all_inner_texts()}"
    assert errors.count() == 0, f"{name}: errors: {errors.all_inner_texts()}"
    assert_widgets_rendered(page.locator(".jp-Notebook"))


def cell_output(page, source: str):
    """The output area of the code cell whose source contains ``source``."""
    cell = page.locator(".jp-CodeCell").filter(has_text=source)
    assert cell.count() >= 1, f"no cell with {source!r}"
    output = cell.first.locator(".jp-OutputArea").first
    output.scroll_into_view_if_needed()
    return output


@pytest.fixture
def notebook_page(page, console, lab):
    """A page for one notebook; its kernel is shut down afterwards (Lab keeps it otherwise)."""
    yield page
    assert console.errors == [], "\n".join(console.errors)
    shutdown_sessions(lab)


@pytest.mark.parametrize(
    "name", [n for n in NOTEBOOKS if n[:2] in ("00", "05")], ids=lambda n: n[:2]
)
def test_run_all_shows_no_stderr_box_and_no_traceback(notebook_page, lab, name):
    open_and_run_all(notebook_page, lab, name)
    assert_no_stderr_box_or_traceback(notebook_page, name)
    # The problems the analysis found are a collapsible note instead.
    assert notebook_page.locator("details", has_text="note on the articles").count() >= 1


def test_03_shows_numbers_rounded(notebook_page, lab):
    open_and_run_all(notebook_page, lab, "03-sentiment-per-country.ipynb")
    assert_no_stderr_box_or_traceback(notebook_page, "03")
    output = cell_output(notebook_page, "country_scores.query(\"level == 'article'\")")
    output.locator("table").first.wait_for()
    text = output.text_content()
    # Polarities and intervals read 0.05, not 0.048798 (pandas' six decimals).
    assert re.search(r"\d\.\d\d", text) and not re.search(r"\d\.\d{3,}", text), text[:400]


def test_01_shows_regular_expressions_as_typed(notebook_page, lab):
    open_and_run_all(notebook_page, lab, "01-load-and-clean.ipynb")
    assert_no_stderr_box_or_traceback(notebook_page, "01")
    output = cell_output(notebook_page, "load_patterns()")
    output.locator("table").first.wait_for()  # Lab draws outputs as they scroll into view
    text = output.text_content()  # also while Lab skips painting it (content-visibility)
    # "... at Sputnik!$", "^(©|\(c\)|copyright ...": the $ and \( of the patterns, not mathematics.
    assert "{1,40}!$" in text and r"\(c\)" in text, text[:500]
    assert output.locator("mjx-container, .MathJax, .MathJax_Display").count() == 0


def test_02_explorer_reacts_and_the_drilldown_is_a_page_not_nine_screens(notebook_page, lab):
    page = notebook_page
    open_and_run_all(page, lab, "02-actor-counts.ipynb")
    assert_no_stderr_box_or_traceback(page, "02")
    output = cell_output(page, "widgets.actor_explorer(tables)")
    select = output.locator(".widget-select-multiple select").first
    select.wait_for(timeout=30 * MS)
    output.locator("img").first.wait_for(timeout=30 * MS)
    # (text_content: inner_text is empty while Lab skips painting an output out of view)
    assert "Ctrl-click" in output.text_content()
    values = option_labels(select)
    assert len(values) >= 2
    before = snapshot(output)
    select.select_option(label=values[1])
    after = wait_for_change(output, before)
    assert after.tables != before.tables, "the explorer's table did not follow the filter"
    assert after.images != before.images, "the explorer's plot did not follow the filter"
    drill = cell_output(page, "widgets.drilldown(tables)")
    # "In context" first, with the article's title; then five sentences, not all of China's 46.
    context = control(drill, "In context")
    first_sentence = drill.get_by_text("sentence 4, paragraph").first
    assert context.bounding_box()["y"] < first_sentence.bounding_box()["y"]
    label = readable(context.locator("option:checked").inner_text())
    assert label.startswith("Establishment of NATO Tokyo"), label
    assert re.search(r"sentences 1–5 of \d+", drill.inner_text())
    assert drill.get_by_text(re.compile(r"^sentence \d+, paragraph")).count() == 5
    assert drill.bounding_box()["height"] < 1500  # it was about nine screens
    drill.get_by_role("button", name="next ▶").click()
    drill.get_by_text(re.compile(r"sentences 6–10 of")).wait_for()


def test_04_quote_explorer_gives_the_quotes_room(notebook_page, lab):
    page = notebook_page
    open_and_run_all(page, lab, "04-source-attribution.ipynb")
    assert_no_stderr_box_or_traceback(page, "04")
    output = cell_output(page, "widgets.quote_explorer(tables)")
    table = output.locator("table.irkit-table").first
    table.wait_for(timeout=30 * MS)
    quote = table.locator("th", has_text=re.compile(r"^\s*quote\s*$")).bounding_box()
    rows = [r.bounding_box()["height"] for r in table.locator("tbody tr").all()]
    # It was about 90 px wide with rows 300-500 px tall.
    assert quote["width"] >= 300, quote
    assert max(rows) <= 200, rows
    print(f"\nquote column {quote['width']:.0f} px; rows {min(rows):.0f}-{max(rows):.0f} px")


def test_06_upload_says_what_happened(notebook_page, lab, tmp_path):
    page = notebook_page
    open_and_run_all(page, lab, "06-add-your-own-articles.ipynb")
    assert_no_stderr_box_or_traceback(page, "06")
    output = cell_output(page, "widgets.upload_articles(MY_FOLDER)")
    button = output.locator(".widget-upload")
    pdf = tmp_path / "slides.pdf"
    pdf.write_bytes(b"%PDF-1.4 not an article")
    upload(page, button, pdf)
    output.get_by_text("Nothing was saved.").wait_for()
    assert "Run the analysis" not in output.inner_text()
    assert button.inner_text().strip() == "Add articles (0)"
    article = ROOT / "seeds" / "001_b9b24f8ad2796175.txt"
    upload(page, button, article)
    output.get_by_text("Run the analysis again").wait_for()
    assert button.inner_text().strip() == "Articles added (1)"
    assert (lab.root / "data" / "articles" / article.name).is_file()


def test_07_labeller_opens_the_next_item_empty(notebook_page, lab):
    page = notebook_page
    open_and_run_all(page, lab, "07-check-the-machine.ipynb")
    assert_no_stderr_box_or_traceback(page, "07")
    output = cell_output(page, "speaker_labeller = widgets.labeller")
    speaker = output.locator(".widget-text input").first
    first_item = output.locator(".widget-html").nth(1).inner_text()
    speaker.fill("Jens Stoltenberg")
    # Typing a name chose "named"; saving moves on.
    output.get_by_role("button", name="save ▶").click()
    output.get_by_text(re.compile(r"item 2 of \d+")).wait_for()
    assert output.locator(".widget-html").nth(1).inner_text() != first_item
    assert speaker.input_value() == "", "the next item opened with the previous answer"
    checked = output.locator(".widget-toggle-buttons button.mod-active")
    assert checked.count() == 0, "the next item opened with a source chosen"
    # Saving an empty answer records nothing and says why.
    output.get_by_role("button", name="save ▶").click()
    output.get_by_text("Choose named, anonymous, none or unsure first.").wait_for()
    with (lab.root / "output" / "labels" / "my_speakers.csv").open(encoding="utf-8") as handle:
        saved = [row["human_speaker"] for row in csv.DictReader(handle)]
    assert saved[0] == "Jens Stoltenberg" and set(saved[1:]) == {""}
