"""URLs between generated pages, computed without MkDocs.

MkDocs would resolve Markdown links for us, but contributors' titles and tags must never be
spliced into Markdown, so generated pages are HTML and need their own relative URLs.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerlog.base.text import page_url, relative_url


@dataclass(frozen=True)
class Linker:
    """Links from the page at ``src_uri`` to other pages, by their ``src_uri``."""

    src_uri: str
    use_directory_urls: bool = True

    def __call__(self, target: str) -> str:
        here = page_url(self.src_uri, self.use_directory_urls)
        return relative_url(here, page_url(target, self.use_directory_urls))

    def asset(self, path: str) -> str:
        """A link to a static file (not a page) at site-relative ``path``."""
        return relative_url(page_url(self.src_uri, self.use_directory_urls), path)
