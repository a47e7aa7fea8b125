"""The fixture site for the output tests: built once per session, served over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from site_helpers import Site, build_site, serve


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """``tests/roots/test-site`` built once (read-only for tests)."""
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def base_url(site: Site) -> Iterator[str]:
    with serve(site.outdir) as url:
        yield url
