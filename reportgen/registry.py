"""The one registry mechanism: output formats, checks and briefing charts are each a `Registry`.

Entries register themselves when their module is imported; registration order is kept, because it is
meaningful (display order of formats, report order of checks, page order of charts). Registering a name
twice is a programming error, caught at import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, what: str, key: Callable[[T], str]) -> None:
        self.what = what  # for messages: "output format", "check", ...
        self._key = key
        self._entries: dict[str, T] = {}

    def register(self, entry: T) -> T:
        name = self._key(entry)
        if name in self._entries:
            raise ValueError(f"{self.what} {name!r} registered twice")
        self._entries[name] = entry
        return entry

    def __getitem__(self, name: str) -> T:
        return self._entries[name]

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def names(self) -> tuple[str, ...]:
        return tuple(self._entries)

    def items(self) -> list[tuple[str, T]]:
        return list(self._entries.items())

    def values(self) -> list[T]:
        return list(self._entries.values())
