"""Cleanup of what the suite creates: per-test trackers, the run's ledger, the leak sweeper.

`python -m msxsuite.cleanup` sweeps leftovers of earlier runs (see `__main__`).
"""

from msxsuite.cleanup.tracker import tenant_tracker, user_tracker

__all__ = ["tenant_tracker", "user_tracker"]
