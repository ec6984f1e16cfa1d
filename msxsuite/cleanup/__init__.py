"""Cleanup of what the suite creates: per-test trackers, the run's ledger, the leak sweeper.

`python -m msxsuite.cleanup` sweeps leftovers of earlier runs (see `__main__`).
"""

from msxsuite.cleanup.tracker import Resources, tracker_for

__all__ = ["Resources", "tracker_for"]
