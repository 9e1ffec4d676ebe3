"""Git history, read in one pass (``log``), and what a branch changed (``changes``).

Imports :mod:`peerlog.base` and :mod:`peerlog.read` (``.mailmap`` is an untrusted file).
"""
