"""The environment peerlog runs git in.

A build or ``peerlog check`` may run inside a git hook, where git exports ``GIT_DIR``,
``GIT_INDEX_FILE`` and friends: inherited, they would point git at another repository or index.
So every git call drops the inherited ``GIT_*`` variables, except, where asked, the ones that say
who is committing (``peerlog new`` must see the author a commit would get).
"""

from __future__ import annotations

import os

_IDENTITY = ("GIT_AUTHOR_", "GIT_COMMITTER_", "GIT_CONFIG")


def git_env(keep_identity: bool = False) -> dict[str, str]:
    """``os.environ`` without inherited ``GIT_*`` (but identity ones, if asked), in the C
    locale so that git's messages can be matched."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GIT_") or (keep_identity and key.startswith(_IDENTITY))
    }
    env["LC_ALL"] = "C"
    return env
