"""People and the contributor graph, on a real git repository with everything git can throw."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from peerlog.cli import main
from peerlog.config import load_settings
from peerlog.knowledge.graph import to_graphml, to_json
from peerlog.knowledge.people import (
    People,
    Person,
    build_people,
    link_target,
    name_directory,
    with_people_named,
)
from peerlog.knowledge.pipeline import gather

from .gitrepo import GitRepo
from .project import Project

ADA = ("Ada Lovelace", "ada@example.com")
GRACE = ("Grace Hopper", "grace@example.com")
GRACE_OLD = ("grace h", "ghopper@old.example")
LINUS = ("Linus Torvalds", "linus@kernel.example")
BOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
EMAIL_PARTS = ("@", "example.com", "old.example", "kernel.example", "noreply")


def entry(title: str, **front: object) -> str:
    lines = [f"title: {title}"] + [f"{k}: {json.dumps(v)}" for k, v in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\nNotes.\n"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """A knowledge base with a mailmap, a contributors file, trailers, a bot, a rename, a merge."""
    project = Project(tmp_path / "kb")
    project.write("contributors.yml", "ada:\n  name: Ada Lovelace\n  emails: [ada@example.com]\n"
                  "grace:\n  name: Grace Hopper\n  emails: [grace@example.com]\n")
    r = GitRepo.init(project.root)
    r.mailmap("Grace Hopper <grace@example.com> grace h <ghopper@old.example>")
    r.commit({"journals/a.md": entry("Tables", author="ada", pair=["grace"], tags=["pdf"],
                                     date="2026-01-01"),
              "contributors.yml": (project.root / "contributors.yml").read_text(),
              "mkdocs.yml": "site_name: t\n", "docs/index.md": "# Home\n"},
             author=ADA, date="2026-01-01T10:00:00+00:00", coauthors=[GRACE])
    r.commit({"journals/g.md": entry("Built on tables", learned_from=["ada"], tags=["PDF", "ocr"])
              + "See [Ada's entry](a.md).\n"},
             author=GRACE_OLD, date="2026-01-02T10:00:00+00:00")
    r.commit({"README.md": "hello\n"}, author=LINUS, date="2026-01-03T10:00:00+00:00")
    r.commit({"journals/a.md": entry("Tables", author="ada", pair=["grace"], tags=["pdf"],
                                     date="2026-01-01") + "bumped\n"},
             author=BOT, date="2026-01-04T10:00:00+00:00")
    r.branch("feature")
    r.checkout("feature")
    r.commit({"journals/l.md": entry("Linus tries", tags=["ocr"])}, author=LINUS,
             date="2026-01-05T10:00:00+00:00",
             message="Add entry\n\nco-authored-by: Ada Lovelace <ada@example.com>")
    r.checkout("main")
    r.merge("feature", author=ADA, date="2026-01-06T10:00:00+00:00")
    r.rename("journals/g.md", "journals/grace-ocr.md", author=ADA, date="2026-01-07T10:00:00+00:00")
    return r


def graph(repo: GitRepo, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["graph", "--repo", str(repo.path), *args]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_graph_nodes_edges_and_weights(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    data = graph(repo, capsys, "--paths", ".")
    nodes = {n["id"]: n for n in data["nodes"]}  # type: ignore[index, union-attr]
    assert {i: (n["name"], n["commits"], n["entries"], n["first"], n["last"])
            for i, n in nodes.items()} == {
        "ada": ("Ada Lovelace", 2, 1, "2026-01-01", "2026-01-07"),
        "grace": ("Grace Hopper", 1, 1, "2026-01-01", "2026-01-02"),
        "linus-torvalds": ("Linus Torvalds", 2, 1, "2026-01-03", "2026-01-05"),
    }
    assert nodes["grace"]["topic_names"] == ["pdf", "ocr"]
    assert data["edges"] == [
        {"source": "ada", "target": "grace", "kind": "co-authored", "weight": 1},
        {"source": "ada", "target": "linus-torvalds", "kind": "co-authored", "weight": 1},
        {"source": "ada", "target": "grace", "kind": "paired", "weight": 1},
        {"source": "ada", "target": "grace", "kind": "taught", "weight": 1},
        {"source": "ada", "target": "grace", "kind": "built-on", "weight": 1},
    ]
    assert data["history"] == {"commits": 5, "shallow": False, "notes": []}


#: What ``peerlog graph`` must never import: the embedding model, grouping and playbooks, the
#: Pulse, rendering, and networkx (only GraphML needs it).
NOT_FOR_THE_GRAPH = ("numpy", "networkx", "peerlog.knowledge.embeddings",
                     "peerlog.knowledge.grouping", "peerlog.knowledge.playbooks",
                     "peerlog.knowledge.pulse", "peerlog.knowledge.pipeline", "peerlog.render",
                     "peerlog.commands.check", "peerlog.commands.export")


def test_the_graph_command_does_only_the_graph_s_work(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a fresh interpreter, ``peerlog graph`` imports none of :data:`NOT_FOR_THE_GRAPH`, and
    its JSON is the one the site publishes (``gather`` builds the same people)."""
    script = ("import json, sys; from peerlog.cli import main; code = main(sys.argv[1:]);"
              " print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", script, "graph", "--repo", str(repo.path),
                           "--paths", "."], capture_output=True, text=True, check=True)
    code, modules = json.loads(done.stderr.splitlines()[-1])
    assert code == 0
    assert [m for m in modules if m.startswith(NOT_FOR_THE_GRAPH)] == []
    settings = load_settings(repo.path)
    assert json.loads(done.stdout) == to_json(gather(settings, history_paths=["."]).people)


def test_commit_counts_equal_git_shortlog(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    for paths in ([], ["."], ["journals"], ["README.md"]):
        data = graph(repo, capsys, *(["--paths", *paths] if paths else []))
        ours = {n["name"]: n["commits"] for n in data["nodes"] if n["commits"]}  # type: ignore[union-attr, index]
        shortlog = repo.shortlog(*(paths or ["journals", "playbooks"]))
        shortlog.pop("dependabot[bot]", None)
        assert ours == shortlog, paths


def test_no_email_anywhere(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    as_json = json.dumps(graph(repo, capsys, "--paths", "."))
    assert main(["graph", "--repo", str(repo.path), "--format", "graphml"]) == 0
    as_graphml = capsys.readouterr().out
    project = Project(repo.path)
    build = project.build()
    assert build.code == 0, build.log
    site = "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in build.site.rglob("*") if p.suffix in (".html", ".json", ".xml"))
    for text in (as_json, as_graphml, site):
        assert not [part for part in EMAIL_PARTS if part in text]


def test_graphml_opens_in_networkx(repo: GitRepo, capsys: pytest.CaptureFixture[str],
                                   tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    assert main(["graph", "--repo", str(repo.path), "--format", "graphml", "--out", str(out)]) == 0
    g = nx.read_graphml(out)
    assert sorted(g.nodes) == ["ada", "grace", "linus-torvalds"]
    assert g.nodes["ada"]["name"] == "Ada Lovelace"
    kinds = sorted(d["kind"] for _, _, d in g.edges(data=True))
    assert kinds == ["built-on", "co-authored", "co-authored", "paired", "taught"]


def test_dates_and_authors_fall_back_to_git(repo: GitRepo) -> None:
    build = Project(repo.path).build("--strict")
    assert build.code == 0, build.log
    g = build.article("entries/grace-ocr/")
    assert '<a class="peerlog-person" href="../../people/grace/">grace</a> <small>(from git)' in g
    assert '<time datetime="2026-01-02">2026-01-02</time> <small>(from git)</small>' in g
    assert "Last updated <time datetime=\"2026-01-07\">" in g
    a = build.article("entries/a/")
    assert "Last updated <time datetime=\"2026-01-04\">" in a
    assert "(from git)" not in a
    people = build.article("people/")
    assert "Ada Lovelace" in people and "Linus Torvalds" in people and "dependabot" not in people
    grace = build.article("people/grace/")
    assert "<h1>Grace Hopper</h1>" in grace
    assert 'Learned from</dt><dd><a href="../ada/">Ada Lovelace</a>' in grace


def test_shallow_clone_warns_and_says_how_to_fix(repo: GitRepo, tmp_path: Path) -> None:
    shallow = GitRepo.clone(repo, tmp_path / "shallow", depth=1)
    (shallow.path / "contributors.yml").write_text((repo.path / "contributors.yml").read_text())
    plain = Project(shallow.path).build()
    assert plain.code == 0
    assert "shallow clone" in plain.log and "fetch-depth: 0" in plain.log
    assert Project(shallow.path).build("--strict").code == 1


def test_no_git_repository_still_builds(project: Project) -> None:
    project.entry("a.md", title="No git here", author="ada")
    build = project.build("--strict")
    assert build.code == 0, build.log
    assert "Last updated" not in build.article("entries/a/")


def test_link_target_stays_inside() -> None:
    assert link_target("2026/x.md", "../2025/y.md") == "2025/y.md"
    assert link_target("x.md", "../../etc/passwd.md") is None
    assert link_target("x.md", "/abs.md") is None


def test_people_from_journal_fields_alone() -> None:
    from peerlog.read.entries import Entry

    entries = [
        Entry("journals/a.md", "a.md", "A", date(2026, 1, 1), ("alice",), pair=("bob",),
              learned_from=("carol", "dave")),
        Entry("journals/b.md", "b.md", "B", date(2026, 2, 1), ("bob",), learned_from=("carol",),
              links=("a.md",)),
    ]
    people = build_people(entries)
    assert [(e.source, e.target, e.kind, e.weight) for e in people.edges] == [
        ("alice", "bob", "paired", 1),
        ("carol", "alice", "taught", 1),
        ("carol", "bob", "taught", 1),
        ("dave", "alice", "taught", 1),
        ("alice", "bob", "built-on", 1),
    ]
    assert people.persons["carol"].taught == ("alice", "bob")
    assert list(people.persons)[:2] == ["alice", "bob"]


JANE = ("Jane Doe", "jane@example.com")
SEED = ("Seed 1234 maintainers", "seed@example.com")


def test_one_person_however_an_entry_spells_them() -> None:
    from peerlog.read.contributors import Contributor
    from peerlog.read.entries import Entry

    entries = [
        Entry("journals/a.md", "a.md", "A", authors=("Jane Doe",), pair=("omar haddad",)),
        Entry("journals/b.md", "b.md", "B", authors=("jane doe", "JDOE"), pair=("Omar Haddad",)),
        Entry("journals/c.md", "c.md", "C", authors=("Omar Haddad",), learned_from=("jane-doe",)),
    ]
    directory = name_directory(entries, {"jdoe": Contributor("jdoe", "Jane Doe")})
    named = with_people_named(entries, directory)
    assert [(e.authors, e.pair, e.learned_from) for e in named] == [
        (("jdoe",), ("Omar Haddad",), ()),
        (("jdoe",), ("Omar Haddad",), ()),
        (("Omar Haddad",), (), ("jdoe",)),
    ]
    clash = {"alice": Contributor("alice", "Omar Haddad"), "omar": Contributor("omar", "Alice")}
    assert name_directory([], clash) == {"alice": "alice", "omar": "omar", "omar-haddad": "alice"}
    people = build_people(named, known_names={"jdoe": "Jane Doe"})
    assert {p.id: (p.name, len(p.entries)) for p in people.persons.values()} == {
        "jdoe": ("Jane Doe", 2), "omar-haddad": ("Omar Haddad", 1)}
    assert [(e.source, e.target, e.kind) for e in people.edges] == [
        ("jdoe", "omar-haddad", "paired"), ("jdoe", "omar-haddad", "taught")]


@pytest.fixture
def committed_by_developers(tmp_path: Path) -> Project:
    """Entries committed by a developer identity that no entry names; Jane commits too."""
    project = Project(tmp_path / "kb", plugin_options={"people_from_git": False})
    r = GitRepo.init(project.root)
    r.commit({"journals/a.md": entry("Tables", author="Jane Doe", date="2026-01-01"),
              "journals/b.md": entry("No author here", date="2026-01-02"),
              "docs/index.md": "# Home\n"}, author=SEED, date="2026-01-03T10:00:00+00:00")
    r.commit({"journals/a.md": entry("Tables", author="Jane Doe", date="2026-01-01") + "More.\n"},
             author=JANE, date="2026-01-04T10:00:00+00:00", coauthors=[SEED])
    return project


def test_people_from_git_off_leaves_out_whom_nobody_names(
    committed_by_developers: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    build = committed_by_developers.build("--strict")
    assert build.code == 0, build.log
    site = "".join(p.read_text(encoding="utf-8") for p in build.site.rglob("*")
                   if p.suffix in (".html", ".json", ".xml"))
    assert "maintainers" not in site and "seed-1234" not in site
    jane = build.article("people/jane-doe/")
    assert "<dt>Commits</dt><dd>1</dd>" in jane
    orphan = build.article("entries/b/")
    assert "<dt>By</dt>" not in orphan
    assert 'Last updated <time datetime="2026-01-03">' in orphan
    assert main(["graph", "--repo", str(committed_by_developers.root)]) == 0
    graph = json.loads(capsys.readouterr().out)
    assert [n["id"] for n in graph["nodes"]] == ["jane-doe"]


def test_people_from_git_on_keeps_every_committer(committed_by_developers: Project) -> None:
    committed_by_developers.plugin_options = {}
    build = committed_by_developers.build()
    assert build.code == 0, build.log
    assert "Seed 1234 maintainers" in build.article("people/")
    assert 'people/seed-1234-maintainers/">seed-1234-maintainers</a> <small>(from git)' in (
        build.article("entries/b/"))


def test_the_example_shows_only_its_own_people(example_site: Path) -> None:
    people = sorted(p.parent.name for p in (example_site / "people").glob("*/index.html"))
    assert "graph" in people and len(people) == 15 + 2  # 15 people, the graph and the pulse
    for path in example_site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".graphml", ".csv"):
            text = path.read_text(encoding="utf-8").lower()
            assert "maintainers" not in text and "seed " not in text, path
    index = json.loads((example_site / "search" / "search_index.json").read_text("utf-8"))
    assert not [d["location"] for d in index["docs"] if "maintainers" in d["text"].lower()]


def test_a_contributor_may_be_named_by_name_and_typos_suggest_the_handle() -> None:
    from peerlog.knowledge.checks import cross_check
    from peerlog.read.entries import Entry

    entries = [Entry("journals/a.md", "a.md", "A", authors=("Jane Doe",), pair=("jdoe",)),
               Entry("journals/b.md", "b.md", "B", authors=("Jane Do",), learned_from=("Omar",))]
    problems = cross_check(entries, {"jdoe": "jdoe", "Jane Doe": "jdoe"}, date(2026, 3, 1))
    assert [str(p) for p in problems] == [
        "journals/b.md: warning: author 'Jane Do' is not in the contributors list "
        "(did you mean 'jdoe'?)",
        "journals/b.md: warning: learned_from 'Omar' is not in the contributors list "
        "(check the spelling, or add them to the contributors list)",
    ]


def test_graphml_drops_what_xml_cannot_hold_from_names() -> None:
    """A co-author trailer can name someone with an escape character; networkx writes GraphML
    with lxml when it is installed (feedgen brings it), and lxml refuses such characters."""
    people = People({"ab": Person("ab", "a\x1bb\x00")}, ())
    graph = nx.parse_graphml(to_graphml(people))
    assert graph.nodes["ab"]["name"] == "ab"
