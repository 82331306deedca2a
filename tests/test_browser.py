"""What a student sees in a real browser: the Voilà dashboard and notebook 02 in JupyterLab.

Widgets that pass the Python tests can still render blank (a missing labextension, a JS error, a
comm that never opens), so these tests serve the real notebooks with Voilà and JupyterLab on free
loopback ports and drive Debian's Chromium with playwright. Requests to other hosts are aborted
(the tests run offline); Voilà's page asks a CDN for Font Awesome CSS, and those failures are the
only console errors tolerated. Skipped when Chromium is not installed.
"""

from __future__ import annotations

import re

import pytest

from tests.browser_support import (
    BROKEN_WIDGET,
    CHROMIUM_ARGS,
    ConsoleLog,
    block_external,
    copy_notebooks,
    find_chromium,
    fit_viewport,
    free_port,
    lab_argv,
    run_server,
    snapshot,
    voila_argv,
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
ACTOR_NOTEBOOK = "02-actor-counts.ipynb"
MS = 1000  # playwright counts in milliseconds
PAGE_TIMEOUT = 60  # s: a kernel start plus the analysis of the seeds, with room for a slow CI box
VIEWPORT = {"width": 1440, "height": 1000}


# --- fixtures: one server of each kind per module, a fresh browser page per test ------------------


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30 * MS)
    page = context.new_page()
    block_external(page)
    yield page
    try:  # what the page looked like at the end, to read when a test failed
        page.screenshot(path=tmp_path / "last-page.png", full_page=True, timeout=10 * MS)
    except sync_api.Error:
        pass
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
    port = free_port()
    argv = voila_argv(notebooks / DASHBOARD, port=port)
    # The ready check asks for a missing static file: any answer means the server is up, and it
    # does not start a kernel the way asking for the page would.
    with run_server(argv, tmp=tmp, port=port, cwd=notebooks, ready_path="/voila/static/x") as srv:
        yield srv


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lab")
    copy_notebooks(tmp / "root", [ACTOR_NOTEBOOK])
    port = free_port()
    argv = lab_argv(tmp / "root", port=port)
    with run_server(argv, tmp=tmp, port=port, cwd=tmp / "root", ready_path="/api") as srv:
        yield srv


# --- helpers -----------------------------------------------------------------------------------


def control(page, label: str):
    """The <select> of the ipywidgets control whose description is ``label``."""
    name = page.locator("label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    boxes = page.locator(".widget-dropdown, .widget-select-multiple, .widget-select")
    return boxes.filter(has=name).first.locator("select")


def option_labels(select) -> list[str]:
    """The options a <select> shows, without "(all)"."""
    labels = select.locator("option").all_inner_texts()
    return [label.strip() for label in labels if label.strip() != "(all)"]


def open_dashboard(page, voila) -> None:
    """Load the Voilà page and wait until the filters and at least one plot are on it."""
    page.goto(voila.url + "/", timeout=PAGE_TIMEOUT * MS, wait_until="domcontentloaded")
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
        excerpt = text[max(0, broken.start() - 300) : broken.end() + 600]
        pytest.fail(f"a widget did not render:\n{excerpt}")


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
    for label in ("Articles", "Outlet", "Actor type", "Country"):
        assert control(page, label).count() == 1, f"filter {label!r} missing from the dashboard"
    # The dashboard hides the code: no cell source on the page.
    assert "helpers.analyze(" not in body.inner_text()
    shot = tmp_path / "dashboard.png"
    fit_viewport(page)
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 10_000
    assert console.errors == [], "\n".join(console.errors)
    print(f"\nscreenshot: {shot}; ignored offline failures: {len(console.ignored)}")


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


# --- JupyterLab ----------------------------------------------------------------------------------


def run_all_cells(page) -> None:
    """Wait for the kernel, then Run > Run All Cells and wait until every cell has run."""
    # The kernel item of the status bar ("Python 3 (ipykernel) | Idle"); the execution indicator
    # says "idle" already while the kernel is still starting, and a Run All Cells sent before
    # the kernel is ready makes JupyterLab ask which kernel to use.
    kernel_idle = page.locator(
        ".jp-StatusBar-TextItem[title^='Change kernel']", has_text=re.compile(r"\|\s*Idle\s*$")
    )
    kernel_idle.wait_for(timeout=PAGE_TIMEOUT * MS)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    page.wait_for_function(
        """() => {
          const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
          return prompts.length > 0 && prompts.every((p) => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=PAGE_TIMEOUT * MS,
    )
    kernel_idle.wait_for(timeout=PAGE_TIMEOUT * MS)


def test_lab_runs_actor_notebook_and_explorer_reacts(page, console, lab):
    page.goto(f"{lab.url}/lab/tree/notebooks/{ACTOR_NOTEBOOK}", timeout=PAGE_TIMEOUT * MS)
    run_all_cells(page)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    tracebacks = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
    assert tracebacks == [], tracebacks
    cell = page.locator(".jp-CodeCell").filter(has_text="widgets.actor_explorer(tables)")
    assert cell.count() == 1
    output = cell.locator(".jp-OutputArea").first
    output.scroll_into_view_if_needed()
    select = output.locator(".widget-select-multiple select").first
    select.wait_for(timeout=30 * MS)
    output.locator("img").first.wait_for(timeout=30 * MS)
    assert_widgets_rendered(page.locator(".jp-Notebook"))
    values = option_labels(select)
    assert len(values) >= 2
    before = snapshot(output)
    select.select_option(label=values[1])
    after = wait_for_change(output, before)
    assert after.tables != before.tables, "the explorer's table did not follow the filter"
    assert after.images != before.images, "the explorer's plot did not follow the filter"
    assert_widgets_rendered(page.locator(".jp-Notebook"))
    assert console.errors == [], "\n".join(console.errors)
