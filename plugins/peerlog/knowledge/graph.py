"""The contributor graph as networkx, JSON and GraphML.

networkx does the graph work (and its GraphML writer opens in Gephi and yEd); peerlog only
decides what the nodes and edges are (``people.py``). The JSON is written straight from
:class:`People`, whose edges are already one per (source, target, kind) and sorted: networkx
takes a tenth of a second to import, which ``peerlog graph`` on a big history cannot spare, so
it is imported only for GraphML.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from peerlog.base.text import xml_safe
from peerlog.knowledge.people import People

if TYPE_CHECKING:
    import networkx as nx


def to_networkx(people: People) -> nx.MultiDiGraph:
    """Nodes are people; one edge per (source, target, kind), keyed by kind."""
    import networkx as nx  # only GraphML needs it: see the module docstring

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
    """``{"nodes": [...], "edges": [...], "history": {...}}``, as documented in docs/data.md:
    nodes most active first, edges by kind, source and target (the order of ``People``)."""
    nodes = []
    for pid, person in people.persons.items():
        node = {"id": pid, **_node_attributes(pid, people)}
        node["first"] = node["first"] or None
        node["last"] = node["last"] or None
        node["topic_names"] = [name for name, _ in person.topics]
        nodes.append(node)
    edges = [{"source": e.source, "target": e.target, "kind": e.kind, "weight": e.weight}
             for e in people.edges]
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
    import networkx as nx  # see to_networkx

    graph = to_networkx(people)
    for _, attrs in graph.nodes(data=True):
        attrs["name"] = xml_safe(attrs["name"])
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")
