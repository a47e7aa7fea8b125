"""GitHub alerts become MyST admonitions, code is left alone, line numbers stay put."""

from __future__ import annotations

from collections import Counter

from sphinx_kb.importer.alerts import convert_alerts


def test_alert_kinds_and_titles() -> None:
    counts: Counter[str] = Counter()
    body = (
        "Intro.\n\n> [!NOTE]\n> Useful **information**.\n> Second line.\n\nAfter.\n\n"
        "> [!warning] Mind the gap\n> Careful.\n"
    )
    assert convert_alerts(body, counts) == (
        "Intro.\n\n```{note}\nUseful **information**.\nSecond line.\n```\nAfter.\n\n"
        "```{admonition} Mind the gap\n:class: warning\nCareful.\n```\n"
    )
    assert counts["alert"] == 2


def test_lines_after_an_untitled_alert_keep_their_numbers() -> None:
    body = "> [!TIP]\n> One.\n\nline four\n"
    converted = convert_alerts(body)
    assert converted.split("\n").index("line four") == 3
    assert body.split("\n").index("line four") == 3


def test_code_and_other_quotes_are_left_alone() -> None:
    body = (
        "```markdown\n> [!NOTE]\n> Shown as written.\n```\n\n"
        "> [!UNKNOWN]\n> Not an alert kind.\n\n> A plain quote.\n"
    )
    assert convert_alerts(body) == body


def test_a_fence_inside_the_alert_gets_a_longer_fence_around_it() -> None:
    body = "> [!IMPORTANT]\n> ```sh\n> make\n> ```\n"
    assert convert_alerts(body) == "````{important}\n```sh\nmake\n```\n````\n"
