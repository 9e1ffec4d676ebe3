"""The repository templates: GitHub workflows, the pull request template, the pre-commit hook.

This project's own CI runs ``.ci/run``; these files are for teams who keep their knowledge base
on GitHub, so the tests read them as GitHub and pre-commit would and check the steps are there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def load(rel: str) -> Any:
    return yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))


def triggers(workflow: dict[Any, Any]) -> Any:
    # YAML 1.1 reads a bare `on:` key as the boolean True.
    return workflow.get("on", workflow.get(True))


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow["jobs"][job]["steps"]
    return found


def uses(job_steps: list[dict[str, Any]]) -> list[str]:
    return [s["uses"].split("@")[0] for s in job_steps if "uses" in s]


def runs(job_steps: list[dict[str, Any]]) -> list[str]:
    return [s["run"] for s in job_steps if "run" in s]


def checkout(job_steps: list[dict[str, Any]]) -> dict[str, Any]:
    return next(s for s in job_steps if s.get("uses", "").startswith("actions/checkout@"))


#: Both workflows name the parse cache after the installed peerlog's version.
NAME_CACHE = ('python -c "from importlib.metadata import version;'
              " print('key=peerlog-parse-' + version('peerlog'))\" >> \"$GITHUB_OUTPUT\"")


def test_pull_request_workflow_checks_changes_builds_and_uploads_a_preview() -> None:
    workflow = load(".github/workflows/pr.yml")
    assert "pull_request" in triggers(workflow)
    assert workflow["permissions"] == {"contents": "read"}
    job = steps(workflow, "check")
    assert checkout(job)["with"]["fetch-depth"] == 0
    python = next(s for s in job if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    check = next(s for s in job if s.get("run", "").startswith("peerlog check"))
    assert check["run"] == ('peerlog check --changed-since "origin/$BASE_REF" --format github'
                            " --cache .cache/peerlog")
    assert check["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert runs(job) == ["pip install .", NAME_CACHE, check["run"], "mkdocs build --strict"]
    assert uses(job) == ["actions/checkout", "actions/setup-python", "actions/cache/restore",
                         "actions/upload-artifact"]
    restore = next(s for s in job if s.get("uses", "").startswith("actions/cache/restore@"))
    # main's cache for the same peerlog: the base commit's, else the newest of that version.
    assert restore["with"] == {
        "path": ".cache/peerlog",
        "key": "${{ steps.cache.outputs.key }}-${{ github.event.pull_request.base.sha }}",
        "restore-keys": "${{ steps.cache.outputs.key }}-",
    }
    assert job.index(restore) < job.index(check)
    assert job[-1]["with"]["path"] == "site/"


def test_deploy_workflow_builds_main_with_history_and_deploys_to_pages() -> None:
    workflow = load(".github/workflows/deploy.yml")
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build = steps(workflow, "build")
    assert checkout(build)["with"]["fetch-depth"] == 0
    assert runs(build) == ["pip install .", "mkdocs build --strict",
                           "peerlog check --cache .cache/peerlog", NAME_CACHE]
    assert uses(build) == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                           "actions/cache/save", "actions/upload-pages-artifact"]
    save = next(s for s in build if s.get("uses", "").startswith("actions/cache/save@"))
    assert save["with"] == {"path": ".cache/peerlog",
                            "key": "${{ steps.cache.outputs.key }}-${{ github.sha }}"}
    assert build[-1]["with"]["path"] == "site/"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy["steps"]) == ["actions/deploy-pages"]


def test_pre_commit_hook_runs_peerlog_check_on_entries_and_playbooks() -> None:
    (hook,) = load(".pre-commit-hooks.yaml")
    assert {k: hook[k] for k in ("id", "entry", "language", "files", "pass_filenames")} == {
        "id": "peerlog-check",
        "entry": "peerlog check",
        "language": "python",
        "files": r"^(journals|playbooks)/.*\.md$",
        "pass_filenames": True,
    }


def test_pull_request_template_is_a_checklist_for_an_entry() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 5
    for phrase in ("journals/", "title:", "peerlog check", "Co-authored-by:", "confidential"):
        assert phrase in text


def test_contributing_walks_the_whole_path() -> None:
    text = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    for phrase in ("peerlog new", "(write.md)", "peerlog check", "pull request",
                   "--changed-since", "--strict", "pre-commit", "site-preview-pr-",
                   "GitHub Pages", "fetch-depth: 0"):
        assert phrase in text, phrase
