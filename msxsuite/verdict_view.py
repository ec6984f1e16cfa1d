"""The run's verdicts as people read them: a coloured banner and table in HTML, a screen in the terminal."""

from __future__ import annotations

import html

COLOURS = {"passed": "#1b7f3b", "failed": "#b3261e", "down": "#6d0f0a", "not deployed": "#5f6368",
           "skipped": "#a15c00"}
HEADINGS = ("service", "verdict", "tests", "failed", "skipped", "operations covered", "time")


def _row(name: str, service: dict) -> tuple[str, ...]:
    tests = service["passed"] + service["failed"] + service["skipped"]
    operations = service["operations"]
    return (name, service["verdict"], str(tests), str(service["failed"]), str(service["skipped"]),
            f"{operations['covered']}/{operations['total']}", f"{service['seconds']:.1f} s")


def verdict_html(figures: dict) -> list[str]:
    """A banner with the environment's verdict, then one coloured row per service."""
    verdict = figures["environment"]
    counts = {}
    for service in figures["services"].values():
        counts[service["verdict"]] = counts.get(service["verdict"], 0) + 1
    detail = ", ".join(f"{count} {name}" for name, count in counts.items()) or "no MSX service tested"
    banner = (f'<div id="msx-verdict" class="msx-verdict msx-{verdict.replace(" ", "-")}" style="background:'
              f'{COLOURS.get(verdict, "#5f6368")};color:#fff;font-size:1.6em;font-weight:bold;padding:.4em .8em;'
              f'border-radius:6px;margin:.5em 0">MSX environment: {html.escape(verdict.upper())}'
              f'<span style="font-size:.6em;font-weight:normal;margin-left:1em">{html.escape(detail)}</span></div>')
    if not figures["services"]:
        return [banner]
    head = "".join(f'<th style="text-align:left;padding:.2em .8em">{h}</th>' for h in HEADINGS)
    rows = []
    for name, service in figures["services"].items():
        cells = _row(name, service)
        colour = COLOURS.get(service["verdict"], "#5f6368")
        title = html.escape(service.get("seen", ""), quote=True)
        rows.append("<tr>" + "".join(
            f'<td style="padding:.2em .8em{";color:#fff;background:" + colour if index == 1 else ""}"'
            f'{" title=" + chr(34) + title + chr(34) if index == 1 and title else ""}>{html.escape(cell)}</td>'
            for index, cell in enumerate(cells)) + "</tr>")
    return [banner, f'<table class="msx-services" style="border-collapse:collapse;margin-bottom:1em">'
                    f'<tr>{head}</tr>{"".join(rows)}</table>']


def verdict_screen(figures: dict) -> list[str]:
    """The same as terminal lines: the environment's verdict, then a row per service."""
    rows = [HEADINGS] + [_row(name, service) for name, service in figures["services"].items()]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADINGS))]
    lines = [f"msx verdict: environment {figures['environment']}"]
    lines += ["  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines += [f"  {name} {service['verdict']}: {service['seen']}" for name, service in figures["services"].items()
              if "seen" in service and service["verdict"] in ("down", "failed")]
    return lines
