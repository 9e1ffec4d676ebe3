#!/usr/bin/env python3
"""Build the contributor graph (who learns from whom) from git history and the journals.

A thin wrapper over ``peerlog graph``; see ``peerlog graph --help``. Examples::

    scripts/contributor_graph.py --repo . --paths . --out graph.json
    scripts/contributor_graph.py --format graphml --out graph.graphml   # opens in Gephi, yEd
"""

from __future__ import annotations

import sys

from peerlog.cli import main

if __name__ == "__main__":
    sys.exit(main(["graph", *sys.argv[1:]]))
