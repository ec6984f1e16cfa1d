"""The shared token: fetched once per run, private on disk, renewed near expiry."""

import stat
import time

import pytest

from msxsuite.auth import Token, TokenStore, basic_credentials


class CountingFetch:
    """A token source that counts its calls and hands out tokens of a given lifetime."""

    def __init__(self, lifetime: float):
        self.lifetime = lifetime
        self.calls = 0

    def __call__(self) -> Token:
        self.calls += 1
        return Token(f"token-{self.calls}", time.time() + self.lifetime, self.lifetime)


@pytest.fixture
def token_file(tmp_path):
    return tmp_path / "token.json"


def test_stores_on_one_file_share_one_token(token_file):
    fetch = CountingFetch(lifetime=9000)
    controller, worker = TokenStore(token_file, fetch), TokenStore(token_file, fetch)
    assert controller.current().access_token == worker.current().access_token == "token-1"
    assert fetch.calls == 1


def test_token_file_is_readable_by_its_owner_only(token_file):
    TokenStore(token_file, CountingFetch(lifetime=9000)).current()
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600


def test_token_near_expiry_is_renewed_once(token_file):
    fetch = CountingFetch(lifetime=2)
    store = TokenStore(token_file, fetch)
    first = store.current()
    time.sleep(1.7)  # within the last fifth of a 2-second life
    assert store.current().access_token == "token-2" != first.access_token
    assert TokenStore(token_file, fetch).current().access_token == "token-2"
    assert fetch.calls == 2


def test_remove_leaves_no_file(token_file):
    store = TokenStore(token_file, CountingFetch(lifetime=9000))
    store.current()
    store.remove()
    assert list(token_file.parent.iterdir()) == []


def test_basic_credentials_encode_client_id_and_secret():
    assert basic_credentials("msx-suite", "s3cret") == "Basic bXN4LXN1aXRlOnMzY3JldA=="
