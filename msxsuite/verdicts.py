"""Verdicts of a run: per MSX service (passed, failed, down, not deployed, skipped) and for the environment."""

from __future__ import annotations

import functools
import re
from collections import Counter

from msxsuite.services import DOWN, NOT_DEPLOYED, Availability

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
VERDICTS = (PASSED, FAILED, DOWN, NOT_DEPLOYED, SKIPPED)


def service_verdict(counts: Counter, state: Availability | None) -> str:
    """Down as found (before or during the run), else failed, passed, not deployed or skipped."""
    if state is not None and state.state == DOWN:
        return DOWN
    if counts[FAILED]:
        return FAILED
    if counts[PASSED]:
        return PASSED
    return NOT_DEPLOYED if state is not None and state.state == NOT_DEPLOYED else SKIPPED


def environment_verdict(verdicts: dict[str, str]) -> str:
    """Down if a service is down, failed if one failed, passed if one passed, else skipped."""
    for verdict in (DOWN, FAILED, PASSED):
        if verdict in verdicts.values():
            return verdict
    return SKIPPED


@functools.lru_cache(maxsize=1)
def operations_by_service() -> dict[str, tuple[str, ...]]:
    """The contract's operationIds per service, as the installed python-msx-sdk carries them."""
    from msx_emulator.operations import operation_table  # the SDK's table, read without the contract

    by_service: dict[str, list[str]] = {}
    for operation_id, operation in operation_table().items():
        by_service.setdefault(operation.path.split("/")[1], []).append(operation_id)
    return {service: tuple(sorted(ids)) for service, ids in by_service.items()}


def operations_named(operation_ids: tuple[str, ...], node_ids: list[str]) -> int:
    """How many of the operationIds some of the node ids name (whole words, as the checklist does)."""
    text = "\n".join(node_ids)
    return sum(1 for operation_id in operation_ids
               if re.search(rf"(?<![A-Za-z0-9]){re.escape(operation_id)}(?![A-Za-z0-9])", text))
