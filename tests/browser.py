"""What does a reader's browser do with a page we write? Open it in headless Chromium and report.

The tests of reports, ``index.html`` and annotated views use this harness to check what no HTML parser
in Python can: that no script runs (or fails), that the title is the one we wrote, that every figure
decodes to an image with a size, and which URLs the page asked for. It drives Debian's ``chromium``
through the Chrome DevTools protocol over a pipe (``--remote-debugging-pipe``: JSON messages ending in a
NUL byte on file descriptors 3 and 4), so it needs no port, no websocket library and no network; host
names resolve to nothing, so a page can load only local files and ``data:`` URLs.

Use::

    from tests.browser import Browser, open_page, requires_chromium

    @requires_chromium
    def test_page(tmp_path):
        result = open_page(tmp_path / "page.html", screenshot=True)
        assert result.title == "My page" and not result.errors
        assert all(image.width > 0 for image in result.images)

or, to open several pages in one browser, the session fixture ``chromium`` (tests/conftest.py), a
:class:`Browser`: ``chromium.open(path)``. The browser is ``$ANALYSIS_CHROMIUM`` or the first of
:data:`CANDIDATES` found; where there is none, browser tests skip, saying how to install one.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

#: Environment variable naming the browser executable to use.
ENV = "ANALYSIS_CHROMIUM"
#: Executables tried in order (Debian's package first).
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Why browser tests skip where there is no browser.
MISSING = (f"no Chromium found (tried ${ENV} and {', '.join(CANDIDATES)}): `make install` installs Debian's "
           "`chromium` when run as root; these tests open pages in a real browser")
#: Headless, private and quiet: no sandbox (CI runs as root), no GPU, nothing fetched in the background,
#: and every host name resolves to nothing, so pages can load only local files.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--remote-debugging-pipe")
#: Seconds to wait for the browser to answer and for a page's load event.
TIMEOUT = 30.0
#: Milliseconds to wait after the load event for timers and late errors.
SETTLE_MS = 250
#: Viewport of every page (CSS pixels).
VIEWPORT = (1400, 1000)
#: What a page reports about itself after loading (evaluated by :meth:`Browser.open`; our code, not the page's).
_INSPECT = """(() => ({
  title: document.title,
  dom: document.documentElement.outerHTML,
  text: document.body ? document.body.innerText : "",
  images: Array.from(document.images).map(i => ({src: i.currentSrc || i.src, natural_width: i.naturalWidth,
    natural_height: i.naturalHeight, width: i.getBoundingClientRect().width,
    height: i.getBoundingClientRect().height})),
}))()"""
_SETTLE = f"new Promise(done => requestAnimationFrame(() => setTimeout(done, {SETTLE_MS})))"


class BrowserError(RuntimeError):
    """The browser did not start, did not answer, or a page did not load; carries the browser's last words."""


@dataclass(frozen=True)
class Image:
    """One ``<img>`` of a page: its URL (``data:`` URLs cut short), decoded size and size on the page."""

    src: str
    natural_width: int
    natural_height: int
    width: float
    height: float


@dataclass(frozen=True)
class PageResult:
    """What the browser made of a page once it had loaded.

    Attributes:
        url: The URL opened.
        title: ``document.title`` after load (a script that changed it shows here).
        dom: The serialised DOM after load (``document.documentElement.outerHTML``).
        text: The visible text (``document.body.innerText``).
        errors: Uncaught exceptions and ``console.error``/``console.assert`` messages: a correct page has none.
        console: Every console message as ``"type: text"``.
        log: The browser's own log entries as ``"level source: text (url)"`` (failed loads, blocked content).
        requests: Every URL the page requested, the page itself first.
        images: Every ``<img>`` with its decoded and displayed size.
        values: The results of the ``expressions`` passed to :meth:`Browser.open`, by name.
        screenshot: PNG bytes of the viewport (or the whole page), when asked for.
    """

    url: str
    title: str
    dom: str
    text: str
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    screenshot: bytes | None = None


def find_chromium() -> str | None:
    """The browser executable: ``$ANALYSIS_CHROMIUM``, else the first of :data:`CANDIDATES` on this machine."""
    for candidate in (os.environ.get(ENV), *CANDIDATES):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


#: Marks a test that needs a browser; it skips, saying why, where there is none.
requires_chromium = pytest.mark.skipif(find_chromium() is None, reason=MISSING)


class Browser:
    """A headless Chromium driven over the DevTools protocol; a context manager that stops it on exit.

    Args:
        executable: The browser (default: :func:`find_chromium`).
        timeout: Seconds to wait for an answer or a page's load event.
    """

    def __init__(self, executable: str | None = None, *, timeout: float = TIMEOUT) -> None:
        self.executable = executable or find_chromium()
        if self.executable is None:
            raise BrowserError(MISSING)
        self.timeout = timeout
        self._profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
        self._stderr = tempfile.TemporaryFile()   # noqa: SIM115 - open as long as the browser runs; closed by close()
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict] = []
        self._start()

    # ---- the process and the pipe ---------------------------------------------------------------------

    def _start(self) -> None:
        browser_reads, we_write = os.pipe()
        we_read, browser_writes = os.pipe()

        def onto_3_and_4() -> None:   # runs in the child: the protocol's fixed descriptors
            inbound = fcntl.fcntl(browser_reads, fcntl.F_DUPFD, 10)
            outbound = fcntl.fcntl(browser_writes, fcntl.F_DUPFD, 10)
            os.dup2(inbound, 3)
            os.dup2(outbound, 4)
            os.close(inbound)
            os.close(outbound)

        self._process = subprocess.Popen(   # noqa: S603 - a fixed executable and fixed flags
            [self.executable, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._stderr, close_fds=False,
            preexec_fn=onto_3_and_4)   # noqa: PLW1509 - the test process starts no threads before this
        os.close(browser_reads)
        os.close(browser_writes)
        self._writer, self._reader = we_write, we_read
        try:
            self.call("Browser.getVersion")
        except BrowserError:
            self.close()
            raise

    def close(self) -> None:
        """Stop the browser (politely, then by force) and remove its profile."""
        if self._process.poll() is None:
            with contextlib.suppress(BrowserError, OSError):
                self._send("Browser.close")
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        for descriptor in (self._writer, self._reader):
            with contextlib.suppress(OSError):
                os.close(descriptor)
        self._stderr.close()
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _last_words(self) -> str:
        self._stderr.seek(0)
        lines = self._stderr.read().decode("utf-8", "replace").splitlines()
        return "\n".join(line for line in lines[-15:] if "dbus" not in line)

    def _send(self, method: str, params: Mapping | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": dict(params or {})}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._writer, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            raise BrowserError(f"{self.executable} exited (status {self._process.poll()})\n"
                               f"{self._last_words()}") from None
        return self._next_id

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._reader], [], [], max(left, 0))
            if not ready:
                raise BrowserError(f"no answer from {self.executable} within {self.timeout:.0f} s\n"
                                   f"{self._last_words()}")
            chunk = os.read(self._reader, 1 << 20)
            if not chunk:
                raise BrowserError(f"{self.executable} exited (status {self._process.poll()})\n{self._last_words()}")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: Mapping | None = None, *, session: str | None = None) -> dict:
        """Send one protocol command and return its result; events that arrive meanwhile are kept.

        Raises:
            BrowserError: When the browser answers with an error or not at all.
        """
        number = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == number:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            if "method" in message:
                self._events.append(message)

    def _wait_for(self, method: str, session: str) -> None:
        deadline = time.monotonic() + self.timeout
        while not any(e["method"] == method and e.get("sessionId") == session for e in self._events):
            message = self._receive(deadline)
            if "method" in message:
                self._events.append(message)

    # ---- pages --------------------------------------------------------------------------------------------

    def open(self, page: str | Path, *, screenshot: bool = False, full_page: bool = False,
             expressions: Mapping[str, str] | None = None, hover: str | None = None) -> PageResult:
        """Open a file or URL in a new tab, wait for its load event and a moment more, and report on it.

        Args:
            page: A local file (path) or a URL (``file:``, ``data:``).
            screenshot: Also capture a PNG (:attr:`PageResult.screenshot`).
            full_page: Capture the whole page rather than the viewport.
            expressions: JavaScript expressions of our own to evaluate after load, by name
                (:attr:`PageResult.values`); never pass text taken from the page.
            hover: A CSS selector: the mouse rests on the middle of the first element it selects before the
                expressions are evaluated and the screenshot taken (to see hover notes).

        Raises:
            BrowserError: When the page does not load within the timeout.
        """
        url = page if isinstance(page, str) and ":" in page.split("/")[0] else Path(page).resolve().as_uri()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            for domain in ("Page", "Runtime", "Log", "Network"):
                self.call(f"{domain}.enable", session=session)
            width, height = VIEWPORT
            self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                               "deviceScaleFactor": 1, "mobile": False},
                      session=session)
            self._events = [e for e in self._events if e.get("sessionId") != session]
            navigated = self.call("Page.navigate", {"url": url}, session=session)
            if navigated.get("errorText"):
                raise BrowserError(f"{url}: {navigated['errorText']}")
            self._wait_for("Page.loadEventFired", session)
            self._evaluate(_SETTLE, session, wait=True)
            report = self._evaluate(_INSPECT, session)
            if hover:
                self._hover(hover, session)
            values = {name: self._evaluate(expression, session, wait=True)
                      for name, expression in (expressions or {}).items()}
            shot = None
            if screenshot:
                captured = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": full_page},
                                     session=session)
                shot = base64.b64decode(captured["data"])
            events = [e for e in self._events if e.get("sessionId") == session]
        finally:
            self._events = [e for e in self._events if e.get("sessionId") != session]
            with contextlib.suppress(BrowserError):
                self.call("Target.closeTarget", {"targetId": target})
        return _result(url, report, values, events, shot)

    def _hover(self, selector: str, session: str) -> None:
        where = self._evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); "
                               "if (!e) return null; e.scrollIntoView({block: 'center'}); "
                               "const r = e.getClientRects()[0]; "
                               "return [r.left + Math.min(r.width / 2, 8), r.top + r.height / 2]; })()", session)
        if where is None:
            raise BrowserError(f"hover: no element matches {selector!r}")
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": where[0], "y": where[1]}, session=session)
        self._evaluate(_SETTLE, session, wait=True)

    def _evaluate(self, expression: str, session: str, *, wait: bool = False):
        answer = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": wait}, session=session)
        if "exceptionDetails" in answer:
            raise BrowserError(f"evaluating {expression[:60]!r}: {_exception_text(answer['exceptionDetails'])}")
        return answer["result"].get("value")


def open_page(page: str | Path, **options) -> PageResult:
    """Open one page in a browser started for it (see :meth:`Browser.open` for the options)."""
    with Browser() as browser:
        return browser.open(page, **options)


def _exception_text(details: Mapping) -> str:
    exception = details.get("exception") or {}
    return str(exception.get("description") or details.get("text") or "exception")


def _console_text(params: Mapping) -> str:
    parts = [str(arg.get("value", arg.get("description", arg.get("type")))) for arg in params.get("args", [])]
    return f"{params.get('type')}: {' '.join(parts)}"


def _result(url: str, report: Mapping, values: dict, events: list[dict], shot: bytes | None) -> PageResult:
    errors, console, log, requests = [], [], [], []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            errors.append(_exception_text(params["exceptionDetails"]))
        elif method == "Runtime.consoleAPICalled":
            console.append(_console_text(params))
            if params.get("type") in ("error", "assert"):
                errors.append(_console_text(params))
        elif method == "Log.entryAdded":
            entry = params["entry"]
            log.append(f"{entry.get('level')} {entry.get('source')}: {entry.get('text')} ({entry.get('url', '')})")
        elif method == "Network.requestWillBeSent":
            requests.append(params["request"]["url"][:100])
    images = [Image(src=i["src"][:100], natural_width=i["natural_width"], natural_height=i["natural_height"],
                    width=i["width"], height=i["height"]) for i in report["images"]]
    return PageResult(url=url, title=report["title"], dom=report["dom"], text=report["text"], errors=errors,
                      console=console, log=log, requests=requests, images=images, values=values, screenshot=shot)
