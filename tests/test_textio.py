"""Decoding: clean UTF-8, damaged UTF-8, legacy code pages, mojibake, binary files."""

from __future__ import annotations

import pytest

from analysis.errors import SkipItem
from analysis.textio import decode_bytes, read_text, repair_text
from tests.conftest import CORPORA, needs_shared, write

UTF8_CONTEXT = "Ukraine’s “war” – ".encode()  # valid multi-byte sequences, as in the damaged RT files


@pytest.mark.parametrize("damaged, expected", [
    # lead bytes E2 80 stripped from a closing quote, as in rt_thesis: 'manipulative \x9d and'
    (b"as manipulative \x9d and criticizing", "as manipulative ” and criticizing"),
    (b"lived \x80\x9cthe dream\x80\x9d there", "lived “the dream” there"),
    (b"the group \x94 but is", "the group — but is"),          # em dash remnant (E2 80 94)
    (b"2005 \x93 2021", "2005 – 2021"),                          # en dash remnant (E2 80 93)
    (b"wait\xa6 what", "wait… what"),                            # ellipsis remnant (E2 80 A6)
    (b"Organization \xa9 RT", "Organization © RT"),             # copyright remnant (C2 A9)
])
def test_remnants_of_stripped_lead_bytes_are_repaired(damaged, expected):
    decoded = decode_bytes(UTF8_CONTEXT + damaged)
    assert decoded.text == UTF8_CONTEXT.decode() + expected
    assert decoded.encoding == "utf-8+repaired"
    assert decoded.repaired >= 1 and decoded.replaced == 0


def test_cp1252_bytes_mixed_into_utf8_are_read_as_cp1252():
    # soros-russia-old.csv: "accept \x96 a monstrous accident", "\xa31.5 million", "some time \x97 one"
    data = UTF8_CONTEXT + b"accept \x96 a monstrous accident, over \xa31.5 million, for some time \x97 one"
    decoded = decode_bytes(data)
    assert decoded.text.endswith("accept – a monstrous accident, over £1.5 million, for some time — one")


def test_russian_cp1251_file_is_detected():
    text = "Москва заявила, что цели специальной военной операции будут достигнуты. " * 5
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.encoding == "cp1251"
    assert decoded.text == text


def test_latin1_file_is_decoded():
    text = "Le président a déclaré à l'AFP que la situation était « très grave »."
    decoded = decode_bytes(text.encode("latin-1"))
    assert decoded.text == text


@pytest.mark.parametrize("mojibake, fixed", [
    ("NATO states donâ€™t support Ukraineâ€™s bid", "NATO states don’t support Ukraine’s bid"),
    ("the so-called â€œreferendumâ€\x9d", "the so-called “referendum”"),
    ("Киев, Украина".encode().decode("cp1252"), "Киев, Украина"),
])
def test_mojibake_is_undone_and_curly_quotes_survive(mojibake, fixed):
    assert repair_text(mojibake) == fixed


def test_clean_text_is_left_alone():
    text = "Zakharova said: «Это провокация» – and “nothing else”."
    assert repair_text(text) is text


def test_binary_content_is_skipped_with_reason():
    with pytest.raises(SkipItem) as caught:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="photo.txt")
    assert caught.value.reason == "binary_file"
    assert "photo.txt" in caught.value.detail


@pytest.mark.parametrize("bom, encoding", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le")])
def test_byte_order_marks(bom, encoding):
    text = "Kyiv said on Monday"
    data = bom + text.encode(encoding)
    assert decode_bytes(data).text == text


def test_oversized_and_empty_files_are_skipped(tmp_path):
    big = write(tmp_path / "huge.txt", b"")
    with big.open("wb") as handle:  # a 50 MB text file
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(SkipItem) as caught:
        read_text(big)
    assert caught.value.reason == "file_too_large" and "huge.txt: 52.4 MB is over" in caught.value.detail
    with pytest.raises(SkipItem) as caught:
        read_text(write(tmp_path / "blank.txt", "  \n\t \n"))
    assert caught.value.reason == "empty_file"


@needs_shared("corpora", "rt_thesis")
def test_real_rt_thesis_file_is_repaired_not_replaced():
    decoded = decode_bytes((CORPORA / "rt_thesis" / "soros-nato.csv").read_bytes())
    assert decoded.encoding == "utf-8+repaired"
    assert decoded.repaired > 500
    assert decoded.replaced == 0
    assert "slamming regional currency exchange as manipulative ” and criticizing" in decoded.text


@pytest.mark.parametrize("data, replaced", [
    (b"caf\xc3\xa9 and \x81 stray \xc3\xa9\xc3\xa9", 1),   # damaged UTF-8: one undefined byte, counted once
    (b"\xef\xbf\xbd is the file's own character", 0),      # a U+FFFD the file holds is not a replacement
    (b"\xff\xfeA\x00\x00\xd8", 1),                         # UTF-16 with a lone surrogate at the end
])
def test_replaced_bytes_are_counted_once(data, replaced):
    assert decode_bytes(data).replaced == replaced


# --- reading big files in blocks ----------------------------------------------------------------------

RUSSIAN = "Москва заявила, что цели специальной военной операции будут достигнуты.\n"
ENGLISH = "Officials said on Tuesday that the talks had failed.\n"


def _blocks(path, **options):
    from analysis.textio import read_blocks

    return list(read_blocks(path, max_bytes=10**8, **options))


@pytest.mark.parametrize("content, encoding", [
    ((RUSSIAN + ENGLISH) * 40, "utf-8"),
    (RUSSIAN * 80, "cp1251"),
])
def test_a_file_read_in_blocks_reads_as_the_whole(tmp_path, content, encoding):
    path = write(tmp_path / "table.csv", content.encode(encoding))
    blocks = _blocks(path, block_bytes=300)
    assert len(blocks) > 5 and all(b.text.endswith("\n") for b in blocks)
    assert "".join(b.text for b in blocks) == decode_bytes(path.read_bytes()).text
    assert {b.encoding for b in blocks} == {encoding}


def test_damage_in_one_block_is_repaired_there_and_counted(tmp_path):
    data = (RUSSIAN * 20).encode() + b"the group \x94 but is\n" + (RUSSIAN * 20).encode()
    blocks = _blocks(write(tmp_path / "t.jsonl", data), block_bytes=500)
    assert "the group — but is" in "".join(b.text for b in blocks)
    assert sum(b.repaired for b in blocks) == 1 and "utf-8+repaired" in {b.encoding for b in blocks}


@pytest.mark.parametrize("data", [
    (RUSSIAN * 30).encode("utf-16"),                 # with a byte-order mark
    (RUSSIAN * 30).encode("utf-16-le"),              # without one
    (ENGLISH * 30).encode("utf-16-be"),
])
def test_utf16_is_read_whole_with_or_without_a_byte_order_mark(tmp_path, data):
    blocks = _blocks(write(tmp_path / "t.csv", data), block_bytes=300)
    assert len(blocks) == 1 and blocks[0].text.replace("\ufeff", "") in {RUSSIAN * 30, ENGLISH * 30}


def test_old_mac_line_ends_still_make_blocks(tmp_path):
    blocks = _blocks(write(tmp_path / "t.csv", (ENGLISH.replace("\n", "\r") * 40).encode()), block_bytes=200)
    assert len(blocks) > 3 and "".join(b.text for b in blocks) == ENGLISH * 40


def test_a_line_longer_than_the_limit_is_a_counted_skip(tmp_path, monkeypatch):
    import analysis.textio as textio

    monkeypatch.setattr(textio, "MAX_LINE_BYTES", 5000)
    path = write(tmp_path / "t.jsonl", b"x" * 20_000)
    with pytest.raises(SkipItem, match="line of more than") as raised:
        _blocks(path, block_bytes=1000)
    assert raised.value.reason == "line_too_long"


def test_random_bytes_are_not_accepted_as_text():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(20_000))   # no NUL byte
    with pytest.raises(SkipItem, match="not text") as raised:
        decode_bytes(data, name="noise.txt")
    assert raised.value.reason == "binary_file"


def test_short_legacy_text_is_still_read():
    assert decode_bytes("Café au lait, naïve résumé.".encode("cp1252")).text == "Café au lait, naïve résumé."
