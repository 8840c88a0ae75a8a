"""uvicorn's HTTP/1.1 protocol with TCP_NODELAY on every connection.

uvicorn writes a response's headers and its body in two writes. asyncio turns Nagle's algorithm off
only for sockets made with the TCP protocol number, and the listening socket uvicorn binds itself for
several workers is made with protocol 0, so its connections keep Nagle on: the body then waits for
the client's delayed ACK, 40 ms on Linux, on every request (bench/bench_sync.py's idle round).
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

PROTOCOL = "server.transport:NoDelayH11Protocol"  # uvicorn's `http` setting (an import string for workers)


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
