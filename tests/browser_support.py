"""Servers and a browser for the real-browser tests (and scripts/screenshot.py).

Voilà and JupyterLab run as subprocesses in their own process group on a free loopback port, with
tokens off and every Jupyter directory that they write to in a temporary folder; the browser is the
OS's Chromium driven by playwright (never ``playwright install``, which downloads a browser).

The notebooks ask for the "Python (IR news kit)" kernel (``ir-news-kit``) that ``make install``
registers for the user. The tests never use that one (on a shared machine it may belong to another
checkout): :func:`write_kernelspec` puts a kernel of that name running this interpreter into the
servers' own ``JUPYTER_PATH``, which Jupyter searches first. The notebook tests do the same.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
#: The kernel the notebooks' metadata asks for (registered by ``make install``).
KERNEL_NAME = "ir-news-kit"
KERNEL_DISPLAY_NAME = "Python (IR news kit)"
#: The dashboard's Voilà settings (kernel culling, the shutdown request a closing page sends).
VOILA_CONFIG = ROOT / "voila.json"
#: Flags that keep Chromium from phoning home (the tests run offline) and working as root in CI.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def find_chromium() -> str | None:
    """Return the path of the OS's Chromium, or None when it is not installed.

    Example:
        >>> find_chromium()  # doctest: +SKIP
        '/usr/bin/chromium'
    """
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now.

    Example:
        >>> 1024 < free_port() < 65536
        True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_loopback(url: str) -> bool:
    """True for URLs served by this machine (and for data:, blob: and about: URLs).

    Example:
        >>> is_loopback("http://127.0.0.1:8866/"), is_loopback("https://cdn.jsdelivr.net/x.css")
        (True, False)
    """
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error", ""):
        return True
    return (parts.hostname or "") in LOOPBACK


@dataclass
class Server:
    """A running server: its base URL, its process and the file its output goes to."""

    url: str
    process: subprocess.Popen
    log: Path

    def log_tail(self, n: int = 40) -> str:
        """The last ``n`` lines of the server's output (for failure messages)."""
        try:
            lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-n:])


def write_kernelspec(data_dir: Path) -> Path:
    """Write the notebooks' kernel (``ir-news-kit``) into ``data_dir/kernels``, running this Python.

    Put ``data_dir`` first on ``JUPYTER_PATH`` and every notebook starts with the interpreter (and
    the ``helpers``) under test, whatever kernels the user has registered.

    Example:
        >>> spec = write_kernelspec(tmp_path)  # doctest: +SKIP
        >>> json.loads(spec.read_text())["argv"][0] == sys.executable  # doctest: +SKIP
        True
    """
    folder = data_dir / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": KERNEL_DISPLAY_NAME,
        "language": "python",
    }
    path = folder / "kernel.json"
    path.write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return path


def jupyter_env(tmp: Path, **extra: str) -> dict[str, str]:
    """Environment for a test server: Jupyter's config, runtime and IPython dirs under ``tmp``.

    ``JUPYTER_PATH`` holds the notebooks' kernel, running this interpreter (see
    :func:`write_kernelspec`); ``extra`` variables are added (e.g. ``IRKIT_ROOT``).
    """
    env = dict(os.environ)
    for name, sub in (
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("IPYTHONDIR", "ipython"),
        ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"),
        ("MPLCONFIGDIR", "matplotlib"),
    ):
        path = tmp / sub
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    # No "Would you like to receive Jupyter news?" toast over the notebook, and no request for it.
    notes = tmp / "lab-settings" / "@jupyterlab" / "apputils-extension"
    notes.mkdir(parents=True, exist_ok=True)
    (notes / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}', encoding="utf-8"
    )
    data = tmp / "jupyter-data"
    write_kernelspec(data)
    env["JUPYTER_PATH"] = str(data)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def _wait_until_answers(server: Server, path: str, timeout: float) -> None:
    """Poll ``url + path`` until it answers HTTP (any status below 500) or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"server exited with {server.process.returncode}:\n{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(server.url + path, timeout=5) as reply:
                if reply.status < 500:
                    return
        except urllib.error.HTTPError as err:
            if err.code < 500:
                return
            last = f"HTTP {err.code}"
        except (OSError, urllib.error.URLError) as err:
            last = str(err)
        time.sleep(0.25)
    raise TimeoutError(
        f"{server.url}{path} did not answer in {timeout:.0f} s ({last}):\n{server.log_tail()}"
    )


def _proc_table() -> dict[int, tuple[int, str]]:
    """``{pid: (parent pid, start time)}`` from Linux's /proc (empty elsewhere)."""
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name may hold spaces; the fields after its closing parenthesis do not.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        table[int(stat.parent.name)] = (int(fields[1]), fields[19])
    return table


def _descendants(pid: int) -> list[tuple[int, str]]:
    """``(pid, start time)`` of every process below ``pid``; kernels run in their own session."""
    table = _proc_table()
    children: dict[int, list[int]] = {}
    for child, (parent, _) in table.items():
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append((child, table[child][1]))
            todo.append(child)
    return found


def stop_process_group(process: subprocess.Popen, *, grace: float = 10.0) -> None:
    """Stop ``process``, its process group and the kernels it started: SIGTERM, then SIGKILL."""
    if process.poll() is not None:
        return
    started = _descendants(process.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)  # the server shuts its kernels down itself
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)
    # A kernel that outlived its server; the start time guards against a reused process id.
    alive = _proc_table()
    for pid, start in started:
        if alive.get(pid, (0, ""))[1] == start:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def run_server(
    argv: list[str],
    *,
    tmp: Path,
    port: int,
    cwd: Path,
    ready_path: str = "/",
    timeout: float = 60.0,
    env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """Start ``argv`` in its own process group, wait until it answers, stop it on exit.

    ``env``: extra environment variables for the server and its kernels (see :func:`jupyter_env`).

    Example:
        >>> with run_server(voila_argv(nb, port=p), tmp=t, port=p, cwd=d) as srv:  # doctest: +SKIP
        ...     page.goto(srv.url)
    """
    log = tmp / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=jupyter_env(tmp, **(env or {})),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: teardown stops it and its helpers
        )
    server = Server(url=f"http://127.0.0.1:{port}", process=process, log=log)
    try:
        _wait_until_answers(server, ready_path, timeout)
        yield server
    finally:
        stop_process_group(process)


def voila_argv(notebook: Path, *, port: int, extra: tuple[str, ...] = ()) -> list[str]:
    """Command line serving one notebook with Voilà on 127.0.0.1:``port``, no browser, no token.

    Voilà reads the kit's ``voila.json`` (as ``make dashboard`` does); ``extra`` options follow it.
    """
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        f"--port={port}",
        f"--Voila.config_file_paths={VOILA_CONFIG.parent}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        "--show_tracebacks=True",
        *extra,
    ]


def lab_argv(root_dir: Path, *, port: int) -> list[str]:
    """Command line for JupyterLab on 127.0.0.1:``port`` with token, password and XSRF off."""
    argv = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.extension_manager=readonly",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")
    return argv


@contextlib.contextmanager
def lab_server(root: Path, *, tmp: Path):
    """JupyterLab serving ``root`` (made by :func:`copy_notebooks`), the kit working in it.

    Yields the :func:`run_server` server (``.url``); stops it, and its kernels, on exit.
    """
    port = free_port()
    with run_server(
        lab_argv(root, port=port),
        tmp=tmp,
        port=port,
        cwd=root,
        ready_path="/api",
        env={"IRKIT_ROOT": str(root)},
    ) as server:
        yield server


@contextlib.contextmanager
def voila_server(notebook: Path, root: Path, *, tmp: Path, extra: tuple[str, ...] = ()):
    """Voilà serving ``notebook`` (copied by :func:`copy_notebooks` under ``root``), the kit
    working in ``root``; ``extra`` options as for :func:`voila_argv`.

    The ready check asks for a missing static file: any answer means the server is up, and it
    does not start a kernel the way asking for the page would. Yields the :func:`run_server`
    server (``.url``); stops it, and its kernels, on exit.
    """
    port = free_port()
    with run_server(
        voila_argv(notebook, port=port, extra=extra),
        tmp=tmp,
        port=port,
        cwd=notebook.parent,
        ready_path="/voila/static/x",
        env={"IRKIT_ROOT": str(root)},
    ) as server:
        yield server


def copy_notebooks(dest: Path, names: list[str]) -> Path:
    """Copy the named notebooks into ``dest/notebooks``, with the kit's data/ and seeds/ beside them.

    Run with ``IRKIT_ROOT=dest`` (``run_server(..., env={"IRKIT_ROOT": str(dest)})``) the kit
    works in the copy: uploads, labels, exports and its cache land there, never in the checkout,
    and the articles' paths read as in the checkout (``seeds/000_....txt``).
    """
    nb_dir = dest / "notebooks"
    nb_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy2(NOTEBOOKS / name, nb_dir / name)
    for sub in ("data", "seeds"):
        if not (dest / sub).exists():
            shutil.copytree(ROOT / sub, dest / sub)
    return nb_dir


def run_all_cells(page, base_url: str, name: str, *, timeout: float = 300.0) -> None:
    """Open ``notebooks/name`` in JupyterLab at ``base_url``, Run All Cells, wait until all ran.

    Waits for the kit's kernel first: the execution indicator says "idle" already while the kernel
    is still starting, and a Run All Cells sent before the kernel is ready makes JupyterLab ask
    which kernel to use.
    """
    ms = 1000  # playwright counts in milliseconds
    # ?reset: a fresh workspace, not the notebooks opened last time in other tabs.
    page.goto(f"{base_url}/lab/tree/notebooks/{name}?reset", timeout=timeout * ms)
    kernel_idle = page.locator(
        ".jp-StatusBar-TextItem[title^='Change kernel']",
        has_text=re.compile(rf"{re.escape(KERNEL_DISPLAY_NAME)}\s*\|\s*Idle\s*$"),
    )
    kernel_idle.wait_for(timeout=timeout * ms)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    page.wait_for_function(
        """() => {
          const prompts = [...document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')];
          return prompts.length > 0 && prompts.every((p) => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=timeout * ms,
    )
    kernel_idle.wait_for(timeout=timeout * ms)
    page.wait_for_timeout(1000)  # the last outputs and widget views


def shutdown_sessions(server: Server) -> int:
    """Shut down every kernel session of a JupyterLab server (closing a tab keeps them running).

    Returns how many there were.
    """
    with urllib.request.urlopen(server.url + "/api/sessions", timeout=10) as reply:
        sessions = json.loads(reply.read())
    for session in sessions:
        request = urllib.request.Request(
            f"{server.url}/api/sessions/{session['id']}", method="DELETE"
        )
        with (
            contextlib.suppress(urllib.error.HTTPError),
            urllib.request.urlopen(request, timeout=30),
        ):
            pass
    return len(sessions)


def running_kernels(server: Server) -> list[int]:
    """Process ids of the kernels ``server`` runs now (its children running ipykernel).

    Only direct children: a kernel's own worker processes (the analysis' process pool) are
    forked copies with the same command line, and are not kernels.
    """
    kernels = []
    for child, (parent, _) in _proc_table().items():
        if parent != server.process.pid:
            continue
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"ipykernel" in cmdline:
            kernels.append(child)
    return sorted(kernels)


@dataclass
class ConsoleLog:
    """The page's console errors and failed requests, split into expected and unexpected ones.

    Expected: anything about a resource on another host (offline, Voilà's page still asks a CDN
    for Font Awesome CSS; the tests also abort such requests so that they never reach the net).
    """

    errors: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        """Listen to ``page``'s console, uncaught exceptions and failed requests."""
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("requestfailed", self._on_request_failed)

    def _on_console(self, msg) -> None:
        if msg.type != "error":
            return
        where = (msg.location or {}).get("url", "")
        text = f"console: {msg.text} ({where})"
        if "Failed to load resource" in msg.text and where and not is_loopback(where):
            self.ignored.append(text)
        else:
            self.errors.append(text)

    def _on_request_failed(self, request) -> None:
        text = f"request failed: {request.url} ({request.failure})"
        (self.ignored if not is_loopback(request.url) else self.errors).append(text)


def block_external(page) -> None:
    """Abort every request to a non-loopback host, so the tests never depend on the internet."""
    page.route(
        lambda url: not is_loopback(url),
        lambda route: route.abort("internetdisconnected"),
    )


#: In the page: the text of every table and a SHA-256 of every image's bytes under ``root``.
SNAPSHOT_JS = """
async (root) => {
  const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const images = [];
  for (const img of root.querySelectorAll("img")) {
    try {
      const bytes = await (await fetch(img.src)).arrayBuffer();
      images.push(hex(await crypto.subtle.digest("SHA-256", bytes)));
    } catch (err) {
      images.push("unreadable " + img.src.slice(0, 80));
    }
  }
  const tables = [...root.querySelectorAll("table")].map((t) => t.innerText);
  return {tables: tables, images: images, text: root.innerText};
}
"""
#: Text a widget shows when it did not render (no view for its model, or the manager is missing).
BROKEN_WIDGET = re.compile(
    r"Loading widget|Error displaying widget|model not found|Failed to display|"
    r"No widget manager|Javascript Error|Traceback \(most recent call last\)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Snapshot:
    """What a region of the page shows: table texts, image hashes and all its text."""

    tables: tuple[str, ...]
    images: tuple[str, ...]
    text: str


def snapshot(locator) -> Snapshot:
    """Read the tables, images (hashed bytes) and text under the element ``locator`` points to."""
    raw = locator.evaluate(SNAPSHOT_JS)
    return Snapshot(tuple(raw["tables"]), tuple(raw["images"]), raw["text"])


def wait_for_change(
    locator, before: Snapshot, *, timeout: float = 30.0, settle: float = 0.6
) -> Snapshot:
    """Wait until tables and images under ``locator`` differ from ``before``, then settle.

    Outputs are cleared and redrawn in steps, so the region counts as changed once its tables and
    images both differ from ``before`` and it stays the same for ``settle`` seconds.
    """
    deadline = time.monotonic() + timeout
    last = snapshot(locator)
    stable_since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.2)
        now = snapshot(locator)
        if now != last:
            last, stable_since = now, time.monotonic()
            continue
        changed = now.tables != before.tables and now.images != before.images
        if changed and now.images and time.monotonic() - stable_since >= settle:
            return now
    return last


def fit_viewport(page, *, max_height: int = 3000) -> int:
    """Grow the window to the page's content height, so that a screenshot shows all of it.

    Voilà scrolls inside ``#rendered_cells``, not the document, so ``full_page`` alone would cut
    the page at the window's height. Returns the new height.
    """
    height = page.evaluate(
        """() => {
          const cells = document.querySelector('#rendered_cells');
          return Math.max(document.documentElement.scrollHeight, cells ? cells.scrollHeight : 0);
        }"""
    )
    size = page.viewport_size
    height = min(int(height) + 20, max_height)
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    page.wait_for_timeout(300)  # one layout pass at the new size
    return height
