"""The knowledge model in plain Python: topics, problem types, approach grouping, playbooks,
people, the contributor graph, the pulse and teaching chains, and cross-entry checks;
``pipeline`` runs it all.

Imports :mod:`peerlog.base`, :mod:`peerlog.read` and :mod:`peerlog.history`; never a front end.
"""
