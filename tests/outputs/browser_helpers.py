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


#: Tab once and describe the focused element: its outline and box-shadow (and those
#: of its ::after, which draws a card link's ring around the whole card) when focused,
#: and the same once it is blurred.  null when focus left the page.
TAB_STOP = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const look = () => [el, "::after"].map((part) => {
        const s = part === el ? getComputedStyle(el) : getComputedStyle(el, part);
        const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
            || (s.boxShadow && s.boxShadow !== "none");
        return {ring, value: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow]
            .join(" ")};
    });
    const focused = look();
    const box = el.getBoundingClientRect();
    el.blur();
    const unfocused = look();
    el.focus();
    const visible = focused.some((f, i) => f.ring && f.value !== unfocused[i].value);
    return {visible, on_screen: box.width > 0 && box.height > 0,
            html: el.outerHTML.slice(0, 120)};
}"""


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


#: WCAG contrast of two computed CSS colours ("rgb(r, g, b)").
CONTRAST_JS = """
const lum = (c) => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map((v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
};
"""
