"""Addresses that stay put: a real build, then the same journals with colliding names added.

The topic ``pdf``, the problem type ``Data extraction!`` and the entry ``2026-01-05-tables.md``
keep their pages when ``pdf!``, ``PDF?``, ``data extraction?`` and ``2026-01-05-Tables.md``
arrive; the newcomers get ``--`` suffixed addresses (the rule is in ``text.unique_slugs``)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from peerlog.base.text import short_hash
from peerlog.knowledge.model import entry_slugs

from .project import Build, Project


def titles_listed(build: Build, url: str) -> list[str]:
    """The entry titles a topic or problem page lists, in order."""
    article = build.article(url)
    links = article.split('class="peerlog-list__title"')[1:]
    return [link.split("</a>", 1)[0].split(">", 1)[1] for link in links]


def test_existing_pages_keep_their_urls_when_colliding_names_arrive(project: Project) -> None:
    project.entry("2026/2026-01-05-tables.md", title="Tables from invoices", date="2026-01-05",
                  author="alice", tags=["pdf"], problem="Data extraction!")
    first = project.build("--strict")
    assert first.code == 0, first.log
    before = json.loads((first.site / "peerlog.json").read_text("utf-8"))

    # A newcomer dated earlier still cannot take "pdf" (written as its slug) nor the entry's
    # own file name; one dated later cannot take the problem type's page either.
    project.entry("2026/2026-01-05-Tables.md", title="Tables again", date="2026-01-01",
                  author="bob", tags=["pdf!", "PDF?"])
    project.entry("2026/2026-02-01-more.md", title="More tables", date="2026-02-01",
                  author="bob", problem="data extraction?")
    second = project.build("--strict")
    assert second.code == 0, second.log
    after = json.loads((second.site / "peerlog.json").read_text("utf-8"))

    assert titles_listed(second, "topics/pdf/") == ["Tables from invoices"]
    assert titles_listed(second, "problems/data-extraction/") == ["Tables from invoices"]
    assert "<h1>Tables from invoices</h1>" in second.article("entries/2026/2026-01-05-tables/")
    for name in ("pdf!", "pdf?"):
        assert titles_listed(second, f"topics/pdf--{short_hash(name)}/") == ["Tables again"]
    assert titles_listed(second, f"problems/data-extraction--{short_hash('data-extraction?')}/"
                         ) == ["More tables"]
    moved = f"entries/2026/2026-01-05-tables--{short_hash('2026/2026-01-05-Tables.md')}/"
    assert "<h1>Tables again</h1>" in second.article(moved)

    def urls(data: dict[str, list[dict[str, str]]], kind: str, name: str) -> list[str]:
        return [item["url"] for item in data[kind] if item.get("name", item.get("title")) == name]

    for data in (before, after):
        assert urls(data, "topics", "pdf") == ["topics/pdf/"]
        assert urls(data, "problems", "Data extraction!") == ["problems/data-extraction/"]
        assert urls(data, "entries", "Tables from invoices") == [
            "entries/2026/2026-01-05-tables/"]


# File names that slug alike: case, punctuation, marks, separators; some already slug-shaped.
FILE_NAMES = st.lists(st.text(alphabet="aAb-_ !.\u0301é", min_size=1, max_size=4).map(
    lambda name: f"2026/{name}.md"), max_size=10)


@given(FILE_NAMES, FILE_NAMES)
def test_new_files_never_move_an_entry_named_as_its_url(old: list[str], new: list[str]) -> None:
    before = entry_slugs(old)
    after = entry_slugs([*old, *new])
    for rel, url in before.items():
        if rel == url + ".md":
            assert after[rel] == url
        elif not any(other == url + ".md" for other in new):
            assert after[rel] == url, "an older entry moved for a newcomer not named as its URL"
    assert len(set(after.values())) == len(after)
    for url in after.values():
        assert all(part and not part.startswith(".") and not set(part) & set("/\\%?#")
                   for part in url.split("/"))
