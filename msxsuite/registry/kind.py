"""A kind of MSX resource the suite creates: how to create, list and delete it through python-msx-sdk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from msxsuite.paging import all_items


@dataclass(frozen=True)
class ResourceKind:
    """How the suite creates, lists and deletes one kind of resource through python-msx-sdk.

    `create(api, fields)` answers the SDK's (resource, status, headers); `delete(api, id, **sdk_kwargs)`
    deletes one; `list_all(api)` yields every object of the kind the API can see. `name_field` is the
    SDK attribute that carries the suite's `msxt-...` name; `secret_fields` are JSON keys whose values
    never reach a cassette or report; `blocks` names the kinds whose objects cannot be deleted while
    this kind's objects remain (a user blocks its tenant), so cleanup and sweeping delete this kind
    first. Adding a kind touches only its own entry.
    """

    label: str
    service: str
    api: type
    model: type
    name_field: str
    create: Callable[..., tuple]
    delete: Callable[..., object]
    list_all: Callable[[object], Iterable]
    secret_fields: tuple[str, ...] = ()
    blocks: tuple[str, ...] = ()

    @property
    def factory(self) -> str:
        """The name of the test fixture that creates this kind: tenant -> `tenants`."""
        return f"{self.label[:-1]}ies" if self.label.endswith("y") else f"{self.label}s"

    def name_of(self, resource) -> str | None:
        return getattr(resource, self.name_field, None)


def crud(label: str, service: str, api: type, create_model: type, model: type, name_field: str, *,
         create: str, delete: str, page: str, **more) -> ResourceKind:
    """A kind with the common shape: create(Model(**fields)), delete(id), a paged list."""
    return ResourceKind(
        label, service, api, model, name_field,
        create=lambda sdk, fields: getattr(sdk, create)(create_model(**fields), _return_http_data_only=False),
        delete=lambda sdk, resource_id, **kwargs: getattr(sdk, delete)(resource_id, **kwargs),
        list_all=lambda sdk: all_items(getattr(sdk, page)),
        **more)
