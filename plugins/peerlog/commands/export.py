"""``peerlog export DIR``: the whole site as plain Markdown, for engines that run no MkDocs plugin.

Zensical (the Material team's successor) and MkDocs 2 run no third-party plugin, so peerlog
hands them a finished docs folder instead: every generated page, with the untrusted notes
already rendered (with the project's own ``markdown_extensions``) and passed through the same
sanitiser as a build, so no engine ever renders a pull request's Markdown or HTML itself; the
hand-written docs, peerlog's assets, its data files (``peerlog.json``, feeds, CSV) and the
journals' attachments beside them; and ``DIR/mkdocs.yml``, the project's configuration without
its plugins, with peerlog's navigation section and assets added. ``zensical build -f
DIR/mkdocs.yml`` then builds the site. What needs a plugin hook is left out: the feeds'
``<link rel="alternate">`` in every page's ``<head>``, and the notes' headings in the page's
table of contents.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import markdown
import yaml

from peerlog.base.settings import Settings
from peerlog.base.text import page_url, relative_url
from peerlog.config import load_settings, site_config
from peerlog.knowledge.pipeline import gather
from peerlog.render.pages import ASSETS, PAGE_CSS, PAGE_JS, GeneratedPage, render_site
from peerlog.render.sanitize import sanitize
from peerlog.render.urls import asset_source, attachment_uri

#: What MkDocs always adds to a site's extensions.
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")
#: Configuration keys that belong to MkDocs' build of the project, not to the exported one.
NOT_CARRIED = ("plugins", "docs_dir", "site_dir", "validation", "hooks", "watch")
#: A relative link to a Markdown page, as the notes write them (MkDocs rewrites these).
_MD_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]+\.md)(#[^"]*)?"', re.I)
#: Any relative link or source in a page's HTML.
_RELATIVE = re.compile(r'\b(href|src)="(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]*)([#?][^"]*)?"', re.I)


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "export", help="write the site as plain Markdown for another engine (Zensical)",
        description="Write every generated page as Markdown, its notes rendered and "
        "sanitised, with the hand-written docs, assets, data and a configuration, so that an "
        "engine without plugins (zensical build -f DIR/mkdocs.yml) builds the same site.",
    )
    parser.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out: Path = args.dir
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(f"peerlog export: {out} is not an empty folder (export into a new one)",
              file=sys.stderr)
        return 2
    settings = load_settings(args.root)
    config = site_config(args.root)
    try:
        render = _notes_renderer(config.get("markdown_extensions"))
    except (ImportError, ValueError, TypeError, AttributeError) as exc:
        print(f"peerlog export: mkdocs.yml: a markdown extension does not load: {exc} "
              "(check markdown_extensions)", file=sys.stderr)
        return 2
    knowledge = gather(settings)
    site = render_site(knowledge.kb, knowledge.playbooks, knowledge.people, settings,
                       knowledge.pulse, knowledge.confirmations, today=knowledge.today)
    docs = out / "docs"
    source = args.root / str(config.get("docs_dir") or "docs")
    if source.is_dir():
        shutil.copytree(source, docs, symlinks=True)
    docs.mkdir(parents=True, exist_ok=True)
    written = 0
    for page in site.pages:
        target = docs / page.src_uri
        if target.exists():  # a hand-written page of that name wins, as in a build
            continue
        notes = render(page.markdown) if page.markdown.strip() else ""
        notes = sanitize(notes, remote_images=settings.remote_images)
        html = page.before + _linked(notes, page.src_uri, settings) + page.after
        _write(target, _page_text(page, _from_file(html, page.src_uri, settings)))
        written += 1
    if site.home is not None:
        _add_home(docs, site.home, settings)
    for path, text in site.data.items():
        _write(docs / path, text)
    for attachment in knowledge.journal.attachments:
        target = docs / attachment_uri(attachment)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(attachment.path, target, follow_symlinks=False)
    for asset in ASSETS:
        (docs / asset).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(asset_source(asset), docs / asset)
    _write(out / "mkdocs.yml", yaml.safe_dump(_exported_config(config, site.nav, site.pages,
                                                               settings),
                                              sort_keys=False, allow_unicode=True))
    print(f"exported {written:,} generated pages to {out}; build it with: "
          f"zensical build -f {out / 'mkdocs.yml'}")
    return 0


def _notes_renderer(extensions: Any) -> Any:
    """A function rendering notes with the project's extensions plus MkDocs' own; options
    that were YAML tags (read as nothing) are left to the extension's defaults."""
    names: list[str] = list(MKDOCS_EXTENSIONS)
    configs: dict[str, dict[str, Any]] = {}
    for item in extensions if isinstance(extensions, list) else ():
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            for name, options in item.items():
                names.append(str(name))
                if isinstance(options, dict):
                    configs[str(name)] = {k: v for k, v in options.items() if v is not None}
    md = markdown.Markdown(extensions=list(dict.fromkeys(names)), extension_configs=configs)

    def render(text: str) -> str:
        return str(md.reset().convert(text))

    return render


def _linked(html: str, src_uri: str, settings: Settings) -> str:
    """Links of the notes to Markdown pages made into the pages' URLs, as MkDocs does."""
    here = page_url(src_uri, settings.use_directory_urls)

    def url(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), match[1]))
        if target.startswith("../"):
            return match[0]
        to = relative_url(here, page_url(target, settings.use_directory_urls)) or "./"
        return f'href="{to}{match[2] or ""}"'

    return _MD_LINK.sub(url, html)


def _from_file(html: str, src_uri: str, settings: Settings) -> str:
    """The page's links, which point from the page's URL, made to point from its Markdown
    file, as an engine expects of the HTML in a Markdown page (it moves them to the URL)."""
    here = page_url(src_uri, settings.use_directory_urls)

    def moved(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here) or ".", match[2]))
        if target.startswith(".."):
            return match[0]
        target = "" if target == "." else target + ("/" if match[2].endswith("/") else "")
        return f'{match[1]}="{relative_url(src_uri, target) or "./"}{match[3] or ""}"'

    return _RELATIVE.sub(moved, html)


def _page_text(page: GeneratedPage, html: str) -> str:
    """The page as Markdown: its title and search settings as front matter (what the plugin
    sets as the page's meta), then its HTML as one raw block, which Markdown leaves alone."""
    meta: dict[str, Any] = {"title": page.title}
    if page.kind not in ("entry", "playbook", "home"):
        meta["hide"] = ["toc"]
    if page.search_boost:
        meta["search"] = {"boost": page.search_boost}
    if not page.searchable:
        meta["search"] = {"exclude": True}
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n\n<div class=\"peerlog-page\">\n{html}\n</div>\n"


def _add_home(docs: Path, home: GeneratedPage, settings: Settings) -> None:
    """The home page's generated sections after the project's own ``index.md``, or the
    generated home page when there is none."""
    index = docs / "index.md"
    if index.exists() or (docs / "README.md").exists():
        written = index if index.exists() else docs / "README.md"
        text = written.read_text(encoding="utf-8")
        after = _from_file(home.after, home.src_uri, settings)
        _write(written, text.rstrip("\n") + f"\n\n<div class=\"peerlog-page\">\n{after}\n</div>\n")
    else:
        _write(index, _page_text(home, _from_file(home.before + home.after, home.src_uri,
                                                  settings)))


def _exported_config(config: Mapping[str, Any], nav: Sequence[Any],
                     pages: Sequence[GeneratedPage], settings: Settings) -> dict[str, Any]:
    """The project's configuration for a plugin-free engine: its plugins dropped, peerlog's
    assets and navigation section added (after the home page, as the plugin puts it)."""
    exported = {k: v for k, v in config.items() if k not in NOT_CARRIED}
    exported["extra_css"] = [*_strings(config.get("extra_css")), *PAGE_CSS]
    exported["extra_javascript"] = [*_strings(config.get("extra_javascript")), *PAGE_JS]
    titles = {p.src_uri: p.title for p in pages}
    sections = [{spec.title: [{titles[uri]: uri} for uri in spec.pages if uri in titles]}
                for spec in nav]
    given = config.get("nav")
    if isinstance(given, list) and given:
        at = 1 if _is_home(given[0]) else 0
        exported["nav"] = [*given[:at], *sections, *given[at:]]
    else:
        exported["nav"] = [{"Home": "index.md"}, *sections]
    exported.setdefault("site_name", settings.site_name or "Peer learning journal")
    return exported


def _is_home(item: Any) -> bool:
    return item == "index.md" or (isinstance(item, dict) and list(item.values()) == ["index.md"])


def _strings(value: Any) -> Iterator[str]:
    return (v for v in value if isinstance(v, str)) if isinstance(value, list) else iter(())


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
