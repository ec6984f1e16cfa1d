"""When the suite sends a request again: reads only, on connection errors and 502/503/504, a bounded number of times."""

from __future__ import annotations

from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError, ReadTimeoutError
from urllib3.util.retry import Retry

from msxsuite.counters import TALLY

ATTEMPTS_AFTER_THE_FIRST = 3
RETRIED_METHODS = frozenset({"GET", "HEAD"})
RETRIED_STATUSES = frozenset({502, 503, 504})
BACKOFF_SECONDS = 0.2


def timed_out(error: BaseException) -> bool:
    """True for a request that got no answer within its timeout (not for a refused connection)."""
    return isinstance(error, (ReadTimeoutError, ConnectTimeoutError)) and not isinstance(error, NewConnectionError)


class ReadRetry(Retry):
    """urllib3's Retry that never sends a write twice nor waits out a timeout twice, and counts its retries."""

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        # A POST whose connection failed may still have been applied, and a timeout repeated only
        # multiplies the wait: both fail at once (the Tracker retries a create after a lookup).
        if error is not None and (method not in self.allowed_methods or timed_out(error)):
            raise MaxRetryError(_pool, url, error) from error
        retry = super().increment(method, url, response, error, _pool, _stacktrace)
        TALLY["retries"] += 1
        return retry


def read_retries() -> ReadRetry:
    """The suite's policy: GET and HEAD again up to 3 times, 0, 0.4 and 0.8 s apart."""
    return ReadRetry(
        total=ATTEMPTS_AFTER_THE_FIRST,
        allowed_methods=RETRIED_METHODS,
        status_forcelist=RETRIED_STATUSES,
        backoff_factor=BACKOFF_SECONDS,
        # The last 502/503/504 reaches the test as the SDK's ApiException, with its status and body.
        raise_on_status=False,
        # A long Retry-After would stall a pipeline; the bounded backoff keeps a run's length predictable.
        respect_retry_after_header=False,
    )
