"""The browser harness sees what it is there to catch: a script that ran, an error, a request, an empty image."""

from __future__ import annotations

import shutil

import pytest

from tests import browser
from tests.conftest import write

#: A 2x1 PNG (red, blue).
PNG = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDA8B8AD/4C/sC"
       "f1OsAAAAASUVORK5CYII=")
MISBEHAVING = f"""<!DOCTYPE html><html><head><title>Ours</title></head><body><p>Visible text</p>
<img src="{PNG}" alt="figure"><img src="x" alt="missing">
<script>document.title = 'PWNED'; console.error('logged');
setTimeout(() => {{ throw new Error('late'); }}, 10);</script>
<script src="https://cdn.example.org/lib.js"></script></body></html>"""
QUIET = "<!DOCTYPE html><html><head><title>Quiet</title></head><body><h1>Nothing happens here</h1></body></html>"


def test_the_harness_sees_scripts_errors_requests_and_images(chromium, tmp_path):
    page = write(tmp_path / "misbehaving.html", MISBEHAVING)
    result = chromium.open(page, expressions={"paragraphs": "document.querySelectorAll('p').length"})
    assert result.title == "PWNED"
    assert "error: logged" in result.errors and any("late" in e for e in result.errors)
    assert result.requests[0] == page.resolve().as_uri()
    assert (tmp_path / "x").as_uri() in result.requests and "https://cdn.example.org/lib.js" in result.requests
    assert any("ERR_NAME_NOT_RESOLVED" in entry for entry in result.log)   # nothing leaves the machine
    assert [(i.natural_width, i.natural_height) for i in result.images] == [(2, 1), (0, 0)]
    assert result.values == {"paragraphs": 1} and "Visible text" in result.text
    assert "<p>Visible text</p>" in result.dom


def test_a_quiet_page_reports_nothing(chromium, tmp_path):
    page = write(tmp_path / "quiet.html", QUIET)
    result = chromium.open(page, screenshot=True)
    assert (result.title, result.errors, result.images) == ("Quiet", [], [])
    assert result.requests == [page.resolve().as_uri()]
    assert result.screenshot.startswith(b"\x89PNG")


def test_hover_needs_an_element(chromium, tmp_path):
    page = write(tmp_path / "quiet.html", QUIET)
    with pytest.raises(browser.BrowserError, match="no element matches"):
        chromium.open(page, hover=".missing")


@browser.requires_chromium
def test_open_page_starts_and_stops_its_own_browser(tmp_path):
    page = write(tmp_path / "quiet.html", QUIET)
    assert browser.open_page(page).title == "Quiet"


def test_a_browser_that_does_not_start_is_reported():
    with pytest.raises(browser.BrowserError, match="exited"):
        browser.Browser(shutil.which("false"), timeout=5)
