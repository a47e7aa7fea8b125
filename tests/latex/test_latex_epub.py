"""The EPUB (issue 7): a real ``-b epub`` build of the repository, read back as a zip."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

import pytest
from kb_books import REPO, norm
from lxml import etree

from sphinx_kb.articles.frontmatter import split_front_matter

pytestmark = pytest.mark.latex  # the output-format suite of issue 7

NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "x": "http://www.w3.org/1999/xhtml",
}


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    # Raises on anything that is not well-formed XML.
    return etree.fromstring(archive.read(name), etree.XMLParser(resolve_entities=False))


def test_epub_container_and_package(epub: Path) -> None:
    with zipfile.ZipFile(epub) as archive:
        assert archive.testzip() is None
        first = archive.infolist()[0]
        # OCF: "mimetype" first, stored uncompressed, exactly this text.
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        container = _xml(archive, "META-INF/container.xml")
        rootfiles = container.findall(".//c:rootfile", NS)
        assert [r.get("full-path") for r in rootfiles] == ["content.opf"]
        opf = _xml(archive, "content.opf")
        names = set(archive.namelist())
        manifest = {
            item.get("id"): item.get("href") for item in opf.findall(".//opf:manifest/opf:item", NS)
        }
        assert set(manifest.values()) <= names  # every declared file is in the zip
        spine = [
            manifest[ref.get("idref")]
            for ref in opf.findall(".//opf:spine/opf:itemref", NS)
            if ref.get("linear") != "no"
        ]
        assert spine[:2] == ["epub-cover.xhtml", "docs/index.xhtml"]
        assert opf.findtext(".//{http://purl.org/dc/elements/1.1/}title") == (
            "Immune Health Knowledge Base"
        )
        for name in names:
            if name.endswith(".xhtml"):
                _xml(archive, name)


def test_epub_has_every_article_once_in_reading_order_and_contents(epub: Path) -> None:
    articles = sorted((REPO / "docs" / "articles").glob("*.md"))
    assert articles
    with zipfile.ZipFile(epub) as archive:
        opf = _xml(archive, "content.opf")
        manifest = {
            item.get("id"): item.get("href") for item in opf.findall(".//opf:manifest/opf:item", NS)
        }
        spine = [manifest[ref.get("idref")] for ref in opf.findall(".//opf:spine/opf:itemref", NS)]
        nav = _xml(archive, "nav.xhtml")
        nav_links: dict[str, str] = {}
        for a in nav.findall(".//x:a", NS):  # a page's first entry, before its sections
            href = str(PurePosixPath(a.get("href", "").split("#")[0]))
            nav_links.setdefault(href, norm("".join(a.itertext())))
        for path in articles:
            href = f"docs/articles/{path.stem}.xhtml"
            assert spine.count(href) == 1, href
            title = split_front_matter(path.read_text(encoding="utf-8")).data["title"]
            assert nav_links.get(href) == norm(str(title))
            page = _xml(archive, href)
            assert norm(str(title)) in norm("".join(page.find(".//x:h1", NS).itertext()))
        assert "docs/glossary.xhtml" in spine
        assert nav_links.get("docs/glossary.xhtml") == "Glossary"
