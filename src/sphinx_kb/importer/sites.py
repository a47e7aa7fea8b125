"""Which static site generator an export comes from, and what its configuration says.

Old URLs, dates and link syntax follow the generator's conventions, so the folder
being imported is looked at first: the nearest folder at or above it holding a
generator's configuration decides (``_config.yml`` Jekyll; ``hugo.toml`` or a
``config.*`` with ``baseURL`` Hugo; ``config.toml``/``zola.toml`` with ``base_url``
Zola; ``eleventy.config.*``/``.eleventy.js`` Eleventy; ``gatsby-config.*`` Gatsby).
``--generator`` overrides the guess.  From the configuration come the permalink
patterns, the base URL (for links written as full URLs to the old site) and the
``site.*`` values Liquid and Hugo templates refer to.  A configuration that cannot
be read is a note, never a failure: the defaults of the generator apply.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..articles.frontmatter import FrontMatterError, load_yaml
from ..articles.yaml_reader import flag

GENERATORS = ("auto", "jekyll", "hugo", "zola", "eleventy", "gatsby", "generic")
#: How far above the imported folder a configuration is looked for.
_SEARCH_DEPTH = 6
_HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")
_ELEVENTY_CONFIGS = (
    ".eleventy.js",
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
)
_GATSBY_CONFIGS = ("gatsby-config.js", "gatsby-config.ts", "gatsby-config.mjs")
_MAX_CONFIG_BYTES = 1024 * 1024


@dataclass
class SiteInfo:
    generator: str = "generic"
    #: The folder holding the generator's configuration (None when none was found).
    root: Path | None = None
    #: Old URLs are the paths of files below this folder.
    content_root: Path | None = None
    #: Permalink pattern per section (Hugo) or collection (Jekyll: "posts", "pages").
    permalinks: dict[str, str] = field(default_factory=dict)
    #: A path every old URL started with (Jekyll ``baseurl``), e.g. ``/blog``.
    base_path: str = ""
    #: Addresses of the old site (``url``, ``baseURL``, ``base_url``, ``--site-url``).
    site_urls: list[str] = field(default_factory=list)
    #: ``site.*`` values (flattened, lower-cased keys): ``title``, ``params.x``...
    variables: dict[str, str] = field(default_factory=dict)
    #: Hugo writes URLs in lower case unless ``disablePathToLower``.
    lower_urls: bool = False
    #: Hugo ``uglyURLs``: pages end in ``.html`` instead of ``/``.
    ugly_urls: bool = False
    notes: list[str] = field(default_factory=list)

    def hosts(self) -> set[str]:
        return {urlsplit(url).netloc.casefold() for url in self.site_urls if "//" in url}


def _read_text(path: Path) -> str | None:
    try:
        if path.stat().st_size > _MAX_CONFIG_BYTES:
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def read_config(path: Path, notes: list[str]) -> dict[str, Any]:
    """A TOML, YAML or JSON configuration file as a mapping; ``{}`` (and a note) if not."""
    text = _read_text(path)
    if text is None:
        notes.append(f"{path}: cannot read the site configuration")
        return {}
    try:
        if path.suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            data, _node = load_yaml(text, what="site configuration")
    except (tomllib.TOMLDecodeError, ValueError, FrontMatterError) as exc:
        notes.append(f"{path}: cannot read the site configuration ({exc})")
        return {}
    return data if isinstance(data, dict) else {}


def _find(start: Path, generator: str) -> tuple[str, Path, Path] | None:
    """(generator, config file, its folder) of the nearest configuration at or above start."""
    folder = start if start.is_dir() else start.parent
    for candidate in [folder, *folder.parents][:_SEARCH_DEPTH]:
        found = _config_in(candidate, generator)
        if found is not None:
            return (found[0], found[1], candidate)
    return None


def _config_in(folder: Path, wanted: str) -> tuple[str, Path] | None:
    def ok(name: str) -> bool:
        return wanted in ("auto", name)

    for name in ("_config.yml", "_config.yaml", "_config.toml"):
        if ok("jekyll") and (folder / name).is_file():
            return "jekyll", folder / name
    for name in _HUGO_CONFIGS:
        if ok("hugo") and (folder / name).is_file():
            return "hugo", folder / name
    for name in ("zola.toml", "config.toml", "config.yaml", "config.yml", "config.json"):
        path = folder / name
        if not path.is_file():
            continue
        text = _read_text(path) or ""
        if ok("zola") and name.endswith(".toml") and re.search(r"(?m)^\s*base_url\s*=", text):
            return "zola", path
        if ok("hugo") and re.search(r"(?im)^\s*[\"']?baseurl[\"']?\s*[:=]", text):
            return "hugo", path
    for name in _ELEVENTY_CONFIGS:
        if ok("eleventy") and (folder / name).is_file():
            return "eleventy", folder / name
    for name in _GATSBY_CONFIGS:
        if ok("gatsby") and (folder / name).is_file():
            return "gatsby", folder / name
    return None


def _flatten(data: Mapping[str, Any], prefix: str, out: dict[str, str]) -> None:
    for key, value in data.items():
        name = f"{prefix}{str(key).casefold()}"
        if isinstance(value, Mapping):
            _flatten(value, name + ".", out)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            out[name] = str(value)


def detect_site(sources: list[Path], generator: str = "auto") -> SiteInfo:
    """What the export's generator and configuration say (``generic`` when nothing)."""
    start = sources[0].resolve() if sources else Path.cwd()
    site = SiteInfo()
    found = _find(start, generator)
    if found is None:
        site.generator = "generic" if generator == "auto" else generator
        site.content_root = start if start.is_dir() else start.parent
        if site.generator == "gatsby":
            site.content_root = _gatsby_root(site.content_root)
        return site
    site.generator, config_path, site.root = found
    config = read_config(config_path, site.notes) if config_path.suffix != ".js" else {}
    reader = {
        "jekyll": _jekyll,
        "hugo": _hugo,
        "zola": _zola,
        "eleventy": _eleventy,
        "gatsby": _gatsby,
    }[site.generator]
    reader(site, config, config_path, start)
    return site


def _add_url(site: SiteInfo, value: Any) -> None:
    if isinstance(value, str) and re.match(r"^https?://[^/\s]+", value.strip()):
        url = value.strip().rstrip("/")
        if url not in site.site_urls:
            site.site_urls.append(url)


def _jekyll(site: SiteInfo, config: dict[str, Any], path: Path, start: Path) -> None:
    assert site.root is not None
    site.content_root = site.root
    _flatten(config, "", site.variables)
    base = config.get("baseurl")
    if isinstance(base, str) and base.strip("/"):
        site.base_path = "/" + base.strip("/")
    url = config.get("url")
    if isinstance(url, str) and url:
        _add_url(site, url.rstrip("/") + site.base_path)
        _add_url(site, url)
    permalink = config.get("permalink")
    if isinstance(permalink, str) and permalink:
        site.permalinks["posts"] = permalink
    for item in config.get("defaults") or []:
        scope = item.get("scope") if isinstance(item, Mapping) else None
        values = item.get("values") if isinstance(item, Mapping) else None
        if isinstance(scope, Mapping) and isinstance(values, Mapping):
            scoped = values.get("permalink")
            posts = scope.get("type") in (None, "posts") or scope.get("path") == "_posts"
            if isinstance(scoped, str) and scope.get("path") in ("_posts", "", None) and posts:
                site.permalinks["posts"] = scoped
    collections = config.get("collections")
    if isinstance(collections, Mapping):
        for name, settings in collections.items():
            if isinstance(settings, Mapping) and isinstance(settings.get("permalink"), str):
                site.permalinks[str(name)] = settings["permalink"]


def _hugo(site: SiteInfo, config: dict[str, Any], path: Path, start: Path) -> None:
    assert site.root is not None
    lowered = {str(k).casefold(): v for k, v in config.items()}
    content_dir = lowered.get("contentdir")
    site.content_root = site.root / (content_dir if isinstance(content_dir, str) else "content")
    site.content_root = _hugo_language_root(site, lowered, start) or site.content_root
    site.lower_urls = lowered.get("disablepathtolower") is not True
    _add_url(site, lowered.get("baseurl"))
    base = lowered.get("baseurl")
    if isinstance(base, str):
        prefix = urlsplit(base).path.strip("/")
        site.base_path = f"/{prefix}" if prefix else ""
    site.ugly_urls = flag(lowered.get("uglyurls")) is True
    permalinks = lowered.get("permalinks")
    if isinstance(permalinks, Mapping):
        # Hugo 0.120+ nests them by page kind: permalinks.page.posts, permalinks.section.posts
        for kind, prefix in (("page", ""), ("section", "section:")):
            nested = permalinks.get(kind)
            if isinstance(nested, Mapping):
                for section, pattern in nested.items():
                    if isinstance(pattern, str):
                        site.permalinks[prefix + str(section)] = pattern
        for section, pattern in permalinks.items():
            if isinstance(pattern, str):
                site.permalinks[str(section)] = pattern
    variables: dict[str, str] = {}
    _flatten(config, "", variables)
    site.variables = variables


def _hugo_language_root(site: SiteInfo, config: dict[str, Any], start: Path) -> Path | None:
    """The content folder of one language (``content/en``) when the site has several.

    Multilingual Hugo sites keep each language's pages in a folder of its own, given by
    ``languages.<lang>.contentDir`` or a module mount with ``lang``; the URLs start
    below it.  The imported folder's language wins, else the default language's.
    """
    assert site.root is not None
    folders: dict[str, Path] = {}
    languages = config.get("languages")
    if isinstance(languages, Mapping):
        for lang, settings in languages.items():
            if isinstance(settings, Mapping):
                lowered = {str(k).casefold(): v for k, v in settings.items()}
                if isinstance(lowered.get("contentdir"), str):
                    folders[str(lang)] = site.root / lowered["contentdir"]
    module = config.get("module")
    mounts = module.get("mounts") if isinstance(module, Mapping) else None
    for mount in mounts if isinstance(mounts, list) else []:
        if not isinstance(mount, Mapping) or not isinstance(mount.get("source"), str):
            continue
        if mount.get("target") == "content" and isinstance(mount.get("lang"), str):
            folders.setdefault(mount["lang"], site.root / mount["source"])
    folder = (start if start.is_dir() else start.parent).resolve()
    for path in folders.values():
        if folder == path.resolve() or path.resolve() in folder.parents:
            return path
    default = config.get("defaultcontentlanguage")
    chosen = folders.get(default) if isinstance(default, str) else None
    if chosen is None or not chosen.is_dir():
        return None
    return chosen if folder == chosen.parent.resolve() or folder in chosen.parents else None


def _zola(site: SiteInfo, config: dict[str, Any], path: Path, start: Path) -> None:
    assert site.root is not None
    site.content_root = site.root / "content"
    _add_url(site, config.get("base_url"))
    base = config.get("base_url")
    if isinstance(base, str):
        prefix = urlsplit(base).path.strip("/")
        site.base_path = f"/{prefix}" if prefix else ""
    _flatten(config, "", site.variables)


def _eleventy(site: SiteInfo, config: dict[str, Any], path: Path, start: Path) -> None:
    assert site.root is not None
    text = _read_text(path) or ""
    match = re.search(r"""\binput\s*:\s*["']([^"']+)["']""", text)
    site.content_root = (site.root / match.group(1)) if match else site.root


def _gatsby(site: SiteInfo, config: dict[str, Any], path: Path, start: Path) -> None:
    folder = start if start.is_dir() else start.parent
    site.content_root = _gatsby_root(folder)
    text = _read_text(path) or ""
    match = re.search(r"""\bsiteUrl\s*:\s*[`"']([^`"']+)[`"']""", text)
    if match:
        _add_url(site, match.group(1))


def _gatsby_root(folder: Path) -> Path:
    # gatsby-source-filesystem paths: pages under src/pages keep their folder in the
    # URL; a content folder (content/blog) is the root of its own URLs.
    for candidate in (folder, *folder.parents):
        if candidate.name == "pages" and candidate.parent.name == "src":
            return candidate
    return folder
