"""Loaders: every format through one entry point, and every kind of bad input counted or reported."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from analysis.errors import CorpusError
from analysis.ingest import ColumnMap, ReadLog, ReadOptions, read_sources
from tests.conftest import CORPORA, GOLD, RT_SEED, TASS_SEED, needs_shared, write


def read(*paths, options=None):
    log = ReadLog()
    articles = list(read_sources(paths, options=options, log=log))
    return articles, log


def reasons(log: ReadLog) -> dict[str, int]:
    return pd.Series([s.reason for s in log.skips], dtype=object).value_counts().to_dict()


def test_text_folder_with_sidecar_table(tmp_path):
    write(tmp_path / "corpus" / "a.txt", "Headline one\n\nBody of the first article.")
    write(tmp_path / "corpus" / "b.txt", "Headline two\n\nBody of the second article.")
    write(tmp_path / "corpus" / "metadata.csv",
          "file,outlet,url,published,title\n"
          "a.txt,TASS,https://tass.com/politics/1,2023-12-05,Headline one\n"
          "b,rt.com,https://www.rt.com/news/2-x/,11 Jun 2023,Headline two\n")
    articles, log = read(tmp_path / "corpus")
    assert [(a.outlet, a.published, a.title, a.source) for a in articles] == [
        ("tass", date(2023, 12, 5), "Headline one", "corpus/a.txt"),
        ("rt", date(2023, 6, 11), "Headline two", "corpus/b.txt")]
    assert all(a.outlet_from == "sidecar" for a in articles)
    assert log.skips == []


def test_text_file_with_its_own_meta_json(tmp_path):
    write(tmp_path / "x" / "story.txt", "A headline here\n\nText.")
    write(tmp_path / "x" / "story.meta.json", json.dumps({"outlet": "bbc", "date": "2023-02-01"}))
    (article,), _ = read(tmp_path / "x" / "story.txt")
    assert (article.outlet, article.published) == ("bbc", date(2023, 2, 1))


def test_seed_files_read_as_text_with_file_names():
    articles, log = read(RT_SEED, TASS_SEED)
    assert [a.file_name for a in articles] == [RT_SEED.name, TASS_SEED.name]
    assert [a.source for a in articles] == [f"seeds/{RT_SEED.name}", f"seeds/{TASS_SEED.name}"]
    assert articles[0].outlet is None  # inferred later, from the text (see test_corpus)


HTML_PAGE = """<!DOCTYPE html><html><head><title>Kremlin rejects talks | Example News</title>
<link rel="canonical" href="https://www.reuters.com/world/europe/kremlin-rejects-talks-2022-03-01/">
<meta property="og:site_name" content="Reuters">
<script>var tracking = "window.location"; for (var i=0;i<10;i++) { console.log("ad " + i); }</script>
<style>.nav { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<script>document.write("<p>Injected advert text that is not the article</p>");</script>
<article><h1>Kremlin rejects talks</h1>
<p>MOSCOW, March 1 (Reuters) - The Kremlin on Tuesday rejected calls for talks with Kyiv, saying
the conditions set by Moscow had not changed and that its military operation would continue.</p>
<p>Spokesman Dmitry Peskov told reporters that Russia saw no basis for a meeting at this stage,
and repeated that the goals of what Moscow calls a special military operation would be achieved.</p>
<p>Ukraine's foreign minister said the remarks showed that Russia was not interested in peace.</p>
</article><footer>© 2022 Reuters. All rights reserved. Cookie settings.</footer>
<script>console.log("more script")</script></body></html>"""


def test_html_page_main_text_and_metadata(tmp_path):
    (article,), log = read(write(tmp_path / "pages" / "kremlin.html", HTML_PAGE))
    assert article.outlet == "reuters"
    assert article.published == date(2022, 3, 1)
    assert "The Kremlin on Tuesday rejected calls for talks" in article.body
    assert "console.log" not in article.body and "Injected advert" not in article.body
    assert "Cookie settings" not in article.body


def test_html_page_with_only_scripts_is_skipped(tmp_path):
    script = "var x = 1;" * 5000
    page = f"<html><head><script>{script}</script></head><body><script>alert(1)</script></body></html>"
    articles, log = read(write(tmp_path / "scripts.html", page))
    assert articles == [] and reasons(log) == {"no_main_text": 1}


def test_newsplease_json(tmp_path):
    record = {"authors": [], "date_publish": "2023-06-17 16:36:00", "description": "Lead ✔️ Only reliable news",
              "language": "en", "title": "Video: Disaster in Indonesia", "source_domain": "rrn.media",
              "maintext": "The death toll from the earthquake on Java has reached 262.",
              "url": "https://rrn.media/video-disaster-in-indonesia/"}
    (article,), _ = read(write(tmp_path / "2023" / "rrn.media" / "x.html.json", json.dumps(record)))
    expected = ("rrn", date(2023, 6, 17), "Video: Disaster in Indonesia")
    assert (article.outlet, article.published, article.title) == expected
    assert article.body == record["maintext"]
    assert article.declared_language == "en"


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet"])
def test_tables_with_a_column_mapping(tmp_path, suffix):
    frame = pd.DataFrame({"link": ["https://www.aljazeera.com/news/2023/2/27/a-b", "https://www.bbc.co.uk/news/1"],
                          "article": ["First body text here.", "Second body text here."],
                          "headline": ["First", "Second"]})
    path = tmp_path / f"table{suffix}"
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".tsv":
        frame.to_csv(path, index=False, sep="\t")
    elif suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_parquet(path, index=False)
    articles, log = read(path)
    assert [(a.url, a.title, a.body, a.source) for a in articles] == [
        (frame.link[0], "First", "First body text here.", f"{tmp_path.name}/table{suffix}:1"),
        (frame.link[1], "Second", "Second body text here.", f"{tmp_path.name}/table{suffix}:2")]
    assert log.files[0].items == 2 and log.skips == []


def test_renamed_columns_need_a_mapping_and_the_error_says_how(tmp_path):
    path = write(tmp_path / "renamed.csv", "when,words,where\n2022-01-01,Some text,https://tass.com/1\n")
    with pytest.raises(CorpusError, match=r"renamed.csv: no text column; the header has \['when', 'words', 'where'\]"
                                          r".*--map text=COLUMN"):
        read(path)
    options = ReadOptions(columns=ColumnMap.parse(["text=words", "published=when", "url=where"]))
    (article,), _ = read(path, options=options)
    assert (article.body, article.published, article.url) == ("Some text", date(2022, 1, 1), "https://tass.com/1")


def test_missing_mapped_column_is_an_error(tmp_path):
    path = write(tmp_path / "t.csv", "title,content\nA,B\n")
    with pytest.raises(CorpusError, match=r"column 'body' \(mapped to text\) is not in the header"):
        read(path, options=ReadOptions(columns=ColumnMap(text="body")))
    with pytest.raises(CorpusError, match="unknown field 'colour'"):
        ColumnMap.parse(["colour=red"])


def test_bad_rows_are_counted_with_file_and_row(tmp_path):
    content = ("title,content,URL\n"
               "Good,A real body,https://www.rt.com/news/1-a/\n"
               "Empty,,https://www.rt.com/news/2-b/\n"
               "Blank,   ,https://www.rt.com/news/3-c/\n"
               "Too,many,fields,here\n"
               ",,\n"
               "Also good,Another body,https://www.rt.com/news/4-d/\n")
    articles, log = read(write(tmp_path / "rt" / "search.csv", content))
    assert [a.title for a in articles] == ["Good", "Also good"]
    assert reasons(log) == {"empty_text": 2, "malformed_row": 1, "blank_row": 1}
    details = {s.source: s.detail for s in log.skips}
    assert details["rt/search.csv:2"] == "rt/search.csv row 2: column 'content' is empty"
    assert details["rt/search.csv:4"].startswith("rt/search.csv row 4 (line 5): 4 fields where the header has 3")
    assert log.files[0].items + log.files[0].skipped == 6


def test_malformed_jsonl_lines_and_json_files(tmp_path):
    write(tmp_path / "d" / "rows.jsonl", '{"text": "One body", "title": "One"}\n{broken\n["not", "an object"]\n')
    write(tmp_path / "d" / "broken.json", '{"maintext": "unterminated')
    write(tmp_path / "d" / "config.json", '{"setting": true, "level": 3}')
    articles, log = read(tmp_path / "d")
    assert [a.title for a in articles] == ["One"]
    assert reasons(log) == {"malformed_row": 2, "malformed_json": 1, "not_an_article": 1}


def test_encodings_in_a_folder(tmp_path):
    russian = "Москва заявила, что цели специальной военной операции будут достигнуты полностью."
    write(tmp_path / "enc" / "cp1251.txt", ("Заголовок статьи здесь\n\n" + russian).encode("cp1251"))
    french = "Titre de l'article ici\n\nLe président a déclaré à l'AFP."
    write(tmp_path / "enc" / "latin1.txt", french.encode("latin-1"))
    write(tmp_path / "enc" / "mojibake.txt", "Kiev’s bid\n\nNATO states don’t support it".encode().decode("cp1252")
          .encode("utf-8"))
    articles, log = read(tmp_path / "enc")
    bodies = {a.file_name: a.body for a in articles}
    assert russian in bodies["cp1251.txt"]
    assert "Le président a déclaré" in bodies["latin1.txt"]
    assert "don’t support" in bodies["mojibake.txt"]
    assert {f.source.split("/")[-1]: f.encoding for f in log.files}["cp1251.txt"] == "cp1251"


def test_non_news_and_binary_files_are_counted(tmp_path):
    write(tmp_path / "mixed" / "story.txt", "A real headline here\n\nAnd a body.")
    write(tmp_path / "mixed" / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path / "mixed" / "notes.docx", b"PK\x03\x04")
    write(tmp_path / "mixed" / "binary.txt", b"\x00\x01\x02\x03garbage\x00")
    write(tmp_path / "mixed" / "README.md", "# About this folder")
    write(tmp_path / "mixed" / "LICENSE.txt", "Permission is hereby granted")
    write(tmp_path / "mixed" / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(tmp_path / "mixed" / "empty.txt", "   \n")
    articles, log = read(tmp_path / "mixed")
    assert [a.file_name for a in articles] == ["story.txt"]
    assert reasons(log) == {"unsupported_file_type": 2, "binary_file": 1, "not_an_article": 2, "hidden_file": 1,
                            "empty_file": 1}


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        read(tmp_path / "nowhere")


@needs_shared("gold", "polnear", "dev")
def test_polnear_brat_layout():
    articles, log = read(GOLD / "polnear" / "dev")
    assert len(articles) == 84 and log.skips == []
    first = articles[0]
    assert first.source == "dev/text/breitbart_2016-09-12_stealth-over-health-hillary-clin.txt"
    assert (first.outlet, first.published) == ("breitbart", date(2016, 9, 12))
    assert first.title.startswith("Stealth Over Health: Hillary Clinton Was Headed to ER")
    assert {a.outlet for a in articles} == {"breitbart", "huffpost", "nyt", "politico", "usatoday", "washpost",
                                            "westernjournal"}


@needs_shared("corpora", "ruwa")
def test_ruwa_rows_are_headlines_with_events():
    from analysis import datasets

    articles, log = read(CORPORA / "ruwa", options=datasets.get("ruwa").read)
    assert len(articles) + len(log.skips) == 16_545
    assert reasons(log) == {"empty_text": 194}   # rows with neither headline nor sub-heading
    assert {a.content_type for a in articles} == {"headline"}
    first = articles[0]
    assert (first.outlet, first.published, first.event) == ("bbc", date(2022, 2, 28), "beginning")
    assert first.title == "Ukraine invasion: Misleading claims continue to go viral"
    assert pd.Series([a.outlet for a in articles]).value_counts().to_dict()["censor"] == 5094


def test_enormous_row_in_a_table_is_skipped_not_loaded(tmp_path):
    from analysis.ingest import MAX_ARTICLE_CHARS

    huge = "word " * (MAX_ARTICLE_CHARS // 5 + 10)
    path = write(tmp_path / "big" / "rows.csv", f"title,text\nHuge,{huge}\nSmall,A normal body.\n")
    articles, log = read(path)
    assert [a.title for a in articles] == ["Small"]
    assert reasons(log) == {"too_long": 1}
    assert "big/rows.csv row 1: 2,000,049 characters is over the 2,000,000 limit" in log.skips[0].detail


def _read_all(path):
    log = ReadLog()
    articles = [(a.source, a.body, a.title, a.published) for a in read_sources([path], log=log)]
    return articles, [(s.source, s.reason) for s in log.skips], [(f.items, f.skipped, f.encoding) for f in log.files]


@pytest.mark.parametrize("name, content", [
    ("wire.jsonl", "".join(json.dumps({"title": f"Story {i}", "text": f"Body {i} says “so” — твёрдо.\n\nMore {i}.",
                                       "date": f"2024-03-{i % 28 + 1:02d}"}, ensure_ascii=False) + "\n"
                           + ("{broken\n" if i % 7 == 0 else "") for i in range(60))),
    ("wire.csv", "title,text,date\n" + "".join(
        f'Story {i},"Body {i}, quoted ""so""\nover two lines — твёрдо.",2024-03-{i % 28 + 1:02d}\n'
        + ("oops,too,many,fields\n" if i % 9 == 0 else "") for i in range(60))),
])
def test_a_big_table_streamed_in_small_blocks_reads_as_one_read_whole(tmp_path, monkeypatch, name, content):
    # Streaming keeps one block of the file in memory; which block a row falls in must change nothing.
    import analysis.textio as textio

    path = write(tmp_path / name, content.encode("utf-8"))
    whole = _read_all(path)
    monkeypatch.setattr(textio, "BLOCK_BYTES", 97)
    assert _read_all(path) == whole
    articles, skips, files = whole
    assert len(articles) == 60 and files == [(60, len(skips), "utf-8")] and skips


def test_an_article_over_the_length_limit_is_skipped_whatever_its_format(tmp_path, monkeypatch):
    import analysis.ingest.model as model

    monkeypatch.setattr(model, "MAX_ARTICLE_CHARS", 500)
    write(tmp_path / "c" / "long.txt", ("Officials said the talks had failed. " * 20).encode())
    write(tmp_path / "c" / "short.txt", b"Officials said the talks had failed.")
    write(tmp_path / "c" / "page.html", ("<html><body><article><p>" + "Officials said the talks failed. " * 30
                                         + "</p></article></body></html>").encode())
    log = ReadLog()
    read = [a.source for a in read_sources([tmp_path / "c"], log=log)]
    assert read == ["c/short.txt"]
    assert sorted((s.source, s.reason) for s in log.skips) == [("c/long.txt", "too_long"), ("c/page.html", "too_long")]
    assert "over the 500 limit" in log.skips[0].detail
