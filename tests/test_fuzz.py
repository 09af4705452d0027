"""Does reading survive hostile input? Property tests (hypothesis) and a table of concrete hostile files.

Every input, however broken, must end as articles, merged duplicates or counted skips with a reason: no
exception escapes reading, the ingestion report adds up per file, and every extracted span lies inside its
article. The default profile runs a few dozen examples per property (well under half a minute on two
cores); ``HYPOTHESIS_PROFILE=fuzz`` (``make fuzz``) runs thousands.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import corpus, mentions
from analysis.__main__ import main
from analysis.errors import CorpusError
from analysis.ingest.records import MAX_JSON_DEPTH
from analysis.textio import READ_CHUNK_BYTES

settings.register_profile("ci", max_examples=50, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "2000")), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

OTHER = ("The central bank raised interest rates by half a point on Thursday, its third rise this year, and "
         "said inflation would stay high until the spring. Markets had expected the move.")
ARTICLE = ("Officials said on Tuesday that the talks in Geneva would resume next week, according to a "
           "spokesman who spoke to reporters. The minister called the offer \"a provocation\".")
#: Reasons a reader gives only when its own checks missed something (see ReadLog.read_file): a fuzzed input
#: that ends there has found a gap, even though it did not crash the run.
LAST_RESORT = {"unreadable_file"}


# --- the properties every reading keeps ----------------------------------------------------------------


def _load(folder: Path) -> corpus.Corpus:
    return corpus.load(str(folder), cache=False, jobs=1)


def _check_accounting(loaded: corpus.Corpus) -> None:
    """Items read = articles + duplicates merged + dropped after reading; each file's skips are its skip rows."""
    account = loaded.accounting()
    assert account["items_read"] == account["articles"] + account["duplicates"] + account["skipped_after_reading"]
    for row in loaded.files.itertuples():
        own = loaded.skipped["source"].map(lambda s, label=row.source: s == label or s.startswith(label + ":"))
        before = loaded.skipped[own & ~loaded.skipped["reason"].isin(["empty_after_cleaning", "duplicate_id",
                                                                       "duplicate_column"])]
        assert row.skipped == len(before), (row.source, loaded.skipped)
    per_file = loaded.file_accounting()
    assert per_file["adds_up"].all(), per_file[~per_file["adds_up"]]
    assert per_file["articles"].sum() == len(loaded.articles)
    assert per_file["duplicates"].sum() == len(loaded.duplicates)
    for column in ("source", "detail"):
        assert not loaded.skipped[column].str.contains("\n").any()
    assert not set(loaded.skipped["reason"]) & LAST_RESORT, loaded.skipped


def _seen(loaded: corpus.Corpus, name: str) -> int:
    """Items seen in one file: the items read from it and the items skipped in it."""
    row = loaded.files[loaded.files["source"].str.endswith("/" + name)]
    assert len(row) == 1, loaded.files
    return int(row["items"].iloc[0] + row["skipped"].iloc[0])


def _check_spans(loaded: corpus.Corpus) -> None:
    """Every mention of every family lies inside its article and its sentence."""
    if loaded.articles.empty:
        return
    found = mentions.extract_articles(loaded.articles, families=["wording", "sourcing"], jobs=1)
    lengths = dict(zip(loaded.articles["article_id"], loaded.articles["text"].str.len()))
    for row in found.itertuples():
        length = lengths[row.article_id]
        assert 0 <= row.start <= row.end <= length
        assert 0 <= row.sentence_start <= row.start and row.end <= row.sentence_end <= length


def _folder(files: dict[str, bytes]) -> tempfile.TemporaryDirectory:
    holder = tempfile.TemporaryDirectory()
    root = Path(holder.name) / "in"
    root.mkdir()
    for name, data in files.items():
        (root / name).write_bytes(data)
    return holder


# --- properties --------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "title", "url", "date", "outlet", "maintext", "id", "x"]) | st.text(max_size=8),
        inner, max_size=5),
    max_leaves=12)


@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".json", ".jsonl", ".csv", ".tsv", ".html"]))
def test_any_bytes_in_any_format_are_read_or_skipped(data, suffix):
    with _folder({f"a{suffix}": data, "b.txt": ARTICLE.encode()}) as holder:
        try:
            loaded = _load(Path(holder) / "in")
        except CorpusError:
            return  # the whole table is unusable (no text column): a one-line error, exit status 2
        _check_accounting(loaded)
        assert (loaded.articles["text"].str.contains("talks in Geneva")).any()


@given(value=json_values)
def test_any_json_value_is_read_or_skipped(value):
    document = json.dumps(value)
    with _folder({"a.json": document.encode()}) as holder:
        loaded = _load(Path(holder) / "in")
        _check_accounting(loaded)
        if isinstance(value, list) and value:
            assert _seen(loaded, "a.json") == len(value)


@given(records=st.lists(json_values | st.fixed_dictionaries({"text": st.text(min_size=1, max_size=200)}),
                        min_size=1, max_size=6))
def test_any_json_lines_are_counted_line_by_line(records):
    lines = "\n".join(json.dumps(r) for r in records)
    with _folder({"a.jsonl": lines.encode()}) as holder:
        try:
            loaded = _load(Path(holder) / "in")
        except CorpusError as error:
            assert "no text column" in str(error)
            assert not any(isinstance(r, dict) and r.keys() & {"text", "title", "maintext"} for r in records)
            return
        _check_accounting(loaded)
        assert _seen(loaded, "a.jsonl") == len(records)


cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)


@given(header=st.lists(st.sampled_from(["text", "title", "url", "date", "outlet", "x", ""]), min_size=1, max_size=5),
       rows=st.lists(st.lists(cells, min_size=0, max_size=6), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_any_csv_shape_is_read_or_skipped(header, rows, delimiter):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    with _folder({"a.csv": buffer.getvalue().encode("utf-8")}) as holder:
        try:
            loaded = _load(Path(holder) / "in")
        except CorpusError as error:
            assert "text column" in str(error)
            return
        _check_accounting(loaded)


@settings(max_examples=max(5, settings().max_examples // 5))
@given(body=st.text(min_size=1, max_size=400), title=st.text(max_size=50))
def test_extracted_spans_stay_inside_their_article(body, title):
    record = {"title": title, "text": ARTICLE + " " + body + " Kiev said \"invasion\", a source told Reuters."}
    with _folder({"a.jsonl": json.dumps(record).encode()}) as holder:
        loaded = _load(Path(holder) / "in")
        _check_accounting(loaded)
        _check_spans(loaded)


# --- the concrete hostile inputs ---------------------------------------------------------------------


def _parquet_with_corrupt_group(folder: Path) -> None:
    table = pa.table({"title": [f"T{i}" for i in range(300)],
                      "text": [f"{ARTICLE} Number {i}. " + "word " * 40 for i in range(300)]})
    pq.write_table(table, folder / "a.parquet", row_group_size=100, compression="none")
    data = bytearray((folder / "a.parquet").read_bytes())
    meta = pq.ParquetFile(folder / "a.parquet").metadata.row_group(1).column(1)
    start = meta.dictionary_page_offset if meta.has_dictionary_page else meta.data_page_offset
    for i in range(start + 8, start + meta.total_compressed_size - 8):  # the second group's text pages
        data[i] = 0xFF
    (folder / "a.parquet").write_bytes(bytes(data))


def _make(case: str, folder: Path) -> None:
    good = json.dumps({"title": "G", "text": ARTICLE})
    if case == "lone_surrogate":
        (folder / "a.json").write_text('{"title": "A\\ud800", "maintext": ' + json.dumps(ARTICLE + " \\udc00")[:-1]
                                       .replace("\\\\udc00", "\\udc00") + '"}')
    elif case == "long_integer":
        (folder / "a.json").write_text('{"title": "A", "maintext": ' + json.dumps(ARTICLE) + ', "n": ' + "9" * 5000
                                       + "}")
    elif case == "deep_json":
        (folder / "a.json").write_text("[" * 100_000 + "]" * 100_000)
    elif case == "deep_json_line":
        (folder / "a.jsonl").write_text(good + "\n" + '{"text": ' + "[" * (MAX_JSON_DEPTH + 5) + "]" *
                                        (MAX_JSON_DEPTH + 5) + "}\n")
    elif case == "corrupt_parquet":
        _parquet_with_corrupt_group(folder)
    elif case == "broken_sidecar_line":
        (folder / "a.txt").write_text(ARTICLE)
        (folder / "metadata.jsonl").write_text('{"file": "a.txt", "title": "T"}\n{broken\n')
    elif case == "latin1_meta_json":
        (folder / "a.txt").write_text(ARTICLE)
        (folder / "a.txt.meta.json").write_bytes('{"title": "Café"}'.encode("latin-1"))
    elif case == "invalid_meta_json":
        (folder / "a.txt").write_text(ARTICLE)
        (folder / "a.txt.meta.json").write_text("[1, 2")
    elif case == "dangling_link":
        (folder / "a.txt").write_text(ARTICLE)
        (folder / "b.txt").symlink_to(folder / "nowhere.txt")
    elif case == "link_loop":
        (folder / "a.txt").write_text(ARTICLE)
        (folder / "c.txt").symlink_to("c.txt")
    elif case == "named_pipe":
        (folder / "a.txt").write_text(ARTICLE)
        os.mkfifo(folder / "pipe.txt")
    elif case == "link_to_dev_zero":
        (folder / "a.txt").write_text(ARTICLE)
        (folder / "zero.txt").symlink_to("/dev/zero")
    elif case == "jsonl_first_without_text":
        (folder / "a.jsonl").write_text('{"title": "first"}\n' + good + "\n")
    elif case == "list_dict_bool_as_text":
        (folder / "a.json").write_text(json.dumps([{"text": ["a"]}, {"text": {"b": 1}}, {"text": True},
                                                   {"title": "G", "text": ARTICLE}]))
    elif case == "duplicate_csv_header":
        (folder / "a.csv").write_text(f'title,text,text\nA,"{ARTICLE}",second\n')
    elif case == "control_characters_in_name":
        (folder / "bad\nname\x1b[31m.json").write_text("{broken")
        (folder / "a.txt").write_text(ARTICLE)
    elif case == "hidden_and_linked_folders":
        (folder / "a.txt").write_text(ARTICLE)
        (folder / ".hidden").mkdir()
        (folder / ".hidden" / "b.txt").write_text(ARTICLE + " hidden")
        (folder.parent / "elsewhere").mkdir()
        (folder.parent / "elsewhere" / "c.txt").write_text(OTHER)
        (folder / "linked").symlink_to(folder.parent / "elsewhere")
        (folder / "loop").symlink_to(folder)
    elif case == "table_named_metadata":
        (folder / "metadata.csv").write_text(f'title,text\nA,"{ARTICLE}"\n')
    elif case == "random_json_scalar":
        (folder / "a.json").write_text("12")
        (folder / "b.json").write_text("[]")
    else:
        raise AssertionError(case)


#: case -> (skip reasons expected, articles expected)
HOSTILE = {
    "lone_surrogate": ({}, 1),
    "long_integer": ({}, 1),
    "deep_json": ({"json_too_deep": 1}, 0),
    "deep_json_line": ({"json_too_deep": 1}, 1),
    "corrupt_parquet": ({"corrupt_row_group": 1}, 200),
    "broken_sidecar_line": ({"malformed_sidecar": 1}, 1),
    "latin1_meta_json": ({}, 1),
    "invalid_meta_json": ({"malformed_sidecar": 1}, 1),
    "dangling_link": ({"broken_link": 1}, 1),
    "link_loop": ({"link_loop": 1}, 1),
    "named_pipe": ({"not_a_regular_file": 1}, 1),
    "link_to_dev_zero": ({"not_a_regular_file": 1}, 1),
    "jsonl_first_without_text": ({}, 2),
    "list_dict_bool_as_text": ({"text_not_a_string": 3}, 1),
    "duplicate_csv_header": ({"duplicate_column": 1}, 1),
    "control_characters_in_name": ({"malformed_json": 1}, 1),
    "hidden_and_linked_folders": ({"hidden_folder": 1, "linked_folder": 2}, 1),
    "table_named_metadata": ({}, 1),
    "random_json_scalar": ({"malformed_record": 1, "empty_file": 1}, 0),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_is_a_counted_skip(case, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _make(case, folder)
    loaded = _load(folder)
    reasons, articles = HOSTILE[case]
    assert loaded.skipped["reason"].value_counts().to_dict() == reasons, loaded.skipped
    assert len(loaded.articles) == articles
    _check_accounting(loaded)
    texts = " ".join(loaded.articles["text"])
    assert "\ud800" not in texts and "\udc00" not in texts
    if case == "jsonl_first_without_text":  # the second record's body is kept, not lost to the first's columns
        assert loaded.articles.set_index("title").loc["G", "text"].endswith("talks in Geneva would resume next "
                                                                          "week, according to a spokesman who "
                                                                          "spoke to reporters. The minister "
                                                                          "called the offer \"a provocation\".")
    if case == "latin1_meta_json":
        assert loaded.articles["title"].tolist() == ["Café"]
    if case == "corrupt_parquet":
        detail = loaded.skipped["detail"].iloc[0]
        assert "row group 2 (rows 101-200)" in detail
        numbers = sorted(int(t.split("Number ")[1].split(".")[0]) for t in loaded.articles["text"])
        assert numbers == list(range(100)) + list(range(200, 300))
    if case == "control_characters_in_name":
        assert "bad\\nname\\x1b[31m.json" in loaded.skipped["source"].iloc[0]


def test_unreadable_file_and_folder_are_counted(tmp_path, monkeypatch):
    """Tests run as root, where chmod does not bite: refusal is simulated where the readers ask the system."""
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text(ARTICLE + " b")
    (folder / "locked" / "c.txt").write_text(ARTICLE + " c")
    real_open, real_scandir = os.open, os.scandir

    def refusing_open(path, *args, **kwargs):
        if str(path).endswith("b.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def refusing_scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(os, "scandir", refusing_scandir)
    loaded = _load(folder)
    assert loaded.skipped.set_index("reason")["source"].to_dict() == {"unreadable_file": "in/b.txt",
                                                                      "unreadable_folder": "in/locked/"}
    assert len(loaded.articles) == 1


def test_size_limit_is_checked_on_bytes_read(tmp_path, monkeypatch):
    """A file that reports a small size but keeps giving bytes stops at the limit."""
    from analysis import textio
    from analysis.errors import SkipItem

    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * (3 * READ_CHUNK_BYTES))
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((stat.S_IFREG | 0o644, *real_fstat(fd)[1:6], 10,
                                                                  *real_fstat(fd)[7:10])))
    with pytest.raises(SkipItem) as caught:
        textio.read_file_bytes(path, max_bytes=READ_CHUNK_BYTES + 5, name="a.txt")
    assert caught.value.reason == "file_too_large" and "it grew while read" in caught.value.detail


def test_follow_links_walks_linked_folders_and_stops_at_loops(tmp_path):
    from analysis.ingest import ReadOptions

    (tmp_path / "in").mkdir()
    _make("hidden_and_linked_folders", tmp_path / "in")
    loaded = corpus.load(str(tmp_path / "in"), cache=False, jobs=1, options=ReadOptions(follow_links=True))
    assert loaded.skipped["reason"].value_counts().to_dict() == {"hidden_folder": 1, "folder_loop": 1}
    assert len(loaded.articles) == 2
    _check_accounting(loaded)


@pytest.mark.parametrize("strict, status", [(False, 0), (True, 1)])
def test_extract_reports_skips_and_honours_strict(tmp_path, capsys, strict, status):
    folder = tmp_path / "in"
    folder.mkdir()
    _make("list_dict_bool_as_text", folder)
    args = ["extract", str(folder), "--no-cache", "--family", "wording"] + (["--strict"] if strict else [])
    assert main(args) == status
    err = capsys.readouterr().err
    assert "read 1 items; 0 duplicates merged; 0 dropped after reading; 3 files or rows skipped" in err
    assert "text_not_a_string" in err


def test_table_named_metadata_given_explicitly_is_read(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "metadata.csv").write_text('file,title\nx.txt,T\n')
    (folder / "meta.csv").write_text(f'title,text\nA,"{ARTICLE}"\n')
    assert len(corpus.load(str(folder / "meta.csv"), cache=False).articles) == 1
    named = corpus.load(str(folder / "metadata.csv"), cache=False).articles  # read as the table it was named as
    assert named[["title", "content_type"]].values.tolist() == [["T", "headline"]]
    assert main(["corpus", str(tmp_path / "missing\nname"), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "missing\\nname" in err and err.count("\n") == 1


def test_cache_key_survives_links_pipes_and_loops(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for case in ("dangling_link", "link_loop", "named_pipe"):
        sub = folder / case
        sub.mkdir()
        _make(case, sub)
    first = corpus.load(str(folder), cache=True, jobs=1)
    again = corpus.load(str(folder), cache=True, jobs=1)
    assert len(first.articles) == len(again.articles) == 1  # the same text three times: one article, 2 merged
    pd.testing.assert_frame_equal(first.skipped, again.skipped)
