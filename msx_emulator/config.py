"""What the emulator knows at start: security clients, roles, tenants, users, health ids and knobs.

The defaults are the ones the suite and its documentation use; every field can be overridden
by building another `EmulatorConfig` (for example with `dataclasses.replace`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

PASSWORD_GRANT = "password"
SWITCH_TENANT_GRANT = "urn:cisco:nfv:oauth:grant-type:switch-tenant"
SWITCH_USER_GRANT = "urn:cisco:nfv:oauth:grant-type:switch-user"

# The scopes of a security client created through IDM, as observed on a real MSX.
MSX_SCOPES = (
    "address", "read", "phone", "openid", "profile", "write", "email", "tenant_hierarchy", "token_details",
)


@dataclass(frozen=True)
class SecurityClient:
    """An OAuth2 client that may ask /idm/v2/token for tokens (HTTP Basic id:secret)."""

    client_id: str
    client_secret: str
    grant_types: tuple[str, ...] = (PASSWORD_GRANT, SWITCH_TENANT_GRANT, SWITCH_USER_GRANT)
    scopes: tuple[str, ...] = MSX_SCOPES
    access_token_validity_seconds: int = 9000


@dataclass(frozen=True)
class RoleSeed:
    """A role with a fixed id; `permissions` decide what its users may do."""

    id: str
    name: str
    description: str
    permissions: tuple[str, ...]


@dataclass(frozen=True)
class TenantSeed:
    """A tenant present from the start (and after every reset)."""

    id: str
    name: str
    description: str = ""
    parent_id: str | None = None
    external_id: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class UserSeed:
    """A user present from the start, who can log in with `password`."""

    id: str
    username: str
    password: str
    role_names: tuple[str, ...]
    tenant_ids: tuple[str, ...]
    first_name: str
    last_name: str
    email: str


@dataclass(frozen=True)
class HealthSeed:
    """A service or device whose health the monitor lists report."""

    id: str
    type: str  # "service" or "device", as the contract's ResourceType
    status: str = "up"  # "up", "down" or "unknown", as the contract's ResourceStatus
    description: str | None = None


# Permission names the emulator checks. MSX names where the contract shows them, else its own.
VIEW_TENANT, MANAGE_TENANT = "VIEW_TENANT", "MANAGE_TENANT"
VIEW_USERS, MANAGE_USERS = "VIEW_USERS", "MANAGE_USERS"
VIEW_ROLE, VIEW_STATUS = "VIEW_ROLE", "VIEW_STATUS"
SWITCH_TENANT, SWITCH_USER = "SWITCH_TENANT", "SWITCH_USER"
ACCESS_ALL_TENANTS = "ACCESS_ALL_TENANTS"
# The catalog (consume service): the contract's CONSUMER role views services, only OPERATOR manages service types.
VIEW_SERVICES, MANAGE_SERVICETYPES = "VIEW_SERVICES", "MANAGE_SERVICETYPES"
# Workflows: the contract's CONSUMER role holds every workflow permission but the event ones (OPERATOR holds
# the event, instance and target ones), so the suite's limited user may start and change workflows.
VIEW_WORKFLOW, MANAGE_WORKFLOW = "VIEW_WORKFLOW", "MANAGE_WORKFLOW"
VIEW_WORKFLOW_INSTANCE, MANAGE_WORKFLOW_INSTANCE = "VIEW_WORKFLOW_INSTANCE", "MANAGE_WORKFLOW_INSTANCE"
VIEW_WORKFLOW_EVENT, MANAGE_WORKFLOW_EVENT = "VIEW_WORKFLOW_EVENT", "MANAGE_WORKFLOW_EVENT"
VIEW_CATEGORY, MANAGE_CATEGORY = "VIEW_CATEGORY", "MANAGE_CATEGORY"
VIEW_TARGET, MANAGE_TARGET = "VIEW_TARGET", "MANAGE_TARGET"
# Billing: the contract names each operation's permission; its example roles give none of them to OPERATOR
# or CONSUMER, so only SUPERUSER holds them here.
VIEW_EVENTS, VIEW_COSTS = "VIEW_EVENTS", "VIEW_COSTS"
VIEW_PRICES, MANAGE_PRICES = "VIEW_PRICES", "MANAGE_PRICES"
VIEW_BILLINGCYCLE, MANAGE_BILLINGCYCLE = "VIEW_BILLINGCYCLE", "MANAGE_BILLINGCYCLE"
BILLING_PERMISSIONS = (VIEW_EVENTS, VIEW_COSTS, VIEW_PRICES, MANAGE_PRICES, VIEW_BILLINGCYCLE, MANAGE_BILLINGCYCLE)
# Licensing and vulnerability: the contract names no permission; these names are the emulator's own.
VIEW_LICENSING, MANAGE_LICENSING = "VIEW_LICENSING", "MANAGE_LICENSING"
VIEW_VULNERABILITIES, MANAGE_VULNERABILITIES = "VIEW_VULNERABILITIES", "MANAGE_VULNERABILITIES"
# Auditing: the contract's name; none of its example roles holds it.
CREATE_AUDIT_GENERIC_EVENT = "CREATE_AUDIT_GENERIC_EVENT_PERMISSION"
# Manage (sites, devices, device templates, services): the contract's names. Its CONSUMER role views and
# manages sites, devices and services (a write then needs access to the object's tenant) and views device
# templates; only OPERATOR manages templates.
VIEW_SITES, MANAGE_SITES = "VIEW_SITES", "MANAGE_SITES"
VIEW_DEVICES, MANAGE_DEVICES = "VIEW_DEVICES", "MANAGE_DEVICES"
VIEW_DEVICE_RUNNING_CONFIG = "VIEW_DEVICE_RUNNING_CONFIG"
VIEW_ALL_TEMPLATES, MANAGE_TEMPLATES = "VIEW_ALL_TEMPLATES", "MANAGE_TEMPLATES"
MANAGE_SERVICES = "MANAGE_SERVICES"
MANAGE_VIEWS = (VIEW_SITES, VIEW_DEVICES, VIEW_DEVICE_RUNNING_CONFIG, VIEW_ALL_TEMPLATES)
MANAGE_WRITES = (MANAGE_SITES, MANAGE_DEVICES, MANAGE_SERVICES)
# Templates are MSX's service configurations (assets, assignments, applications; history is audit): the
# contract's CONSUMER role views them all and manages applications, OPERATOR manages all three.
VIEW_SERVICE_CONFIG_ASSET, MANAGE_SERVICE_CONFIG_ASSET = "VIEW_SERVICE_CONFIG_ASSET", "MANAGE_SERVICE_CONFIG_ASSET"
VIEW_SERVICE_CONFIG_ASSIGNMENT = "VIEW_SERVICE_CONFIG_ASSIGNMENT"
MANAGE_SERVICE_CONFIG_ASSIGNMENT = "MANAGE_SERVICE_CONFIG_ASSIGNMENT"
VIEW_SERVICE_CONFIG_APPLICATION = "VIEW_SERVICE_CONFIG_APPLICATION"
MANAGE_SERVICE_CONFIG_APPLICATION = "MANAGE_SERVICE_CONFIG_APPLICATION"
VIEW_SERVICE_CONFIG_AUDIT = "VIEW_SERVICE_CONFIG_AUDIT"
# Incidents: the contract's CONSUMER role views and manages incidents (change requests too); the ServiceNow
# settings are integrations, which CONSUMER only views and OPERATOR manages.
VIEW_INCIDENT, MANAGE_INCIDENT = "VIEW_INCIDENT", "MANAGE_INCIDENT"
VIEW_INTEGRATION, MANAGE_INTEGRATION = "VIEW_INTEGRATION", "MANAGE_INTEGRATION"
# A role that may do everything, whatever its permission list says (as MSX's superuser).
SUPERUSER_ROLE = "SUPERUSER"

ROOT_TENANT_ID = "6d6e8a2c-4f43-4c4c-9c51-0b2f7d8c1a01"
OPERATIONS_TENANT_ID = "6d6e8a2c-4f43-4c4c-9c51-0b2f7d8c1a02"

SUPERUSER_ROLE_ID = "c0850b10-d5d5-11ea-b88a-a7053c652ef4"
TENANT_ADMIN_ROLE_ID = "c08b33c0-d5d5-11ea-b88a-a7053c652ef4"
OPERATOR_ROLE_ID = "c08874a0-d5d5-11ea-b88a-a7053c652ef4"
CONSUMER_ROLE_ID = "c0895f00-d5d5-11ea-b88a-a7053c652ef4"

DEFAULT_ROLES = (
    RoleSeed(SUPERUSER_ROLE_ID, SUPERUSER_ROLE, "Full access to every tenant, user and service.", (
        *MANAGE_VIEWS, *MANAGE_WRITES, MANAGE_TEMPLATES,
        ACCESS_ALL_TENANTS, MANAGE_TENANT, VIEW_TENANT, MANAGE_USERS, VIEW_USERS, VIEW_ROLE, VIEW_STATUS,
        SWITCH_TENANT, SWITCH_USER, VIEW_SERVICES, MANAGE_SERVICETYPES,
        *BILLING_PERMISSIONS, VIEW_LICENSING, MANAGE_LICENSING, VIEW_VULNERABILITIES, MANAGE_VULNERABILITIES,
        CREATE_AUDIT_GENERIC_EVENT,
        VIEW_SERVICE_CONFIG_ASSET, MANAGE_SERVICE_CONFIG_ASSET, VIEW_SERVICE_CONFIG_ASSIGNMENT,
        MANAGE_SERVICE_CONFIG_ASSIGNMENT, VIEW_SERVICE_CONFIG_APPLICATION, MANAGE_SERVICE_CONFIG_APPLICATION,
        VIEW_SERVICE_CONFIG_AUDIT, VIEW_INCIDENT, MANAGE_INCIDENT, VIEW_INTEGRATION, MANAGE_INTEGRATION,
    )),
    # The suite's tenant isolation tests make their tenant admins with this role: everything it manages is
    # limited to its own tenants (it holds no ACCESS_ALL_TENANTS).
    RoleSeed(TENANT_ADMIN_ROLE_ID, "TENANT_ADMIN", "Manages the users, sites, devices and services of its tenants.", (
        *MANAGE_VIEWS, *MANAGE_WRITES,
        VIEW_TENANT, MANAGE_USERS, VIEW_USERS, VIEW_ROLE, VIEW_STATUS, SWITCH_TENANT, VIEW_SERVICES,
        VIEW_LICENSING, VIEW_VULNERABILITIES,
        VIEW_SERVICE_CONFIG_ASSET, VIEW_SERVICE_CONFIG_ASSIGNMENT, VIEW_SERVICE_CONFIG_APPLICATION,
        VIEW_SERVICE_CONFIG_AUDIT, VIEW_INCIDENT, VIEW_INTEGRATION,
    )),
    RoleSeed(OPERATOR_ROLE_ID, "OPERATOR", "Service provider operator: manages tenants and the catalog.", (
        *MANAGE_VIEWS, *MANAGE_WRITES, MANAGE_TEMPLATES,
        ACCESS_ALL_TENANTS, MANAGE_TENANT, VIEW_TENANT, VIEW_USERS, VIEW_ROLE, VIEW_STATUS, SWITCH_TENANT,
        VIEW_SERVICES, MANAGE_SERVICETYPES, VIEW_WORKFLOW_INSTANCE, MANAGE_WORKFLOW_INSTANCE, VIEW_WORKFLOW_EVENT,
        MANAGE_WORKFLOW_EVENT, VIEW_TARGET, MANAGE_TARGET,
        VIEW_LICENSING, VIEW_VULNERABILITIES, MANAGE_VULNERABILITIES,
        VIEW_SERVICE_CONFIG_ASSET, MANAGE_SERVICE_CONFIG_ASSET, VIEW_SERVICE_CONFIG_ASSIGNMENT,
        MANAGE_SERVICE_CONFIG_ASSIGNMENT, VIEW_SERVICE_CONFIG_APPLICATION, MANAGE_SERVICE_CONFIG_APPLICATION,
        VIEW_SERVICE_CONFIG_AUDIT, VIEW_INCIDENT, MANAGE_INCIDENT, VIEW_INTEGRATION, MANAGE_INTEGRATION,
    )),
    RoleSeed(CONSUMER_ROLE_ID, "CONSUMER", "Views its tenants and the catalog; changes neither.", (
        *MANAGE_VIEWS, *MANAGE_WRITES,
        VIEW_TENANT, VIEW_USERS, VIEW_ROLE, VIEW_STATUS, SWITCH_TENANT, VIEW_SERVICES,
        VIEW_WORKFLOW, MANAGE_WORKFLOW, VIEW_WORKFLOW_INSTANCE, MANAGE_WORKFLOW_INSTANCE, VIEW_CATEGORY,
        MANAGE_CATEGORY, VIEW_TARGET, MANAGE_TARGET,
        VIEW_LICENSING, VIEW_VULNERABILITIES,
        VIEW_SERVICE_CONFIG_ASSET, VIEW_SERVICE_CONFIG_ASSIGNMENT, VIEW_SERVICE_CONFIG_APPLICATION,
        MANAGE_SERVICE_CONFIG_APPLICATION, VIEW_SERVICE_CONFIG_AUDIT, VIEW_INCIDENT, MANAGE_INCIDENT,
        VIEW_INTEGRATION,
    )),
)

DEFAULT_TENANTS = (
    TenantSeed(ROOT_TENANT_ID, "Emulator Root", "The provider tenant of the emulator.", external_id="emulator-root"),
    TenantSeed(OPERATIONS_TENANT_ID, "Emulator Operations", "A customer tenant below the root.",
               parent_id=ROOT_TENANT_ID, external_id="emulator-operations"),
)

DEFAULT_USERS = (
    UserSeed("0b6f0c2e-7d1a-4f5e-9a43-5a1e2f3c4d01", "superuser", "Emulator-Superuser-1", ("SUPERUSER",),
             (ROOT_TENANT_ID,), "Super", "User", "superuser@emulator.invalid"),
    UserSeed("0b6f0c2e-7d1a-4f5e-9a43-5a1e2f3c4d02", "operator", "Emulator-Operator-1", ("CONSUMER",),
             (OPERATIONS_TENANT_ID,), "Limited", "Operator", "operator@emulator.invalid"),
)

DEFAULT_HEALTH = (
    HealthSeed("idm", "service", "up", "Identity and user management"),
    HealthSeed("manage", "service", "up", "Service management"),
    HealthSeed("monitor", "service", "up", "Monitoring"),
    HealthSeed("edge-router-1", "device", "up", "A healthy device"),
    HealthSeed("branch-switch-2", "device", "down", "A device that is down"),
)


@dataclass(frozen=True)
class EmulatorConfig:
    """Everything the emulator is seeded with; `reset` returns to exactly this."""

    clients: tuple[SecurityClient, ...] = (
        SecurityClient("msx-suite", "emulator-client-secret"),
        SecurityClient("msx-switch-only", "emulator-switch-secret",
                       grant_types=(SWITCH_TENANT_GRANT, SWITCH_USER_GRANT)),
    )
    roles: tuple[RoleSeed, ...] = DEFAULT_ROLES
    tenants: tuple[TenantSeed, ...] = DEFAULT_TENANTS
    users: tuple[UserSeed, ...] = DEFAULT_USERS
    health: tuple[HealthSeed, ...] = DEFAULT_HEALTH
    # Fault knobs in force at start; `set_faults` changes them at run time.
    latency_ms: int = 0
    error_rate: float = 0.0
    token_lifetime_seconds: int | None = None
    error_status: int = 500
    # Per service path prefix ("consume", ...): "up" (left out), "down" (503) or "absent" (404).
    services: Mapping[str, str] = field(default_factory=dict)
    workflow_failing_step: str | None = None
    isolation_leak: bool = False
    # How long each step of a started workflow runs (a core.sleep step runs at least its sleep_interval).
    workflow_step_ms: int = 200
    # Verified bearer tokens are cached; this bounds the cache.
    token_cache_size: int = field(default=4096, repr=False)

    @property
    def superuser(self) -> UserSeed:
        """The first seeded user with the SUPERUSER role."""
        return next(user for user in self.users if SUPERUSER_ROLE in user.role_names)

    @property
    def limited_user(self) -> UserSeed:
        """The first seeded user without the SUPERUSER role."""
        return next(user for user in self.users if SUPERUSER_ROLE not in user.role_names)

    def client(self, client_id: str) -> SecurityClient | None:
        """The security client with that id, if configured."""
        return next((client for client in self.clients if client.client_id == client_id), None)


DEFAULT_CONFIG = EmulatorConfig()
