"""Each text repair, on its own, and what no repair may touch."""

from __future__ import annotations

from pathlib import Path

from sphinx_kb.importer.inline import as_literal_code
from sphinx_kb.importer.repair import GlossaryCandidate, repair_body
from sphinx_kb.importer.sanitize import sanitize_html_block, sanitize_tag

from .conftest import assert_no_level_jumps

MOJIBAKE = "systemâ€™s"


def fix(body: str, title: str | None = "Title") -> tuple[str, dict[str, int]]:
    result = repair_body(body, title=title)
    return result.text, dict(result.counts)


def test_mojibake_is_fixed_in_prose_and_counted_per_word() -> None:
    text, counts = fix(f"The {MOJIBAKE} attack and the {MOJIBAKE} defence.\n")
    assert text == "The system’s attack and the system’s defence.\n"
    assert counts == {"mojibake": 2}


def test_curly_quotes_and_entities_are_not_mojibake() -> None:
    body = "We’re “quoted” &amp; fine, ｆｕｌｌ width too.\n"
    assert fix(body) == (body, {})


def test_code_math_and_link_targets_are_never_repaired() -> None:
    body = (
        f"Prose {MOJIBAKE}, `code {MOJIBAKE}`, ``two `ticks` {MOJIBAKE}``, $m {MOJIBAKE}$, "
        f"$$d {MOJIBAKE}$$, [text {MOJIBAKE}](https://x.example/{MOJIBAKE}), "
        f"<https://auto.example/{MOJIBAKE}>, https://bare.example/{MOJIBAKE} and \\$ {MOJIBAKE}.\n"
        "\n"
        "```text\n"
        f"fenced {MOJIBAKE}   \n"
        "\n"
        "\n"
        "\n"
        "**Not A Heading**\n"
        "```\n"
        "\n"
        f"    indented {MOJIBAKE}   \n"
        "\n"
        "$$\n"
        f"block {MOJIBAKE}\n"
        "$$\n"
    )
    text, counts = fix(body)
    fixed = "system’s"
    assert text.count(MOJIBAKE) == 10
    assert f"Prose {fixed}," in text
    assert f"[text {fixed}](https://x.example/{MOJIBAKE})" in text
    assert f"and \\$ {fixed}." in text
    assert f"fenced {MOJIBAKE}   \n\n\n\n**Not A Heading**\n```" in text
    assert f"    indented {MOJIBAKE}   \n" in text
    assert counts == {"mojibake": 3}


def test_colon_pseudo_heading_becomes_h2_when_no_heading_precedes() -> None:
    text, counts = fix("Intro.\n\n:The Basics of Immunotherapy:\n\nMore.\n")
    assert text == "Intro.\n\n## The Basics of Immunotherapy\n\nMore.\n"
    assert counts == {"pseudo-heading": 1}


def test_bold_pseudo_heading_goes_one_below_the_preceding_real_heading() -> None:
    body = "## Real\n\n**Bold Heading**\n\n__Under Heading:__\n\n### Deeper\n\n**Next**\n"
    text, counts = fix(body)
    assert text == "## Real\n\n### Bold Heading\n\n### Under Heading\n\n### Deeper\n\n#### Next\n"
    assert counts == {"pseudo-heading": 3}
    assert_no_level_jumps(text)


def test_not_pseudo_headings() -> None:
    body = ":smile:\n\n**Bold** and more.\n\nA line\n**Bold**\n\n- **Item**\n"
    assert fix(body) == (body, {})


def test_blank_line_runs_collapse_and_trailing_spaces_go() -> None:
    text, counts = fix("\n\nOne.   \n\n\n\nTwo.\t\n\n\nThree.\n\n\n")
    assert text == "One.\n\nTwo.\n\nThree.\n"
    assert counts == {"blank-lines": 2, "trailing-spaces": 2}


def test_hard_line_break_is_kept_as_a_backslash() -> None:
    text, counts = fix("First line  \nsecond line.\n")
    assert text == "First line\\\nsecond line.\n"
    assert counts == {"trailing-spaces": 1}


def test_leading_h1_equal_to_the_title_is_dropped() -> None:
    text, counts = fix("# **My** Title\n\nBody.\n", title="My title")
    assert text == "Body.\n"
    assert counts == {"title-heading": 1}


def test_other_h1s_are_demoted_and_levels_never_jump() -> None:
    body = (
        "# Title\n\nIntro.\n\n# Part One\n\n## Sub\n\n#### Deep\n\nSetext\n======\n\n##### Deeper\n"
    )
    text, counts = fix(body)
    assert text == ("Intro.\n\n## Part One\n\n### Sub\n\n#### Deep\n\n## Setext\n\n### Deeper\n")
    assert counts == {"title-heading": 1, "demoted-heading": 2, "heading-level": 2}
    assert_no_level_jumps(text)


def test_body_starting_at_h3_is_lifted_to_h2() -> None:
    text, counts = fix("### Starts deep\n\ntext\n\n### Same\n")
    assert text == "## Starts deep\n\ntext\n\n## Same\n"
    assert counts == {"heading-level": 2}


def test_glossary_term_paragraphs_are_tidied_and_listed() -> None:
    result = repair_body(
        "Innate immunity:- Is our first line of defense. It is made of barriers.\n\n"
        "Not a term: ordinary colon.\n",
        title="T",
        first_line=11,
    )
    assert result.text == (
        "Innate immunity: Is our first line of defense. It is made of barriers.\n\n"
        "Not a term: ordinary colon.\n"
    )
    assert result.counts == {"glossary-term": 1}
    assert result.glossary == [
        GlossaryCandidate("Innate immunity", "Is our first line of defense.", 11)
    ]


def test_raw_html_is_sanitized() -> None:
    body = (
        '<div class="box" onclick="steal()">\n'
        '<a href="javascript:alert(1)">x</a><img src="a.png" onerror="x()">\n'
        "<script>\nalert(1)\n</script>\n"
        "</div>\n\n"
        'Inline <span onmouseover="x()">s</span><script>bad()</script> and <b>bold</b>.\n'
    )
    text, counts = fix(body)
    assert "script" not in text and "alert" not in text and "bad()" not in text
    assert "onclick" not in text and "onerror" not in text and "onmouseover" not in text
    assert "javascript:" not in text
    assert '<div class="box">' in text and "<a>x</a>" in text and '<img src="a.png">' in text
    assert "Inline <span>s</span> and <b>bold</b>." in text
    assert counts == {"html-sanitized": 3}  # one per HTML block or inline tag


def test_harmless_html_is_kept_verbatim() -> None:
    body = (
        "<details><summary>More</summary>\n\n<p class='x'>Hi</p>\n\n</details>\n\n<!-- more -->\n"
    )
    assert fix(body) == (body, {})


def test_sanitize_helpers() -> None:
    assert (
        sanitize_tag('<a href="https://x.example" onclick="y()">') == '<a href="https://x.example">'
    )
    assert sanitize_tag("</iframe>") == ""
    assert sanitize_tag("<br/>") == "<br/>"
    # A tag the browser would read across lines goes through nh3 whole.
    assert sanitize_html_block("<div>\n<img src=x onerror=alert(1)//\n</div>") == (
        '<div>\n<img src="x"></div>'
    )


def test_javascript_markdown_links_are_unlinked() -> None:
    text, counts = fix("A [bad](javascript:alert(1)) and ![img](JaVaScRiPt:x) [ok](/ok).\n")
    assert text == "A [bad] and img [ok](/ok).\n"
    assert counts == {"unsafe-link": 2}


def test_shortcodes_become_literal_code_and_are_reported() -> None:
    result = repair_body(
        "{{< youtube w7Ft2ymGmfc >}}\n\nSee {{% notice %}} and {% raw %} and {{ page.title }}.\n",
        title="T",
        first_line=5,
    )
    assert result.text == (
        "`{{< youtube w7Ft2ymGmfc >}}`\n\n"
        "See `{{% notice %}}` and `{% raw %}` and `{{ page.title }}`.\n"
    )
    assert result.counts == {"shortcode": 4}
    assert result.notes[0] == (5, "shortcode '{{< youtube w7Ft2ymGmfc >}}' kept as literal text")
    assert [line for line, _ in result.notes] == [5, 7, 7, 7]


def test_shortcodes_in_code_are_left_alone() -> None:
    body = "Use `{{< x >}}` here.\n\n```\n{% raw %}\n```\n"
    assert fix(body) == (body, {})


def test_literal_code_survives_backticks() -> None:
    assert as_literal_code("{{< a `b` >}}") == "``{{< a `b` >}}``"
    assert as_literal_code("`x`") == "`` `x` ``"


def test_first_heading_is_reported_for_title_fallback() -> None:
    result = repair_body("# From *Heading*\n\nBody.\n", title=None)
    assert result.first_heading == "From Heading"
    assert result.text == "Body.\n"


def test_images_are_offered_to_the_rewriter() -> None:
    seen: list[tuple[str, int]] = []

    def rewrite(url: str, line: int) -> str | None:
        seen.append((url, line))
        return {"/img/a.jpg": "../media/img/a.jpg", "../x.png": ""}.get(url)

    result = repair_body(
        '![a](/img/a.jpg "Title")\n\n![x](../x.png) ![r](https://x.example/r.png)\n',
        title="T",
        first_line=3,
        images=rewrite,
    )
    assert result.text == '![a](../media/img/a.jpg "Title")\n\nx ![r](https://x.example/r.png)\n'
    assert seen == [("/img/a.jpg", 3), ("../x.png", 5), ("https://x.example/r.png", 5)]


def test_seed_article_repairs(tmp_path: Path) -> None:
    from sphinx_kb.articles.frontmatter import decode_bytes, split_front_matter

    from .conftest import SEED

    fm = split_front_matter(decode_bytes(SEED.read_bytes()).text)
    result = repair_body(fm.body, title=fm.data["title"], first_line=fm.body_line)
    assert "â€" not in result.text and "system’s attack" in result.text
    assert "\n## The Basics of Immunotherapy\n" in result.text
    assert "\n\n\n" not in result.text
    assert result.counts == {
        "blank-lines": 5,
        "glossary-term": 2,
        "mojibake": 1,
        "pseudo-heading": 1,
    }
    assert [g.term for g in result.glossary] == ["Innate immunity", "The adaptive immune system"]


def test_event_handler_hidden_behind_a_quoted_name_is_removed() -> None:
    # An attribute name inside a quoted value must not make the real one look kept.
    assert sanitize_tag('<a title="&#32;onclick=1" onclick="alert(1)">') == (
        '<a title=" onclick=1">'
    )


def test_shortcode_lines_are_counted_through_a_long_chunk() -> None:
    # Lines are counted from one token to the next (not from the chunk's start
    # each time): the numbers must still be those of the source.
    body = "a {{< one >}} <b>x</b> `c`\nb\n{{< two >}} {{< three >}}\nc\nd {{< four >}}\n"
    result = repair_body(body, title="T", first_line=10)
    assert [line for line, _ in result.notes] == [10, 12, 12, 14]
