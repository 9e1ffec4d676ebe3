from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from peerlog.base.identity import DEFAULT_BOTS, UNNAMED, bot_keys, decode_name, display_name, is_bot
from peerlog.base.text import short_hash, slug
from peerlog.cli import main
from peerlog.history.log import (
    FileInfo,
    History,
    PersonStats,
    cached_read_history,
    history_cache_key,
    person_id_for,
    read_history,
)

from .gitrepo import GitRepo
from .project import Project

ADA = ("Ada Lovelace", "ada@example.com")
GRACE = ("Grace Hopper", "grace@example.com")
GRACE_OLD = ("grace h", "ghopper@old.example")
DEPENDABOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
ACTIONS = ("github-actions", "41898282+github-actions[bot]@users.noreply.github.com")
EMAILS = ("example.com", "old.example", "nasa.example", "noreply")


def at(day: int, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"2026-01-{day:02}T{hour:02}:00:00+00:00")


def when(day: int, hour: int = 10) -> str:
    return at(day, hour).isoformat()


def git_counts(repo: GitRepo, *paths: str) -> dict[str, int]:
    """git shortlog's counts keyed by person id, bots left out as peerlog leaves them out."""
    keys = bot_keys(DEFAULT_BOTS)
    return {
        slug(name): n for name, n in repo.shortlog(*paths).items() if not is_bot(name, "", keys)
    }


def shortlog_by_person(repo: GitRepo, *paths: str) -> dict[str, int]:
    """git's own count, `git shortlog -sne --no-merges HEAD [-- paths]` (no `--` without paths).

    With emails, so that an identity whose name is an address is keyed as peerlog shows it:
    the counts are git's, only the keys are peerlog's.
    """
    pathspec = ("--", *paths) if paths else ()
    output = repo.git.shortlog("-sne", "--no-merges", "HEAD", *pathspec, stdout_as_string=False)
    keys = bot_keys(DEFAULT_BOTS)
    counts: dict[str, int] = {}
    for line in bytes(output).splitlines():
        count, _, ident = line.strip().partition(b"\t")
        text = decode_name(ident)
        cut = text.rindex("<")
        name, email = text[:cut].strip(), text[cut + 1 : -1]
        if not is_bot(name, email, keys):
            person = slug(display_name(name, email) or UNNAMED)
            counts[person] = counts.get(person, 0) + int(count)
    return counts


def peerlog_counts(history: History) -> dict[str, int]:
    return {person.id: person.commits for person in history.people.values() if person.commits}


@pytest.fixture
def team(tmp_path: Path) -> GitRepo:
    """Two people (one with an old identity), a co-author-only person, a bot, a rename, a
    commit outside journals and a merged branch."""
    repo = GitRepo.init(tmp_path / "team")
    repo.mailmap(
        "Grace Hopper <grace@example.com> <ghopper@old.example>",
        "Katherine Johnson <kj@example.com> <katherine@nasa.example>",
    )
    repo.commit({"journals/2026/draft.md": "# Draft\n"}, ADA, when(2), coauthors=[GRACE])
    repo.commit(
        {"journals/2026/sql.md": "# SQL\n"},
        GRACE_OLD,
        when(3),
        "SQL from a question\n\n"
        "co-authored-by: Kathy J <katherine@nasa.example>\n"
        "CO-AUTHORED-BY: Ada <ada@example.com>\n"
        "Co-authored-by: Katherine Johnson <kj@example.com>",
    )
    repo.commit({"README.md": "peerlog\n"}, ADA, when(4))
    repo.rename("journals/2026/draft.md", "journals/2026/prompt-templates.md", GRACE, when(5))
    repo.commit(
        {"journals/2026/prompt-templates.md": "# Templates\n"},
        GRACE,
        when(5, 11),
        "Templates",
        coauthors=[ACTIONS, GRACE],
    )
    repo.commit({"journals/2026/sql.md": "# SQL, bumped\n"}, DEPENDABOT, when(6))
    repo.branch("pairing")
    repo.checkout("pairing")
    repo.commit({"journals/2026/pairing.md": "# Pairing\n"}, GRACE, when(7), coauthors=[ADA])
    repo.checkout("main")
    repo.commit({"journals/2026/prompt-templates.md": "# Templates v2\n"}, ADA, when(8))
    repo.merge("pairing", ADA, when(9))
    return repo


def test_people_counts_dates_and_pairs(team: GitRepo) -> None:
    history = read_history(team.path, ["journals"])

    assert history.available
    assert history.head == team.head()
    assert not history.shallow
    assert history.notes == ()
    assert history.commits == 6
    assert history.people == {
        "ada-lovelace": PersonStats("ada-lovelace", "Ada Lovelace", 2, at(2), at(8)),
        "grace-hopper": PersonStats("grace-hopper", "Grace Hopper", 4, at(2), at(7)),
        "katherine-johnson": PersonStats("katherine-johnson", "Katherine Johnson", 0, at(3), at(3)),
    }
    assert history.coauthored == {
        ("ada-lovelace", "grace-hopper"): 1,
        ("grace-hopper", "ada-lovelace"): 2,
        ("grace-hopper", "katherine-johnson"): 1,
    }
    assert peerlog_counts(history) == git_counts(team, "journals")


def test_files_follow_renames_and_count_bot_edits(team: GitRepo) -> None:
    history = read_history(team.path, ["journals"])

    assert history.files == {
        "journals/2026/prompt-templates.md": FileInfo(at(2), "ada-lovelace", "Ada Lovelace", at(8)),
        "journals/2026/sql.md": FileInfo(at(3), "grace-hopper", "Grace Hopper", at(6)),
        "journals/2026/pairing.md": FileInfo(at(7), "grace-hopper", "Grace Hopper", at(7)),
    }


def test_whole_history_counts_commits_outside_journals(team: GitRepo) -> None:
    history = read_history(team.path)

    assert history.commits == 7
    assert history.people["ada-lovelace"].commits == 3
    assert sorted(history.files) == [
        "README.md",
        "journals/2026/pairing.md",
        "journals/2026/prompt-templates.md",
        "journals/2026/sql.md",
    ]
    assert peerlog_counts(history) == git_counts(team, ".")


def test_emails_never_reach_public_fields(team: GitRepo) -> None:
    history = read_history(team.path, ["journals"])
    public = repr((history, history.people, history.files, history.coauthored, history.notes))

    assert "@" not in public
    assert not any(domain in public for domain in EMAILS)
    assert repr(history.identity_index).startswith("<IdentityIndex of ")


def test_person_id_for_matches_names_emails_and_ids(team: GitRepo) -> None:
    history = read_history(team.path, ["journals"])

    assert person_id_for(history, "GHOPPER@old.example") == "grace-hopper"
    assert person_id_for(history, "grace h") == "grace-hopper"
    assert person_id_for(history, "katherine@nasa.example") == "katherine-johnson"
    assert person_id_for(history, "Kathy J") == "katherine-johnson"
    assert person_id_for(history, "ada-lovelace") == "ada-lovelace"
    assert person_id_for(history, "Ada Lovelace") == "ada-lovelace"
    assert person_id_for(history, "nobody@example.com") is None
    assert person_id_for(history, "dependabot[bot]") is None


def test_mailmap_rewrites_author_names(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit({"journals/a.md": "a"}, ("ada", "ADA@example.com"), when(2))
    repo.commit({"journals/b.md": "b"}, ("A. Lovelace", "countess@home.example"), when(3))
    repo.commit({"journals/c.md": "c"}, ADA, when(4))
    repo.mailmap(
        "Ada Lovelace <ada@example.com>",
        "Ada Lovelace <ada@example.com> A. Lovelace <countess@home.example>",
    )

    history = read_history(repo.path, ["journals"])

    assert history.people == {
        "ada-lovelace": PersonStats("ada-lovelace", "Ada Lovelace", 3, at(2), at(4)),
    }
    assert git_counts(repo, "journals") == {"ada-lovelace": 3}


def test_odd_trailers(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit(
        {"journals/a.md": "a"},
        ADA,
        when(2),
        "Pairing\n\n"
        "Co-authored-by: Margaret Hamilton\n"
        "Co-authored-by: <unknown@example.com>\n"
        "Co-authored-by: renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>\n"
        "Co-authored-by: Grace Hopper <grace@example.com>\n"
        "co-authored-by: GRACE HOPPER <Grace@Example.com>",
    )

    history = read_history(repo.path, ["journals"])

    # Only an address: a person matched by it, shown under a name that is not the address.
    unnamed = "unnamed-contributor-" + short_hash("unknown@example.com")
    assert history.coauthored == {
        ("ada-lovelace", "grace-hopper"): 1,
        ("ada-lovelace", "margaret-hamilton"): 1,
        ("ada-lovelace", unnamed): 1,
    }
    assert history.people["margaret-hamilton"] == PersonStats(
        "margaret-hamilton", "Margaret Hamilton", 0, at(2), at(2)
    )
    assert history.people[unnamed].name == "unnamed contributor " + short_hash("unknown@example.com")
    assert history.notes == ()


def test_bots_by_configured_name(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit({"journals/a.md": "a"}, ("Renovate Bot", "bot@renovateapp.com"), when(2))
    repo.commit({"journals/b.md": "b"}, ("Deploy", "deploy@ci.example"), when(3))
    repo.commit({"journals/c.md": "c"}, ADA, when(4))

    default = read_history(repo.path, ["journals"])
    custom = read_history(repo.path, ["journals"], bots=["deploy@ci.example"])

    assert sorted(default.people) == ["ada-lovelace", "deploy"]
    assert sorted(custom.people) == ["ada-lovelace", "renovate-bot"]
    assert default.files["journals/a.md"].added_by_id == "renovate-bot"


def test_rename_chain_delete_and_readd(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit({"journals/a.md": "first\n", "journals/gone.md": "x\n"}, ADA, when(2))
    repo.rename("journals/a.md", "journals/b.md", GRACE, when(3))
    repo.rename("journals/b.md", "journals/2026/c.md", GRACE, when(4))
    repo.commit({"journals/2026/c.md": "first\nsecond\n"}, GRACE, when(5))
    repo.commit({"journals/gone.md": None}, GRACE, when(6))
    repo.commit({"journals/gone.md": "back\n"}, GRACE, when(7))

    history = read_history(repo.path, ["journals"])

    assert history.files == {
        "journals/2026/c.md": FileInfo(at(2), "ada-lovelace", "Ada Lovelace", at(5)),
        "journals/gone.md": FileInfo(at(7), "grace-hopper", "Grace Hopper", at(7)),
    }


def test_odd_file_names_are_not_quoted(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    names = ["journals/naïve café.md", 'journals/tab\there "quoted".md', "journals/日本.md"]
    latin1 = os.fsdecode(b"journals/caf\xe9.md")
    repo.commit(dict.fromkeys([*names, latin1], "x\n"), ADA, when(2))

    history = read_history(repo.path, ["journals"])

    assert sorted(history.files) == sorted([*names, "journals/caf\ufffd.md"])


def test_non_utf8_author_name(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit({"journals/a.md": "a"}, (b"Ren\xe9 Descartes", "rene@example.com"), when(2))
    repo.commit({"journals/b.md": "b"}, ("René Descartes", "rene@example.com"), when(3))

    history = read_history(repo.path, ["journals"])

    assert decode_name(b"Ren\xe9") == "René"
    assert history.people == {
        "rene-descartes": PersonStats("rene-descartes", "René Descartes", 2, at(2), at(3)),
    }
    assert git_counts(repo, "journals") == {"rene-descartes": 2}


def test_no_commit_touches_the_paths(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit({"README.md": "x"}, ADA, when(2))

    history = read_history(repo.path, ["journals", "playbooks"])

    assert history.available
    assert (history.commits, history.people, history.files) == (0, {}, {})
    assert history.notes == ("No commit touches journals, playbooks: no people and no file dates.",)


def test_paths_are_relative_to_the_directory_given(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit({"site/journals/a.md": "a", "other/b.md": "b"}, ADA, when(2))

    history = read_history(repo.path / "site", ["journals"])

    assert list(history.files) == ["journals/a.md"]


def test_detached_head(team: GitRepo) -> None:
    team.checkout(team.head() + "^1")

    history = read_history(team.path, ["journals"])

    assert history.head == team.head()
    assert history.commits == 5
    assert peerlog_counts(history) == git_counts(team, "journals")


def test_shallow_clone_says_how_to_fix_it(team: GitRepo, tmp_path: Path) -> None:
    clone = GitRepo.clone(team, tmp_path / "clone", depth=1)

    history = read_history(clone.path, ["journals"])

    assert history.available
    assert history.shallow
    assert "git fetch --unshallow" in history.notes[0]
    assert "fetch-depth: 0" in history.notes[0]
    # What the note warns about: the cut-off merge looks like one commit that added everything.
    assert history.commits == 1
    assert list(history.people) == ["ada-lovelace"]
    assert set(history.files) == set(read_history(team.path, ["journals"]).files)
    assert {info.added for info in history.files.values()} == {at(9)}


def test_empty_repository(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")

    history = read_history(repo.path, ["journals"])

    note = "The git repository has no commits yet."
    assert history == History(False, None, False, 0, {}, {}, {}, (note,))


def test_not_a_repository(tmp_path: Path) -> None:
    history = read_history(tmp_path, ["journals"])
    missing = read_history(tmp_path / "missing", ["journals"])

    assert not history.available
    assert history.notes == ("The project is not inside a git repository, so git tells nothing.",)
    assert history.diagnostics[0].startswith(f"{tmp_path}: fatal: not a git repository")
    assert not missing.available
    assert missing.notes == ("git could not read the history; `peerlog graph` prints git's message.",)
    assert missing.diagnostics[0].startswith(f"git in {tmp_path / 'missing'}: ")
    # Notes are published (graph page, peerlog.json): no machine path, none of git's words.
    for notes in (history.notes, missing.notes):
        assert str(tmp_path) not in repr(notes) and "fatal" not in repr(notes)


def test_inherited_git_variables_are_ignored(
    team: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = GitRepo.init(tmp_path / "other")
    other.commit({"journals/x.md": "x"}, GRACE, when(2))
    monkeypatch.setenv("GIT_DIR", str(other.path / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other.path))

    history = read_history(team.path, ["journals"])

    assert history.commits == 6


def test_cache_follows_head_and_mailmap(team: GitRepo) -> None:
    first = cached_read_history(team.path, ("journals",))
    key = history_cache_key(team.path, ("journals",))

    assert cached_read_history(team.path, ("journals",)) is first
    team.mailmap("Ada L <ada@example.com>")
    assert history_cache_key(team.path, ("journals",)) != key
    renamed = cached_read_history(team.path, ("journals",))
    assert renamed.people["ada-l"].commits == 2
    team.commit({"journals/new.md": "x"}, ADA, when(10))
    assert cached_read_history(team.path, ("journals",)).commits == 7


def test_cache_key_without_head(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")

    assert history_cache_key(repo.path) is None
    assert not cached_read_history(repo.path).available


@pytest.mark.parametrize(
    ("name", "email", "bot"),
    [
        ("dependabot[bot]", "", True),
        ("GitHub Actions", "41898282+github-actions[bot]@users.noreply.github.com", True),
        ("Renovate Bot", "bot@renovateapp.com", True),
        ("Talbot", "talbot@example.com", False),
        ("Ada Lovelace", "ada@example.com", False),
    ],
)
def test_is_bot(name: str, email: str, bot: bool) -> None:
    assert is_bot(name, email, bot_keys(DEFAULT_BOTS)) is bot


def test_coauthor_names_with_angle_brackets(tmp_path: Path) -> None:
    """git cannot parse "<" in a name: such co-authors resolve by email and keep their name."""
    repo = GitRepo.init(tmp_path / "repo")
    repo.mailmap("Eve Adams <eve@example.com>")
    repo.commit({"journals/a.md": "a"}, author=ADA, date=when(1),
                coauthors=[("Eve <3", "eve@example.com"), ("<b>Mal</b>", "mal@example.com")])
    history = read_history(repo.path, ["journals"])
    assert {p.id: p.name for p in history.people.values()} == {
        "ada-lovelace": "Ada Lovelace", "eve-adams": "Eve Adams", "b-mal-b": "<b>Mal</b>"}
    assert history.coauthored == {("ada-lovelace", "eve-adams"): 1,
                                  ("ada-lovelace", "b-mal-b"): 1}
    assert "example.com" not in repr(history)


# Every shape of trailer the parser decides about (see identity.py), on one commit.
ODD_TRAILERS = (
    "Odd trailers\n\n"
    "Co-authored-by: Ann Unclosed <ann@unclosed.example\n"
    "Co-authored-by: bare@only.example\n"
    "Co-authored-by: <bracketed@only.example>\n"
    "Co-authored-by: same@name.example <same@name.example>\n"
    "Co-authored-by: Bo <bo@two.example>, Cy <cy@two.example>\n"
    "Co-authored-by: Doe, Jo <jo@comma.example>\n"
    "Co-authored-by: Eve <3 <eve@heart.example>\n"
    "Co-authored-by: Fay fay@inside.example\n"
    "Co-authored-by: <>\n"
)
ODD_ADDRESSES = ("ann@unclosed.example", "bare@only.example", "bracketed@only.example",
                 "same@name.example", "bo@two.example", "cy@two.example", "jo@comma.example",
                 "eve@heart.example", "fay@inside.example", "ann@address.example")


@pytest.fixture
def tangled(tmp_path: Path) -> GitRepo:
    """Side branches that history simplification would prune, empty commits, a merge, a
    `user.name` that is an address, and every odd trailer shape."""
    repo = GitRepo.init(tmp_path / "tangled")
    repo.commit({"journals/a.md": "a"}, ADA, when(1))
    repo.branch("side")
    repo.checkout("side")
    repo.commit(author=GRACE, date=when(2), message="Empty on a side branch")
    repo.commit({"journals/b.md": "same"}, GRACE, when(3))
    repo.checkout("main")
    repo.commit({"journals/b.md": "same"}, ADA, when(4))
    repo.merge("side", ADA, when(5))
    repo.commit(author=("ann@address.example", "ann@address.example"), date=when(6),
                message="An empty commit by a name that is an address")
    repo.commit({"README.md": "x"}, ("ann@address.example", "ann@address.example"), when(7),
                ODD_TRAILERS)
    repo.branch("late")
    repo.checkout("late")
    repo.commit({"journals/c.md": "c"}, GRACE, when(8), coauthors=[ADA])
    repo.checkout("main")
    repo.commit({"README.md": "y"}, DEPENDABOT, when(9))
    repo.merge("late", GRACE, when(10))
    return repo


@pytest.mark.parametrize("paths", [[], ["."], ["journals"], ["README.md"],
                                   ["journals", "README.md"], ["journals/b.md"]])
def test_counts_equal_git_shortlog_on_tangled_history(tangled: GitRepo, paths: list[str]) -> None:
    history = read_history(tangled.path, paths)

    whole = paths in ([], ["."])
    expected = shortlog_by_person(tangled, *([] if whole else paths))
    assert peerlog_counts(history) == expected
    assert history.pathspec == (() if whole else tuple(paths))
    assert history.commits == sum(expected.values())


def test_whole_history_is_not_simplified(tangled: GitRepo) -> None:
    """What `-- .` would lose: the side branch's commits, the empty commits."""
    assert tangled.shortlog(".")["Grace Hopper"] < 3  # the pruned count peerlog used to give
    history = read_history(tangled.path, ["."])
    assert history.people["grace-hopper"].commits == 3
    assert history.people["ada-lovelace"].commits == 2
    # Every non-merge commit but the bot's.
    assert history.commits == int(tangled.git.rev_list("--count", "--no-merges", "HEAD")) - 1 == 7


def test_paths_naming_the_root_mean_the_whole_repository(tangled: GitRepo) -> None:
    whole = read_history(tangled.path, ["."])
    for paths in (["./"], ["journals", "."], [str(tangled.path)], ["journals/.."]):
        assert read_history(tangled.path, paths) == whole, paths
    # From a subfolder, "." is that subfolder; ".." is the root.
    sub = read_history(tangled.path / "journals", ["."])
    assert sub.pathspec == (".",)
    assert peerlog_counts(sub) == shortlog_by_person(tangled, "journals")
    assert read_history(tangled.path / "journals", [".."]).pathspec == ()


def test_odd_trailers_never_become_names(tangled: GitRepo) -> None:
    history = read_history(tangled.path, ["."])
    names = {p.name for p in history.people.values()}

    assert {"Ann Unclosed", "Bo", "Cy", "Doe, Jo", "Eve <3", "Fay"} <= names
    unnamed = {f"unnamed contributor {short_hash(a)}" for a in
               ("bare@only.example", "bracketed@only.example", "same@name.example",
                "ann@address.example")}
    assert unnamed <= names
    # The address-named author and their address-only co-author trailers are one person each.
    author = slug(f"unnamed contributor {short_hash('ann@address.example')}")
    assert history.people[author].commits == 2
    assert {pair for pair in history.coauthored if pair[0] == author} == {
        (author, person) for person in history.people
        if person not in (author, "ada-lovelace", "grace-hopper")}
    assert person_id_for(history, "BO@two.example") == "bo"
    assert person_id_for(history, "ann@address.example") == author
    public = repr((history, history.people, history.files, history.coauthored, history.notes))
    assert [a for a in ODD_ADDRESSES if a in public or a.split("@")[1] in public] == []
    assert "@" not in public


def run_graph(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    """`peerlog graph` as run from a terminal: exit code, standard output, standard error lines."""
    code = main(["graph", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err.splitlines()


def test_graph_command_names_its_oracle(tangled: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    (tangled.path / "journals").mkdir(exist_ok=True)
    for paths, oracle in ((["."], "git shortlog -sn --no-merges HEAD"),
                          (["journals", "README.md"],
                           "git shortlog -sn --no-merges HEAD -- journals README.md")):
        code, out, err = run_graph(capsys, "--repo", str(tangled.path), "--paths", *paths)
        assert code == 0
        nodes = json.loads(out)["nodes"]
        assert {n["id"]: n["commits"] for n in nodes if n["commits"]} == shortlog_by_person(
            tangled, *([] if paths == ["."] else paths))
        assert err[-1] == f"peerlog graph: {len(nodes)} people, {len(json.loads(out)['edges'])}" \
                          f" edges; commit counts equal `{oracle}`"


def test_graph_of_a_repository_without_journals_is_its_whole_history(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = GitRepo.init(tmp_path / "project")
    repo.commit({"src/a.py": "a"}, ADA, when(1))
    repo.commit(author=GRACE, date=when(2), message="Empty")
    out_file = tmp_path / "graph.json"

    code, out, err = run_graph(capsys, "--repo", str(repo.path), "--out", str(out_file))

    assert (code, out) == (0, "")
    assert err == [
        "peerlog graph: no journals/ folder here: the graph covers the whole git history",
        f"wrote {out_file}: 2 people, 0 edges; commit counts equal"
        " `git shortlog -sn --no-merges HEAD`",
    ]
    nodes = json.loads(out_file.read_text(encoding="utf-8"))["nodes"]
    assert {n["id"]: n["commits"] for n in nodes} == shortlog_by_person(repo) == {
        "ada-lovelace": 1, "grace-hopper": 1}


def test_graph_of_nobody_says_why_and_fails(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    repo = GitRepo.init(tmp_path / "project")
    repo.commit({"src/a.py": "a"}, ADA, when(1))
    repo.commit({"journals/2026/a.md": "---\ntitle: By a bot\n---\n"}, DEPENDABOT, when(2))
    out_file = tmp_path / "graph.json"

    code, out, err = run_graph(capsys, "--repo", str(repo.path))
    assert (code, out) == (1, "")
    assert err[-1] == ("peerlog graph: nobody found: no journal entry names anyone and no commit"
                       " by a person touches journals/, playbooks/; run with --paths . for the"
                       " whole repository")
    code, out, err = run_graph(capsys, "--repo", str(repo.path), "--paths", ".")
    assert code == 0
    assert [n["id"] for n in json.loads(out)["nodes"]] == ["ada-lovelace"]

    code, out, err = run_graph(capsys, "--repo", str(tmp_path / "nowhere"), "--out",
                               str(out_file))
    assert code == 1
    assert not out_file.exists()
    assert err[-1] == ("peerlog graph: nobody found: no journal entry names anyone and git"
                       " history could not be read (see above)")


def test_pages_show_no_git_message_or_machine_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """git's complaint quotes paths (here a `.git` file pointing at a missing folder): the
    build's pages and data say only what peerlog's own note says."""
    project = Project(tmp_path / "kb")
    project.entry("a.md", title="An entry", date="2026-01-02", author="ada")
    hidden = tmp_path / "secret-machine-path"
    project.write(".git", f"gitdir: {hidden}\n")

    build = project.build()

    assert build.code == 0, build.log
    _, _, err = run_graph(capsys, "--repo", str(project.root), "--paths", ".")
    assert any(str(hidden) in line for line in err)  # the terminal shows git's message...
    note = "The project is not inside a git repository, so git tells nothing."
    graph = build.article("people/graph/")
    assert f"<li>{note}</li>" in graph
    published = [build.page("people/graph/"), build.page("people/"),
                 (build.site / "peerlog.json").read_text(encoding="utf-8"),
                 (build.site / "search" / "search_index.json").read_text(encoding="utf-8")]
    for text in published:  # ...readers never do
        assert "secret-machine-path" not in text and "fatal" not in text
        assert str(tmp_path) not in text


def test_a_name_that_is_an_address_without_an_email(tmp_path: Path) -> None:
    """Nothing to hash: such authors are one `unnamed contributor`, as git counts them."""
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit(author=("a@b.example", ""), date=when(1), message="One")
    repo.commit(author=("c@d.example", ""), date=when(2), message="Two")

    history = read_history(repo.path)

    assert {p.id: (p.name, p.commits) for p in history.people.values()} == {
        "unnamed-contributor": ("unnamed contributor", 2)}
    assert peerlog_counts(history) == shortlog_by_person(repo)


def test_names_and_trailers_holding_the_field_separators(tmp_path: Path) -> None:
    """git names and trailers may hold any byte but NUL and newline, the log's own separators
    among them."""
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit({"journals/a.md": "a"}, ("Ann\x1fLee", "ann\x1f@example.com"), when(1),
                "A\n\nCo-authored-by: Bo\x1e <bo@example.com>\nCo-authored-by: Cy <cy\x1f@x.example>")
    repo.commit({"journals/\x1eb.md": "b"}, ("\x1eEve", "eve@example.com"), when(2))

    history = read_history(repo.path)

    assert peerlog_counts(history) == shortlog_by_person(repo) == {"ann-lee": 1, "eve": 1}
    assert sorted(history.files) == ["journals/\x1eb.md", "journals/a.md"]
    # The log separates trailers with "\x1f": a value holding one is read as two contacts.
    part = "unnamed-contributor-" + short_hash("@x.example")
    assert history.coauthored == {("ann-lee", "bo"): 1, ("ann-lee", "cy"): 1, ("ann-lee", part): 1}
    assert "example" not in repr((history, history.people, history.coauthored))
