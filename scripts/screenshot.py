"""Retake the screenshots of the README and the teaching guide: ``python scripts/screenshot.py``.

Each shot is what a class sees on a 1280×720 projector, taken from the real pages in the OS's
Chromium through playwright (never ``playwright install``: no browser is downloaded):

- ``docs/screenshot-dashboard.png``: the Voilà dashboard as it opens (README);
- ``docs/screenshot-drilldown.png``: its "Read the sentences" tab, 1280×1150 (teaching guide);
- ``docs/screenshot-labeller.png``: notebook 07's speaker labeller in JupyterLab, on its second
  item after one answer was saved: it opens empty (teaching guide).

The servers run on a temporary copy of the kit (``IRKIT_ROOT``): nothing is written into the
checkout but the PNG files. Needs Debian's ``chromium``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The server and browser helpers are shared with the browser tests, which live in tests/.
sys.path.insert(0, str(ROOT))

from tests.browser_support import (  # noqa: E402
    BROKEN_WIDGET,
    CHROMIUM_ARGS,
    ConsoleLog,
    block_external,
    copy_notebooks,
    find_chromium,
    lab_server,
    run_all_cells,
    voila_server,
)

DOCS = ROOT / "docs"
SHOTS = {
    "dashboard": DOCS / "screenshot-dashboard.png",
    "drilldown": DOCS / "screenshot-drilldown.png",
    "labeller": DOCS / "screenshot-labeller.png",
}
PROJECTOR = {"width": 1280, "height": 720}
TIMEOUT_MS = 180_000


def _check(page, log: ConsoleLog) -> None:
    """Refuse to save a picture of a broken page."""
    text = page.locator("body").inner_text()
    broken = BROKEN_WIDGET.search(text)
    if broken or log.errors:
        excerpt = text[max(0, broken.start() - 200) : broken.end() + 400] if broken else ""
        raise SystemExit("the page did not render cleanly:\n" + excerpt + "\n".join(log.errors))


def dashboard_shots(browser, tmp: Path, wanted: set[str]) -> list[Path]:
    """The dashboard as it opens, and its "Read the sentences" tab."""
    notebooks = copy_notebooks(tmp, ["dashboard.ipynb"])
    written = []
    with voila_server(notebooks / "dashboard.ipynb", tmp, tmp=tmp) as srv:
        page = browser.new_page(viewport=PROJECTOR)
        block_external(page)
        log = ConsoleLog()
        log.attach(page)
        page.goto(srv.url + "/", timeout=TIMEOUT_MS, wait_until="domcontentloaded")
        page.wait_for_selector(".widget-select-multiple select", timeout=TIMEOUT_MS)
        page.wait_for_function(
            "() => [...document.images].length > 0 && [...document.images].every((i) => i.complete)",
            timeout=TIMEOUT_MS,
        )
        page.wait_for_timeout(1500)  # the last outputs settle
        _check(page, log)
        if page.locator(".widget-select-multiple select option").count() == 0:
            raise SystemExit("the dashboard lists no article: run `make analyze` to see why")
        if "dashboard" in wanted:
            page.screenshot(path=SHOTS["dashboard"])
            written.append(SHOTS["dashboard"])
        if "drilldown" in wanted:
            # Taller than the projector: the guide shows the context and a few sentences below it.
            page.set_viewport_size({"width": PROJECTOR["width"], "height": 1150})
            page.locator(".lm-TabBar-tab", has_text="Read the sentences").click()
            page.get_by_text("sentences 1–5 of").first.wait_for(timeout=TIMEOUT_MS)
            page.wait_for_timeout(1000)
            _check(page, log)
            page.screenshot(path=SHOTS["drilldown"])
            written.append(SHOTS["drilldown"])
        page.close(run_before_unload=True)
    return written


def labeller_shot(browser, tmp: Path) -> Path:
    """Notebook 07's speaker labeller after Run All, framed on its cell."""
    copy_notebooks(tmp / "root", ["07-check-the-machine.ipynb"])
    with lab_server(tmp / "root", tmp=tmp) as srv:
        page = browser.new_page(viewport=PROJECTOR)
        block_external(page)
        log = ConsoleLog()
        log.attach(page)
        run_all_cells(page, srv.url, "07-check-the-machine.ipynb", timeout=TIMEOUT_MS / 1000)
        cell = page.locator(".jp-CodeCell").filter(has_text="speaker_labeller = widgets.labeller")
        cell.first.scroll_into_view_if_needed()
        speaker = cell.first.locator(".widget-text input").first
        speaker.wait_for(timeout=TIMEOUT_MS)
        speaker.fill("Jens Stoltenberg")
        cell.first.get_by_role("button", name="save ▶").click()
        cell.first.get_by_text("item 2 of").wait_for(timeout=TIMEOUT_MS)
        page.wait_for_timeout(1000)
        _check(page, log)
        cell.first.screenshot(path=SHOTS["labeller"])
    return SHOTS["labeller"]


def take_screenshots(wanted: set[str]) -> list[Path]:
    """Take the ``wanted`` shots (names of :data:`SHOTS`); returns the files written.

    Example:
        >>> take_screenshots({"dashboard"})  # doctest: +SKIP
        [PosixPath('.../docs/screenshot-dashboard.png')]
    """
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("no Chromium found: install Debian's chromium (apt-get install chromium)")
    written = []
    with tempfile.TemporaryDirectory(prefix="irkit-shot-") as name, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        try:
            if wanted & {"dashboard", "drilldown"}:
                written += dashboard_shots(browser, Path(name) / "voila", wanted)
            if "labeller" in wanted:
                written.append(labeller_shot(browser, Path(name) / "lab"))
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shots", nargs="*", help=f"any of {', '.join(SHOTS)} (default: all)")
    args = parser.parse_args(argv)
    unknown = set(args.shots) - set(SHOTS)
    if unknown:
        parser.error(
            f"unknown shot(s): {', '.join(sorted(unknown))}; choose from {', '.join(SHOTS)}"
        )
    for path in take_screenshots(set(args.shots or SHOTS)):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
