"""Thread safety: concurrent writers through one emulator keep its state consistent."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.exceptions import ApiException
from python_msx_sdk.model.tenant_create import TenantCreate

WORKERS = 8


def test_concurrent_creates_and_deletes_keep_state_consistent(emu, emu_client, emu_login):
    token = emu_login().access_token
    apis = [TenantsApi(emu_client(token)) for _ in range(WORKERS)]

    def churn(worker: int) -> list[str]:
        tenants = apis[worker]
        kept = []
        for index in range(15):
            tenant = tenants.create_tenant(TenantCreate(name=f"worker {worker} tenant {index}"))
            if index % 3:
                kept.append(tenant.name)
            else:
                tenants.delete_tenant(tenant.id)
        return kept

    with ThreadPoolExecutor(WORKERS) as pool:
        kept = [name for names in pool.map(churn, range(WORKERS)) for name in names]
    assert sorted(emu.stats()["tenants"]) == sorted(kept)
    assert apis[0].get_tenants_page(0, 1000).total_items == len(kept) + 2


def test_concurrent_creates_of_one_name_admit_exactly_one(emu, emu_client, emu_login):
    token = emu_login().access_token
    apis = [TenantsApi(emu_client(token)) for _ in range(WORKERS)]

    def create(tenants: TenantsApi) -> int:
        try:
            tenants.create_tenant(TenantCreate(name="Contended"))
            return 201
        except ApiException as error:
            return error.status

    with ThreadPoolExecutor(WORKERS) as pool:
        statuses = sorted(pool.map(create, apis))
    assert statuses == [201] + [400] * (WORKERS - 1)


def test_stats_and_reset_from_other_threads_while_serving(emu, emu_client, emu_login):
    tenants = TenantsApi(emu_client(emu_login().access_token))

    def read(_: int) -> None:
        for _ in range(20):
            emu.stats()
            tenants.get_tenants_page(0, 10)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(read, range(4)))
    emu.reset()
    assert emu.stats()["requests"] == 0
