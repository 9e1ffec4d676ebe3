"""Who is who in git history: bots, contacts, names that can be shown, and a private index.

Kept apart from `history` because the same rules decide, later, which person a journal's
`author:` handle or a contributors file points at. Emails live only in `Contact.email` and
`IdentityIndex`, which peerlog never publishes.

How a contact is read (`parse_contact`), modelled on git's `split_ident_line` (ident.c) and what
`git check-mailmap` accepts, with a decision for every shape git would refuse:

- `Name <email>`: git's shape. The email is the LAST `<...>` pair, because trailers are free
  text and a name may hold brackets ("Eve <3 <eve@x>"); text after the `>` stays in the name.
- An unclosed `<` (`Ann <ann@x.com`): everything after the last `<` is the email.
- A bare value: a name, unless it holds addresses (below).
- Any word of the name that looks like an address (an `@` after its first character, or a
  leading `@` with a dot after it, a domain; the full-width and small at signs too) is taken
  out of the name: it is never shown, while a handle such as `@ann` is. When no email was
  given in brackets, the last such word (bar punctuation around it) is the email.
- Empty name, known email (`<ann@x.com>`, `ann@x.com`, `ann@x.com <ann@x.com>`): the person is
  matched privately by that email and shown as `unnamed contributor <hash>` (`display_name`).
  Not the address's local part: it is often the person's full name or a private alias, and
  beside a company's known domain it is the address again. The hash is the first six hex
  digits of the lowercased email's SHA-1: stable across builds, and it cannot be turned back
  into an address (someone who already has the address can confirm it; they need not scrape).
  With no email either (a git author `a@b.c` with an empty email), just `unnamed contributor`.
- git author and committer names (`%aN`, after `.mailmap`) follow the same rule: `user.name`
  can be an address, and so can a mailmap's proper name.
- Several contacts in one trailer (`Ann <a@x>, Bob <b@x>`): split after each `>` followed by a
  comma (`split_contacts`), so a comma inside a name ("Doe, John <j@x>") stays in the name.

Every function here is linear in its input (`str.find`, `split`, `rstrip`, and one regex that
cannot backtrack): a trailer or a git name is contributor text and may be a megabyte long.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import NamedTuple

from peerlog.base.text import short_hash

DEFAULT_BOTS: tuple[str, ...] = ("dependabot", "github-actions", "renovate")
# More contacts than any real pairing session names; the rest of the trailer is ignored.
MAX_CONTACTS_PER_TRAILER = 20
UNNAMED = "unnamed contributor"
# A split point: a comma right after a closing ">" (white space between). The lookbehind is one
# character and `\s*` can only run over the white space after one ">", so the scan is linear.
_AFTER_CONTACT = re.compile(r"(?<=>)\s*,")
# Characters around an address written bare, as in "(ann@x.com),".
_AROUND_ADDRESS = "<>()[]{},;:\"'`"
# The other characters NFKC turns into "@": the small (U+FE6B) and the full-width (U+FF20).
_AT_SIGNS = str.maketrans({"\ufe6b": "@", "\uff20": "@"})
# What `[\s_-]` matches: "_", "-" and every white space character (none lies above U+3000).
_BOT_SEPARATORS = "_-" + "".join(chr(code) for code in range(0x3001) if chr(code).isspace())


class Contact(NamedTuple):
    """A name fit to show (never an address, may be empty) and the private email (may be empty).

    A tuple, so `name, email = contact` reads as it always did.
    """

    name: str
    email: str


def decode_name(raw: bytes) -> str:
    """Decode a name from git: UTF-8 as git intends, Latin-1 for old commits made without it.

    Latin-1 never fails, and a name like b"Ren\\xe9" reads as "René" rather than "Ren\\ufffd".
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def looks_like_address(word: str) -> bool:
    """`ann@x.com`, `<ann@x.com>`, `a@b`, a domain `@x.com`; not a handle `@ann`.

    The full-width and small at signs (U+FF20, U+FE6B) count too: NFKC, which slugs apply,
    turns them into `@`.
    """
    return _addressish(word.translate(_AT_SIGNS))


def _addressish(word: str) -> bool:
    """`looks_like_address` for a word whose at signs are already ASCII."""
    at = word.find("@")
    return at > 0 or (at == 0 and (word.find("@", 1) > 0 or "." in word))


def public_name(name: str) -> str:
    """`name` without the words that look like addresses, white space collapsed.

    Applied to every name peerlog may show, including `%aN` from git: `user.name` can be an
    address, and a mailmap can map a name to one. Words with an `@` are dropped whole, so
    translating the other signs to `@` first never changes a word that is kept.
    """
    translated = name.translate(_AT_SIGNS)
    if "@" not in translated:
        return " ".join(translated.split())
    return " ".join(word for word in translated.split() if not _addressish(word))


def parse_contact(value: str) -> Contact | None:
    """One contact from a trailer value or ident line (see the module docstring for the rules).

    None when it names nobody (blank, or only brackets and addresses without an email).
    """
    text = value.strip()
    email = ""
    close = text.rfind(">")
    open_ = text.rfind("<", 0, close) if close >= 0 else -1
    if open_ >= 0:
        close = text.find(">", open_)
        email, text = text[open_ + 1 : close], f"{text[:open_]} {text[close + 1 :]}"
    elif (open_ := text.rfind("<")) >= 0:
        email, text = text[open_ + 1 :], text[:open_]
    email = email.strip()
    if not email and "@" in (translated := text.translate(_AT_SIGNS)):
        words = translated.split()
        bare = next((word for word in reversed(words) if _addressish(word)), "")
        email = bare.strip(_AROUND_ADDRESS)
    name = public_name(text)
    return Contact(name, email) if name or email else None


def split_contacts(value: str) -> list[Contact]:
    """Every contact in one trailer value, `Ann <a@x>, Bob <b@x>` giving two (capped)."""
    pieces = _AFTER_CONTACT.split(value, maxsplit=MAX_CONTACTS_PER_TRAILER - 1)
    return [found for piece in pieces if (found := parse_contact(piece)) is not None]


def display_name(name: str, email: str) -> str:
    """The name to show: `public_name(name)`, else `unnamed contributor <hash of email>`.

    Empty only when both are empty, and the caller then knows nobody.
    """
    shown = public_name(name)
    if shown or not email.strip():
        return shown
    return f"{UNNAMED} {short_hash(email.strip().lower())}"


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
    candidates = {name, _without_bot_suffix(name), email, user, _without_bot_suffix(user)}
    return not candidates.isdisjoint(bots)


def _without_bot_suffix(name: str) -> str:
    """`renovate bot`, `deploy-bot`, `x[bot]` -> the name before the suffix git hosts give bots.

    `rstrip` over the separators rather than a `[\\s_-]+bot$` regex, which retries the run of
    separators from every starting point (quadratic on a long run of spaces).
    """
    if name.endswith("[bot]"):
        return name[: -len("[bot]")]
    stem = name.removesuffix("bot")
    trimmed = stem.rstrip(_BOT_SEPARATORS)
    return trimmed if stem != name and trimmed != stem else name


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
