"""vcrpy patched once for a whole run of cassette tests, each test's cassette switched in beneath the patches.

vcrpy patches http.client and urllib3 when a cassette is entered and undoes it when it is left,
and the urllib3 connections it hands out die with the cassette. Per test that costs more than
replaying the test's few requests: imports attempted for every HTTP library vcrpy knows, patchers
built and undone, a new connection per pool. Here the patches are entered once for a run of tests
that play cassettes, on a switch that forwards to the current test's cassette, and undone before any
other test. Between two tests it forwards to a cassette that records nothing and plays nothing, so a
request there still reaches the network.
"""

from __future__ import annotations

import contextlib
import os
from contextlib import contextmanager
from typing import Iterator

from vcr import VCR
from vcr.cassette import Cassette, CassetteContextDecorator
from vcr.patch import PATCHER_NAMES, CassettePatcherBuilder

from msxsuite.pool_playback import playing_pools
from msxsuite.recording import SUFFIX, KeyedCassette

# python-msx-sdk sends through urllib3 (over http.client); vcrpy's other patchers only cost imports.
PATCHED = ("httplib", "urllib3")
SKIPPED_PATCHERS = tuple(name for name in PATCHER_NAMES if name not in PATCHED)


def _record_nothing(request):
    return None


def _pass_through() -> Cassette:
    """A cassette that neither plays nor keeps anything: requests go to the network."""
    return Cassette(path=os.devnull, record_mode="all", before_record_request=_record_nothing)


class CassetteSwitch:
    """What vcrpy's patches take for their cassette: the current test's, or a pass-through one."""

    skip_patchers = SKIPPED_PATCHERS
    custom_patches = ()

    def __init__(self) -> None:
        self.current = _pass_through()
        self._idle = self.current
        self._patches: contextlib.ExitStack | None = None

    def __getattr__(self, name: str):
        return getattr(self.current, name)

    def __len__(self) -> int:
        return len(self.current)

    def __contains__(self, request) -> bool:
        return request in self.current

    def patch(self) -> None:
        """Enter vcrpy's patches of http.client and urllib3 (and the pools' playback on top of them),
        unless they are in force already."""
        if self._patches is None:
            patches = contextlib.ExitStack()
            for patcher in CassettePatcherBuilder(self).build():
                patches.enter_context(patcher)
            patches.enter_context(playing_pools(self))
            self._patches = patches

    def unpatch(self) -> None:
        """Undo vcrpy's patches: what runs next talks to the network as it would without vcrpy."""
        if self._patches is not None:
            patches, self._patches = self._patches, None
            patches.close()

    @contextmanager
    def playing(self, cassette: Cassette) -> Iterator[Cassette]:
        """`cassette` answers (or records) every request of the block, and is saved after it."""
        self.patch()
        self.current = cassette
        try:
            yield cassette
        finally:
            self.current = self._idle
        cassette._save()


def load(vcr: VCR, path: str, record_mode: str) -> Cassette:
    """The cassette at `path` (without its suffix) loaded as vcrpy's use_cassette would, unpatched, and
    finding requests by their match key (recording.KeyedCassette).

    pytest-recording's "rewrite" (record afresh) is vcrpy's new_episodes on a removed file.
    """
    path += SUFFIX
    if record_mode == "rewrite":
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)
        record_mode = "new_episodes"
    config = vcr.get_merged_config(path=path, record_mode=record_mode)
    ignored = set(CassetteContextDecorator._non_cassette_arguments)
    return KeyedCassette.load(**{key: value for key, value in config.items() if key not in ignored})
