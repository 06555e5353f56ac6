"""Data sets: shapes, dtypes, determinism, the shipped digits, labels and splits."""

import numpy as np
import pytest

from nnlib import datasets
from nnlib.datasets import (
    from_one_hot,
    load_digits,
    make_circles,
    make_echo,
    make_flower,
    make_moons,
    make_regression_1d,
    make_spirals,
    make_xor,
    one_hot,
    regression_1d_target,
    train_test_split,
    train_val_test_split,
)

CLASSIFICATION = {
    "flower": (make_flower, 2),
    "moons": (make_moons, 2),
    "circles": (make_circles, 2),
    "xor": (make_xor, 2),
    "spirals": (make_spirals, 3),
}


@pytest.mark.parametrize("name", CLASSIFICATION)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_generated_sets_shapes_dtypes_and_balanced_labels(name, dtype):
    make, n_classes = CLASSIFICATION[name]
    X, Y = make(m=301, rng=np.random.default_rng(0), dtype=dtype)
    assert X.shape == (2, 301) and X.dtype == dtype and np.isfinite(X).all()
    assert Y.shape == (1, 301) and Y.dtype == np.int64
    counts = np.bincount(Y[0], minlength=n_classes)
    assert len(counts) == n_classes and counts.max() - counts.min() <= 1


@pytest.mark.parametrize("make", [c[0] for c in CLASSIFICATION.values()] + [make_regression_1d])
def test_same_seed_same_data_and_another_seed_other_data(make):
    X1, Y1 = make(rng=np.random.default_rng(3))
    X2, Y2 = make(rng=np.random.default_rng(3))
    X3, _ = make(rng=np.random.default_rng(4))
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    assert not np.array_equal(X1, X3)


def test_the_flower_defeats_logistic_regression():
    # A network with no hidden layer, trained to convergence, stays near chance.
    from nnlib.deep import predict
    from nnlib.initializers import init_params
    from nnlib.metrics import accuracy
    from nnlib.training import fit

    X, Y = make_flower(rng=np.random.default_rng(0))
    assert abs(Y.mean() - 0.5) <= 0.005
    parameters, _ = fit(
        X,
        Y,
        init_params([2, 1], "zeros"),
        optimizer="gd",
        learning_rate=0.5,
        epochs=500,
        batch_size=None,
        progress="none",
    )
    assert accuracy(Y, predict(X, parameters)) < 0.6


def test_circles_radii_and_xor_quadrants():
    X, Y = make_circles(400, noise=0.0, factor=0.3, rng=np.random.default_rng(0))
    radius = np.hypot(X[0], X[1])
    np.testing.assert_allclose(radius[Y[0] == 1], 0.3)
    np.testing.assert_allclose(radius[Y[0] == 0], 1.0)
    X, Y = make_xor(400, noise=0.0, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(Y[0], (X[0] > 0) ^ (X[1] > 0))


def test_regression_set_follows_its_target():
    X, Y = make_regression_1d(500, noise=0.1, rng=np.random.default_rng(0))
    assert X.shape == Y.shape == (1, 500)
    assert X.min() >= -3 and X.max() <= 3
    residual = Y - regression_1d_target(X)
    assert abs(residual.mean()) < 0.02 and residual.std() == pytest.approx(0.1, rel=0.1)
    X, Y = make_regression_1d(10, noise=0.0, rng=np.random.default_rng(0))
    np.testing.assert_allclose(Y, np.sin(1.5 * X) + 0.25 * X)


def test_echo_targets_are_the_inputs_delay_steps_later():
    X, Y = make_echo(m=50, T=12, delay=4, rng=np.random.default_rng(0), dtype=np.float32)
    assert X.shape == Y.shape == (1, 50, 12) and X.dtype == Y.dtype == np.float32
    assert set(np.unique(X)) == {0.0, 1.0}
    np.testing.assert_array_equal(Y[:, :, 4:], X[:, :, :-4])
    np.testing.assert_array_equal(Y[:, :, :4], 0.0)
    again, _ = make_echo(m=50, T=12, delay=4, rng=np.random.default_rng(0), dtype=np.float32)
    np.testing.assert_array_equal(X, again)
    with pytest.raises(ValueError, match="T must be larger than delay"):
        make_echo(m=5, T=3, delay=3)


def test_digits_shape_range_and_label_counts():
    X, labels = load_digits()
    assert X.shape == (64, 1797) and X.dtype == np.float64
    assert X.min() == 0.0 and X.max() == 1.0
    assert labels.shape == (1, 1797) and labels.dtype == np.int64
    counts = np.bincount(labels[0])
    assert len(counts) == 10 and counts.sum() == 1797 and counts.min() >= 174 and counts.max() <= 183
    raw, _ = load_digits(scaled=False)
    np.testing.assert_array_equal(raw, X * 16)
    assert set(np.unique(raw)) <= set(range(17))


def test_digits_first_image_is_a_zero():
    # The first row of the shipped CSV: a 0, drawn as a ring of ink with a hollow middle.
    X, labels = load_digits(scaled=False)
    image = X[:, 0].reshape(8, 8)
    assert labels[0, 0] == 0
    np.testing.assert_array_equal(image[0], [0, 0, 5, 13, 9, 1, 0, 0])
    assert image[3:5, 3:5].sum() < image[3:5, [1, 2, 5, 6]].sum()


def test_digits_copies_do_not_alias_the_cache():
    X, labels = load_digits(dtype=np.float32)
    assert X.dtype == np.float32
    X[:] = -1
    labels[:] = 7
    X2, labels2 = load_digits()
    assert X2.min() == 0 and labels2[0, 0] == 0


def test_one_hot_round_trip_and_errors():
    labels = np.array([[2, 0, 1, 2]])
    Y = one_hot(labels)
    np.testing.assert_array_equal(Y, [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]])
    np.testing.assert_array_equal(from_one_hot(Y), labels)
    assert one_hot(labels[0], n_classes=5).shape == (5, 4)
    with pytest.raises(ValueError, match="labels must be less than n_classes=2, got a label 2"):
        one_hot(labels, n_classes=2)
    with pytest.raises(ValueError, match="class indices >= 0, got -1"):
        one_hot(np.array([0, -1]))
    with pytest.raises(ValueError, match="whole-number class indices, got 0.5"):
        one_hot(np.array([0.5, 1.0]))


def test_split_sizes_are_disjoint_and_cover_everything():
    X = np.arange(200.0).reshape(1, 200)  # each column's value is its index
    Y = (np.arange(200) % 4).reshape(1, 200)
    split = train_val_test_split(X, Y, val_size=0.2, test_size=0.25, rng=np.random.default_rng(0))
    assert [split.X_train.shape[1], split.X_val.shape[1], split.X_test.shape[1]] == [110, 40, 50]
    seen = np.concatenate([split.X_train[0], split.X_val[0], split.X_test[0]])
    assert sorted(seen) == list(range(200))
    for X_part, Y_part in [(split.X_train, split.Y_train), (split.X_val, split.Y_val), (split.X_test, split.Y_test)]:
        np.testing.assert_array_equal(X_part[0].astype(int) % 4, Y_part[0])  # columns stay paired
    assert repr(split) == "Split(train=110, val=40, test=50 examples)"


def test_stratified_split_keeps_class_proportions_of_labels_and_of_one_hot():
    X, labels = load_digits()
    for Y in (labels, one_hot(labels)):
        X_train, Y_train, X_test, Y_test = train_test_split(X, Y, test_size=0.2, rng=np.random.default_rng(1))
        test_labels = from_one_hot(Y_test)[0] if Y.shape[0] > 1 else Y_test[0]
        expected = np.bincount(labels[0]) * 0.2
        assert np.all(np.abs(np.bincount(test_labels, minlength=10) - expected) <= 1)
        assert X_train.shape[1] + X_test.shape[1] == 1797


def test_unstratified_split_accepts_regression_targets_and_is_deterministic():
    X, Y = make_regression_1d(50, rng=np.random.default_rng(0))
    a = train_test_split(X, Y, test_size=0.3, stratify=False, rng=np.random.default_rng(2))
    b = train_test_split(X, Y, test_size=0.3, stratify=False, rng=np.random.default_rng(2))
    assert a[2].shape == (1, 15)
    assert all(np.array_equal(p, q) for p, q in zip(a, b))
    with pytest.raises(ValueError, match="stratify=True needs class labels"):
        train_test_split(X, Y, rng=np.random.default_rng(0))


def test_empty_validation_part():
    X, Y = make_moons(20, rng=np.random.default_rng(0))
    split = train_val_test_split(X, Y, val_size=0.0, test_size=0.5, rng=np.random.default_rng(0))
    assert split.X_val.shape == (2, 0) and split.Y_val.shape == (1, 0)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: make_moons(m=0), ValueError, "m must be > 0, got 0"),
        (lambda: make_moons(m=2.5), TypeError, "m must be an integer, got float"),
        (lambda: make_moons(rng=4.2), TypeError, "rng must be a numpy.random.Generator"),
        (lambda: make_moons(noise=-1), ValueError, "noise must be >= 0"),
        (lambda: make_moons(dtype=np.int64), TypeError, "dtype must be a floating-point type"),
        (lambda: make_circles(factor=1.0), ValueError, "factor must be less than 1"),
        (lambda: load_digits(scaled="yes"), TypeError, "scaled must be True or False"),
        (
            lambda: train_val_test_split(np.ones((2, 10)), np.ones((1, 10), int), val_size=0.6, test_size=0.5),
            ValueError,
            "val_size \\+ test_size must be less than 1",
        ),
        (
            lambda: train_test_split(np.ones((2, 10)), np.ones((1, 10), int), test_size=1.5),
            ValueError,
            "test_size must be at most 1",
        ),
        (
            lambda: train_test_split(np.ones((2, 10)), np.ones((1, 9), int)),
            ValueError,
            r"Y must have shape \(n_y, m=10\), got \(1, 9\)",
        ),
        (lambda: from_one_hot(np.ones(3)), ValueError, r"Y must be a 2-D array of shape \(K, m\)"),
    ],
)
def test_bad_arguments_get_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_module_lists_what_it_exports():
    assert all(hasattr(datasets, name) for name in datasets.__all__)
