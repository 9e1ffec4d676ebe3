from __future__ import annotations

from pathlib import Path

import pytest

# Browser fixtures are registered here, once, so every browser test module shares one
# Playwright instance and one Chromium (two sync Playwright instances in one process clash).
from .browser import (  # noqa: F401
    browser_fixture,
    example_site_fixture,
    example_url_fixture,
    page_fixture,
)
from .project import Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty project (docs/index.md, journals/) in a temp dir, ready to build."""
    return Project(tmp_path / "kb")
