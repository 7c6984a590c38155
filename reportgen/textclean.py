"""Remove characters no reader should get: control codes, lone surrogates, noncharacters.

They come from copy-paste out of terminals and word processors (ESC sequences, VT, BS), from YAML escapes
in front matter ("\\x1b", "\\0", "\\ud800"), or from broken converters. Copied into a page they are
invisible at best; in `feed.xml` or an SVG they make the whole file ill-formed XML (feed readers reject
it), and a lone surrogate cannot even be encoded as UTF-8. They are removed, with a warning that names
file:line of each. U+2028/U+2029 (line/paragraph separators) become line breaks, which is what they mean.
Tab, line feed and carriage return stay; so do bidi marks and joiners (they matter in Arabic text).
"""

from __future__ import annotations

import re

# C0 controls but tab/LF/CR, DEL, C1 controls, lone surrogates, and the noncharacters U+FFFE/U+FFFF.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SEPARATORS = re.compile("[\u2028\u2029]")
# A terminal escape sequence (colour, cursor movement) goes whole, not just its ESC: «[31m» means nothing.
_ANSI = re.compile("\x1b(?:\\[[0-?]*[ -/]*[@-~]|\\][^\x07\x1b]{0,256}(?:\x07|\x1b\\\\)?|[@-Z\\\\-_])")
MAX_WARNINGS = 5

_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"}


def describe(char: str) -> str:
    code = ord(char)
    name = _NAMES.get(code)
    if 0xD800 <= code <= 0xDFFF:
        name = "lone surrogate"
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def has_bad(text: str) -> bool:
    return bool(_BAD.search(text) or _SEPARATORS.search(text))


def _remove(text: str) -> str:
    return _BAD.sub("", _ANSI.sub("", text))


def strip(text: str) -> str:
    """`text` without control characters (separators become spaces): for one-line values like titles."""
    return _remove(_SEPARATORS.sub(" ", text))


def clean(text: str, path: str) -> tuple[str, list[str]]:
    """`text` without the characters above, and warnings naming `path:line:column` of what was removed."""
    if not has_bad(text):
        return text, []
    text = _SEPARATORS.sub("\n", text)  # same length: nothing before it moves
    found = [(m.start(), m.group()) for m in _BAD.finditer(text)]
    if not found:
        return text, ["line or paragraph separators (U+2028/U+2029) were turned into line breaks"]
    warnings = []
    for index, char in found[:MAX_WARNINGS]:
        line = text.count("\n", 0, index) + 1
        column = index - text.rfind("\n", 0, index)
        warnings.append(f"{path}:{line}:{column}: removed control character {describe(char)}")
    if len(found) > MAX_WARNINGS:
        warnings.append(f"{path}: removed {len(found) - MAX_WARNINGS} more control character(s)")
    return _remove(text), warnings
