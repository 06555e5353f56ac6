"""Initialisers: shapes, dtypes, scale statistics, determinism, and argument errors."""

import numpy as np
import pytest

from nnlib import initializers
from nnlib.initializers import INITIALIZERS, init_params, initialize_parameters


def test_initialize_parameters_shapes_and_zero_biases():
    p = initialize_parameters(3, 5, 2, rng=np.random.default_rng(0))
    assert {k: v.shape for k, v in p.items()} == {"W1": (5, 3), "b1": (5, 1), "W2": (2, 5), "b2": (2, 1)}
    assert not p["b1"].any() and not p["b2"].any()
    assert 0 < np.abs(p["W1"]).max() < 0.05  # small: N(0, 1) * 0.01


def test_initialize_parameters_draws_w1_then_w2_like_the_article():
    rng = np.random.default_rng(7)
    expected_W1 = rng.standard_normal((5, 3)) * 0.01
    expected_W2 = rng.standard_normal((2, 5)) * 0.01
    p = initialize_parameters(3, 5, 2, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(p["W1"], expected_W1)
    np.testing.assert_array_equal(p["W2"], expected_W2)


@pytest.mark.parametrize(
    "name, expected_std",
    [
        ("small_random", lambda n_in, n_out: 0.01),
        ("xavier", lambda n_in, n_out: np.sqrt(1 / n_in)),
        ("glorot", lambda n_in, n_out: np.sqrt(2 / (n_in + n_out))),
        ("he", lambda n_in, n_out: np.sqrt(2 / n_in)),
    ],
)
def test_scale_of_each_scheme(name, expected_std):
    p = init_params([400, 300, 200], name, np.random.default_rng(0))
    for l, (n_in, n_out) in enumerate([(400, 300), (300, 200)], start=1):
        W = p[f"W{l}"]
        assert abs(W.mean()) < 0.01 * expected_std(n_in, n_out) * 10
        assert W.std() == pytest.approx(expected_std(n_in, n_out), rel=0.02)


def test_zeros_scheme_is_all_zero():
    p = init_params([3, 4, 1], "zeros")
    assert all(not v.any() for v in p.values())


@pytest.mark.parametrize("name", INITIALIZERS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_shapes_and_dtype(name, dtype):
    p = init_params([6, 5, 4, 3], name, np.random.default_rng(0), dtype)
    assert [k for k in p] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert [p[f"W{l}"].shape for l in (1, 2, 3)] == [(5, 6), (4, 5), (3, 4)]
    assert [p[f"b{l}"].shape for l in (1, 2, 3)] == [(5, 1), (4, 1), (3, 1)]
    assert all(v.dtype == dtype for v in p.values())


def test_same_seed_same_parameters_and_different_seed_different():
    a = init_params([4, 3, 1], "he", np.random.default_rng(1))
    b = init_params([4, 3, 1], "he", np.random.default_rng(1))
    c = init_params([4, 3, 1], "he", np.random.default_rng(2))
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["W1"], c["W1"])


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: init_params([3]), ValueError, "at least one layer"),
        (lambda: init_params(5), TypeError, "layer_dims must be a list"),
        (lambda: init_params([3, 0, 1]), ValueError, r"layer_dims\[1\] must be > 0, got 0"),
        (lambda: init_params([3, 2.5, 1]), TypeError, r"layer_dims\[1\] must be an integer, got float"),
        (lambda: init_params([3, 1], "lecun"), ValueError, "unknown initializer 'lecun'; choose one of 'zeros'"),
        (lambda: init_params([3, 1], rng=True), TypeError, "rng must be a numpy.random.Generator"),
        (lambda: init_params([3, 1], dtype=np.int32), TypeError, "dtype must be a floating-point type"),
        (lambda: initialize_parameters(2, 0, 1), ValueError, "hidden_size must be > 0, got 0"),
        (lambda: initialize_parameters(2.0, 4, 1), TypeError, "input_size must be an integer"),
    ],
)
def test_bad_arguments_get_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize(("fn", "gain"), [(initializers.xavier_init, 1.0), (initializers.he_init, 2.0)])
def test_fan_in_schemes_draw_the_stated_normal(fn, gain):
    W = fn(300, 200, np.random.default_rng(0))
    assert W.shape == (300, 200) and W.dtype == np.float64
    assert abs(W.std() - np.sqrt(gain / 200)) < 0.01 * np.sqrt(gain / 200)
    expected = np.random.default_rng(5).standard_normal((3, 4)) * np.sqrt(gain / 4)
    np.testing.assert_array_equal(fn(3, 4, np.random.default_rng(5)), expected)


@pytest.mark.parametrize(
    ("name", "fn"),
    [("xavier", initializers.xavier_init), ("glorot", initializers.glorot_init), ("he", initializers.he_init)],
)
def test_a_scheme_name_means_one_function_everywhere(name, fn):
    assert INITIALIZERS[name] is fn
    W = init_params([7, 5], name, np.random.default_rng(1))["W1"]
    np.testing.assert_array_equal(W, fn(5, 7, np.random.default_rng(1)))


@pytest.mark.parametrize("fn", [initializers.xavier_init, initializers.glorot_init, initializers.he_init])
def test_schemes_reject_bad_arguments(fn):
    with pytest.raises(ValueError, match="n_in"):
        fn(3, 0, np.random.default_rng(0))
    with pytest.raises(TypeError, match="rng must be a numpy Generator"):
        fn(3, 4, 0)


def test_an_int_seed_is_the_generator_it_seeds():
    from nnlib._validation import check_rng

    assert check_rng(5).integers(1000, size=4).tolist() == np.random.default_rng(5).integers(1000, size=4).tolist()
    np.testing.assert_array_equal(
        init_params([4, 3, 1], rng=0)["W1"], init_params([4, 3, 1], rng=np.random.default_rng(0))["W1"]
    )
    generator = np.random.default_rng(1)
    assert check_rng(generator) is generator
    assert isinstance(check_rng(None), np.random.Generator)


@pytest.mark.parametrize("rng", [True, False, 1.5, "0"])
def test_a_bool_or_other_non_seed_rng_is_refused(rng):
    from nnlib._validation import check_rng

    with pytest.raises(TypeError, match="rng must be"):
        check_rng(rng)


def test_a_negative_seed_is_refused():
    from nnlib._validation import check_rng

    with pytest.raises(ValueError, match="non-negative"):
        check_rng(-1)
