"""Teaching chains: does what one person teaches travel on?

From the "taught" edges (teacher -> learner, people only: ``learned_from`` names; pairing is
working together, not teaching), three facts a programme lead asks about:

- **relays**: people who were taught by someone and taught someone else in turn;
- **generations**: how far from the people nobody taught each learner stands (breadth-first, so
  a person's generation is the shortest way to reach them); people taught only inside a circle
  (a taught b, b taught a, nobody taught either first) belong to no generation;
- **the longest chain**: the longest run of teacher -> learner -> learner... with nobody twice.

Every step is one pass over the people and edges (a depth-first search that drops the edges
closing a circle, then the longest path of what is left, which has no circle), so a journal of
10,000 entries costs milliseconds; chains stop at :data:`MAX_DEPTH` people.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

#: A chain or a generation count stops here: no real team teaches through 50 people in a row,
#: and a hostile journal could write a chain of thousands.
MAX_DEPTH = 50


@dataclass(frozen=True)
class Chains:
    """What :func:`teaching_chains` found; people are ids, in a stable order."""

    relays: tuple[str, ...]
    """People who were taught and then taught someone else (sorted)."""
    generations: tuple[tuple[str, ...], ...]
    """Generation 0 (people who taught and were taught by nobody), 1, 2... each sorted."""
    longest: tuple[str, ...]
    """The longest chain, teacher first; empty when nobody taught anybody."""
    circular: tuple[str, ...] = ()
    """Learners no generation reaches: taught only within a circle."""

    @property
    def depth(self) -> int:
        """How many generations the teaching reached beyond its first teachers."""
        return max(0, len(self.generations) - 1)


def teaching_chains(edges: Iterable[tuple[str, str]]) -> Chains:
    """The chains of ``edges`` (``(teacher, learner)`` pairs; repeats and self-loops ignored)."""
    learned: dict[str, dict[str, None]] = {}
    learners: set[str] = set()
    for teacher, learner in edges:
        if teacher == learner:
            continue
        learned.setdefault(teacher, {})[learner] = None
        learners.add(learner)
        learned.setdefault(learner, {})
    taught = {person: sorted(out) for person, out in learned.items()}
    people = sorted(taught)
    relays = tuple(p for p in people if p in learners and taught[p])
    roots = [p for p in people if p not in learners]
    generations, reached = _generations(roots, taught)
    circular = tuple(p for p in people if p not in reached)
    return Chains(relays, generations, _longest(people, taught), circular)


def _generations(roots: list[str], taught: dict[str, list[str]]
                 ) -> tuple[tuple[tuple[str, ...], ...], set[str]]:
    """Breadth-first from ``roots``: each person in the first generation that reaches them."""
    depth = dict.fromkeys(roots, 0)
    queue = deque(roots)
    while queue:
        person = queue.popleft()
        if depth[person] + 1 >= MAX_DEPTH:
            continue
        for learner in taught[person]:
            if learner not in depth:
                depth[learner] = depth[person] + 1
                queue.append(learner)
    levels: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for person, level in depth.items():
        levels[level].append(person)
    return tuple(tuple(sorted(level)) for level in levels), set(depth)


def _longest(people: list[str], taught: dict[str, list[str]]) -> tuple[str, ...]:
    """The longest path once the edges that close a circle are dropped (iterative depth-first
    search: an edge to a person still on the stack closes one). Ties go to the chain whose
    names come first, so the answer does not depend on the order the entries were read."""
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    best: dict[str, tuple[str, ...]] = {}
    for start in people:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(taught[start]))]
        while stack:
            person, rest = stack[-1]
            learner = next(rest, None)
            if learner is None:
                stack.pop()
                state[person] = 2
                tails = [best[n] for n in taught[person] if state.get(n) == 2 and n in best]
                tail = min(tails, key=lambda t: (-len(t), t), default=())
                best[person] = (person, *tail)[:MAX_DEPTH]
            elif learner not in state:
                state[learner] = 1
                stack.append((learner, iter(taught[learner])))
        # An edge to a person on the stack (state 1) closes a circle and is never followed.
    chains = [c for c in best.values() if len(c) > 1]
    return min(chains, key=lambda c: (-len(c), c), default=())
