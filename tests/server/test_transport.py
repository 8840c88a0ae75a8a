"""The server's HTTP connections have Nagle's algorithm off, also on a listening socket made the way
uvicorn makes it for several workers (protocol 0, which asyncio does not treat as TCP)."""

from __future__ import annotations

import asyncio
import socket

from uvicorn.config import Config
from uvicorn.server import ServerState

from server.transport import NoDelayH11Protocol


async def _accepted_nodelay() -> int:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # as uvicorn's Config.bind_socket
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    config = Config(app=lambda scope, receive, send: None, log_config=None)
    config.load()
    state = ServerState()
    accepted: asyncio.Future = asyncio.get_running_loop().create_future()

    class Probe(NoDelayH11Protocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            sock = transport.get_extra_info("socket")
            accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    server = await asyncio.get_running_loop().create_server(lambda: Probe(config, state, {}), sock=listener)
    _, writer = await asyncio.open_connection(*listener.getsockname())
    try:
        return await asyncio.wait_for(accepted, 10)
    finally:
        writer.close()
        server.close()


def test_a_connection_to_the_server_has_nagle_off():
    assert asyncio.run(_accepted_nodelay()) != 0
