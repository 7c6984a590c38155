"""Loaded (via PYTHONPATH) into a build the tests start, to change what that process sees of its machine.

- REPORTGEN_FAKE_CLOCK_OFFSET=N: time.time(), time.time_ns() and datetime.now() run N seconds ahead, so
  anything that stamps the current time into an output shows up as a difference between two builds.
- REPORTGEN_HIDE_HARFBUZZ_SUBSET=1: libharfbuzz-subset cannot be loaded, as on a machine without the
  libharfbuzz-subset0 package (WeasyPrint then falls back to fontTools for anything it subsets itself).
"""

from __future__ import annotations

import os

_offset = float(os.environ.get("REPORTGEN_FAKE_CLOCK_OFFSET", "0") or 0)
if _offset:
    import datetime as _dt
    import time as _time

    _real_time, _real_time_ns = _time.time, _time.time_ns
    _time.time = lambda: _real_time() + _offset
    _time.time_ns = lambda: _real_time_ns() + int(_offset * 1e9)

    class _FakeDatetime(_dt.datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def,override]
            return _dt.datetime.fromtimestamp(_time.time(), tz)

        @classmethod
        def utcnow(cls):  # type: ignore[no-untyped-def,override]
            return _dt.datetime.fromtimestamp(_time.time(), _dt.UTC).replace(tzinfo=None)

    _dt.datetime = _FakeDatetime  # type: ignore[misc]

if os.environ.get("REPORTGEN_HIDE_HARFBUZZ_SUBSET") == "1":
    import ctypes.util

    import cffi

    _real_dlopen = cffi.FFI.dlopen
    _real_find = ctypes.util.find_library

    def _dlopen(self, name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(name, str) and "harfbuzz-subset" in name:
            raise OSError(f"cannot load library {name!r} (hidden by the test)")
        return _real_dlopen(self, name, *args, **kwargs)

    def _find_library(name):  # type: ignore[no-untyped-def]
        return None if "harfbuzz-subset" in name else _real_find(name)

    cffi.FFI.dlopen = _dlopen  # type: ignore[method-assign]
    ctypes.util.find_library = _find_library
