from __future__ import annotations

from pathlib import Path

import pytest

from .project import Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty project (docs/index.md, journals/) in a temp dir, ready to build."""
    return Project(tmp_path / "kb")
