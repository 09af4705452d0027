"""How do we turn the bytes of a file into trustworthy text?

News corpora arrive in every encoding and state of damage: clean UTF-8, legacy Windows code pages
(cp1251 for Russian, cp1252 for western text), and UTF-8 that a scraper mangled. Two kinds of mangling
are common enough to repair rather than replace with U+FFFD:

* **Stripped lead bytes.** Some collectors drop the first byte(s) of multi-byte UTF-8 sequences, so a
  closing quote ``E2 80 9D`` survives as a lone ``9D``. The remnant still says which character it was.
* **Mixed code pages.** A file that is mostly UTF-8 may contain cp1252 bytes pasted in from elsewhere
  (``96`` for an en dash, ``A3`` for a pound sign).

A few bytes are ambiguous between the two readings (``93``/``94`` are dashes as remnants but curly
quotes in cp1252); a vote over the unambiguous bytes of the same file decides them. Every repaired or
replaced byte is counted, so the ingestion report can say how much of a file was guessed.

Classic mojibake (UTF-8 decoded as cp1252 and saved again: ``donâ€™t``) is undone with ``ftfy``,
which is only called when its fast badness check fires.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ftfy
from charset_normalizer import from_bytes
from ftfy.badness import is_bad

from analysis.errors import SkipItem

#: Files larger than this are not read as one article (a news article is well under 1 MB).
MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024
#: Bytes read at a time by :func:`read_file_bytes`; the size limit is checked on what was read, so a
#: device or a growing file that reports a small size cannot push past it.
READ_CHUNK_BYTES = 1024 * 1024
#: Bytes of a table decoded at a time by :func:`read_blocks` (each block ends at a line break), so reading a
#: table holds one block, not the whole file.
BLOCK_BYTES = 8 * 1024 * 1024
#: Longest line :func:`read_blocks` accepts (bytes without a line break); a longer one ends the file's reading
#: with a counted skip. One article is at most 2 million characters, 8 MB in UTF-8.
MAX_LINE_BYTES = 64 * 1024 * 1024
#: Share of C0 control bytes above which bytes that no encoding explains are binary, not text.
MAX_CONTROL_SHARE = 0.005

# Remnants of three-byte sequences E2 80 xx (General Punctuation) whose lead bytes were stripped.
_PUNCTUATION_REMNANTS = {
    0x93: "\u2013", 0x94: "\u2014", 0x98: "\u2018", 0x99: "\u2019", 0x9A: "\u201a",
    0x9C: "\u201c", 0x9D: "\u201d", 0x9E: "\u201e", 0xA2: "\u2022", 0xA6: "\u2026",
}
# Remnants of two-byte sequences C2 xx (Latin-1 supplement): no-break space, pound, copyright, ...
_LATIN1_REMNANTS = {b: chr(b) for b in range(0xA0, 0xC0)}
# Bytes that only make sense as cp1252 (their remnant reading would be an implausible character).
_CP1252_ONLY = {0x80, 0x85, 0x91, 0x92, 0x96, 0x97}
# Bytes that only make sense as remnants (undefined or implausible in cp1252).
_REMNANT_ONLY = {0x9C, 0x9D, 0x98, 0xA6}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What UTF-8 read as cp1252 or Latin-1 looks like: a lead character (Ã Â â Ð Ñ ...) followed by a
# character that a continuation byte (0x80-0xBF) becomes. A cheap test before ftfy's slower one.
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00c3\u00c5\u00e2\u00d0\u00d1\u00d8\u00d9][\u0080-\u00bf\u0152\u0153"
                            "\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e"
                            "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with how it was decoded.

    Attributes:
        text: The decoded text (line endings normalised to ``\\n``).
        encoding: The encoding used, e.g. ``utf-8``, ``cp1251``, ``utf-8+repaired``.
        repaired: Bytes repaired from a stripped or mixed encoding.
        replaced: Bytes that could not be interpreted and became U+FFFD.
    """

    text: str
    encoding: str
    repaired: int = 0
    replaced: int = 0


def looks_binary(data: bytes) -> bool:
    """Whether a byte string is a binary file rather than text (NUL bytes outside UTF-16)."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        return False
    return b"\x00" in head


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when bytes without a byte-order mark read as UTF-16 text, else ``None``.

    UTF-16 text has a NUL in one byte of every ASCII character (spaces, digits, Latin letters), always at
    the same parity; binary data has NULs at both. The head must also decode strictly and hold no control
    characters other than line breaks and tabs.
    """
    head = data[:8192]
    head = head[:len(head) - len(head) % 2]
    pairs = len(head) // 2
    if pairs < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if min(even, odd) > 0 or max(even, odd) < 0.05 * pairs:
        return None
    encoding = "utf-16-le" if odd else "utf-16-be"
    try:
        text = head.decode(encoding)
    except UnicodeDecodeError:
        try:   # the head may end inside a surrogate pair
            text = head[:-2].decode(encoding)
        except UnicodeDecodeError:
            return None
    return None if _CONTROL.search(text.replace("\x00", "\x01")) else encoding


def decode_bytes(data: bytes, *, name: str = "<bytes>", verbatim: bool = False) -> Decoded:
    """Decode the bytes of a text file, repairing what can be repaired.

    Args:
        data: Raw file content.
        name: File name, used in error messages.
        verbatim: Only decode: keep line endings and control characters and do not undo mojibake,
            so that character offsets match the file as read (for gold annotations and ``--no-clean``).

    Returns:
        The decoded text and a record of how it was decoded.

    Raises:
        SkipItem: If the content is binary.
    """
    if looks_binary(data):
        raise SkipItem("binary_file", f"{name}: binary content (NUL bytes), not a text file")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            own = data.decode(encoding, errors="ignore").count("\ufffd")  # U+FFFD the file itself holds
            return _finish(text, encoding, replaced=text.count("\ufffd") - own, verbatim=verbatim)
    unmarked = utf16_without_bom(data)
    if unmarked:
        text = data.decode(unmarked, errors="replace")
        own = data.decode(unmarked, errors="ignore").count("\ufffd")
        return _finish(text, unmarked, replaced=text.count("\ufffd") - own, verbatim=verbatim)
    try:
        return _finish(data.decode("utf-8"), "utf-8", verbatim=verbatim)
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return _decode_damaged_utf8(data, verbatim=verbatim)
    return _decode_legacy(data, name=name, verbatim=verbatim)


def printable(name: str) -> str:
    """A file name or label safe for a one-line message: control characters, line breaks and bytes that
    were not valid in the file system's encoding are written as escapes (``\\n``, ``\\x1b``, ``\\xff``)."""
    if _UNPRINTABLE.search(name) is None:
        return name
    return _UNPRINTABLE.sub(_escape, name)


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not valid in the file system's encoding (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


def open_regular(path: Path, *, name: str | None = None) -> int:
    """Open a regular file for reading, without blocking, and return its descriptor.

    Named pipes, devices and sockets are refused before anything is read from them (a pipe would block
    for ever, ``/dev/zero`` never ends); a dangling link, a link loop or a file the user may not read is
    refused with its reason.

    Raises:
        SkipItem: ``not_a_regular_file``, ``broken_link``, ``link_loop`` or ``unreadable_file``.
    """
    name = printable(name or str(path))
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise SkipItem("broken_link", f"{name}: a symbolic link to a file that does not exist") from None
        raise SkipItem("unreadable_file", f"{name}: the file disappeared while the folder was read") from None
    except PermissionError:
        raise SkipItem("unreadable_file", f"{name}: permission denied") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SkipItem("link_loop", f"{name}: symbolic links that point at each other (a loop)") from None
        raise SkipItem("unreadable_file", f"{name}: cannot be opened ({error.strerror})") from None
    try:
        mode = os.fstat(descriptor).st_mode
    except OSError as error:
        os.close(descriptor)
        raise SkipItem("unreadable_file", f"{name}: cannot be read ({error.strerror})") from None
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = ("a named pipe" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "a socket" if stat.S_ISSOCK(mode) else "a folder" if stat.S_ISDIR(mode) else "not a file")
        raise SkipItem("not_a_regular_file", f"{name}: {kind}, not a regular file; only regular files are read")
    return descriptor


def read_file_bytes(path: Path, *, max_bytes: int, name: str | None = None, what: str = "one file") -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` of them (checked on the bytes actually read).

    Args:
        path: The file.
        max_bytes: The most bytes accepted.
        name: How messages name the file (default: the path).
        what: What the limit is for, in messages (``one article``, ``one table``).

    Raises:
        SkipItem: When the file is not a readable regular file (see :func:`open_regular`) or is larger
            than ``max_bytes``.
    """
    return b"".join(_chunks(path, max_bytes=max_bytes, label=printable(name or str(path)), what=what))


def _chunks(path: Path, *, max_bytes: int, label: str, what: str) -> Iterator[bytes]:
    """The bytes of a regular file in chunks of at most :data:`READ_CHUNK_BYTES`, refused past ``max_bytes``."""
    descriptor = open_regular(path, name=label)
    try:
        size = os.fstat(descriptor).st_size
    except OSError:
        size = 0
    if size > max_bytes:
        os.close(descriptor)
        raise SkipItem("file_too_large", f"{label}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit "
                       f"for {what}")
    total = 0
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        while True:
            try:
                chunk = handle.read(min(READ_CHUNK_BYTES, max_bytes + 1 - total))
            except OSError as error:
                raise SkipItem("unreadable_file", f"{label}: read failed ({error.strerror})") from None
            if not chunk:
                return
            total += len(chunk)
            if total > max_bytes:
                raise SkipItem("file_too_large", f"{label}: more than the {max_bytes / 1e6:.0f} MB limit for {what} "
                               f"read (the file said {size:,} bytes; it grew while read)")
            yield chunk


def read_blocks(path: Path, *, max_bytes: int, name: str | None = None, what: str = "one file",
                verbatim: bool = False, encoding: str | None = None,
                block_bytes: int | None = None) -> Iterator[Decoded]:
    """The text of a file decoded block by block, each block ending at a line break, so that reading a big
    table holds one block (about ``block_bytes``) rather than the whole file.

    Blocks are decoded as :func:`decode_bytes` decodes a file: UTF-8, repaired UTF-8, or the single-byte
    encoding chosen on the first block that is not UTF-8 (kept for the rest of the file). A line break byte
    never falls inside a UTF-8 or single-byte character, so no character is cut; UTF-16, whose line breaks
    span two bytes, is read whole.

    Args:
        path: The file.
        max_bytes: The most bytes accepted (checked on the bytes read).
        name: How messages name the file.
        what: What the limit is for, in messages.
        verbatim: As for :func:`decode_bytes`.
        encoding: Decode with this encoding (undecodable bytes become U+FFFD) instead of detecting one.
        block_bytes: About how many bytes a block holds (default :data:`BLOCK_BYTES`).

    Raises:
        SkipItem: ``empty_file``, ``binary_file``, ``line_too_long`` (a line of more than
            :data:`MAX_LINE_BYTES`), or what :func:`open_regular` and the size limit raise.
    """
    label = printable(name or str(path))
    blocks = _line_blocks(_chunks(path, max_bytes=max_bytes, label=label, what=what), label=label,
                          block_bytes=block_bytes or BLOCK_BYTES)
    first = next(blocks, b"")
    second = next(blocks, None)
    if second is None and not first.strip():
        raise SkipItem("empty_file", f"{label}: file is empty")
    if encoding is None and (first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
                             or utf16_without_bom(first)):
        rest = b"".join(blocks)
        yield decode_bytes(first + (second or b"") + rest, name=label, verbatim=verbatim)
        return
    if encoding is None and looks_binary(first):
        raise SkipItem("binary_file", f"{label}: binary content (NUL bytes), not a text file")
    legacy: list[str] = []   # the single-byte encoding, once a block needed one
    for number, block in enumerate(_chain(first, second, blocks)):
        if encoding is not None:
            text = block.decode(encoding, errors="replace")
            yield _finish(text, encoding, replaced=text.count("\ufffd"), verbatim=verbatim)
            continue
        if number == 0 and block.startswith(codecs.BOM_UTF8):
            block = block[len(codecs.BOM_UTF8):]
        try:
            yield _finish(block.decode("utf-8"), "utf-8", verbatim=verbatim)
            continue
        except UnicodeDecodeError:
            pass
        if _mostly_utf8(block):
            yield _decode_damaged_utf8(block, verbatim=verbatim)
            continue
        if not legacy:
            legacy.append(legacy_encoding(block, name=label))
        yield _decode_legacy(block, name=label, verbatim=verbatim, encoding=legacy[0])


def _chain(first: bytes, second: bytes | None, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    if second is not None:
        yield second
        yield from rest


def _line_blocks(chunks: Iterator[bytes], *, label: str, block_bytes: int) -> Iterator[bytes]:
    """Chunks regrouped into blocks of about ``block_bytes`` that end at a line break (``\n``; ``\r`` in files
    without one) or at the end of the file."""
    pending = bytearray()
    for chunk in chunks:
        pending += chunk
        while len(pending) >= block_bytes:
            cut = _line_cut(pending, block_bytes)
            if not cut:
                if len(pending) > MAX_LINE_BYTES:
                    raise SkipItem("line_too_long", f"{label}: a line of more than {MAX_LINE_BYTES / 1e6:.0f} MB "
                                   "without a line break; the rest of the file is not read")
                break
            yield bytes(pending[:cut])
            del pending[:cut]
    if pending:
        yield bytes(pending)


def _line_cut(data: bytearray, size: int) -> int:
    """Where the first block of about ``size`` bytes ends: after the last line break within ``size`` bytes,
    else after the first one beyond (a long line); 0 when ``data`` holds no complete line."""
    for breaks in (b"\n", b"\r"):   # \r only for files without \n (old Mac line ends)
        cut = data.rfind(breaks, 0, size) + 1 or data.find(breaks, size) + 1
        if breaks == b"\r" and cut == len(data):
            cut = 0   # a \r at the very end may be the first half of \r\n
        if cut:
            return cut
    return 0


def read_text(path: Path, *, max_bytes: int = MAX_TEXT_FILE_BYTES, verbatim: bool = False,
              name: str | None = None) -> Decoded:
    """Read and decode a text file (regular files only; the limit is checked on the bytes read).

    Raises:
        SkipItem: If the file is not a readable regular file, too large, empty or binary.
    """
    label = printable(name or str(path))
    data = read_file_bytes(path, max_bytes=max_bytes, name=label, what="one article")
    if not data.strip():
        raise SkipItem("empty_file", f"{label}: file is empty")
    return decode_bytes(data, name=label, verbatim=verbatim)


def repair_text(text: str) -> str:
    """Undo mojibake in already-decoded text, keeping curly quotes and dashes as they are."""
    if not _MOJIBAKE_HINT.search(text) or not is_bad(text):
        return text
    return ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False,
                         fix_character_width=False, normalization="NFC")


def _finish(text: str, encoding: str, repaired: int = 0, replaced: int = 0, *, verbatim: bool = False) -> Decoded:
    """The decoded text, normalised unless ``verbatim``; ``replaced`` counts the bytes the decoder replaced
    (each once: a U+FFFD that the file itself holds is its own character, not a replacement)."""
    if verbatim:
        return Decoded(text, encoding, repaired, replaced)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return Decoded(repair_text(text), encoding, repaired, replaced)


def _invalid_runs(data: bytes) -> list[bytes]:
    """The runs of bytes that are not valid UTF-8, in order."""
    decoded = data.decode("utf-8", errors="surrogateescape")
    return [m.group().encode("utf-8", errors="surrogateescape")
            for m in re.finditer(r"[\udc80-\udcff]+", decoded)]


def _mostly_utf8(data: bytes) -> bool:
    """Whether invalid bytes are sparse damage in a UTF-8 file rather than a legacy encoding."""
    invalid = sum(len(run) for run in _invalid_runs(data))
    non_ascii = len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))
    valid_multibyte = non_ascii - invalid
    return valid_multibyte > 0 and invalid <= max(valid_multibyte, 0.01 * len(data))


def _decode_damaged_utf8(data: bytes, *, verbatim: bool = False) -> Decoded:
    runs = _invalid_runs(data)
    cp1252_votes = sum(1 for run in runs for b in run if b in _CP1252_ONLY)
    remnant_votes = sum(1 for run in runs for b in run if b in _REMNANT_ONLY)
    prefer_cp1252 = cp1252_votes > remnant_votes
    counts = {"repaired": 0, "replaced": 0}

    def handler(error: UnicodeDecodeError) -> tuple[str, int]:
        data = error.object
        b = data[error.start]
        if b == 0x80 and error.start + 1 < len(data) and data[error.start + 1] in _PUNCTUATION_REMNANTS:
            counts["repaired"] += 2  # E2 stripped from E2 80 xx: two remnant bytes, one character
            return _PUNCTUATION_REMNANTS[data[error.start + 1]], error.start + 2
        char = _interpret_stray_byte(b, prefer_cp1252=prefer_cp1252)
        counts["repaired" if char != "\ufffd" else "replaced"] += 1
        return char, error.start + 1

    error_name = f"analysis-repair-{id(counts)}"
    codecs.register_error(error_name, handler)
    text = data.decode("utf-8", errors=error_name)
    return _finish(text, "utf-8+repaired", counts["repaired"], counts["replaced"], verbatim=verbatim)


def _interpret_stray_byte(b: int, *, prefer_cp1252: bool) -> str:
    """The most plausible character for one byte that is not valid UTF-8 in its place."""
    as_cp1252 = bytes([b]).decode("cp1252", errors="replace")
    if b in _CP1252_ONLY or (prefer_cp1252 and as_cp1252 != "\ufffd" and b < 0xA0):
        return as_cp1252
    if b in _PUNCTUATION_REMNANTS:
        return _PUNCTUATION_REMNANTS[b]
    if b in _LATIN1_REMNANTS:
        return _LATIN1_REMNANTS[b]
    return "\ufffd"


def _decode_legacy(data: bytes, *, name: str, verbatim: bool = False, encoding: str | None = None) -> Decoded:
    """Decode a file in a single-byte encoding, chosen by charset-normalizer (or given).

    Raises:
        SkipItem: ``binary_file`` when no encoding explains the bytes and they hold control bytes that
            text does not (random or compressed data without a NUL byte).
    """
    encoding = encoding or legacy_encoding(data, name=name)
    text = data.decode(encoding, errors="replace")
    return _finish(text, encoding, replaced=text.count("\ufffd"), verbatim=verbatim)


def legacy_encoding(data: bytes, *, name: str) -> str:
    """The single-byte encoding of bytes that are not UTF-8 (cp1252 when charset-normalizer has no match
    but the bytes look like text).

    Raises:
        SkipItem: ``binary_file`` when nothing matches and more than :data:`MAX_CONTROL_SHARE` of the bytes
            are control bytes.
    """
    sample = data[:500_000]
    match = from_bytes(sample, cp_isolation=["cp1251", "cp1252", "koi8_r", "latin_1", "mac_cyrillic",
                                             "iso8859_5"]).best()
    if match is not None:
        return match.encoding
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise SkipItem("binary_file", f"{name}: not text: neither UTF-8 nor a known single-byte encoding, and "
                       f"{controls / len(sample):.0%} of its bytes are control characters")
    return "cp1252"


_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
