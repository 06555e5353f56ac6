"""The L-layer network: gradients vs finite differences for every activation and
regulariser, agreement with part 1's network, dtypes, and argument errors."""

import numpy as np
import pytest
from checker_cases import l_layer_backward, l_layer_forward

from nnlib import deep, shallow, training
from nnlib.activations import ACTIVATIONS
from nnlib.gradcheck import gradient_check
from nnlib.initializers import init_params, initialize_parameters
from nnlib.losses import LOSSES, default_loss

OUTPUTS = {"sigmoid": 2, "softmax": 3, "identity": 2}  # output activation -> n_L used in the tests


def problem(output_activation, m=7, seed=0, dtype=np.float64, layer_dims=(4, 5, 4)):
    """A tiny network (4-5-4-n_L unless told), its inputs and matching targets."""
    rng = np.random.default_rng(seed)
    n_out = OUTPUTS[output_activation]
    X = rng.standard_normal((layer_dims[0], m)).astype(dtype)
    if output_activation == "softmax":
        Y = np.eye(n_out)[:, rng.integers(0, n_out, m)]
    elif output_activation == "sigmoid":
        Y = (rng.random((n_out, m)) > 0.5).astype(float)
    else:
        Y = rng.standard_normal((n_out, m))
    parameters = init_params([*layer_dims, n_out], "glorot", rng, dtype)
    for l in range(1, len(layer_dims) + 1):  # non-zero biases: no ReLU input sits exactly on its kink at 0
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
    grads = deep.backprop(AL, Y, caches, hidden, output, loss, l1, l2)
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
    assert len(dropped[-1]) == 2  # (linear_cache, Z): never a mask on the output layer
    D = dropped[0][2]  # (linear_cache, Z, D)
    assert set(np.unique(D)) == {0.0, 1 / 0.8}
    assert (D > 0).mean() == pytest.approx(0.8, abs=0.02)
    # the next layer sees A1 * D: compare through its cached input
    A1_dropped, A1 = dropped[1][0][0], plain[1][0][0]  # layer 2's linear cache holds its input
    np.testing.assert_allclose(A1_dropped, A1 * D)


def test_part_one_network_agrees_with_the_l_layer_code():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((2, 9))
    Y = (rng.random((1, 9)) > 0.5).astype(float)
    parameters = initialize_parameters(2, 4, 1, rng)
    parameters = {k: v * 100 for k, v in parameters.items()}  # not tiny, so differences would show
    A2, cache = shallow.forward_propagation(X, parameters)
    AL, caches = deep.forward_prop(X, parameters, "sigmoid", "sigmoid")
    np.testing.assert_allclose(A2, AL, rtol=1e-14)
    (A1, _, _), _ = caches[1]  # layer 2's input is layer 1's output
    np.testing.assert_allclose(cache["A1"], A1, rtol=1e-14)
    assert shallow.compute_cost(A2, Y) == pytest.approx(deep.cost_function(AL, Y), rel=1e-14)
    grads = shallow.backward_propagation(parameters, cache, X, Y)
    for key, value in deep.backprop(AL, Y, caches, "sigmoid", "sigmoid").items():
        np.testing.assert_allclose(grads[key], value, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(shallow.predict(X, parameters), deep.predict(X, parameters, "sigmoid", "sigmoid"))


def test_part_one_backward_propagation_matches_finite_differences():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((3, 6))
    Y = (rng.random((1, 6)) > 0.5).astype(float)
    parameters = init_params([3, 4, 1], "glorot", rng)
    _, cache = shallow.forward_propagation(X, parameters)
    grads = shallow.backward_propagation(parameters, cache, X, Y)
    report = gradient_check(lambda P: shallow.compute_cost(shallow.forward_propagation(X, P)[0], Y), parameters, grads)
    assert report.passed, report


def test_gradient_keys_come_in_layer_order():
    X, Y, parameters = problem("sigmoid")
    AL, caches = deep.forward_prop(X, parameters)
    assert list(deep.backprop(AL, Y, caches)) == ["dW1", "db1", "dW2", "db2", "dW3", "db3"]


def test_caches_are_the_plain_tuples_a_learner_writes():
    rng = np.random.default_rng(2)
    A_prev, W, b = (rng.standard_normal(shape) for shape in [(4, 6), (3, 4), (3, 1)])
    Z, linear_cache = deep.linear_forward(A_prev, W, b)
    assert type(linear_cache) is tuple and all(x is y for x, y in zip(linear_cache, (A_prev, W, b)))
    A, cache = deep.linear_activation_forward(A_prev, W, b, "tanh")
    assert type(cache) is tuple and len(cache) == 2 and len(cache[0]) == 3
    np.testing.assert_allclose(cache[1], W @ A_prev + b)
    np.testing.assert_allclose(A, np.tanh(cache[1]))


def test_backprop_accepts_caches_built_by_hand_as_lists():
    X, Y, parameters = problem("sigmoid")
    AL, caches = deep.forward_prop(X, parameters, "tanh", "sigmoid")
    A, learner_caches = X, []
    for l in (1, 2, 3):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = np.dot(W, A) + b
        learner_caches.append([[A, W, b], Z])  # lists, not tuples
        A = np.tanh(Z) if l < 3 else 1 / (1 + np.exp(-Z))
    expected = deep.backprop(AL, Y, caches, "tanh", "sigmoid")
    for key, value in deep.backprop(A, Y, learner_caches, "tanh", "sigmoid").items():
        np.testing.assert_allclose(value, expected[key], rtol=1e-12)


def test_linear_backward_is_the_average_over_examples():
    rng = np.random.default_rng(2)
    A_prev, W, b, dZ = (rng.standard_normal(shape) for shape in [(4, 6), (3, 4), (3, 1), (3, 6)])
    _, cache = deep.linear_forward(A_prev, W, b)
    dA_prev, dW, db = deep.linear_backward(dZ, cache)
    np.testing.assert_allclose(dA_prev, W.T @ dZ)
    np.testing.assert_allclose(dW, sum(np.outer(dZ[:, i], A_prev[:, i]) for i in range(6)) / 6, rtol=1e-13)
    np.testing.assert_allclose(db, dZ.sum(axis=1, keepdims=True) / 6, rtol=1e-14)


@pytest.mark.parametrize("output", OUTPUTS)
def test_float32_stays_float32_end_to_end(output):
    X, Y, parameters = problem(output, dtype=np.float32)
    AL, caches = deep.forward_prop(X, parameters, "relu", output, keep_prob=0.9, rng=np.random.default_rng(0))
    assert AL.dtype == np.float32
    assert all(cache[1].dtype == np.float32 and cache[0][0].dtype == np.float32 for cache in caches)
    grads = deep.backprop(AL, Y, caches, "relu", output, default_loss(output).name, l2=0.1)
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


W = np.ones((3, 2))
b = np.zeros((3, 1))


def _forward_on(m):
    """AL (1, m) and the caches of a 2-3-1 network on m examples."""
    parameters = {"W1": W, "b1": b, "W2": np.ones((1, 3)), "b2": np.zeros((1, 1))}
    return deep.forward_prop(np.linspace(-1, 1, 2 * m).reshape(2, m), parameters)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda: deep.forward_prop(np.ones((2, 5)), {"W1": W, "b1": np.zeros(3)}),
            ValueError,
            r"parameters\['b1'\] must be a 2-D array of shape \(n_1=3, 1\), got shape \(3,\)",
        ),
        (
            lambda: deep.forward_prop(np.ones((2, 5)), {"W1": W, "b1": np.zeros((1, 3))}),
            ValueError,
            r"parameters\['b1'\] must have shape \(n_1=3, 1\), got \(1, 3\) \(transposed\? examples are columns\)",
        ),
        (
            lambda: deep.forward_prop(np.ones((2, 5)), {"W1": "W", "b1": b}),
            TypeError,
            r"parameters\['W1'\] must be a numpy array of numbers, got str",
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
        (lambda: deep.backprop(np.ones((1, 5)), np.ones((1, 5)), []), ValueError, "caches must be the list"),
        (
            lambda: deep.backprop(np.ones((1, 5)), np.ones((1, 5)), [{"A": 1}]),
            ValueError,
            r"caches\[0\] \(layer 1\) must be a tuple \(linear_cache, Z\)",
        ),
        (lambda: deep.cost_function(np.full((1, 2), 0.5), np.ones((1, 2)), l2=0.1), ValueError, "needs parameters="),
        (
            lambda: deep.cost_function(np.full((1, 4), 0.5), np.ones((4, 1))),
            ValueError,
            r"Y must have the shape of AL, \(n_L, m\) = \(1, 4\), got \(4, 1\) \(transposed\? examples are columns\)",
        ),
        (lambda: deep.cost_function(np.full(4, 0.5), np.ones(4)), ValueError, r"AL must be a 2-D array"),
        (lambda: deep.cost_function(np.full((1, 4), 0.5), np.ones((1, 4)), l1=-1), ValueError, "l1 must be >= 0"),
        (
            lambda: deep.backprop(*_forward_on(5)[:1], np.ones((1, 3)), _forward_on(5)[1]),
            ValueError,
            r"Y must have the shape of AL, \(n_L, m\) = \(1, 5\), got \(1, 3\)",
        ),
        (
            lambda: deep.backprop(np.full((1, 3), 0.5), np.ones((1, 3)), _forward_on(5)[1]),
            ValueError,
            r"AL has shape \(1, 3\) but the last layer's Z in caches\[-1\] has shape \(1, 5\)",
        ),
        (
            lambda: deep.backprop(*_forward_on(5)[:1], np.ones((1, 5)), _forward_on(5)[1], "relu", "sigmoyd"),
            ValueError,
            "unknown activation 'sigmoyd'",
        ),
        (
            lambda: deep.backprop(*_forward_on(5)[:1], np.ones((1, 5)), _forward_on(5)[1], loss="mse"),
            ValueError,
            "unknown loss 'mse'; choose one of",
        ),
        (
            lambda: deep.backprop(np.ones((1, 5)), np.ones((1, 5)), [((1, 2), np.ones((1, 5)))]),
            ValueError,
            r"caches\[0\] \(layer 1\) must be a tuple \(linear_cache, Z\)",
        ),
        (
            lambda: deep.predict(np.ones((2, 5)), {"W1": np.ones((1, 2)), "b1": b[:1]}, threshold=2),
            ValueError,
            "threshold must be at most 1",
        ),
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


HIDDEN_WIDTHS = [4, 3, 3]  # layer_dims = [3, *HIDDEN_WIDTHS[: L - 1], n_L]


def deep_problem(L, output, seed=0):
    """A depth-L network with 3 inputs, its inputs and targets suited to the output activation."""
    rng = np.random.default_rng(seed)
    n_L = 3 if output == "softmax" else 2
    layer_dims = [3, *HIDDEN_WIDTHS[: L - 1], n_L]
    m = 5
    X = rng.standard_normal((3, m))
    if output == "softmax":
        Y = np.eye(n_L)[:, rng.integers(0, n_L, m)]
    elif output == "sigmoid":
        Y = (rng.random((n_L, m)) > 0.5).astype(float)
    else:
        Y = rng.standard_normal((n_L, m))
    parameters = init_params(layer_dims, "glorot", rng)
    for l in range(1, L + 1):  # biases away from 0: no ReLU input sits on its kink
        parameters[f"b{l}"] += rng.uniform(0.05, 0.3, parameters[f"b{l}"].shape)
    return X, Y, parameters


def loss_for(output):
    return {"sigmoid": "binary_cross_entropy", "softmax": "categorical_cross_entropy"}.get(output, "mean_squared_error")


PAIRS = [(L, hidden, output) for L in (1, 2, 3, 4) for hidden in ACTIVATIONS for output in ACTIVATIONS]


PAIRS = [(L, hidden, output) for L, hidden, output in PAIRS if L > 1 or hidden == "relu"]  # L = 1 has no hidden layer


@pytest.mark.parametrize(("L", "hidden", "output"), PAIRS, ids=[f"L={L}-{h}-{o}" for L, h, o in PAIRS])
def test_backprop_matches_finite_differences_at_every_depth_and_pairing(L, hidden, output):
    X, Y, parameters = deep_problem(L, output)
    loss = loss_for(output)

    def cost(P):
        return deep.cost_function(deep.forward_prop(X, P, hidden, output)[0], Y, loss)

    AL, caches = deep.forward_prop(X, parameters, hidden, output)
    grads = deep.backprop(AL, Y, caches, hidden, output, loss)
    assert list(grads) == [key for l in range(1, L + 1) for key in (f"dW{l}", f"db{l}")]
    report = gradient_check(cost, parameters, grads, tolerance=1e-6)
    assert report.passed, report


def test_part_one_training_is_the_l_layer_model_configured_the_same_way():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((2, 30))
    Y = (X[:1] * X[1:] > 0).astype(float)
    part1, costs1 = shallow.nn_model(X, Y, 4, 300, 1.2, rng=np.random.default_rng(7))
    deep_parameters, costs = training.model(
        X, Y, [2, 4, 1], 1.2, 300, "sigmoid", "sigmoid", initializer="small_random", rng=np.random.default_rng(7)
    )
    for key, value in part1.items():
        np.testing.assert_allclose(deep_parameters[key], value, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(costs[::100], costs1, rtol=1e-12)
    assert initialize_parameters(2, 4, 1, np.random.default_rng(1)).keys() == deep_parameters.keys()


def test_a_learners_functions_and_caches_are_nnlibs():
    """The textbook versions of lessons 07-08 compute nnlib's caches, and each side's caches work in the other's
    backprop."""
    rng = np.random.default_rng(6)
    X = rng.standard_normal((4, 6))
    Y = (rng.random((1, 6)) > 0.5).astype(float)
    parameters = init_params([4, 5, 3, 1], rng=rng)
    AL, caches = l_layer_forward.forward_prop_textbook(X, parameters)
    AL_nnlib, caches_nnlib = deep.forward_prop(X, parameters)
    np.testing.assert_allclose(AL, AL_nnlib, rtol=1e-14)
    for mine, theirs in zip(caches, caches_nnlib, strict=True):
        (A_prev, W, b), Z = mine
        (A_prev_n, W_n, b_n), Z_n = theirs
        for a, n in ((A_prev, A_prev_n), (W, W_n), (b, b_n), (Z, Z_n)):
            np.testing.assert_allclose(a, n, rtol=1e-14)
    expected = deep.backprop(AL_nnlib, Y, caches_nnlib)
    for grads in (deep.backprop(AL, Y, caches), l_layer_backward.backprop_textbook(AL_nnlib, Y, caches_nnlib)):
        for key, value in expected.items():
            np.testing.assert_allclose(grads[key], value, rtol=1e-10, atol=1e-14)


def test_relu_slope_at_exactly_zero_is_zero():
    dA = np.ones((1, 3))
    Z = np.array([[-1.0, 0.0, 2.0]])
    dA_prev, dW, db = deep.linear_activation_backward(dA, ((np.ones((1, 3)), np.ones((1, 1)), np.zeros((1, 1))), Z))
    np.testing.assert_array_equal(db, [[1 / 3]])


def test_forward_prop_accepts_the_int_seed_its_docstring_describes():
    parameters = init_params([3, 4, 1], rng=np.random.default_rng(0))
    assert "int seed" in deep.forward_prop.__doc__
    by_seed = deep.forward_prop(np.ones((3, 2)), parameters, keep_prob=0.5, rng=3)[0]
    by_generator = deep.forward_prop(np.ones((3, 2)), parameters, keep_prob=0.5, rng=np.random.default_rng(3))[0]
    np.testing.assert_array_equal(by_seed, by_generator)
    np.testing.assert_array_equal(init_params([3, 4, 1], rng=0)["W1"], parameters["W1"])
