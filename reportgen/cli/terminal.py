"""Text on its way to a terminal is shown, never obeyed.

Article text, file names, template errors and config values reach the build log. Two things in them
must not act: rich's markup (`[bold]`, and «[/x]», which ends a style never opened and crashes the
print) and the terminal's own escape sequences (ESC [ … colours, cursor moves, window titles, BEL). Markup
is escaped where rich prints; control characters become visible `\\x1b`-style escapes everywhere.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with every control character but tab and line feed written out (ESC → `\\x1b`)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def markup_safe(text: str) -> str:
    """`text` as rich markup that prints exactly these characters."""
    from rich.markup import escape

    return escape(visible(text))
