"""The L-layer network: gradients vs finite differences for every activation and
regulariser, agreement with part 1's network, dtypes, and argument errors."""

import numpy as np
import pytest

from nnlib import deep, shallow
from nnlib.activations import ACTIVATIONS
from nnlib.gradcheck import gradient_check
from nnlib.initializers import init_params, initialize_parameters
from nnlib.losses import LOSSES, default_loss

OUTPUTS = {"sigmoid": 2, "softmax": 3, "identity": 2}  # output activation -> n_L used in the tests


def problem(output_activation, m=7, seed=0, dtype=np.float64):
    """A tiny 4-5-4-n_L network, its inputs and matching targets."""
    rng = np.random.default_rng(seed)
    n_out = OUTPUTS[output_activation]
    X = rng.standard_normal((4, m)).astype(dtype)
    if output_activation == "softmax":
        Y = np.eye(n_out)[:, rng.integers(0, n_out, m)]
    elif output_activation == "sigmoid":
        Y = (rng.random((n_out, m)) > 0.5).astype(float)
    else:
        Y = rng.standard_normal((n_out, m))
    parameters = init_params([4, 5, 4, n_out], "xavier", rng, dtype)
    for l in (1, 2, 3):  # non-zero biases: no ReLU input sits exactly on its kink at 0
        parameters[f"b{l}"] += rng.uniform(0.05, 0.3, parameters[f"b{l}"].shape).astype(dtype)
    return X, Y.astype(dtype), parameters


def check_network(hidden, output, loss=None, l1=0.0, l2=0.0, keep_prob=1.0):
    X, Y, parameters = problem(output)
    loss = loss or default_loss(output).name

    def run(P):
        # A freshly seeded rng every call: the same dropout mask each time.
        return deep.forward_prop(X, P, hidden, output, keep_prob, np.random.default_rng(3))

    def cost(P):
        return deep.cost_function(run(P)[0], Y, loss, P, l1, l2)

    AL, caches = run(parameters)
    grads = deep.backprop(AL, Y, caches, loss, l1, l2)
    return gradient_check(cost, parameters, grads, tolerance=1e-6)


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("hidden", ACTIVATIONS)
def test_backprop_matches_finite_differences(hidden, output):
    report = check_network(hidden, output)
    assert report.passed, report


@pytest.mark.parametrize("loss", LOSSES)
def test_backprop_with_a_non_canonical_output_pairing(loss):
    report = check_network("tanh", "sigmoid", loss=loss)
    assert report.passed, report


@pytest.mark.parametrize("hidden", ["relu", "tanh"])
@pytest.mark.parametrize("penalty", [{"l2": 0.7}, {"l1": 0.3}, {"l1": 0.2, "l2": 0.5}])
def test_backprop_with_weight_penalties(hidden, penalty):
    report = check_network(hidden, "sigmoid", **penalty)
    assert report.passed, report


@pytest.mark.parametrize("hidden", ["relu", "sigmoid"])
def test_backprop_with_dropout_under_a_fixed_mask(hidden):
    report = check_network(hidden, "softmax", keep_prob=0.6, l2=0.1)
    assert report.passed, report


def test_dropout_zeroes_and_rescales_hidden_units_only():
    X, _, parameters = problem("sigmoid", m=2000)
    _, plain = deep.forward_prop(X, parameters, "relu", "sigmoid")
    _, dropped = deep.forward_prop(X, parameters, "relu", "sigmoid", keep_prob=0.8, rng=np.random.default_rng(0))
    assert dropped[-1].dropout_mask is None  # never on the output layer
    D = dropped[0].dropout_mask
    assert set(np.unique(D)) == {0.0, 1 / 0.8}
    assert (D > 0).mean() == pytest.approx(0.8, abs=0.02)
    # the next layer sees A1 * D: compare through its cached input
    np.testing.assert_allclose(dropped[1].linear.A_prev, plain[0].A * D)


def test_part_one_network_agrees_with_the_l_layer_code():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((2, 9))
    Y = (rng.random((1, 9)) > 0.5).astype(float)
    parameters = initialize_parameters(2, 4, 1, rng)
    parameters = {k: v * 100 for k, v in parameters.items()}  # not tiny, so differences would show
    A2, cache = shallow.forward_propagation(X, parameters)
    AL, caches = deep.forward_prop(X, parameters, "sigmoid", "sigmoid")
    np.testing.assert_allclose(A2, AL, rtol=1e-14)
    np.testing.assert_allclose(cache["A1"], caches[0].A, rtol=1e-14)
    assert shallow.compute_cost(A2, Y) == pytest.approx(deep.cost_function(AL, Y), rel=1e-14)
    grads = shallow.backward_propagation(parameters, cache, X, Y)
    for key, value in deep.backprop(AL, Y, caches).items():
        np.testing.assert_allclose(grads[key], value, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(shallow.predict(X, parameters), deep.predict(X, parameters, "sigmoid", "sigmoid"))


def test_part_one_backward_propagation_matches_finite_differences():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((3, 6))
    Y = (rng.random((1, 6)) > 0.5).astype(float)
    parameters = init_params([3, 4, 1], "xavier", rng)
    _, cache = shallow.forward_propagation(X, parameters)
    grads = shallow.backward_propagation(parameters, cache, X, Y)
    report = gradient_check(lambda P: shallow.compute_cost(shallow.forward_propagation(X, P)[0], Y), parameters, grads)
    assert report.passed, report


def test_gradient_keys_come_in_layer_order():
    X, Y, parameters = problem("sigmoid")
    AL, caches = deep.forward_prop(X, parameters)
    assert list(deep.backprop(AL, Y, caches)) == ["dW1", "db1", "dW2", "db2", "dW3", "db3"]


def test_backprop_does_not_compute_the_gradient_of_the_input_data(monkeypatch):
    X, Y, parameters = problem("softmax")
    AL, caches = deep.forward_prop(X, parameters, "relu", "softmax")
    asked = []
    linear_backward = deep.linear_backward

    def spy(dZ, cache, need_dA_prev=True):
        asked.append(need_dA_prev)
        return linear_backward(dZ, cache, need_dA_prev)

    monkeypatch.setattr(deep, "linear_backward", spy)
    grads = deep.backprop(AL, Y, caches, "categorical_cross_entropy")
    assert asked == [True, True, False]  # layers 3, 2, then 1, whose input is X
    assert "dA0" not in grads and "dX" not in grads


def test_linear_backward_without_dA_prev_gives_the_same_weight_gradients():
    rng = np.random.default_rng(2)
    A_prev, W, b, dZ = (rng.standard_normal(shape) for shape in [(4, 6), (3, 4), (3, 1), (3, 6)])
    _, cache = deep.linear_forward(A_prev, W, b)
    dA_prev, dW, db = deep.linear_backward(dZ, cache)
    skipped, dW_only, db_only = deep.linear_backward(dZ, cache, need_dA_prev=False)
    assert skipped is None
    np.testing.assert_allclose(dA_prev, W.T @ dZ)
    np.testing.assert_allclose(dW_only, dZ @ A_prev.T / 6, rtol=1e-14)
    np.testing.assert_array_equal(dW_only, dW)
    np.testing.assert_array_equal(db_only, db)
    np.testing.assert_allclose(db, dZ.sum(axis=1, keepdims=True) / 6, rtol=1e-14)


@pytest.mark.parametrize("output", OUTPUTS)
def test_float32_stays_float32_end_to_end(output):
    X, Y, parameters = problem(output, dtype=np.float32)
    AL, caches = deep.forward_prop(X, parameters, "relu", output, keep_prob=0.9, rng=np.random.default_rng(0))
    assert AL.dtype == np.float32
    assert all(c.A.dtype == np.float32 and c.Z.dtype == np.float32 for c in caches)
    grads = deep.backprop(AL, Y, caches, default_loss(output).name, l2=0.1)
    assert {g.dtype for g in grads.values()} == {np.dtype(np.float32)}


def test_forward_prop_does_not_modify_its_inputs():
    X, _, parameters = problem("sigmoid")
    before = {k: v.copy() for k, v in parameters.items()}
    X_before = X.copy()
    deep.forward_prop(X, parameters, keep_prob=0.5, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(X, X_before)
    assert all(np.array_equal(before[k], parameters[k]) for k in before)


def test_predict_labels():
    X, _, parameters = problem("softmax", m=5)
    labels = deep.predict(X, parameters, "relu", "softmax")
    AL, _ = deep.forward_prop(X, parameters, "relu", "softmax")
    assert labels.shape == (1, 5)
    np.testing.assert_array_equal(labels[0], AL.argmax(axis=0))
    X, _, parameters = problem("sigmoid", m=5)
    AL, _ = deep.forward_prop(X, parameters)
    np.testing.assert_array_equal(deep.predict(X, parameters), (AL > 0.5).astype(int))
    X, _, parameters = problem("identity", m=5)
    np.testing.assert_array_equal(
        deep.predict(X, parameters, output_activation="identity"),
        deep.forward_prop(X, parameters, output_activation="identity")[0],
    )


def test_layer_cache_repr_is_informative():
    X, _, parameters = problem("sigmoid")
    _, caches = deep.forward_prop(X, parameters)
    assert repr(caches[0]) == "LayerCache(W (5, 4), A (5, 7), 'relu')"


W = np.ones((3, 2))
b = np.zeros((3, 1))


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda: deep.linear_forward(np.ones((3, 5)), W, b),
            ValueError,
            r"A_prev must have shape \(n_prev=2, m\), got \(3, 5\)",
        ),
        (
            lambda: deep.linear_forward(np.ones((2, 5)), W, np.zeros(3)),
            ValueError,
            r"b must be a 2-D array of shape \(n=3, 1\), got shape \(3,\)",
        ),
        (
            lambda: deep.linear_forward(np.ones((2, 5)), W, np.zeros((1, 3))),
            ValueError,
            r"b must have shape \(n=3, 1\), got \(1, 3\) \(transposed\? examples are columns\)",
        ),
        (
            lambda: deep.linear_forward(np.ones((2, 5)), "W", b),
            TypeError,
            "W must be a numpy array of numbers, got str",
        ),
        (
            lambda: deep.forward_prop(np.ones((5, 2)), {"W1": W, "b1": b}),
            ValueError,
            r"X must have shape \(n_0=2, m\), got \(5, 2\)",
        ),
        (lambda: deep.forward_prop(np.ones((2, 5)), {"W1": W}), ValueError, "parameters is missing b1"),
        (lambda: deep.forward_prop(np.ones((2, 5)), [W, b]), TypeError, "parameters must be a dict"),
        (
            lambda: deep.forward_prop(
                np.ones((2, 5)), {"W1": W, "b1": b, "W2": np.ones((1, 4)), "b2": np.zeros((1, 1))}
            ),
            ValueError,
            r"parameters\['W2'\] must have shape \(n_2, n_1=3\), got \(1, 4\)",
        ),
        (
            lambda: deep.forward_prop(np.ones((2, 5)), {"W1": W, "b1": b}, "relu", "softmaks"),
            ValueError,
            "unknown activation 'softmaks'; choose one of",
        ),
        (
            lambda: deep.forward_prop(np.ones((2, 5)), {"W1": W, "b1": b}, keep_prob=0),
            ValueError,
            "keep_prob must be > 0, got 0",
        ),
        (
            lambda: deep.forward_prop(np.ones((2, 5)), {"W1": W, "b1": b}, keep_prob=1.5),
            ValueError,
            "keep_prob must be at most 1, got 1.5",
        ),
        (lambda: deep.backprop(np.ones((1, 5)), np.ones((1, 5)), []), ValueError, "caches is empty"),
        (lambda: deep.cost_function(np.full((1, 2), 0.5), np.ones((1, 2)), l2=0.1), ValueError, "needs parameters="),
        (
            lambda: shallow.forward_propagation(np.ones((2, 5)), {"W1": W, "b1": b}),
            ValueError,
            "exactly W1, b1, W2, b2",
        ),
        (
            lambda: shallow.backward_propagation(
                {"W1": W, "b1": b, "W2": np.ones((1, 3)), "b2": np.zeros((1, 1))}, {}, np.ones((2, 5)), np.ones((5, 1))
            ),
            ValueError,
            r"Y must have shape \(n_y=1, m=5\), got \(5, 1\) \(transposed\? examples are columns\)",
        ),
    ],
)
def test_bad_arguments_get_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()
