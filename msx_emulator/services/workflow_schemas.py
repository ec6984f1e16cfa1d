"""The workflow schemas the emulator is seeded with: one per type of object it lets a suite make.

A real MSX carries many more (one per adapter's activities, events and targets); these are the types the
contract's examples use, with fixed ksuids so that seeded data is the same on every start.
"""

from __future__ import annotations

from typing import Any

SYSTEM = "system"
SEEDED_ON = "2020-08-03T22:25:02.000Z"
VARIABLE_BASE_TYPE = "variable"


def _schema(schema_id: str, name: str, base_type: str, type_: str, **more: Any) -> dict[str, Any]:
    return {"id": schema_id, "schema_id": schema_id, "name": name, "title": name, "description": name,
            "type": type_, "base_type": base_type, "version": "1.0.0", "invisible": False,
            "property_schema": {"properties": {"title": {"type": "string", "minLength": 1, "maxLength": 128}},
                                "required": ["title"]},
            "view_config": {"section_order": ["General"]},
            "created_on": SEEDED_ON, "created_by": SYSTEM, "updated_on": SEEDED_ON, "updated_by": SYSTEM,
            "owner": SYSTEM} | more


def _access(adapter_id: str, adapter: str, *targets: tuple[str, str]) -> dict[str, Any]:
    return {"access_meta": {"adapter": {"id": adapter_id, "type": adapter, "version": "1.0.0"},
                            "targets": [{"id": i, "type": t, "version": "1.0.0"} for i, t in targets],
                            "is_integration": False, "is_internal": False}}


WEB_ADAPTER, KAFKA_ADAPTER = "1hQR4XDDJP841AL5bYoKqfH9LDF", "1hQR4WU9U9AY1ZDytSm3OHx6vaX"
WEB_TARGET_SCHEMA, KAFKA_TARGET_SCHEMA = "1hQR507N9OPR0y96F1u2i6rdLwO", "1hQR4YUO8XZF4QKY5qtM47OyHLo"
CATEGORY_SCHEMA, WORKFLOW_SCHEMA = "1hQR4T0U6YBE7USwHQiUhXogAAC", "1hQR4UAFGD6B74Rdv2X7VPk4HiI"
EVENT_SCHEMA, STRING_SCHEMA = "1hQR51UJFSML2CKLOFnnYq7YgGQ", "1hQR50TZJK3M3d09kDOqLnYSywR"
SCHEMAS = (
    _schema(CATEGORY_SCHEMA, "Generic Category", "category", "basic.category"),
    _schema(WORKFLOW_SCHEMA, "Generic Workflow", "workflow", "generic.workflow"),
    _schema(WEB_TARGET_SCHEMA, "Web Service Endpoint", "target", "web-service.endpoint",
            **_access(WEB_ADAPTER, "adapter.web-service")),
    _schema(KAFKA_TARGET_SCHEMA, "Kafka Endpoint", "target", "kafka.endpoint",
            **_access(KAFKA_ADAPTER, "adapter.kafka")),
    _schema(EVENT_SCHEMA, "Kafka Event", "event", "kafka.event", inherits="generic.server_event",
            **_access(KAFKA_ADAPTER, "adapter.kafka", (KAFKA_TARGET_SCHEMA, "kafka.endpoint"))),
    _schema("1hQR5TKR3L0262ioJhatOKRw8sj", "HTTP Request", "activity", "web-service.http_request",
            **_access(WEB_ADAPTER, "adapter.web-service", (WEB_TARGET_SCHEMA, "web-service.endpoint"))),
    _schema("1hQR5TQ1sN3vYk1iXGq2eTnWcTz", "Sleep", "activity", "core.sleep"),
    _schema(STRING_SCHEMA, "String", VARIABLE_BASE_TYPE, "datatype.string"),
)
ADAPTERS = {schema["type"]: schema["access_meta"]["adapter"]["id"] for schema in SCHEMAS if "access_meta" in schema}
