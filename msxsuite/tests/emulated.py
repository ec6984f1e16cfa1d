"""Helpers for self-tests that run against an emulator: its settings, MSX_* variables, authorized APIs."""

from __future__ import annotations

from contextlib import contextmanager

from python_msx_sdk.api.roles_api import RolesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi

from msxsuite.auth import request_token
from msxsuite.sdk import api_client
from msxsuite.settings import Settings, with_emulator


def emulator_settings(emulator) -> Settings:
    """Live settings pointing at the emulator, with its default credentials."""
    return with_emulator(Settings(mode="live"), emulator)


def msx_environment(emulator) -> dict[str, str]:
    """The MSX_* variables that point the suite (or the sweeper) at the emulator."""
    settings = emulator_settings(emulator)
    return {"MSX_URL": settings.url, "MSX_CLIENT_ID": settings.client_id, "MSX_CLIENT_SECRET": settings.client_secret,
            "MSX_USERNAME": settings.username, "MSX_PASSWORD": settings.password}


@contextmanager
def authorized_apis(emulator):
    """TenantsApi, UsersApi and RolesApi of the emulator's superuser."""
    settings = emulator_settings(emulator)
    with api_client(settings, request_token(settings).access_token) as client:
        yield TenantsApi(client), UsersApi(client), RolesApi(client)
