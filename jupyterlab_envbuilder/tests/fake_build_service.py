"""A scripted stand-in for BinderHub's build endpoint, to replay recorded event streams.

BinderHub runs on Kubernetes and cannot run here; the gateway's tests replay real captured
streams and synthetic ones through this server. A script is a list of steps:

- ``("data", text)``: one event, ``data: <text>\\n\\n``
- ``("raw", text)``: bytes as they are (comments, odd framing)
- ``("status", code, headers, body)``: an HTTP answer other than a stream, then stop
- ``("wait",)``: pause until the test calls ``release()``
- ``("hold",)``: keep the stream open until the client goes away
- ``("cut",)``: drop the connection mid-stream
"""

import asyncio
import socket
from dataclasses import dataclass, field
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

PREFIX = "/services/binder/"


@dataclass
class Request:
    path: str
    query: dict[str, list[bytes]]
    headers: dict[str, str]


@dataclass
class FakeBuildService:
    script: list[tuple] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    port: int = 0
    client_gone: asyncio.Event = field(default_factory=asyncio.Event)
    _release: asyncio.Event = field(default_factory=asyncio.Event)
    _server: Any = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{PREFIX}"

    def release(self) -> None:
        self._release.set()

    async def start(self) -> None:
        app = Application([(rf"{PREFIX}build/.*", _BuildHandler, {"fake": self})])
        sockets = bind_sockets(0, "127.0.0.1", family=socket.AF_INET)
        self.port = sockets[0].getsockname()[1]
        self._server = HTTPServer(app)
        self._server.add_sockets(sockets)

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()


class _BuildHandler(RequestHandler):
    def initialize(self, fake: FakeBuildService) -> None:
        self.fake = fake
        self.gone = asyncio.Event()

    def on_connection_close(self) -> None:
        self.gone.set()
        self.fake.client_gone.set()

    async def get(self) -> None:
        self.fake.requests.append(
            Request(self.request.path, self.request.query_arguments, dict(self.request.headers))
        )
        self.set_header("Content-Type", "text/event-stream")
        for step in self.fake.script:
            kind = step[0]
            if kind == "status":
                _, code, headers, body = step
                self.set_status(code)
                for name, value in headers.items():
                    self.set_header(name, value)
                self.finish(body)
                return
            if kind == "data":
                self.write(f"data: {step[1]}\n\n")
            elif kind == "raw":
                self.write(step[1])
            elif kind == "wait":
                await self.fake._release.wait()
            elif kind == "hold":
                await self.gone.wait()
                return
            elif kind == "cut":
                self.request.connection.stream.close()
                return
            await self.flush()
