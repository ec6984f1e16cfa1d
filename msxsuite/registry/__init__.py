"""Every kind of MSX resource the suite creates, declared once, a module per MSX service.

The factories, the cleanup tracker, the leak sweeper and its command, the `refuses` fixture,
cassette scrubbing, the secret guard and the end-of-run leak check all read `KINDS`: a new resource
is one entry in its service's module (and that module's KINDS) plus its tests.
"""

from __future__ import annotations

import functools

from msxsuite.registry import billing, consume, idm, incident, manage, template, vulnerability, workflow
from msxsuite.registry.idm import TENANT, USER
from msxsuite.registry.kind import ResourceKind, crud

KINDS: tuple[ResourceKind, ...] = (idm.KINDS + consume.KINDS + manage.KINDS + workflow.KINDS + template.KINDS
                                   + incident.KINDS + billing.KINDS + vulnerability.KINDS)
BY_LABEL = {kind.label: kind for kind in KINDS}
BY_MODEL = {kind.model: kind for kind in KINDS}

__all__ = ["BY_LABEL", "BY_MODEL", "KINDS", "TENANT", "USER", "ResourceKind", "crud", "deletion_order",
           "secret_fields"]


@functools.cache
def deletion_order(kinds: tuple[ResourceKind, ...] = KINDS) -> tuple[ResourceKind, ...]:
    """The kinds in an order where each comes before every kind it blocks (worked out once per set of kinds)."""
    ordered: list[ResourceKind] = []

    def visit(kind: ResourceKind, path: tuple[str, ...]) -> None:
        if kind in ordered:
            return
        if kind.label in path:
            raise ValueError(f"resource kinds block each other in a cycle: {' -> '.join(path + (kind.label,))}")
        for other in kinds:
            if kind.label in other.blocks:
                visit(other, path + (kind.label,))
        ordered.append(kind)

    for kind in kinds:
        visit(kind, ())
    return tuple(ordered)


def secret_fields() -> frozenset[str]:
    """Every JSON key that some kind declares secret."""
    return frozenset(field for kind in KINDS for field in kind.secret_fields)
