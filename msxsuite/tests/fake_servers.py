"""A tiny local HTTP server for self-tests that play what the emulator cannot: dropped connections, HTML pages."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator, NamedTuple


class Answer(NamedTuple):
    """One scripted answer; status None drops the connection without answering."""

    status: int | None
    content_type: str = "application/json"
    body: bytes = b""


DROP = Answer(None)


class _ScriptedHandler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        answer = self.server.next_answer(f"{self.command} {self.path}")
        if answer.status is None:
            self.close_connection = True
            return
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, *args) -> None:
        pass


class ScriptedServer(ThreadingHTTPServer):
    """Answers requests in the order of its script, repeating the last answer; remembers what it was asked."""

    def __init__(self, script: list[Answer]):
        super().__init__(("127.0.0.1", 0), _ScriptedHandler)
        self.script = list(script)
        self.asked: list[str] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def next_answer(self, request: str) -> Answer:
        with self._lock:
            self.asked.append(request)
            return self.script.pop(0) if len(self.script) > 1 else self.script[0]


@contextmanager
def scripted_server(*script: Answer) -> Iterator[ScriptedServer]:
    """Serve `script` from a background thread until the block ends."""
    server = ScriptedServer(list(script))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
