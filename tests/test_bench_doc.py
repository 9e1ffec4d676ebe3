"""Each benchmark script rewrites only its own section of docs/benchmarks.md."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _bench_doc() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_doc", ROOT / "scripts" / "bench_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_section_is_replaced_or_added_and_nothing_else_moves(tmp_path: Path) -> None:
    write_section = _bench_doc().write_section
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\n<!-- bench:a:start -->\nold\n<!-- bench:a:end -->\n\n"
                   "Prose between.\n\n<!-- bench:b:start -->\nB\n<!-- bench:b:end -->\n")
    write_section("a", "| new |\n", "Title", doc)
    write_section("c", "C", path=doc)
    assert doc.read_text() == (
        "# Benchmarks\n\n<!-- bench:a:start -->\n## Title\n\n| new |\n<!-- bench:a:end -->\n\n"
        "Prose between.\n\n<!-- bench:b:start -->\nB\n<!-- bench:b:end -->\n\n"
        "<!-- bench:c:start -->\nC\n<!-- bench:c:end -->\n")
    fresh = tmp_path / "new.md"
    write_section("x", "X", path=fresh)
    assert fresh.read_text().startswith("# Benchmarks\n")
    assert fresh.read_text().endswith("<!-- bench:x:start -->\nX\n<!-- bench:x:end -->\n")
