"""PLACEHOLDER: helper-7 replaces this module (entry template and file naming for new entries)."""

from __future__ import annotations

TEMPLATE = ""
