"""Counters of the MSX requests an emulator served: all, token ones, password grants per user."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any


class Traffic:
    """Request counters, safe to bump from the server and read from the test process."""

    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.requests = self.token_requests = 0
            self.password_grants: Counter[str] = Counter()

    def count_request(self, token: bool) -> None:
        with self._lock:
            self.requests += 1
            self.token_requests += token

    def count_password_grant(self, username: str) -> None:
        """One more token issued with the password grant to this user."""
        with self._lock:
            self.password_grants[username] += 1

    def counts(self) -> dict[str, Any]:
        with self._lock:
            return {"token_requests": self.token_requests, "requests": self.requests,
                    "password_grants": dict(self.password_grants)}
