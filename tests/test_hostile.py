"""Hostile journals: every broken file reported, every valid one kept, nothing executed.

Each case of :mod:`tests.hostile_corpus` is first read on its own beside the good entries
(``test_each_hostile_file``); then the whole corpus goes through ``peerlog check`` in one run and
through a real ``mkdocs build``, whose every page, path and data file is inspected.
"""

from __future__ import annotations

import html.parser
import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from peerlog.base.text import short_hash, slug, unique_slugs
from peerlog.cli import main
from peerlog.config import load_settings
from peerlog.knowledge.model import entry_slugs
from peerlog.knowledge.pipeline import gather
from peerlog.read.curated import load_curated
from peerlog.read.entries import Entry, fence_if_costly
from peerlog.read.frontmatter import FrontMatterError, parse_front
from peerlog.read.journals import load_journal

from .gitrepo import GitRepo
from .hostile_corpus import PAYLOADS, Case, Corpus, cases, write_case, write_corpus
from .project import Build, Project

CASES = cases()
GOOD = [c for c in CASES if c.category == "good"]
HOSTILE = [c for c in CASES if c.category != "good"]
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"{d}{i}" for d in ("com", "lpt")
                                                  for i in range(1, 10))}
# Tags that run script or load something when they reach a page; the theme may use some itself.
# (Images are allowed in notes: their handlers and URLs are checked like every attribute.)
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "base", "meta", "link", "style", "form",
               "input", "button", "textarea", "svg", "math", "template", "noscript", "frame",
               "frameset", "video", "audio", "source"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"}
DECISIVE = URL_ATTRIBUTES | {"type", "rel", "http-equiv", "content", "style"}


def verdict(case: Case, entries: dict[str, list[str]], problems: dict[str, list[Any]],
            strict: bool = True) -> str | None:
    """What is wrong with how ``case`` came out, or None. ``entries``: path -> titles;
    ``problems``: path -> (severity, message) pairs. ``strict``: an ``ok`` case has no problem at
    all (not even one a later cross-file check might add)."""
    titles = entries.get(case.path, [])
    found = problems.get(case.path, [])
    severities = {severity for severity, _ in found}

    def said(severity: str) -> bool:
        return any(s == severity and m.startswith(case.message) for s, m in found)

    if case.expect == "error":
        return None if not titles and said("error") else f"not left out with an error: {found}"
    if case.expect == "ignored":
        return None if not titles and said("warning") else f"not ignored with a warning: {found}"
    if case.expect == "draft":
        return None if titles and "error" not in severities else f"draft lost: {found}"
    if case.title not in titles:
        return f"title {case.title!r} not kept, got {titles} and {found}"
    if "error" in severities:
        return f"kept, but with an error: {found}"
    if case.expect == "warning" and not said("warning"):
        return f"no warning starting {case.message!r}: {found}"
    if case.expect == "ok" and strict and found:
        return f"unexpected problems: {found}"
    return None


def read_journal(root: Path) -> tuple[dict[str, list[str]], dict[str, list[Any]], list[Entry]]:
    journal = load_journal(root, "journals")
    entries: dict[str, list[str]] = {}
    for e in journal.entries:
        entries.setdefault(e.path, []).append(e.title)
    problems: dict[str, list[Any]] = {}
    for p in journal.problems:
        problems.setdefault(p.path, []).append((p.severity, p.message))
    return entries, problems, list(journal.entries)


def case_id(case: Case) -> str:
    return f"{case.category}:{ascii(case.name)[1:-1][:60]}"


def test_corpus_is_big_enough() -> None:
    assert len(HOSTILE) >= 110 and len(GOOD) >= 20
    assert len({c.path for c in CASES}) == len(CASES)
    assert len({c.category for c in HOSTILE}) >= 15


@pytest.mark.parametrize("case", HOSTILE, ids=case_id)
def test_each_hostile_file(case: Case, tmp_path: Path) -> None:
    """One hostile file beside the good entries: reported as expected, and nothing good lost."""
    journals = tmp_path / "kb" / "journals"
    for good in GOOD:
        write_case(good, journals)
    write_case(case, journals)
    entries, problems, _ = read_journal(tmp_path / "kb")
    assert verdict(case, entries, problems) is None, verdict(case, entries, problems)
    for good in GOOD:
        assert verdict(good, entries, problems) is None, (good.name, verdict(good, entries,
                                                                             problems))
    for path, found in problems.items():
        assert path == case.path, f"{path} reported because of {case.name!r}: {found}"
        assert all(m.isprintable() for _, m in found), found


def test_nested_yaml_is_refused_without_recursion() -> None:
    for front in ("title: " + "[" * 10_000 + "]" * 10_000,
                  "title: t\nx: " + "{a: " * 5_000 + "b" + "}" * 5_000,
                  "title: t\n" + "".join(" " * i + f"k{i}:\n" for i in range(200))):
        with pytest.raises(FrontMatterError) as caught:
            parse_front(front)
        assert caught.value.message.startswith("the front matter")


def test_refused_yaml_never_constructs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for tag in ("!!python/object/apply:os.system", "!!python/object/new:os.system"):
        with pytest.raises(FrontMatterError, match="YAML tags like"):
            parse_front(f"title: {tag} ['touch {marker}']")
    assert not marker.exists()


@pytest.mark.parametrize("name", ["..", ".", "/", "%2e%2e", "a/../b", "CON", "index", "nul.txt",
                                  "\u202e", "𠀀" * 80, "a" * 300, "x--1a2b3c", "_", "-_-"])
def test_slug_is_a_sane_path_segment(name: str) -> None:
    s = slug(name)
    assert s and "/" not in s and "\\" not in s and "%" not in s and not s.startswith(".")
    assert s.split(".")[0] not in WINDOWS_RESERVED | {"index"}
    assert len(s.encode("utf-8")) <= 128


def test_hash_suffixes_never_equal_a_plain_slug() -> None:
    keys = ["c", "c++", "c#", "x-1a2b3c"]
    together = unique_slugs(keys)
    colliding = unique_slugs([*keys, together["c"].replace("--", "-")])
    assert len(set(colliding.values())) == len(colliding)


def test_costly_markdown_is_fenced_whole() -> None:
    body = "[" * 3000 + " ~~~~~ inside\n" + "words " * 10_000
    fenced = fence_if_costly(body)
    assert fenced is not None
    assert fenced.startswith("~~~~~~text\n") and fenced.endswith("\n~~~~~~")
    assert fenced.split("\n")[1:-1] == body.split("\n")
    assert fence_if_costly("Plain notes with a [link](x.md) and <kbd>Ctrl</kbd>.\n") is None
    big_code = "```html\n" + '<a href="x">' * 20_000 + "\n```\n"
    assert fence_if_costly(big_code) is None
    assert fence_if_costly(big_code.removesuffix("```\n")) is not None


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Corpus]:
    project = Project(tmp_path_factory.mktemp("hostile") / "kb")
    return project, write_corpus(project.root / "journals")


def test_check_reports_every_broken_file_in_one_run(
    hostile: tuple[Project, Corpus], capsys: pytest.CaptureFixture[str]
) -> None:
    project, corpus = hostile
    code = main(["--root", str(project.root), "check"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert all(line.isprintable() for line in lines)
    for case in corpus.errors:
        assert any(line.startswith(f"{case.path}:") and ": error: " in line for line in lines), (
            case.path)

    assert main(["--root", str(project.root), "check", "--format", "json"]) == 1
    reported = json.loads(capsys.readouterr().out)
    problems: dict[str, list[Any]] = {}
    for p in reported:
        problems.setdefault(p["path"], []).append((p["severity"], p["message"]))
    entries, _, _ = read_journal(project.root)
    failures = {c.path: verdict(c, entries, problems, strict=False) for c in corpus.cases}
    assert {path: why for path, why in failures.items() if why} == {}
    errors = {path for path, found in problems.items() if any(s == "error" for s, _ in found)}
    assert errors == {c.path for c in corpus.errors}


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every name under ``folder`` (links not followed) with the size and modification time of
    files (a folder's own change only shows as a name in it appearing)."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            found[os.path.relpath(os.path.join(dirpath, name), folder)] = (0, 0)
        for name in filenames:
            st = os.lstat(os.path.join(dirpath, name))
            found[os.path.relpath(os.path.join(dirpath, name), folder)] = (st.st_size,
                                                                           st.st_mtime_ns)
    return found


class Scan(html.parser.HTMLParser):
    """The active parts of a page: script elements, active tags, event handlers and URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.active: set[str] = set()
        self.handlers: list[str] = []
        self.bad_urls: list[str] = []
        self.tags: set[str] = set()
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = {name: value or "" for name, value in attrs}
        self.handlers += [f"{tag} {name}" for name in values if name.startswith("on")]
        for name in URL_ATTRIBUTES & set(values):
            squeezed = re.sub(r"[\x00-\x20]", "", values[name]).lower()
            if squeezed.startswith(("javascript:", "data:", "vbscript:")) or name == "srcdoc":
                self.bad_urls.append(f"{tag} {name}={values[name]}")
        # Attribute names, and the values that decide what is loaded or run (data-* values and
        # the like hold the page's own data, which differs from site to site).
        shown = sorted((n, values[n] if n in DECISIVE else "") for n in values)
        if tag == "script":
            self._script = [normalise(str(shown))]
        elif tag in ACTIVE_TAGS:
            self.active.add(normalise(f"{tag} {shown}"))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(normalise(data))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.active.add("script " + "".join(self._script))
            self._script = None


def normalise(text: str) -> str:
    """Page-independent: relative prefixes, the page's own URL and search hashes removed."""
    text = re.sub(r"(?:\.\./?)+|\./", "", text)
    return re.sub(r"(?<=[?&]v=)\w+|(?<=\.)[0-9a-f]{8}(?=\.min\.)", "", text)


def scan_site(site: Path) -> dict[str, Scan]:
    scans = {}
    for page in sorted(site.rglob("*.html")):
        scan = Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        scan.close()
        scans[page.relative_to(site).as_posix()] = scan
    return scans


def sane(rel: Path) -> list[str]:
    """What is wrong with one path under the site folder."""
    wrong = []
    for part in rel.parts:
        decoded = unquote(part)
        if part in (".", "..") or decoded in (".", "..") or {"/", "\\"} & set(decoded):
            wrong.append(f"{part!r} is not one segment")
        if not part.isprintable() or len(part.encode("utf-8", "surrogateescape")) > 255:
            wrong.append(f"{part!r} is not printable or too long")
        if part.split(".")[0].lower() in WINDOWS_RESERVED:
            wrong.append(f"{part!r} is reserved on Windows")
    return wrong


def clean_build(tmp_path: Path) -> Build:
    project = Project(tmp_path / "clean")
    for good in GOOD:
        write_case(good, project.root / "journals")
    build = project.build()
    assert build.code == 0, build.log
    return build


@pytest.mark.slow
def test_build_keeps_every_good_entry_and_runs_nothing(
    hostile: tuple[Project, Corpus], tmp_path: Path
) -> None:
    project, corpus = hostile
    before = snapshot(project.root.parent)
    build = project.build()
    assert build.code == 0, build.log
    assert "Traceback" not in build.log
    after = snapshot(project.root.parent)
    changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    assert {p for p in changed if not p.startswith(("kb/site", "kb/mkdocs.yml"))} == set()

    data = json.loads((build.site / "peerlog.json").read_text(encoding="utf-8"))
    urls = [e["url"] for e in data["entries"]]
    assert len(urls) == len(set(urls))
    pages = {p.parent.relative_to(build.site).as_posix() + "/"
             for p in (build.site / "entries").rglob("index.html")}
    assert pages == set(urls), "two entries share a page, or a page has no entry"
    by_title: dict[str, list[str]] = {}
    for e in data["entries"]:
        by_title.setdefault(e["title"], []).append(e["url"])
    for case in corpus.kept:
        assert case.title in by_title, case.name
        assert any(html_escape(case.title) in build.article(url) for url in by_title[case.title])
    assert all(c.title not in by_title for c in corpus.cases if c.expect == "draft")
    for group in ("topics", "problems"):
        group_urls = [g["url"] for g in data[group]]
        assert len(group_urls) == len(set(group_urls))
        assert all(build.has_page(url) for url in group_urls)

    wrong = {str(p.relative_to(build.site)): sane(p.relative_to(build.site))
             for p in build.site.rglob("*")}
    assert {p: w for p, w in wrong.items() if w} == {}
    json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))

    allowed = set().union(*(s.active for s in scan_site(clean_build(tmp_path).site).values()))
    for rel, scan in scan_site(build.site).items():
        assert scan.handlers == [], rel
        assert scan.bad_urls == [], rel
        assert scan.active <= allowed, (rel, scan.active - allowed)
    article = build.article(by_title["Markup in attempts"][0])
    for payload in PAYLOADS:
        assert html_escape(payload) in article


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&#34;").replace("'", "&#39;")


def test_titles_survive_git_history(tmp_path: Path) -> None:
    """The same corpus committed to git (every name git can hold): reading history copes."""
    repo = GitRepo.init(tmp_path / "kb")
    corpus = write_corpus(repo.path / "journals")
    fifo = next(c for c in corpus.cases if c.link == "fifo")
    (repo.path / "journals" / fifo.name).unlink()
    repo.git.add("--all")
    repo.commit(message="A hostile corpus")
    knowledge = gather(load_settings(repo.path))
    assert knowledge.history is not None and knowledge.history.available
    titles = {e.title for e in knowledge.kb.entries}
    assert {c.title for c in corpus.kept} <= titles
    assert all(e.date is not None for e in knowledge.kb.entries)


def test_entry_urls_stay_unique_beside_a_name_crafted_from_a_hash() -> None:
    rels = ["dup/a.md", "dup/A.md", f"dup/a-{short_hash('dup/a.md')}.md"]
    assert len(set(entry_slugs(rels).values())) == len(rels)


def test_folders_outside_the_project_are_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    write_case(GOOD[0], outside)
    (tmp_path / "kb").mkdir()
    journal = load_journal(tmp_path / "kb", "../elsewhere")
    assert journal.entries == ()
    assert [(p.severity, p.message) for p in journal.problems] == [
        ("error", "the folder points outside the repository and is not read")]
    (tmp_path / "kb" / "journals").symlink_to(outside)
    assert load_journal(tmp_path / "kb", "journals").entries == ()


def test_curated_playbooks_hold_too(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    folder = root / "playbooks"
    folder.mkdir(parents=True)
    (folder / "good.md").write_text("---\nproblem: data-extraction\n---\nAdvice.\n", "utf-8")
    (folder / "broken.md").write_text("---\nproblem: [x\n---\n", "utf-8")
    (folder / "costly.md").write_text("---\nproblem: summarising\n---\n" + "[" * 3000 + "x" * 9999,
                                      "utf-8")
    (folder / "bad\udce9name.md").write_text("---\nproblem: x\n---\n", "utf-8")
    (folder / "gone.md").symlink_to(folder / "missing.md")
    (folder / "secret.md").symlink_to("/etc/passwd")
    (folder / "notes.txt").write_text("not a playbook", "utf-8")
    found, problems = load_curated(root, "playbooks")
    assert sorted(p.problem for p in found) == ["data-extraction", "summarising"]
    costly = next(p for p in found if p.problem == "summarising")
    assert costly.body.startswith("~~~text\n")
    assert {(p.path, p.severity) for p in problems} == {
        ("playbooks/bad\\xe9name.md", "error"),
        ("playbooks/broken.md", "error"),
        ("playbooks/costly.md", "warning"),
        ("playbooks/gone.md", "error"),
        ("playbooks/secret.md", "error"),
    }
