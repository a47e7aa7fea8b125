"""``kb check`` on review dates and sources (issue 18, item 9): an overdue review is a
finding; unreadable dates and references are reported on their lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from checkhelpers import article, run_check, write

from sphinx_kb.check.context import build_context
from sphinx_kb.check.upkeep import reviews


def test_an_overdue_review_is_a_warning_on_its_line(project: Path) -> None:
    write(project, "docs/articles/old.md", article("Old", review_due="2001-01-01"))
    write(project, "docs/articles/fresh.md", article("Fresh", next_review="2999-01-01"))
    run = run_check(str(project), "--format", "json")
    found = [p for p in run.report["problems"] if p["code"] == "review-overdue"]
    assert [(p["path"], p["line"], p["level"]) for p in found] == [
        ("docs/articles/old.md", 6, "warning")
    ]
    assert "1 January 2001" in found[0]["message"]


def test_the_check_compares_with_the_day_it_runs(project: Path) -> None:
    write(project, "docs/articles/due.md", article("Due", review_due="2030-06-01"))
    ctx = build_context(project)
    assert list(reviews(ctx, today=dt.date(2030, 6, 1))) == []
    (late,) = reviews(ctx, today=dt.date(2030, 6, 2))
    assert late.code == "review-overdue"


def test_bad_review_fields_are_reported(project: Path) -> None:
    fields = {"reviewed": "'last spring'", "review_due": "2031-01-01", "sources": "[{}]"}
    write(project, "docs/articles/bad.md", article("Bad", **fields))
    write(
        project,
        "docs/articles/order.md",
        article("Order", reviewed="2024-01-01", review_due="2023-01-01"),
    )
    run = run_check(str(project), "--format", "json")
    codes = sorted(
        (p["path"], p["code"], p["line"])
        for p in run.report["problems"]
        if p["code"] in {"date-invalid", "source-invalid", "review-order"}
    )
    assert codes == [
        ("docs/articles/bad.md", "date-invalid", 6),
        ("docs/articles/bad.md", "source-invalid", 8),
        ("docs/articles/order.md", "review-order", 7),
    ]
