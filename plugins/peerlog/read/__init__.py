"""Reading: untrusted files (journal entries, curated playbooks, ``contributors.yml``) to typed
records and problems, each with the file line and column it came from.

Every file a pull request can change is opened through :mod:`.untrusted` and every YAML text is
composed by :mod:`.frontmatter`. Imports :mod:`peerlog.base` only.
"""
