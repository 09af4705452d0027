"""Outlet, date and URL inference: real datelines, URLs and file names."""

from __future__ import annotations

from datetime import date

import pytest

from analysis import metadata


@pytest.mark.parametrize("value, formats, expected", [
    ("10 Nov, 2019", ("%d %b, %Y",), date(2019, 11, 10)),            # rt_thesis
    ("30 Dec, 2020 06:53", (), date(2020, 12, 30)),                   # rt_thesis, with time
    ("02/28/2022", ("%m/%d/%Y",), date(2022, 2, 28)),                # RUWA
    ("2023-06-17 16:36:00", (), date(2023, 6, 17)),                   # news-please date_publish
    ("2016-09-12", (), date(2016, 9, 12)),                            # PolNeAR metadata
    ("Skipped", (), None),                                            # rt_thesis placeholder
    ("December 5", (), None),                                         # no year: never invented
    ("", (), None),
    (None, (), None),
])
def test_parse_date(value, formats, expected):
    assert metadata.parse_date(value, formats=formats) == expected


@pytest.mark.parametrize("text, expected", [
    ("date 2023-06-11 icon bookmark\n11 Jun, 2023 14:51\nHomeWorld News", date(2023, 6, 11)),
    ("Headline\n\nKYIV, March 3, 2022 (Reuters) - Ukraine said", date(2022, 3, 3)),
    ("Headline\n\nKyiv, 5 March 2022 — Ukrinform reports", date(2022, 3, 5)),
    ("All news\n\nMOSCOW, December 5. /TASS/. Ukraine should accept", None),   # no year in the dateline
    ("A paragraph that mentions 2019 and June 3 but has no dateline.", None),
])
def test_date_from_text(text, expected):
    assert metadata.date_from_text(text) == expected


def test_dateline_without_year_and_page_year():
    text = "All news\n\nMOSCOW, December 5. /TASS/. Ukraine should accept the fact"
    assert metadata.dateline_without_year(text) == (12, 5)
    assert metadata.dateline_without_year("МОСКВА, 5 декабря. /ТАСС/. Украина") == (12, 5)
    assert metadata.page_year("© Autonomous Nonprofit Organization “TV-Novosti”, 2005–2023. All rights") == 2023
    assert metadata.page_year("no copyright here") is None


@pytest.mark.parametrize("text, expected", [
    ("...US & CanadaTitlePublished1 JanuaryShareclose panel ... © 2023 BBC. The BBC is", date(2023, 1, 1)),
    ("TitlePublished16 December 2022Shareclose panel ... © 2023 BBC.", date(2022, 12, 16)),
    ("TitlePublished7 hours agoShareclose panel ... © 2023 BBC.", None),   # relative to an unknown capture time
    ("TitlePublished1 JanuaryShareclose panel and no copyright line", None),
])
def test_date_from_bbc_published_mark(text, expected):
    assert metadata.date_from_published_mark(text) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://www.aljazeera.com/news/2023/2/27/russia-ukraine-war-list-of-key-events-day-369", date(2023, 2, 27)),
    ("https://www.reuters.com/world/europe/how-us-could-tighten-sanctions-russia-2022-02-25/", date(2022, 2, 25)),
    ("https://en.news-front.info/2022/02/08/putin-says-ukraine-headed-for-the-dismantling/", date(2022, 2, 8)),
    ("https://www.rt.com/news/383159-soros-university-march-budapest/", None),
    ("https://www.bbc.co.uk/news/world-europe-64779505", None),
    (None, None),
])
def test_date_from_url(url, expected):
    assert metadata.date_from_url(url) == expected


@pytest.mark.parametrize("name, expected", [
    ("rt_2023-06-11_more-than-ten-nato-states.txt", date(2023, 6, 11)),
    ("breitbart_2016-09-12_stealth-over-health.txt", date(2016, 9, 12)),
    ("article_232_lang=en_1699520526.html.json", None),
    ("report-20230227.txt", date(2023, 2, 27)),
])
def test_date_from_filename(name, expected):
    assert metadata.date_from_filename(name) == expected


@pytest.mark.parametrize("domain, slug", [
    ("www.bbc.co.uk", "bbc"), ("bbc.com", "bbc"), ("en.news-front.info", "newsfront"),
    ("www.nbcnews.com", "msnbc"), ("russian.rt.com", "rt"), ("tass.com", "tass"),
    ("www.ukrinform.net", "ukrinform"), ("rrn.media", "rrn"), ("example.org", "example"), (None, None),
])
def test_outlet_from_domain(domain, slug):
    assert metadata.outlet_from_domain(domain) == slug


@pytest.mark.parametrize("url, domain", [
    ("tass.com/defense/1418037", "tass.com"),                     # RUWA's scheme-less TASS URLs
    ("https://www.rt.com//business/553412-us-sber/", "rt.com"),
    ("not a url", None),
])
def test_domain_of(url, domain):
    assert metadata.domain_of(url) == domain


@pytest.mark.parametrize("name, slug", [
    ("www.msnbc.com", "msnbc"), ("bbc.co.uk", "bbc"), ("huff-post", "huffpost"), ("wash-post", "washpost"),
    ("Censor.NET", "censor"), ("Russia Today", "rt"), ("TASS", "tass"), ("Some Local Paper", "somelocalpaper"),
])
def test_outlet_from_name(name, slug):
    assert metadata.outlet_from_name(name) == slug


@pytest.mark.parametrize("text, slug", [
    ("All news\n\nHeadline\n\nMOSCOW, December 5. /TASS/. Ukraine should accept", "tass"),
    ("Body.\n\n© Autonomous Nonprofit Organization “TV-Novosti”, 2005–2023. All rights reserved.", "rt"),
    ("KYIV, Feb 28 (Reuters) - Ukraine said on Monday", "reuters"),
    ("The enemy fired two missiles on the airport. — Ukrinform.", "ukrinform"),
    ("Nothing here says who published it.", None),
])
def test_outlet_from_text(text, slug):
    assert metadata.outlet_from_text(text) == slug


@pytest.mark.parametrize("url, normal", [
    ("https://www.rt.com//business/553412-us-sber/", "rt.com/business/553412-us-sber"),
    ("http://rt.com/business/553412-us-sber", "rt.com/business/553412-us-sber"),
    ("https://tribunalukraine.info/article/96?lang=en", "tribunalukraine.info/article/96?lang=en"),
    ("https://www.bbc.co.uk/news/1?utm_source=twitter#comments", "bbc.co.uk/news/1"),
    ("", None),
])
def test_normalise_url(url, normal):
    assert metadata.normalise_url(url) == normal


@pytest.mark.parametrize("name, outlet", [
    ("bbc_2024-03-01_talks-continue.txt", "bbc"),
    ("BBC_20240301_talks.txt", "bbc"),
    ("tass-2023-12-05-us-wants-allies.txt", "tass"),
    ("mysite_2024-03-01_slug.txt", None),        # not a registered slug
    ("bbc_talks_2024-03-01.txt", None),          # the date must follow the prefix
    ("bbc.txt", None),
])
def test_outlet_from_filename(name, outlet):
    assert metadata.outlet_from_filename(name) == outlet
