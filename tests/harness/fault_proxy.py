"""A fault-injecting HTTP/1.1 proxy for the sync tests and benchmarks (asyncio).

It sits between stations and the regency server and does to each request what a bad network does:

- ``drop``: the connection is closed before the request reaches the server;
- ``delay``: the request waits a random time before it is forwarded;
- ``cut_request``: only part of the request reaches the server, then both sides are closed;
- ``cut_reply``: the server answers in full, the station gets a part of the answer, then the close;
- ``duplicate``: the server receives the request twice (a second connection replays it).

Besides the random faults a test can script one: `script(path_prefix, kind)` makes the next request
whose path starts with the prefix suffer that fault (queued scripts are used in order). Besides the
per-request faults it can shape the link (bandwidth in bits per second and a round-trip
time, applied in each direction) and go ``offline`` (every connection refused until it comes back).
Faults are drawn from one seeded ``random.Random``, so a run can be replayed from its seed; every fault
injected is counted by kind in ``counts``.

The proxy parses HTTP/1.1 messages (Content-Length, chunked, or close-delimited replies) so that a
fault hits one request of a kept-alive connection, not a random byte. It speaks plain HTTP only: put
TLS on the server side of a test that needs it, not through the proxy.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

FAULT_KINDS = ("drop", "delay", "cut_request", "cut_reply", "duplicate")
MAX_HEADER_BYTES = 64 * 1024


@dataclass
class FaultPlan:
    """Probability of each fault per request (at most one fault per request)."""

    drop: float = 0.0
    delay: float = 0.0
    cut_request: float = 0.0
    cut_reply: float = 0.0
    duplicate: float = 0.0
    max_delay: float = 0.5  # seconds, for `delay`

    def pick(self, rng: random.Random) -> str | None:
        roll = rng.random()
        for kind in FAULT_KINDS:
            chance = getattr(self, kind)
            if roll < chance:
                return kind
            roll -= chance
        return None


@dataclass
class LinkShape:
    """A slow link: bandwidth (bits per second, 0 = unlimited) and round-trip time in seconds."""

    bits_per_second: int = 0
    rtt: float = 0.0

    async def carry(self, size: int) -> None:
        wait = self.rtt / 2
        if self.bits_per_second:
            wait += size * 8 / self.bits_per_second
        if wait > 0:
            await asyncio.sleep(wait)


class _Closed(Exception):
    """The peer closed the connection before a whole message arrived."""


async def _read_head(reader: asyncio.StreamReader) -> bytes:
    try:
        return await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        raise _Closed from exc
    except asyncio.LimitOverrunError as exc:
        raise _Closed from exc


def _header(head: bytes, name: bytes) -> bytes | None:
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip()
    return None


async def _read_body(reader: asyncio.StreamReader, head: bytes, *, is_reply: bool) -> bytes:
    """The body that follows `head`, in its wire form (chunk framing kept)."""
    if is_reply:
        status = head.split(b" ", 2)[1] if head.count(b" ") >= 1 else b""
        if status.startswith(b"1") or status in (b"204", b"304"):
            return b""
    length = _header(head, b"content-length")
    try:
        if length is not None:
            return await reader.readexactly(int(length))
        if (_header(head, b"transfer-encoding") or b"").lower() == b"chunked":
            body = bytearray()
            while True:
                size_line = await reader.readuntil(b"\r\n")
                body += size_line
                size = int(size_line.split(b";")[0], 16)
                if size == 0:
                    body += await reader.readuntil(b"\r\n")  # trailers end with an empty line
                    return bytes(body)
                body += await reader.readexactly(size + 2)
        if is_reply:
            return await reader.read()  # close-delimited
        return b""
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
        raise _Closed from exc


async def _read_message(reader: asyncio.StreamReader, *, is_reply: bool) -> bytes:
    head = await _read_head(reader)
    return head + await _read_body(reader, head, is_reply=is_reply)


def _close(writer: asyncio.StreamWriter | None) -> None:
    if writer is not None:
        with contextlib.suppress(Exception):
            writer.close()


@dataclass
class FaultProxy:
    """The proxy itself; run it on an event loop with `start()`, or in a thread with `ProxyThread`."""

    upstream: tuple[str, int]
    plan: FaultPlan = field(default_factory=FaultPlan)
    seed: int = 0
    link: LinkShape = field(default_factory=LinkShape)
    listen: tuple[str, int] = ("127.0.0.1", 0)
    offline: bool = False
    counts: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.scripted: list[tuple[bytes, str]] = []
        self._server: asyncio.base_events.Server | None = None
        self._live: set[asyncio.StreamWriter] = set()
        self._lock = threading.Lock()

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.sockets[0].getsockname()[1]

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, *self.listen, limit=MAX_HEADER_BYTES)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self.cut_all()
            await self._server.wait_closed()

    def cut_all(self) -> None:
        """Close every open connection at once (a cable pulled mid-transfer)."""
        for writer in list(self._live):
            _close(writer)

    def _count(self, kind: str) -> None:
        with self._lock:
            self.counts[kind] += 1

    def script(self, path_prefix: str, kind: str) -> None:
        """The next request to a path starting with `path_prefix` suffers `kind` (one of FAULT_KINDS)."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}")
        with self._lock:
            self.scripted.append((path_prefix.encode(), kind))

    def _pick(self, request: bytes) -> tuple[str | None, float, float]:
        """The fault for this request (scripted, else drawn), and two random shares (cut point, delay)."""
        path = request.split(b" ", 2)[1] if request.count(b" ") >= 2 else b""
        with self._lock:
            for number, (prefix, kind) in enumerate(self.scripted):
                if path.startswith(prefix):
                    del self.scripted[number]
                    return kind, 0.5, 1.0
            return self.plan.pick(self.rng), self.rng.random(), self.rng.random()

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        if self.offline:
            self._count("offline")
            _close(client_w)
            return
        self._live.add(client_w)
        server_w = None
        try:
            server_r, server_w = await asyncio.open_connection(*self.upstream, limit=MAX_HEADER_BYTES)
            self._live.add(server_w)
            while not self.offline:
                try:
                    request = await _read_message(client_r, is_reply=False)
                except _Closed:
                    return
                fault, fraction, delay_share = self._pick(request)
                if fault == "drop":
                    self._count("drop")
                    return
                if fault == "delay":
                    self._count("delay")
                    await asyncio.sleep(delay_share * self.plan.max_delay)
                await self.link.carry(len(request))
                if fault == "cut_request":
                    self._count("cut_request")
                    server_w.write(request[: max(1, int(len(request) * fraction))])
                    await server_w.drain()
                    return
                if fault == "duplicate":
                    self._count("duplicate")
                    await self._replay(request)
                server_w.write(request)
                await server_w.drain()
                try:
                    reply = await _read_message(server_r, is_reply=True)
                except _Closed:
                    return
                await self.link.carry(len(reply))
                if fault == "cut_reply":
                    self._count("cut_reply")
                    client_w.write(reply[: max(1, int(len(reply) * fraction))])
                    await client_w.drain()
                    return
                client_w.write(reply)
                await client_w.drain()
                if (_header(reply, b"connection") or b"").lower() == b"close":
                    return
        except (ConnectionError, OSError):
            return
        finally:
            self._live.discard(client_w)
            self._live.discard(server_w)
            _close(client_w)
            _close(server_w)

    async def _replay(self, request: bytes) -> None:
        """Send the same request on a second connection and wait for (and drop) its answer."""
        writer = None
        try:
            reader, writer = await asyncio.open_connection(*self.upstream, limit=MAX_HEADER_BYTES)
            writer.write(request)
            await writer.drain()
            await _read_message(reader, is_reply=True)
        except (_Closed, ConnectionError, OSError):
            pass
        finally:
            _close(writer)


class ProxyThread:
    """A FaultProxy on its own event loop thread, for synchronous tests and benchmarks.

        with ProxyThread(FaultProxy(("127.0.0.1", port), FaultPlan(drop=0.1), seed=7)) as proxy:
            url = f"http://127.0.0.1:{proxy.port}"
    """

    def __init__(self, proxy: FaultProxy) -> None:
        self.proxy = proxy
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="fault-proxy", daemon=True)

    @property
    def port(self) -> int:
        return self.proxy.port

    @property
    def url(self) -> str:
        return f"http://{self.proxy.listen[0]}:{self.port}"

    def start(self) -> ProxyThread:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.proxy.start(), self.loop).result(10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.proxy.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()

    def go_offline(self) -> None:
        self.proxy.offline = True
        self.loop.call_soon_threadsafe(self.proxy.cut_all)

    def go_online(self) -> None:
        self.proxy.offline = False

    def __enter__(self) -> ProxyThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def proxied(upstream_port: int, plan: FaultPlan | None = None, seed: int = 0,
            link: LinkShape | None = None) -> Iterator[ProxyThread]:
    """A running proxy in front of 127.0.0.1:`upstream_port`."""
    proxy = FaultProxy(("127.0.0.1", upstream_port), plan or FaultPlan(), seed, link or LinkShape())
    with ProxyThread(proxy) as running:
        yield running
