"""Driving the browser for the output tests: axe-core, focus, scrolling."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kbtest import REPO

AXE = REPO / "tests" / "fixtures" / "axe-core" / "axe.min.js"
#: WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe-core's tags for them).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Every WCAG 2.2 A/AA violation axe-core finds on the page, of any impact."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + " :: " + n.failureSummary)
            }));
        }""",
        WCAG_TAGS,
    )


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {node}" for node in v["nodes"][:5])
    return "\n".join(lines)


#: Outline and box-shadow of the focused element, and of the same element unfocused.
FOCUS_STYLE = """(el) => {
    const look = () => {
        const s = getComputedStyle(el);
        return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join("|");
    };
    const focused = look();
    const ring = getComputedStyle(el);
    const visible = (ring.outlineStyle !== "none" && parseFloat(ring.outlineWidth) > 0)
        || ring.boxShadow !== "none";
    el.blur();
    const unfocused = look();
    el.focus();
    return {focused, unfocused, visible, html: el.outerHTML.slice(0, 160)};
}"""


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
