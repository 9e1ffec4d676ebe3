"""The core never imports MkDocs: another front end must be able to drive it."""

from __future__ import annotations

import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import peerlog

ADAPTERS = {"peerlog.plugin", "peerlog.config", "peerlog.__main__"}
#: Modules that need an optional extra, and a package of that extra: without it they are not
#: importable by design (grouping falls back to words alone), so they are checked only with it.
OPTIONAL = {"peerlog.embeddings": "numpy"}


def core_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(peerlog.__path__, "peerlog.")]
    return sorted(
        n for n in names
        if n not in ADAPTERS and (n not in OPTIONAL or importlib.util.find_spec(OPTIONAL[n]))
    )


def test_core_modules_exist() -> None:
    assert {"peerlog.entries", "peerlog.model", "peerlog.render.pages", "peerlog.cli"} <= set(
        core_modules()
    )


def test_core_does_not_import_mkdocs() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_plugin_is_thin() -> None:
    source = Path(peerlog.__file__).with_name("plugin.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) < 250
