"""The real ``mkdocs`` and ``peerlog`` command lines, run in a process forked from one that has
already imported MkDocs, Material, peerlog and the embedding model.

The suite builds some sixty sites and runs the documentation's commands; as subprocesses each
one spent about a second of CPU importing the same modules and loading the same model before
doing anything. Here a ``forkserver`` (one per test process) imports them once, when this
module is preloaded into it, and every command is a fork of that server running the command's
own entry point (MkDocs' click command, :func:`peerlog.cli.main`) with the arguments, working
directory and environment the subprocess had. Nothing is shared between commands: each is a
fresh fork of the untouched server, which never runs one.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import material.templates  # noqa: F401  (the theme, imported once in the server)
import mkdocs.__main__

import peerlog.plugin  # noqa: F401  (the plugin MkDocs will load by its entry point)
from peerlog.knowledge.grouping import _encoder

_encoder()  # the embedding model, when installed: loaded once in the server, not per build


def _become(program: str, argv: list[str], cwd: str, env: dict[str, str]) -> None:
    """In the forked child: take the working directory, environment and ``sys.argv`` that
    ``program argv`` would have had as a subprocess."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = [str(Path(sys.executable).parent / program), *argv]


def _status(exit: SystemExit) -> int:
    return exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)


def run_peerlog(argv: list[str], cwd: str, env: dict[str, str], out: str) -> None:
    """In the forked child: become ``peerlog <argv>`` run in ``cwd`` with ``env``, its standard
    output and error both written, in the order printed, to the file ``out`` (as a subprocess
    with ``stderr=STDOUT`` and ``PYTHONUNBUFFERED`` would write them), and exit with its status."""
    from peerlog.cli import main

    _become("peerlog", argv, cwd, env)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    sys.stdout = sys.stderr = io.TextIOWrapper(io.FileIO(1, "w", closefd=False),
                                               encoding="utf-8", write_through=True)
    try:
        code = main(argv)
    except SystemExit as exit:
        code = _status(exit)
    os._exit(code)


def run_mkdocs(argv: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """In the forked child: become ``mkdocs <argv>`` run in ``cwd`` with ``env``, writing its
    standard output and error to the files ``out`` and ``err``, and exit with its status."""
    _become("mkdocs", argv, cwd, env)
    for stream, path in ((sys.stdout, out), (sys.stderr, err)):
        stream.flush()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd, stream.fileno())
        os.close(fd)
    code = 0
    try:
        mkdocs.__main__.cli.main(args=argv, prog_name="mkdocs")
    except SystemExit as exit:
        code = _status(exit)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)
