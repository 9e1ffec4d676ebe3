"""What a ``mkdocs serve --dirty`` rebuild reuses, rewrites and deletes, on hand-made inputs; the
served end to end is in test_serve.py."""

from __future__ import annotations

import json
from pathlib import Path

from material.plugins.search.plugin import SearchIndex, SearchPlugin

from peerlog.render.cache import RenderCache
from peerlog.render.incremental import Outputs, Rebuilds, merge_search_index, repair_search_index


def test_the_render_cache_reuses_a_result_only_for_equal_inputs_under_equal_settings() -> None:
    made: list[str] = []

    def make(text: str) -> str:
        made.append(text)
        return text.upper()

    cache: RenderCache[str] = RenderCache()
    cache.start(("settings", 1))
    assert cache.get("a.md", ("a", 1), lambda: make("a")) == "A"
    assert cache.get("b.md", ("b", 1), lambda: make("b")) == "B"
    cache.start(("settings", 1))
    assert cache.get("a.md", ("a", 1), lambda: make("a again")) == "A"  # reused
    assert cache.get("b.md", ("b", 2), lambda: make("b2")) == "B2"  # its inputs changed
    assert (made, cache.hits) == (["a", "b", "b2"], 1)
    # Not asked for in the last build: forgotten. Other settings: nothing reused.
    cache.start(("settings", 1))
    assert cache.get("a.md", ("a", 1), lambda: make("a3")) == "A"
    cache.start(("settings", 2))
    assert cache.get("a.md", ("a", 1), lambda: make("a4")) == "A4"
    assert made == ["a", "b", "b2", "a4"]


def test_outputs_say_what_changed_and_what_is_gone() -> None:
    outputs = Outputs()
    first = {"a.md": ("A", "/s/a/index.html"), "b.md": ("B", "/s/b/index.html"),
             "c.md": ("C", "/s/c/index.html")}
    assert outputs.update("config", first) == ({"a.md", "b.md", "c.md"}, [])
    # b changed, c deleted; d.md is new but writes where c wrote: not gone.
    second = {"a.md": ("A", "/s/a/index.html"), "b.md": ("B2", "/s/b/index.html"),
              "d.md": ("D", "/s/c/index.html")}
    assert outputs.update("config", second) == ({"b.md", "d.md"}, [])
    third = {"a.md": ("A", "/s/a/index.html")}
    assert outputs.update("config", third) == (set(), ["/s/b/index.html", "/s/c/index.html"])
    # Another configuration: every output changes.
    assert outputs.update("config 2", third) == ({"a.md"}, [])


def test_rebuilds_delete_what_is_gone_and_the_hand_written_pages_only_under_dirty(
    tmp_path: Path
) -> None:
    docs = tmp_path / "docs.md"
    docs.write_text("# Docs\n", "utf-8")
    site = {name: tmp_path / name for name in ("a.html", "b.html", "docs.html")}
    for path in site.values():
        path.write_text("x", "utf-8")
    rebuilds, history = Rebuilds(), object()
    rebuilds.dirty = True
    both = {"a.md": ("A", str(site["a.html"])), "b.md": ("B", str(site["b.html"]))}
    written = [("docs.md", str(docs), str(site["docs.html"]))]
    changed, line = rebuilds.changed(None, written, both, history)
    assert (changed, line) == ({"a.md", "b.md"}, "2 of 2 generated pages and files changed, "
                               "0 gone; git history read")
    assert not site["docs.html"].exists()
    site["docs.html"].write_text("x", "utf-8")
    changed, line = rebuilds.changed(None, written, {"a.md": both["a.md"]}, history)
    assert (changed, line) == (set(), "0 of 1 generated pages and files changed, 1 gone; "
                               "git history reused")
    assert [p.name for p in sorted(tmp_path.iterdir()) if p.suffix == ".html"] == ["a.html"]
    # Without --dirty MkDocs cleans the site itself: nothing is deleted here.
    plain = Rebuilds()
    for name in ("b.html", "docs.html"):
        site[name].write_text("x", "utf-8")
    plain.changed(None, written, both, history)
    plain.changed(None, written, {"a.md": both["a.md"]}, history)
    assert site["b.html"].exists() and site["docs.html"].exists()


def test_the_merged_search_index_has_every_page_once_in_build_order() -> None:
    previous = [{"location": "", "title": "Home"}, {"location": "a/", "title": "A old"},
                {"location": "a/#notes", "title": "Notes old"}, {"location": "b/", "title": "B"},
                {"location": "gone/", "title": "Gone"}]
    fresh = [{"location": "c/", "title": "C"}, {"location": "a/", "title": "A new"}]
    # The home page was rebuilt and is now left out of search; a lost its notes section.
    merged = merge_search_index(previous, fresh, {"", "a/", "c/"}, ["", "a/", "b/", "c/"])
    assert [d["title"] for d in merged] == ["A new", "B", "C"]


def test_material_writes_the_mended_index_after_a_dirty_build() -> None:
    """Material's own plugin and index classes: left alone, its dirty merge keeps the second
    rebuilt page twice; mended, each page is there once."""
    plugin = SearchPlugin()
    plugin.search_index_prev = SearchIndex()
    plugin.search_index_prev.entries = [
        {"location": "a/", "title": "A old"}, {"location": "b/", "title": "B old"},
        {"location": "c/", "title": "C"}]
    plugin.search_index = SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={})
    plugin.search_index.entries = [{"location": "a/", "title": "A new"},
                                   {"location": "b/", "title": "B new"}]
    unmended = json.loads(plugin.search_index.generate_search_index(plugin.search_index_prev))
    assert [d["title"] for d in unmended["docs"]] == ["B old", "C", "A new", "B new"]
    plugin.search_index.entries = [{"location": "a/", "title": "A new"},
                                   {"location": "b/", "title": "B new"}]
    repair_search_index([object(), plugin], {"a/", "b/"}, ["a/", "b/", "c/"])
    assert plugin.search_index_prev is None
    mended = json.loads(plugin.search_index.generate_search_index(plugin.search_index_prev))
    assert [d["title"] for d in mended["docs"]] == ["A new", "B new", "C"]
