"""The training step ``fit`` runs (``nnlib._fast``) gives the gradients of the readable
``forward_prop`` / ``backprop``: every activation pair, with and without dropout and penalties."""

import numpy as np
import pytest
from test_deep import OUTPUTS, problem

from nnlib import deep
from nnlib._fast import TrainingStep
from nnlib.activations import ACTIVATIONS
from nnlib.losses import LOSSES, default_loss
from nnlib.optimizers import GradientDescent, Momentum
from nnlib.training import fit

REGULARISATION = {
    "none": {},
    "dropout": {"keep_prob": 0.7},
    "l1_l2": {"l1": 0.3, "l2": 0.5},
    "dropout_l2": {"keep_prob": 0.8, "l2": 0.4},
}


def readable(X, Y, parameters, hidden, output, loss, keep_prob=1.0, l1=0.0, l2=0.0, seed=3):
    AL, caches = deep.forward_prop(X, parameters, hidden, output, keep_prob, np.random.default_rng(seed))
    return AL, deep.backprop(AL, Y, caches, hidden, output, loss, l1, l2)


def fast(X, Y, parameters, hidden, output, loss, keep_prob=1.0, l1=0.0, l2=0.0, seed=3):
    step = TrainingStep(parameters, hidden, output, loss, keep_prob)
    return step(X, Y, np.random.default_rng(seed), l1, l2)


def assert_same(expected, got):
    AL_expected, grads_expected = expected
    AL_got, grads_got = got
    np.testing.assert_allclose(AL_got, AL_expected, rtol=1e-12, atol=0)
    assert list(grads_got) == list(grads_expected)
    for key, value in grads_expected.items():
        assert grads_got[key].dtype == value.dtype, key
        # rtol 1e-12, and an atol far below the gradient's size for entries that cancel to ~0
        np.testing.assert_allclose(grads_got[key], value, rtol=1e-12, atol=1e-14 * np.abs(value).max(), err_msg=key)


@pytest.mark.parametrize("regularisation", REGULARISATION)
@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("hidden", ACTIVATIONS)
def test_fast_step_gives_backprops_gradients(hidden, output, regularisation):
    X, Y, parameters = problem(output)
    loss = default_loss(output).name
    options = REGULARISATION[regularisation]
    assert_same(
        readable(X, Y, parameters, hidden, output, loss, **options),
        fast(X, Y, parameters, hidden, output, loss, **options),
    )


@pytest.mark.parametrize("loss", LOSSES)
def test_fast_step_with_non_canonical_output_pairings(loss):
    X, Y, parameters = problem("sigmoid")
    assert_same(readable(X, Y, parameters, "tanh", "sigmoid", loss), fast(X, Y, parameters, "tanh", "sigmoid", loss))


@pytest.mark.parametrize("layer_dims", [(5,), (5, 6), (5, 6, 4, 3)])
def test_fast_step_for_any_depth_and_reused_buffers(layer_dims):
    X, Y, parameters = problem("softmax", layer_dims=layer_dims)
    step = TrainingStep(parameters, "relu", "softmax", "categorical_cross_entropy")
    for m in (9, 4, 9):  # buffers for two batch sizes, the first reused
        expected = readable(X[:, :m], Y[:, :m], parameters, "relu", "softmax", "categorical_cross_entropy")
        assert_same(expected, step(X[:, :m], Y[:, :m]))


def test_fast_step_keeps_float32():
    X, Y, parameters = problem("softmax", dtype=np.float32)
    AL, grads = fast(X, Y, parameters, "relu", "softmax", "categorical_cross_entropy", keep_prob=0.8, l2=0.1)
    assert AL.dtype == np.float32
    assert all(g.dtype == np.float32 for g in grads.values())
    _, expected = readable(X, Y, parameters, "relu", "softmax", "categorical_cross_entropy", keep_prob=0.8, l2=0.1)
    for key, value in expected.items():
        np.testing.assert_allclose(grads[key], value, rtol=1e-4, atol=1e-6 * np.abs(value).max())


def test_fast_step_computes_in_the_wider_dtype_of_X_and_the_parameters():
    X, Y, parameters = problem("sigmoid")
    X32 = X.astype(np.float32)
    AL, grads = fast(X32, Y, parameters, "relu", "sigmoid", "binary_cross_entropy")
    assert AL.dtype == np.float64 and all(g.dtype == np.float64 for g in grads.values())
    assert_same(readable(X32, Y, parameters, "relu", "sigmoid", "binary_cross_entropy"), (AL, grads))


@pytest.mark.parametrize("optimizer", [GradientDescent, Momentum])
@pytest.mark.parametrize("options", [{}, {"keep_prob": 0.75, "l1": 0.1, "l2": 0.2}])
def test_fit_trains_as_the_readable_loop_does(options, optimizer):
    """Two epochs of fit equal a loop over forward_prop, backprop and the update, batch by batch."""
    X, Y, start = problem("softmax", m=40, layer_dims=(5, 8, 6))
    batch_size, learning_rate, epochs = 16, 0.3, 2
    trained, _ = fit(
        X,
        Y,
        start,
        hidden_activation="tanh",
        output_activation="softmax",
        optimizer=optimizer(learning_rate),
        epochs=epochs,
        batch_size=batch_size,
        metrics=(),
        rng=np.random.default_rng(5),
        progress="none",
        **options,
    )

    parameters = {key: value.copy() for key, value in start.items()}
    update = optimizer(learning_rate)
    X_rows, Y_rows = X.T.copy(), Y.T.copy()
    # Mirror fit: one permutation per epoch, cut into batches; dropout masks drawn from the same rng.
    rng = np.random.default_rng(5)
    for _ in range(epochs):
        order = rng.permutation(40)
        for start_index in range(0, 40, batch_size):
            idx = order[start_index : start_index + batch_size]
            share = len(idx) / 40
            AL, caches = deep.forward_prop(
                X_rows[idx].T, parameters, "tanh", "softmax", options.get("keep_prob", 1.0), rng
            )
            grads = deep.backprop(
                AL,
                Y_rows[idx].T,
                caches,
                "tanh",
                "softmax",
                None,
                options.get("l1", 0.0) * share,
                options.get("l2", 0.0) * share,
            )
            update.step(parameters, grads)
    for key, value in parameters.items():
        np.testing.assert_allclose(trained[key], value, rtol=1e-10, atol=1e-12, err_msg=key)
