"""Where python-msx-sdk came from: each PEP 610 direct_url.json shape in a few words, no local paths."""

import json
import re

import pytest

from msxsuite.sdk_source import GENERATED, NOT_INSTALLED, UNKNOWN, describe_direct_url, sdk_source

COMMIT = "854f9e4a0c1d2b3e4f5061728394a5b6c7d8e9f0"
WHEEL = "python_msx_sdk-1.0.10-py3-none-any.whl"


def direct_url(**fields) -> str:
    return json.dumps(fields)


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(direct_url(url="https://github.com/CiscoDevNet/python-msx-sdk.git",
                            vcs_info={"vcs": "git", "requested_revision": "v1.0.10", "commit_id": COMMIT}),
                 "git tag v1.0.10 (commit 854f9e4)", id="git-tag"),
    pytest.param(direct_url(url="https://github.com/CiscoDevNet/python-msx-sdk.git",
                            vcs_info={"vcs": "git", "requested_revision": "main", "commit_id": COMMIT}),
                 "git revision main (commit 854f9e4)", id="git-branch"),
    pytest.param(direct_url(url="https://github.com/CiscoDevNet/python-msx-sdk.git",
                            vcs_info={"vcs": "git", "requested_revision": COMMIT[:10], "commit_id": COMMIT}),
                 "git commit 854f9e4", id="git-commit-requested"),
    pytest.param(direct_url(url="https://github.com/CiscoDevNet/python-msx-sdk.git",
                            vcs_info={"vcs": "git", "commit_id": COMMIT}),
                 "git commit 854f9e4", id="git-no-revision"),
    pytest.param(direct_url(url=f"file:///work/shared/python-msx-sdk/{WHEEL}",
                            archive_info={"hash": "sha256=c7b7", "hashes": {"sha256": "c7b7"}}),
                 f"wheel {WHEEL}", id="local-wheel"),
    pytest.param(direct_url(url=f"https://user:token@files.example.com/sdk/{WHEEL}?x=1", archive_info={}),
                 f"wheel {WHEEL}", id="remote-wheel"),
    pytest.param(direct_url(url="file:///tmp/python-msx-sdk-1.0.10.tar.gz", archive_info={}),
                 "archive python-msx-sdk-1.0.10.tar.gz", id="sdist"),
    pytest.param(direct_url(url="file:///work/main/build/python-msx-sdk-generated", dir_info={}),
                 GENERATED, id="generated-by-setup"),
    pytest.param(direct_url(url="file:///tmp/check.x1/build/python-msx-sdk-generated/", dir_info={}),
                 GENERATED, id="generated-elsewhere"),
    pytest.param(direct_url(url="file:///home/someone/src/my%20sdk", dir_info={}),
                 "directory my sdk", id="other-directory"),
    pytest.param(direct_url(url="file:///home/someone/src/python-msx-sdk", dir_info={"editable": True}),
                 "directory python-msx-sdk (editable)", id="editable"),
    pytest.param(None, UNKNOWN, id="no-direct-url"),
    pytest.param("", UNKNOWN, id="empty"),
    pytest.param("{not json", UNKNOWN, id="unreadable"),
    pytest.param("[]", UNKNOWN, id="not-an-object"),
    pytest.param(direct_url(url="file:///x"), UNKNOWN, id="no-known-key"),
])
def test_direct_url_is_described(text, expected):
    assert describe_direct_url(text) == expected


def test_description_never_shows_paths_hosts_or_credentials():
    text = direct_url(url=f"https://user:s3cret@files.example.com/private/dir/{WHEEL}", archive_info={})
    described = describe_direct_url(text)
    assert not any(part in described for part in ("s3cret", "user", "example.com", "private", "/"))


def test_installed_sdk_came_from_one_of_the_setup_sources():
    """CI installs the official wheel; a developer may have the git tag or a generated package."""
    official = re.escape(f"wheel {WHEEL}")
    tag = r"git tag v1\.0\.10 \(commit [0-9a-f]{7}\)"
    assert re.fullmatch(f"{official}|{tag}|{re.escape(GENERATED)}", sdk_source()), sdk_source()


def test_missing_distribution_is_not_installed():
    assert sdk_source("python-msx-sdk-that-does-not-exist") == NOT_INSTALLED
