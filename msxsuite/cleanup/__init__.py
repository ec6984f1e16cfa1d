"""Cleanup of what the suite creates: per-test trackers, the run's ledger, the leak sweeper.

`python -m msxsuite.cleanup` sweeps leftovers of earlier runs (see `__main__`).
"""

from msxsuite.cleanup.tracker import Created, Tracker, tenant_tracker, user_tracker

__all__ = ["Created", "Tracker", "tenant_tracker", "user_tracker"]
