"""Safe HTTP fetching for ingest: timeouts, size caps, limited redirects, no private hosts.

Every hop of a redirect chain is checked: a public URL that redirects to ``127.0.0.1`` or a
``10.x`` address is refused unless ``allow_private`` is set (server-side request forgery
is the risk when wirewatch runs as a shared service).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from wirewatch.errors import InputError

Resolver = Callable[[str], list[str]]


def system_resolver(host: str) -> list[str]:
    """Every IP address the system resolver gives for ``host``."""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        raise InputError(f"cannot resolve host {host!r}: {exc.strerror}", code="W110") from None
    return sorted({str(info[4][0]) for info in infos})


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """Limits of one fetch."""

    timeout: float = 20.0
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "wirewatch (+https://example.invalid/wirewatch)"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched resource."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    content_type: str
    data: bytes


class Fetcher:
    """Fetch URLs with the limits of :class:`FetchOptions` (one HTTP client reused)."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.options = options or FetchOptions()
        self.resolver = resolver or system_resolver
        self.client = httpx.Client(
            timeout=self.options.timeout,
            follow_redirects=False,
            transport=transport,
            headers={"User-Agent": self.options.user_agent},
        )

    def close(self) -> None:
        """Close the HTTP client."""
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_host(self, url: str) -> None:
        """Refuse non-HTTP schemes and (unless allowed) private, loopback or reserved hosts."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise InputError(f"{url}: only http and https URLs can be fetched", code="W111")
        host = parts.hostname
        if not host:
            raise InputError(f"{url}: the URL has no host", code="W111")
        if self.options.allow_private:
            return
        try:
            addrs = [host] if _is_ip(host) else self.resolver(host)
        except InputError:
            raise
        for addr in addrs:
            ip = ipaddress.ip_address(addr.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise InputError(
                    f"{url}: refusing to fetch from the private or loopback address {addr}",
                    hint="pass --allow-private to fetch from local or private networks",
                    code="W112",
                )

    def fetch(self, url: str) -> Fetched:
        """GET ``url`` following at most ``max_redirects`` checked redirects."""
        current = url
        for _ in range(self.options.max_redirects + 1):
            self.check_host(current)
            try:
                with self.client.stream("GET", current) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise InputError(f"{current}: redirect without a Location", code="W113")
                        current = urljoin(current, location)
                        continue
                    if resp.status_code >= 400:
                        raise InputError(
                            f"{current}: HTTP {resp.status_code} {resp.reason_phrase}", code="W114"
                        )
                    data = self._read_capped(resp, current)
                    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                    return Fetched(url=url, final_url=current, content_type=ctype, data=data)
            except httpx.TimeoutException:
                raise InputError(
                    f"{current}: timed out after {self.options.timeout:g} s", code="W115"
                ) from None
            except httpx.HTTPError as exc:
                raise InputError(f"{current}: unreachable ({exc})", code="W116") from None
        raise InputError(f"{url}: more than {self.options.max_redirects} redirects", code="W113")

    def _read_capped(self, resp: httpx.Response, url: str) -> bytes:
        cap = self.options.max_bytes
        declared = resp.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise InputError(
                f"{url}: {int(declared):,} bytes is over the size cap of {cap:,}",
                hint="raise --max-bytes if this is really an article",
                code="W117",
            )
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise InputError(
                    f"{url}: more than the size cap of {cap:,} bytes",
                    hint="raise --max-bytes if this is really an article",
                    code="W117",
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
