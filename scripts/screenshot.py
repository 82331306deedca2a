"""Take the README's screenshot of the Voilà dashboard: ``python scripts/screenshot.py``.

Serves ``notebooks/dashboard.ipynb`` with Voilà on a free loopback port (a temporary copy, tokens
off), opens it in the OS's Chromium through playwright, waits until the filters and plots are drawn
and writes ``docs/screenshot-dashboard.png``. Needs Debian's ``chromium``; never downloads one.
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
    fit_viewport,
    free_port,
    run_server,
    voila_argv,
)

DEFAULT_OUT = ROOT / "docs" / "screenshot-dashboard.png"
TIMEOUT_MS = 90_000


def take_screenshot(
    out: Path, *, width: int = 1280, height: int = 900, full_page: bool = True
) -> Path:
    """Serve the dashboard, wait until it is drawn, save a PNG of it to ``out``.

    Example:
        >>> take_screenshot(Path("docs/screenshot-dashboard.png"))  # doctest: +SKIP
        PosixPath('docs/screenshot-dashboard.png')
    """
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("no Chromium found: install Debian's chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="irkit-shot-") as tmp_name:
        tmp = Path(tmp_name)
        notebooks = copy_notebooks(tmp, ["dashboard.ipynb"])
        port = free_port()
        argv = voila_argv(notebooks / "dashboard.ipynb", port=port)
        with (
            run_server(
                argv, tmp=tmp, port=port, cwd=notebooks, ready_path="/voila/static/x"
            ) as srv,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
            try:
                page = browser.new_page(viewport={"width": width, "height": height})
                block_external(page)
                log = ConsoleLog()
                log.attach(page)
                page.goto(srv.url + "/", timeout=TIMEOUT_MS, wait_until="domcontentloaded")
                page.wait_for_selector(".widget-select-multiple select", timeout=TIMEOUT_MS)
                page.wait_for_function(
                    "() => [...document.images].length > 0 && [...document.images].every((i) => i.complete)",
                    timeout=TIMEOUT_MS,
                )
                page.wait_for_timeout(1000)  # let the last outputs settle
                text = page.locator("body").inner_text()
                if BROKEN_WIDGET.search(text) or log.errors:
                    raise SystemExit(
                        "the dashboard did not render cleanly:\n" + "\n".join(log.errors)
                    )
                if page.locator(".widget-select-multiple select option").count() == 0:
                    raise SystemExit(
                        "the dashboard lists no article: run `make analyze` to see why"
                    )
                if full_page:
                    fit_viewport(page)
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=out, full_page=full_page)
            finally:
                browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    parser.add_argument("--width", type=int, default=1280, help="browser window width in pixels")
    parser.add_argument("--viewport-only", action="store_true", help="not the whole page")
    args = parser.parse_args(argv)
    path = take_screenshot(args.out, width=args.width, full_page=not args.viewport_only)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
