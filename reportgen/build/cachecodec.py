"""The build cache's objects as typed data (msgpack via msgspec), never code: validated when read.

A cache directory may come from elsewhere (CI restores it from `actions/cache`, where anyone who can write
a cache entry could plant one). Pickles would run whatever that entry holds; these bytes can only ever
become the dataclasses listed in `TYPES`, checked field by field. Anything else (another kind, an older
format, a wrong shape, garbage) is `Invalid`, and the caller discards the object and rebuilds it.
"""

from __future__ import annotations

import sys
from typing import Any

import msgspec

FORMAT = 2  # bump when a cached type changes shape: every older object is then discarded
SUFFIX = ".msgpack"


class Invalid(ValueError):
    """Bytes that are not a valid cache object of the expected kind and format."""


def _types() -> dict[str, Any]:
    from reportgen.model import Briefing
    from reportgen.present.charts import BRIEFING_CHARTS, Chart

    # Every registered briefing chart slot holds a Chart, as does the site's figures-over-time chart.
    return {"extract": Briefing, **dict.fromkeys(BRIEFING_CHARTS.names(), Chart), "linechart": Chart}


_ENCODER = msgspec.msgpack.Encoder()
_DECODERS: dict[str, msgspec.msgpack.Decoder[Any]] = {}


def kinds() -> tuple[str, ...]:
    return tuple(_types())


def encode(kind: str, value: Any) -> bytes:
    expected = _types()[kind]
    if not isinstance(value, expected):
        raise TypeError(f"a {kind!r} cache object must be a {expected.__name__}, not {type(value).__name__}")
    return _ENCODER.encode((FORMAT, kind, value))


def decode(kind: str, data: bytes) -> Any:
    """The object in `data`, which must be of `kind` and of this FORMAT; Invalid otherwise."""
    types = _types()
    if kind not in types:
        raise Invalid(f"unknown kind {kind!r}")
    decoder = _DECODERS.get(kind)
    if decoder is None:
        decoder = _DECODERS[kind] = msgspec.msgpack.Decoder(tuple[int, str, types[kind]])  # type: ignore[valid-type]
    try:
        head = msgspec.msgpack.decode(data, type=tuple[int, str, msgspec.Raw])
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise Invalid(f"not a reportgen cache object ({exc})") from None
    if head[0] != FORMAT or head[1] != kind:
        raise Invalid(f"format {head[0]} {head[1]!r}, expected format {FORMAT} {kind!r}")
    try:
        return decoder.decode(data)[2]
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as exc:
        raise Invalid(f"wrong shape: {exc}") from None


def notice(message: str) -> None:
    """One line on stderr about the cache (workers included: they share the build's stderr)."""
    print(f"cache: {message}", file=sys.stderr, flush=True)
