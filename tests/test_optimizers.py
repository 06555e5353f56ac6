"""Optimizers: the update rules worked by hand, in-place steps, and mini-batches."""

import numpy as np
import pytest

from nnlib.optimizers import (
    OPTIMIZERS,
    Adam,
    GradientDescent,
    Momentum,
    get_optimizer,
    mini_batch_indices,
    random_mini_batches,
    update_parameters,
)


def params():
    return {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}


def grads():
    return {"dW1": np.array([[0.5, 1.0]]), "db1": np.array([[-1.0]])}


def test_update_parameters_is_one_gradient_step_and_leaves_the_input_alone():
    p = params()
    new = update_parameters(p, grads(), learning_rate=0.1)
    np.testing.assert_allclose(new["W1"], [[0.95, -2.1]])
    np.testing.assert_allclose(new["b1"], [[0.6]])
    np.testing.assert_array_equal(p["W1"], params()["W1"])


def test_gradient_descent_step_matches_update_parameters_in_place():
    p = params()
    W1 = p["W1"]
    GradientDescent(0.1).step(p, grads())
    assert p["W1"] is W1  # updated in place
    expected = update_parameters(params(), grads(), 0.1)
    assert all(np.allclose(p[k], expected[k]) for k in p)


def test_momentum_two_steps_by_hand():
    p = params()
    opt = Momentum(learning_rate=0.1, beta=0.9)
    opt.step(p, grads())  # v = 0.1 * g = [0.05, 0.1]; W = [1 - 0.005, -2 - 0.01]
    np.testing.assert_allclose(p["W1"], [[0.995, -2.01]])
    opt.step(p, grads())  # v = 0.9 * [0.05, 0.1] + 0.1 * g = [0.095, 0.19]
    np.testing.assert_allclose(p["W1"], [[0.995 - 0.0095, -2.01 - 0.019]])


def test_adam_matches_the_textbook_update_for_three_steps():
    p, opt = params(), Adam(learning_rate=0.01)
    W, m, s = params()["W1"], 0.0, 0.0
    for t in range(1, 4):
        g = grads()["dW1"] * t
        opt.step(p, {"dW1": g, "db1": np.zeros((1, 1))})
        m = 0.9 * m + 0.1 * g
        s = 0.999 * s + 0.001 * g**2
        W = W - 0.01 * (m / (1 - 0.9**t)) / (np.sqrt(s / (1 - 0.999**t)) + 1e-8)
        np.testing.assert_allclose(p["W1"], W, rtol=1e-12)


def test_adam_first_step_moves_each_weight_by_about_the_learning_rate():
    p = params()
    Adam(learning_rate=0.01).step(p, grads())
    np.testing.assert_allclose(p["W1"] - params()["W1"], [[-0.01, -0.01]], rtol=1e-6)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_every_optimizer_minimises_a_quadratic(name):
    # J = 0.5 * ||W - target||^2, gradient W - target
    target = np.array([[3.0, -1.0]])
    p = {"W1": np.zeros((1, 2))}
    opt = get_optimizer(name, learning_rate=0.1)
    for _ in range(2000):
        opt.step(p, {"dW1": p["W1"] - target})
    np.testing.assert_allclose(p["W1"], target, atol=1e-3)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_optimizers_keep_float32(name):
    p = {k: v.astype(np.float32) for k, v in params().items()}
    g = {k: v.astype(np.float32) for k, v in grads().items()}
    get_optimizer(name).step(p, g)
    assert all(v.dtype == np.float32 for v in p.values())


def test_get_optimizer():
    assert isinstance(get_optimizer("adam"), Adam)
    assert get_optimizer("momentum", 0.5).learning_rate == 0.5
    opt = Momentum()
    assert get_optimizer(opt) is opt
    assert repr(Adam()) == "Adam(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08)"
    with pytest.raises(ValueError, match="unknown optimizer 'sgd'; choose one of 'gd', 'momentum', 'adam'"):
        get_optimizer("sgd")


def test_mini_batches_cover_every_example_once():
    X = np.arange(20.0).reshape(2, 10)
    Y = np.arange(10).reshape(1, 10)
    batches = random_mini_batches(X, Y, batch_size=4, rng=np.random.default_rng(0))
    assert [b[0].shape for b in batches] == [(2, 4), (2, 4), (2, 2)]
    seen = np.concatenate([y[0] for _, y in batches])
    assert sorted(seen) == list(range(10)) and list(seen) != list(range(10))  # all there, shuffled
    for X_batch, Y_batch in batches:  # columns stay paired with their labels
        np.testing.assert_array_equal(X_batch[0], Y_batch[0])


def test_mini_batch_indices_shuffle_and_cover_every_index_once():
    batches = mini_batch_indices(10, 4, np.random.default_rng(0))
    assert [len(idx) for idx in batches] == [4, 4, 2]
    seen = np.concatenate(batches)
    assert sorted(seen) == list(range(10)) and list(seen) != list(range(10))
    assert mini_batch_indices(0, 4, np.random.default_rng(0)) == []


def test_random_mini_batches_gather_the_columns_mini_batch_indices_name():
    X = np.arange(20.0).reshape(2, 10)
    Y = np.arange(10).reshape(1, 10)
    batches = random_mini_batches(X, Y, 4, np.random.default_rng(5))
    indices = mini_batch_indices(10, 4, np.random.default_rng(5))
    assert len(batches) == len(indices)
    for (X_batch, Y_batch), idx in zip(batches, indices):
        np.testing.assert_array_equal(X_batch, X[:, idx])
        np.testing.assert_array_equal(Y_batch, Y[:, idx])


def test_mini_batches_are_deterministic_with_a_seed():
    X, Y = np.ones((2, 9)), np.arange(9).reshape(1, 9)
    a = random_mini_batches(X, Y, 4, np.random.default_rng(3))
    b = random_mini_batches(X, Y, 4, np.random.default_rng(3))
    assert all(np.array_equal(ya, yb) for (_, ya), (_, yb) in zip(a, b))


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: update_parameters(params(), {"dW1": np.ones((1, 2))}, 0.1), ValueError, "grads has no 'db1'"),
        (
            lambda: update_parameters(params(), {"dW1": np.ones((2, 1)), "db1": np.ones((1, 1))}, 0.1),
            ValueError,
            r"grads\['dW1'\] must have the shape of parameters\['W1'\], \(1, 2\), got \(2, 1\)",
        ),
        (lambda: update_parameters(params(), grads(), -1), ValueError, "learning_rate must be > 0, got -1"),
        (lambda: update_parameters(params(), grads(), "0.1"), TypeError, "learning_rate must be a number, got str"),
        (lambda: Momentum(beta=1.0), ValueError, r"beta must be in \[0, 1\), got 1.0"),
        (
            lambda: random_mini_batches(np.ones((2, 5)), np.ones((1, 4)), 2),
            ValueError,
            r"Y must have shape \(n_y, m=5\), got \(1, 4\)",
        ),
        (lambda: random_mini_batches(np.ones((2, 5)), np.ones((1, 5)), 0), ValueError, "batch_size must be > 0"),
    ],
)
def test_bad_arguments_get_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


# --- the functional steps of lesson 15 ---------------------------------------------------------------


def _problem(seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    parameters = {"W1": rng.normal(size=(3, 2)).astype(dtype), "b1": rng.normal(size=(3, 1)).astype(dtype)}
    grads = {"d" + key: rng.normal(size=value.shape).astype(dtype) for key, value in parameters.items()}
    zeros = {"d" + key: np.zeros_like(value) for key, value in parameters.items()}
    return parameters, grads, zeros


def test_momentum_update_follows_its_formula_and_matches_the_class():
    from nnlib.optimizers import Momentum, momentum_update

    parameters, grads, velocity = _problem()
    before = {key: value.copy() for key, value in parameters.items()}
    momentum = Momentum(learning_rate=0.1, beta=0.9)
    in_place = {key: value.copy() for key, value in parameters.items()}
    for _ in range(3):
        new_parameters, new_velocity = momentum_update(parameters, grads, velocity, 0.9, 0.1)
        for key in parameters:
            expected_v = 0.9 * velocity["d" + key] + 0.1 * grads["d" + key]
            np.testing.assert_allclose(new_velocity["d" + key], expected_v)
            np.testing.assert_allclose(new_parameters[key], parameters[key] - 0.1 * expected_v)
        parameters, velocity = new_parameters, new_velocity
        momentum.step(in_place, grads)
    for key in parameters:
        np.testing.assert_allclose(in_place[key], parameters[key])
    first, _, _ = _problem()
    for key in first:
        np.testing.assert_array_equal(first[key], before[key])  # the first call's inputs were not changed


def test_adam_update_with_bias_correction_matches_the_textbook_formula_and_the_class():
    from nnlib.optimizers import Adam, adam_update

    parameters, grads, zeros = _problem(1)
    v, s = zeros, {key: value.copy() for key, value in zeros.items()}
    adam = Adam(learning_rate=0.01)
    in_place = {key: value.copy() for key, value in parameters.items()}
    for t in (1, 2, 3):
        new_parameters, new_v, new_s = adam_update(parameters, grads, v, s, t, learning_rate=0.01)
        for key in parameters:
            dP = grads["d" + key]
            v_t = 0.9 * v["d" + key] + 0.1 * dP
            s_t = 0.999 * s["d" + key] + 0.001 * dP**2
            step = 0.01 * (v_t / (1 - 0.9**t)) / (np.sqrt(s_t / (1 - 0.999**t)) + 1e-8)
            np.testing.assert_allclose(new_v["d" + key], v_t)
            np.testing.assert_allclose(new_s["d" + key], s_t)
            np.testing.assert_allclose(new_parameters[key], parameters[key] - step, rtol=1e-10)
        parameters, v, s = new_parameters, new_v, new_s
        adam.step(in_place, grads)
    for key in parameters:
        np.testing.assert_allclose(in_place[key], parameters[key], rtol=1e-10)


def test_adam_first_step_moves_every_entry_by_about_the_learning_rate_and_keeps_float32():
    from nnlib.optimizers import adam_update

    parameters, grads, zeros = _problem(2, np.float32)
    new_parameters, _, _ = adam_update(parameters, grads, zeros, zeros, 1, learning_rate=0.01)
    for key in parameters:
        assert new_parameters[key].dtype == np.float32
        np.testing.assert_allclose(np.abs(new_parameters[key] - parameters[key]), 0.01, rtol=1e-3)


def test_functional_steps_refuse_bad_input():
    from nnlib.optimizers import adam_update, momentum_update

    parameters, grads, zeros = _problem()
    with pytest.raises(ValueError, match="beta must be in"):
        momentum_update(parameters, grads, zeros, 1.0, 0.1)
    with pytest.raises(ValueError, match="velocity has no 'db1'"):
        momentum_update(parameters, grads, {"dW1": zeros["dW1"]}, 0.9, 0.1)
    with pytest.raises(ValueError, match=r"s\['dW1'\] must have the shape"):
        adam_update(parameters, grads, zeros, {"dW1": np.zeros((2, 3)), "db1": zeros["db1"]}, 1)
    with pytest.raises(ValueError, match="t must be > 0"):
        adam_update(parameters, grads, zeros, zeros, 0)
