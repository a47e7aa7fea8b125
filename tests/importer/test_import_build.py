"""Imported CMS articles build with zero warnings (issue 3, "done when")."""

from __future__ import annotations

import base64
import re

from kbtest import REPO, ROOTS, copy_project, page, warnings_of

from sphinx_kb.cli import main

FIXTURES = REPO / "tests" / "fixtures"
# The smallest valid JPEG (1x1 pixel): the CMS's media folder is not part of the sample.
TINY_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////"
    "////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/a"
    "AAgBAQABPxA="
)


def test_imported_seed_and_gatsby_pages_build_cleanly(make_app, tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "site")
    for path in (src / "docs/articles").iterdir():
        path.unlink()
    media = tmp_path / "static"
    (media / "img").mkdir(parents=True)
    for name in ("flavor_wheel.jpg", "chemex.jpg"):
        (media / "img" / name).write_bytes(TINY_JPEG)
    dest = src / "docs/articles"
    assert (
        main(["import", str(FIXTURES / "seed/000_a0d92a45339acd22.txt"), "--dest", str(dest)]) == 0
    )
    gatsby = FIXTURES / "gatsby-starter-netlify-cms"
    assert (
        main(
            [
                "import",
                str(gatsby / "blog"),
                "--cms-config",
                str(gatsby / "config.yml"),
                "--media",
                str(media),
                "--dest",
                str(dest),
            ]
        )
        == 0
    )
    assert len(list(dest.glob("*.md"))) == 4
    app = make_app("html", srcdir=src, confoverrides={"kb_undeclared_tags": "allow"})
    app.build()
    assert warnings_of(app) == ""
    seed = page(app, "docs/articles/what-is-immunotherapy-and-how-does-it-work")
    assert [h.get_text().rstrip("¶#") for h in seed.find_all("h2")] == [
        "The Basics of Immunotherapy"
    ]
    assert "â€" not in seed.get_text() and "system’s" in seed.get_text()
    chemex = page(app, "docs/articles/a-beginners-guide-to-brewing-with-chemex")
    assert chemex.find("img")["src"].endswith("chemex.jpg")
    assert re.search(r"4 January 2017", chemex.select_one(".kb-byline").get_text())
