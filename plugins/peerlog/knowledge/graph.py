"""The contributor graph as networkx, JSON and GraphML.

networkx does the graph work (and its GraphML writer opens in Gephi and yEd); peerlog only
decides what the nodes and edges are (``people.py``).
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

from peerlog.base.text import xml_safe
from peerlog.knowledge.people import KINDS, People


def to_networkx(people: People) -> nx.MultiDiGraph:
    """Nodes are people; one edge per (source, target, kind), keyed by kind."""
    graph = nx.MultiDiGraph()
    for p in people.persons.values():
        graph.add_node(p.id, **_node_attributes(p.id, people))
    for e in people.edges:
        graph.add_edge(e.source, e.target, key=e.kind, kind=e.kind, weight=e.weight)
    return graph


def _node_attributes(pid: str, people: People) -> dict[str, Any]:
    p = people.persons[pid]
    return {
        "name": p.name,
        "commits": p.commits,
        "entries": len(p.entries),
        "topics": len(p.topics),
        "taught": len(p.taught),
        "learned_from": len(p.learned_from),
        "first": p.first.isoformat() if p.first else "",
        "last": p.last.isoformat() if p.last else "",
    }


def to_json(people: People) -> dict[str, Any]:
    """``{"nodes": [...], "edges": [...], "history": {...}}``, as documented in docs/data.md."""
    graph = to_networkx(people)
    nodes = []
    for pid, attrs in graph.nodes(data=True):
        node = {"id": pid, **attrs}
        node["first"] = node["first"] or None
        node["last"] = node["last"] or None
        node["topic_names"] = [name for name, _ in people.persons[pid].topics]
        nodes.append(node)
    edges = sorted(
        ({"source": s, "target": t, "kind": d["kind"], "weight": d["weight"]}
         for s, t, d in graph.edges(data=True)),
        key=lambda e: (KINDS.index(e["kind"]), e["source"], e["target"]),
    )
    return {
        "nodes": nodes,
        "edges": edges,
        "history": {"commits": people.history_commits, "shallow": people.shallow,
                    "notes": list(people.notes)},
    }


def to_graphml(people: People) -> str:
    """GraphML text (Gephi, yEd); list-valued attributes are left out, as GraphML wants, and
    names lose the characters XML cannot hold (networkx writes with lxml when it is there,
    and lxml refuses them)."""
    graph = to_networkx(people)
    for _, attrs in graph.nodes(data=True):
        attrs["name"] = xml_safe(attrs["name"])
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")
