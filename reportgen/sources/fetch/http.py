"""HTTP for `reportgen fetch`: urllib with a timeout, a size cap, a redirect cap and an address policy.

Redirects are followed here, one hop at a time, rather than by urllib, because every hop must be checked
before it is requested: only http/https, and no private, loopback or link-local address on a host other
than the one the user named (a feed on the public web must not be able to point us at the local network).
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import yaml

from reportgen import PACKAGE_DIR, __version__

RULES_FILE = PACKAGE_DIR / "data" / "fetch.yaml"


class FetchError(Exception):
    """A URL that could not be fetched; the message is one line and names the URL."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@functools.cache
def rules() -> dict:
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


def user_agent() -> str:
    return f"reportgen/{__version__} (+{rules()['project_url']})"


@dataclass(frozen=True, slots=True)
class Limits:
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5

    @classmethod
    def default(cls) -> Limits:
        data = rules()["limits"]
        return cls(float(data["timeout_seconds"]), int(data["max_bytes"]), int(data["max_redirects"]))


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 for a conditional request that found nothing new
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None  # urllib then raises HTTPError with the 3xx code, and we decide


def _opener() -> urllib.request.OpenerDirector:
    # Only the handlers we need: no file:, ftp: or data: handler exists to be reached.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _NoRedirect(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _host(url: str) -> str:
    return (urllib.parse.urlsplit(url).hostname or "").lower()


def _is_internal(host: str) -> bool:
    """True if the host is, or resolves to, a private, loopback, link-local or otherwise non-public address."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # it cannot be reached at all; the request itself reports that
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved or addr.is_unspecified:
            return True
    return False


def check_url(url: str, trusted_host: str | None) -> None:
    """Refuse a URL we must not request. `trusted_host` is the host the user named (may be internal)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(url, f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'}:")
    host = (parts.hostname or "").lower()
    if not host:
        raise FetchError(url, "the URL has no host")
    if host != trusted_host and _is_internal(host):
        raise FetchError(url, f"refused: {host} is a private, loopback or link-local address, not the host named")


def get(
    url: str,
    *,
    trusted_host: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    limits: Limits | None = None,
) -> Response:
    """GET a URL, following at most `max_redirects` checked redirects. Raises FetchError with one-line reasons.

    `trusted_host` defaults to the URL's own host: a URL the user typed may be anywhere, loopback included.
    """
    limits = limits or Limits.default()
    trusted = _host(url) if trusted_host is None else trusted_host
    opener = _opener()
    current = url
    for _hop in range(limits.max_redirects + 1):
        check_url(current, trusted)
        headers = {"User-Agent": user_agent(), "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(current, headers=headers)
        try:
            with opener.open(request, timeout=limits.timeout) as resp:
                hdrs = {k.lower(): v for k, v in resp.headers.items()}
                body = _read_capped(resp, current, limits)
                return Response(current, resp.status, body, hdrs)
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(current, 304, b"", {k.lower(): v for k, v in exc.headers.items()})
            if exc.code in (301, 302, 303, 307, 308):
                location = exc.headers.get("Location")
                exc.close()
                if not location:
                    raise FetchError(current, f"HTTP {exc.code} redirect without a Location") from None
                current = urllib.parse.urljoin(current, location)
                continue
            exc.close()
            raise FetchError(current, f"HTTP {exc.code} {exc.reason}") from None
        except TimeoutError:
            raise FetchError(current, f"timed out after {limits.timeout:g} s") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                raise FetchError(current, f"timed out after {limits.timeout:g} s") from None
            raise FetchError(current, f"cannot connect: {reason}") from None
        except OSError as exc:
            raise FetchError(current, f"connection failed: {exc}") from None
    raise FetchError(url, f"more than {limits.max_redirects} redirects")


def _read_capped(resp, url: str, limits: Limits) -> bytes:  # type: ignore[no-untyped-def]
    length = resp.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > limits.max_bytes:
        raise FetchError(url, f"response is {int(length):,} bytes, over the limit of {limits.max_bytes:,}")
    # The socket timeout bounds each read; the deadline bounds a server that trickles bytes forever.
    deadline = time.monotonic() + limits.timeout
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = resp.read(65536)
        if not chunk:
            break
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(url, f"response is over the limit of {limits.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(url, f"timed out after {limits.timeout:g} s (body still arriving)")
        chunks.append(chunk)
    return b"".join(chunks)
