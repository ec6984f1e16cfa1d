"""Tallies of what this process did for the run (retries, cleaned and leaked resources).

Each pytest-xdist worker keeps its own; the run summary adds them up in the controller.
"""

from collections import Counter

TALLY: Counter[str] = Counter()
