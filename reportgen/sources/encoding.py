"""Turn an article's bytes into text, or refuse them with a message that says exactly what is wrong.

* Binary files posing as articles (a ZIP archive or .docx saved as `x.txt`, an image, a PDF) are named by
  their signature and refused.
* UTF-8 (with or without BOM) is the format. UTF-16/32 with a byte-order mark, and UTF-16 without one,
  are decoded with a warning only when the whole file decodes cleanly.
* A file that is not UTF-8 is decoded as Windows-1256 only when it holds no valid UTF-8 multi-byte
  sequence at all (so it was not written as UTF-8) and decodes cleanly as Arabic text. A mostly-UTF-8 file
  with a few bad bytes is refused with the line:column of each bad byte: converting it would turn every
  good Arabic letter into mojibake.
"""

from __future__ import annotations

import codecs
import re

from reportgen.errors import Location, SourceError

# Leading bytes of formats people save by mistake under a .txt name (or that a feed or a tool leaves there).
# Each is long enough (or holds a byte no text has) that no article written in words starts with it.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt document, which are ZIP archives)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"%!PS", "a PostScript document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon (ICO)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"\xca\xfe\xba\xbe", "a program (Java class or Mach-O)"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS\x00", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"ID3\x02\x00", "an MP3 audio file"),
    (b"ID3\x03\x00", "an MP3 audio file"),
    (b"ID3\x04\x00", "an MP3 audio file"),
    (b"wOFF", "a web font (WOFF)"),
    (b"wOF2", "a web font (WOFF2)"),
    (b"OTTO\x00", "a font (OpenType)"),
    (b"\x00\x01\x00\x00\x00", "a font (TrueType)"),
)
# Signatures that sit after a first field: (offset, bytes, what it is).
SIGNATURES_AT: tuple[tuple[int, bytes, str], ...] = (
    (8, b"WEBP", "a WebP image"),  # RIFF container: "RIFF" size "WEBP"
    (8, b"WAVE", "a WAV audio file"),
    (8, b"AVI ", "an AVI video"),
    (4, b"ftyp", "an MP4/MOV/HEIC file"),
    (257, b"ustar", "a tar archive"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
MAX_LISTED = 10  # bad bytes listed one by one; the rest are counted


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """The text of an article file and warnings about how it was decoded; SourceError if it is not text."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise SourceError(
                    Location(path),
                    f"has a {name} byte-order mark but is not valid {name} "
                    f"({exc.reason} at byte {exc.start + len(bom)})",
                    "re-save the file as UTF-8",
                ) from None
            return text, [f"decoded as {name} (byte-order mark found); save articles as UTF-8"]
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text, codec = utf16
        return text, [f"decoded as {codec} without a byte-order mark; save articles as UTF-8"]
    kind = binary_kind(data)
    if kind is not None:
        raise SourceError(
            Location(path),
            f"is {kind}, not a text article",
            "articles are plain-text files (UTF-8); export the text and save it as .txt",
        )
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    if not _UTF8_MULTIBYTE.search(data):
        text = _cp1256(data)
        if text is not None:
            return text, ["decoded as Windows-1256 (Arabic Windows): it is not UTF-8; save articles as UTF-8"]
    raise bad_utf8(data, path)


def binary_kind(data: bytes) -> str | None:
    """What a binary file is, from its signature or from how many control bytes its head holds."""
    for magic, kind in SIGNATURES:
        if data.startswith(magic):
            return kind
    for offset, magic, kind in SIGNATURES_AT:
        if data.startswith(magic, offset):
            return kind
    head = data[:8192]
    if not head:
        return None
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(4, len(head) * 0.02):
        return "a binary file"
    return None


def bad_utf8(data: bytes, path: str) -> SourceError:
    """The error for a file that is not valid UTF-8: line:column of each bad byte (the first few)."""
    starts: list[int] = []

    def record(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)
        starts.append(exc.start)
        return "\ufffd", exc.end

    codecs.register_error("reportgen-record", record)
    data.decode("utf-8", "reportgen-record")  # one pass, however many bad bytes
    count = len(starts)
    bad: list[tuple[int, int, int]] = []  # line, column, byte
    for start in starts[:MAX_LISTED]:
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", "replace")) + 1
        bad.append((line, column, data[start]))
    first_line, first_col, _ = bad[0]
    listed = ", ".join(f"{line}:{col} (0x{byte:02x})" for line, col, byte in bad)
    more = f" and {count - len(bad)} more" if count > len(bad) else ""
    return SourceError(
        Location(path, first_line, first_col),
        f"not valid UTF-8: {count} bad byte(s) at line:column {listed}{more}",
        "the rest of the file is UTF-8: fix or delete these bytes in an editor (converting the whole file "
        "from another encoding would garble the good text)",
    )


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text with no byte-order mark: every other byte NUL (Latin) or a high byte pattern (Arabic).

    Accepted only when the whole file decodes cleanly and holds no control characters but line breaks.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for codec, name, high, low in (("utf-16-le", "UTF-16LE", odd, even), ("utf-16-be", "UTF-16BE", even, odd)):
        # Latin is U+00xx and Arabic U+06xx: the high byte of nearly every code unit is 0x00 or 0x06.
        if high.count(0) + high.count(6) < 0.9 * len(high) or low.count(0) > len(low) / 2:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not any(ord(c) < 32 and c not in "\t\n\r" for c in text):
            return text, name
    return None


def _cp1256(data: bytes) -> str | None:
    """`data` as Windows-1256, if it decodes cleanly into text that is mostly Arabic letters."""
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    if any(ord(c) < 32 and c not in "\t\n\r" for c in text):
        return None
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0621" <= c <= "\u064a")
    if len(letters) >= 3 and arabic / len(letters) > 0.5:
        return text
    return None
