"""Who is who in git history: bots, contacts, names, and a private name/email index.

Kept apart from `history` because the same rules decide, later, which person a journal's
`author:` handle or a contributors file points at. Emails live only in `IdentityIndex`, which
peerlog never publishes.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

DEFAULT_BOTS: tuple[str, ...] = ("dependabot", "github-actions", "renovate")

# The email is the LAST <...>: a name may itself contain angle brackets ("Eve <3 <e@x>").
_CONTACT = re.compile(r"\s*(?P<name>.*?)\s*<(?P<email>[^<>]*)>\s*")
# "Renovate Bot", "deploy-bot", "github-actions[bot]": the suffix git hosts give automation.
_BOT_SUFFIX = re.compile(r"(?:[\s_-]+bot|\[bot\])$")


def decode_name(raw: bytes) -> str:
    """Decode a name from git: UTF-8 as git intends, Latin-1 for old commits made without it.

    Latin-1 never fails, and a name like b"Ren\\xe9" reads as "René" rather than "Ren\\ufffd".
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def parse_contact(value: str) -> tuple[str, str] | None:
    """Split a `Name <email>` trailer value; a bare name gives an empty email, blank gives None."""
    match = _CONTACT.fullmatch(value)
    if match:
        return match["name"], match["email"].strip()
    name = value.strip()
    return (name, "") if name else None


def bot_keys(bots: Iterable[str]) -> frozenset[str]:
    """Normalise a configured bot list once, for `is_bot`."""
    return frozenset(bot.strip().lower() for bot in bots if bot.strip())


def is_bot(name: str, email: str, bots: Collection[str]) -> bool:
    """True for automation: names ending in `[bot]`, or a name, email or email user in `bots`.

    `bots` comes from `bot_keys`. The email user drops GitHub's numeric `12345+` prefix, so
    `41898282+github-actions[bot]@users.noreply.github.com` matches `github-actions`.
    """
    name = name.strip().lower()
    email = email.strip().lower()
    if name.endswith("[bot]"):
        return True
    user = email.partition("@")[0].rpartition("+")[2]
    candidates = {name, _BOT_SUFFIX.sub("", name), email, user, _BOT_SUFFIX.sub("", user)}
    return not candidates.isdisjoint(bots)


class IdentityIndex:
    """Lowercased names and emails seen in git -> person id, to match journal handles.

    Deliberately neither a dataclass nor a Mapping: it holds emails, which peerlog never
    outputs, so it must not be serialised by accident (`json.dumps` rejects it, `repr` shows
    only its size). A name or email used by two different people maps to nobody.
    """

    __slots__ = ("_ids",)

    def __init__(self) -> None:
        self._ids: dict[str, str | None] = {}

    def add(self, key: str, person_id: str) -> None:
        """Record that `key` (a name or an email) belongs to `person_id`."""
        key = key.strip().lower()
        if key:
            known = self._ids.setdefault(key, person_id)
            if known != person_id:
                self._ids[key] = None

    def get(self, key: str) -> str | None:
        """The one person `key` belongs to, or None if unknown or ambiguous."""
        return self._ids.get(key.strip().lower())

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"<IdentityIndex of {len(self._ids)} names and emails>"
