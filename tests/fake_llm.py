"""A local server playing an OpenAI-compatible chat endpoint (llama.cpp's, Ollama's, vLLM's) for
the language-model writer's tests: the machines that run them have no model (nothing may be
downloaded), so it replays replies.

The replies in ``tests/llm_replies`` were recorded from a language model given quizapp's exact
prompt for an article in ``tests/articles``; the tests add the failures a real endpoint shows
(invented evidence, wrong keys, malformed JSON, errors, slowness) to the script.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPLIES = Path(__file__).resolve().parent / "llm_replies"


def recorded(name: str) -> str:
    """A recorded reply, as the model sent it."""
    return (REPLIES / f"{name}.json").read_text(encoding="utf-8")


@dataclass
class Reply:
    """What the server does for one request: answer ``content`` as the assistant's message, or
    answer HTTP ``status`` with an error body, after ``delay`` seconds."""

    content: str = ""
    status: int = 200
    delay: float = 0.0
    refuse_schema: bool = False  # answer 400 to a request for JSON-schema output, as older servers do


class FakeChatServer:
    """``with FakeChatServer(replies) as server:``; ``server.url`` is the base URL quizapp takes.

    Each request takes the next reply of the script; the last one repeats once the script is used up.
    With ``by_prompt`` (the SHA-256 of a request's last message -> its reply), each request gets the
    reply recorded for its own prompt instead, and an unknown prompt gets HTTP 404.
    """

    def __init__(self, replies: Iterable[Reply | str] = (), by_prompt: dict[str, str] | None = None) -> None:
        self.script = [r if isinstance(r, Reply) else Reply(r) for r in replies]
        self.by_prompt = by_prompt
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with outer.lock:
                    outer.requests.append({"path": self.path, "body": body, "authorization": self.headers.get("Authorization", "")})
                    reply = outer.script[min(len(outer.requests), len(outer.script)) - 1] if outer.script else Reply("{}")
                if not self.path.endswith("/chat/completions"):
                    return self._send(404, {"error": {"message": f"no route {self.path}"}})
                if outer.by_prompt is not None:
                    digest = hashlib.sha256(body["messages"][-1]["content"].encode()).hexdigest()
                    if digest not in outer.by_prompt:
                        return self._send(404, {"error": {"message": "no reply recorded for this prompt"}})
                    reply = Reply(outer.by_prompt[digest])
                time.sleep(reply.delay)
                schema = (body.get("response_format") or {}).get("type") == "json_schema"
                if reply.refuse_schema and schema:
                    return self._send(400, {"error": {"message": "response_format type json_schema is not supported"}})
                if reply.status != 200:
                    return self._send(reply.status, {"error": {"message": "the model is unavailable"}})
                self._send(200, {
                    "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": body.get("model", ""),
                    "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": reply.content}}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                })

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout): as a real server, carry on

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeChatServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
