"""The training loops: history, validation, early stopping, determinism, and the
accuracies the course promises (flower with part 1's network, digits with an L-layer net)."""

import numpy as np
import pytest

from nnlib import shallow
from nnlib.datasets import load_digits, make_flower, make_moons, one_hot, train_test_split
from nnlib.deep import backprop, cost_function, forward_prop, predict
from nnlib.initializers import init_params
from nnlib.metrics import accuracy
from nnlib.optimizers import GradientDescent, Momentum, mini_batch_indices
from nnlib.training import EarlyStopping, History, fit, model


def moons(seed=0, m=200):
    X, Y = make_moons(m, noise=0.15, rng=np.random.default_rng(seed))
    return X, Y


def quick_fit(**kwargs):
    X, Y = moons()
    X_val, Y_val = moons(seed=1, m=100)
    settings = dict(
        epochs=5, batch_size=32, validation_data=(X_val, Y_val), rng=np.random.default_rng(0), progress="none"
    )
    settings.update(kwargs)
    return fit(X, Y, init_params([2, 8, 1], "he", np.random.default_rng(0)), **settings)


def test_history_records_loss_and_metrics_for_train_and_validation():
    _, history = quick_fit(metrics=["accuracy", "f1"])
    assert history.epochs == [1, 2, 3, 4, 5]
    assert set(history.metrics) == {"loss", "accuracy", "f1", "val_loss", "val_accuracy", "val_f1"}
    assert all(len(values) == 5 for values in history.metrics.values())
    assert all(0 <= v <= 1 for v in history["val_accuracy"])
    assert history["loss"][-1] < history["loss"][0]
    assert repr(history).startswith("History(epochs=5, loss=")
    assert history.measured == {
        "training": "during each epoch, over its mini-batches as the parameters changed",
        "validation": "at the end of each epoch, on the whole validation set, dropout off",
    }


def test_history_says_that_training_values_were_measured_with_dropout_on():
    _, history = quick_fit(keep_prob=0.8, validation_data=None)
    assert history.measured == {
        "training": "during each epoch, over its mini-batches as the parameters changed, dropout on (keep_prob=0.8)"
    }


def test_recorded_validation_loss_is_the_cost_of_the_returned_parameters():
    from nnlib.deep import cost_function, forward_prop

    parameters, history = quick_fit()
    X_val, Y_val = moons(seed=1, m=100)
    AL, _ = forward_prop(X_val, parameters)
    assert history["val_loss"][-1] == pytest.approx(cost_function(AL, Y_val))


def test_fit_is_deterministic_with_a_seed_and_leaves_the_start_parameters_alone():
    start = init_params([2, 8, 1], "he", np.random.default_rng(0))
    X, Y = moons()
    a, ha = fit(X, Y, start, epochs=3, keep_prob=0.8, rng=np.random.default_rng(5), progress="none")
    b, hb = fit(X, Y, start, epochs=3, keep_prob=0.8, rng=np.random.default_rng(5), progress="none")
    assert ha.metrics == hb.metrics and all(np.array_equal(a[k], b[k]) for k in a)
    assert np.array_equal(start["W1"], init_params([2, 8, 1], "he", np.random.default_rng(0))["W1"])


def test_l2_strength_does_not_depend_on_the_batch_size():
    # Penalty-only training (zero data gradient is impossible, so compare the penalty part of the loss):
    X, Y = moons()
    start = init_params([2, 8, 1], "he", np.random.default_rng(0))
    _, plain = fit(
        X,
        Y,
        start,
        epochs=1,
        optimizer="gd",
        learning_rate=1e-12,
        batch_size=20,
        progress="none",
        rng=np.random.default_rng(0),
    )
    for batch_size in (20, 200):
        _, reg = fit(
            X,
            Y,
            start,
            epochs=1,
            optimizer="gd",
            learning_rate=1e-12,
            batch_size=batch_size,
            l2=4.0,
            progress="none",
            rng=np.random.default_rng(0),
        )
        expected = 4.0 / (2 * 200) * sum(np.sum(start[f"W{l}"] ** 2) for l in (1, 2))
        assert reg["loss"][0] - plain["loss"][0] == pytest.approx(expected, rel=1e-6)


def test_early_stopping_restores_the_best_epoch():
    stopper = EarlyStopping(patience=3)
    X, Y = moons(m=60)
    X_val, Y_val = moons(seed=1, m=300)
    start = init_params([2, 64, 64, 1], "he", np.random.default_rng(0))
    parameters, history = fit(
        X,
        Y,
        start,
        epochs=500,
        batch_size=None,
        learning_rate=0.05,
        validation_data=(X_val, Y_val),
        early_stopping=stopper,
        rng=np.random.default_rng(0),
        progress="none",
    )
    assert history.stopped_early and len(history.epochs) < 500
    best = history.best_epoch
    assert history["val_loss"][best - 1] == min(history["val_loss"])
    assert len(history.epochs) == best + 3
    from nnlib.deep import cost_function, forward_prop

    assert cost_function(forward_prop(X_val, parameters)[0], Y_val) == pytest.approx(history["val_loss"][best - 1])


def test_early_stopping_on_accuracy_prefers_higher_values():
    stopper = EarlyStopping(patience=2, monitor="val_accuracy")
    stopper.update(1, {"val_accuracy": 0.5}, {})
    assert not stopper.update(2, {"val_accuracy": 0.7}, {}) and stopper.best_epoch == 2
    assert not stopper.update(3, {"val_accuracy": 0.6}, {})
    assert stopper.update(4, {"val_accuracy": 0.65}, {})


def test_divergence_is_reported_not_hidden():
    X, Y = moons()
    X = X * 1e200
    with pytest.raises(FloatingPointError, match="diverged"):
        with np.errstate(all="ignore"):
            fit(
                X,
                Y,
                init_params([2, 4, 1], "he", np.random.default_rng(0)),
                output_activation="identity",
                loss="mean_squared_error",
                optimizer="gd",
                learning_rate=10.0,
                epochs=5,
                progress="none",
            )


def test_float32_training_stays_float32():
    X, Y = moons()
    start = init_params([2, 8, 1], "he", np.random.default_rng(0), np.float32)
    parameters, history = fit(X.astype(np.float32), Y, start, epochs=2, rng=np.random.default_rng(0), progress="none")
    assert all(v.dtype == np.float32 for v in parameters.values())
    assert np.isfinite(history["loss"]).all()


def test_float32_inputs_and_parameters_train_in_float32_whatever_the_targets_dtype():
    X, Y = moons()  # Y holds int64 labels
    start = init_params([2, 8, 1], "he", np.random.default_rng(0), np.float32)
    seen = []

    class Recording(GradientDescent):
        def step(self, parameters, grads):
            seen.extend(g.dtype for g in grads.values())
            super().step(parameters, grads)

    parameters, _ = fit(
        np.asfortranarray(X, dtype=np.float32),
        Y,
        start,
        optimizer=Recording(0.1),
        epochs=1,
        batch_size=50,
        rng=np.random.default_rng(0),
        progress="none",
    )
    assert set(seen) == {np.dtype(np.float32)}
    assert all(v.dtype == np.float32 for v in parameters.values())


def test_fit_trains_the_same_whatever_the_memory_order_of_X():
    X, Y = moons()
    start = init_params([2, 8, 1], "he", np.random.default_rng(0))
    runs = [
        fit(data, Y, start, epochs=2, batch_size=32, keep_prob=0.9, rng=np.random.default_rng(4), progress="none")
        for data in (np.ascontiguousarray(X), np.asfortranarray(X))
    ]
    (a, history_a), (b, history_b) = runs
    assert history_a.metrics == history_b.metrics
    assert all(np.array_equal(a[key], b[key]) for key in a)


def test_recorded_loss_is_the_mean_cost_over_the_epochs_mini_batches():
    X, Y = moons()
    m, l2, rate = X.shape[1], 0.3, 0.5
    start = init_params([2, 8, 1], "he", np.random.default_rng(0))
    _, history = fit(
        X,
        Y,
        start,
        optimizer="gd",
        learning_rate=rate,
        epochs=1,
        batch_size=48,
        l2=l2,
        metrics=(),
        rng=np.random.default_rng(7),
        progress="none",
    )
    # The same epoch by hand: every batch's cost (with its share of the penalty), weighted by its share.
    parameters, expected = {key: value.copy() for key, value in start.items()}, 0.0
    for idx in mini_batch_indices(m, 48, np.random.default_rng(7)):
        share = len(idx) / m
        AL, caches = forward_prop(X[:, idx], parameters)
        expected += share * cost_function(AL, Y[:, idx], parameters=parameters, l2=l2 * share)
        GradientDescent(rate).step(parameters, backprop(AL, Y[:, idx], caches, l2=l2 * share))
    assert history["loss"] == [pytest.approx(expected, rel=1e-12)]


def test_text_progress_prints_a_few_lines(capsys):
    quick_fit(epochs=20, progress="text")
    lines = capsys.readouterr().out.strip().splitlines()
    assert 3 <= len(lines) <= 12
    assert lines[-1].startswith("epoch 20/20  loss ") and "val_accuracy" in lines[-1]


def test_regression_fit_reduces_the_error():
    rng = np.random.default_rng(0)
    X = np.linspace(-2, 2, 80).reshape(1, -1)
    Y = np.sin(2 * X)
    start = init_params([1, 32, 1], "glorot", rng)
    _, history = fit(
        X,
        Y,
        start,
        hidden_activation="tanh",
        output_activation="identity",
        epochs=300,
        batch_size=16,
        learning_rate=0.01,
        rng=rng,
        progress="none",
    )
    assert "accuracy" not in history.metrics
    assert history["loss"][-1] < 0.05 * history["loss"][0]


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (
            {"validation_data": (np.ones((3, 4)), np.ones((1, 4)))},
            ValueError,
            r"X_val must have shape \(n_0=2, m_val\), got \(3, 4\)",
        ),
        ({"validation_data": np.ones((2, 4))}, TypeError, r"validation_data must be a pair \(X_val, Y_val\)"),
        (
            {"early_stopping": EarlyStopping(), "validation_data": None},
            ValueError,
            r"not recorded \(it needs validation_data\)",
        ),
        ({"early_stopping": EarlyStopping(monitor="val_f1")}, ValueError, "monitors 'val_f1', which is not recorded"),
        ({"metrics": ["acc"]}, ValueError, "unknown metric 'acc'"),
        ({"optimizer": "rmsprop"}, ValueError, "unknown optimizer 'rmsprop'"),
        ({"epochs": 0}, ValueError, "epochs must be > 0"),
        ({"output_activation": "identity"}, ValueError, r"metrics \['accuracy'\] need class outputs"),
        ({"progress": "bar"}, ValueError, "unknown progress 'bar'"),
    ],
)
def test_bad_arguments_get_clear_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        if kwargs.get("output_activation") == "identity":
            kwargs["metrics"] = ["accuracy"]
        quick_fit(**kwargs)


def test_fit_checks_the_targets_shape():
    X, Y = moons()
    with pytest.raises(ValueError, match=r"Y must have shape \(n_L=1, m=200\), got \(200, 1\) \(transposed"):
        fit(X, Y.T, init_params([2, 3, 1]), progress="none")


def test_model_is_full_batch_gradient_descent_and_prints_when_asked(capsys):
    X, Y = moons()
    parameters, costs = model(
        X, Y, [2, 8, 1], learning_rate=0.5, num_iterations=200, rng=np.random.default_rng(0), print_cost=True
    )
    assert len(costs) == 200 and costs[-1] < costs[0]
    assert capsys.readouterr().out.count("\n") >= 5
    # the same steps by hand: init, then forward / backprop / update 200 times
    from nnlib.deep import backprop, forward_prop
    from nnlib.optimizers import update_parameters

    P = init_params([2, 8, 1], "he", np.random.default_rng(0))
    for _ in range(200):
        AL, caches = forward_prop(X, P)
        P = update_parameters(P, backprop(AL, Y, caches), 0.5)
    assert all(np.allclose(P[k], parameters[k]) for k in P)


@pytest.mark.slow
def test_part_one_network_reaches_90_percent_on_the_flower():
    X, Y = make_flower(rng=np.random.default_rng(0))
    parameters, costs = shallow.nn_model(
        X, Y, hidden_size=4, num_iterations=10_000, learning_rate=1.2, rng=np.random.default_rng(1)
    )
    assert costs[-1] < costs[0]
    assert accuracy(Y, shallow.predict(X, parameters)) >= 0.90
    # Fresh points from the same flower: it generalises (the noise overlaps the petals a little,
    # so held-out accuracy sits a point or two lower).
    X_new, Y_new = make_flower(rng=np.random.default_rng(99))
    assert accuracy(Y_new, shallow.predict(X_new, parameters)) >= 0.87


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_l_layer_network_reaches_97_percent_on_digits(seed):
    X, labels = load_digits()
    X_train, y_train, X_test, y_test = train_test_split(X, labels, test_size=0.2, rng=np.random.default_rng(seed))
    start = init_params([64, 256, 10], "he", np.random.default_rng(seed))
    parameters, history = fit(
        X_train,
        one_hot(y_train, 10),
        start,
        output_activation="softmax",
        optimizer="adam",
        learning_rate=1e-3,
        epochs=60,
        batch_size=32,
        keep_prob=0.8,
        rng=np.random.default_rng(seed),
        progress="none",
    )
    assert accuracy(y_test, predict(X_test, parameters, "relu", "softmax")) >= 0.97


def test_momentum_instance_is_used_as_given():
    opt = Momentum(learning_rate=0.05)
    quick_fit(optimizer=opt, epochs=1)
    assert opt.velocity  # the loop stepped this very instance


def test_history_accepts_records():
    h = History()
    h.record(1, {"loss": 0.5})
    h.record(2, {"loss": 0.25})
    assert h["loss"] == [0.5, 0.25] and h.last() == {"loss": 0.25}


def test_early_stopping_reads_the_stop_and_best_epochs_off_a_list():
    from nnlib.training import early_stopping

    assert early_stopping([1.0, 0.8, 0.9, 0.95, 0.7], patience=2) == (4, 2)
    assert early_stopping([1.0, 0.8, 0.9, 0.95, 0.7], patience=3) == (5, 5)
    assert early_stopping([0.5, 0.5, 0.5], patience=2) == (3, 1)  # equal is not better
    assert early_stopping([0.3], patience=1) == (1, 1)
    with pytest.raises(ValueError, match="val_losses"):
        early_stopping([], patience=2)


def test_train_val_split_is_stratified_and_keeps_columns_together():
    from nnlib.datasets import train_val_split

    X = np.arange(20.0).reshape(1, 20)
    Y = (np.arange(20) % 4 == 0).astype(float).reshape(1, 20)  # 5 ones, 15 zeros
    X_train, Y_train, X_val, Y_val = train_val_split(X, Y, val_size=0.2, rng=np.random.default_rng(0))
    assert X_val.shape == (1, 4) and Y_train.shape == (1, 16)
    assert int(Y_val.sum()) == 1
    np.testing.assert_array_equal(Y_val, (X_val % 4 == 0).astype(float))
    assert sorted(np.concatenate([X_train, X_val], axis=1)[0]) == list(range(20))
