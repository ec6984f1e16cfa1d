"""Reading what a pytester run printed: all of it, or the lines under one failed test."""

from __future__ import annotations


def printed(result) -> list[str]:
    """Every non-blank line the run wrote, stdout then stderr."""
    return [line for line in result.outlines + result.errlines if line.strip()]


def failure_section(result, test_name: str) -> list[str]:
    """The non-blank lines printed under one failed test's `____ name ____` header.

    The section ends at pytest's next header or at the suite's own `msx ...` summary lines.
    """
    lines = result.outlines
    start = next(i for i, line in enumerate(lines) if line.startswith("_") and f" {test_name} " in line)
    section = []
    for line in lines[start + 1:]:
        if line.startswith(("___", "===", "msx ")):
            break
        if line.strip():
            section.append(line)
    return section
