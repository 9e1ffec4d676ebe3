"""The real ``mkdocs build`` command line, run in a process forked from one that has already
imported MkDocs, Material, peerlog and the embedding model.

The suite builds some sixty sites; as ``python -m mkdocs build`` subprocesses each one spent
about a second of CPU importing the same modules and loading the same model before building
anything. Here a ``forkserver`` (one per test process) imports them once, when this module is
preloaded into it, and every build is a fork of that server running MkDocs' own click entry
point with the arguments, working directory and environment the subprocess had. Nothing is
shared between builds: each is a fresh fork of the untouched server, which never builds.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import material.templates  # noqa: F401  (the theme, imported once in the server)
import mkdocs.__main__

import peerlog.plugin  # noqa: F401  (the plugin MkDocs will load by its entry point)
from peerlog.knowledge.grouping import _encoder

_encoder()  # the embedding model, when installed: loaded once in the server, not per build


def run_mkdocs(argv: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """In the forked child: become ``mkdocs <argv>`` run in ``cwd`` with ``env``, writing its
    standard output and error to the files ``out`` and ``err``, and exit with its status."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = [str(Path(sys.executable).parent / "mkdocs"), *argv]
    for stream, path in ((sys.stdout, out), (sys.stderr, err)):
        stream.flush()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd, stream.fileno())
        os.close(fd)
    code = 0
    try:
        mkdocs.__main__.cli.main(args=argv, prog_name="mkdocs")
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)
