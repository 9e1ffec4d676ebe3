"""Find what would run in a browser: real attributes and tags, not text that looks like them."""

from __future__ import annotations

from html.parser import HTMLParser

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
_EMBEDDING = {"iframe", "object", "embed", "base", "frame"}


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or name == "srcdoc":
                self.found.append(f"<{tag} {name}=...>")
            if name in _URL_ATTRIBUTES and value:
                compact = "".join(value.split()).lower()
                if compact.startswith(("javascript:", "data:text", "vbscript:")):
                    self.found.append(f"<{tag} {name}={value[:30]}>")
        if tag in _EMBEDDING:
            self.found.append(f"<{tag}>")


def dangerous(html: str) -> list[str]:
    """Event-handler attributes, script URLs and embedding tags present in ``html``."""
    finder = _Finder()
    finder.feed(html)
    return finder.found
