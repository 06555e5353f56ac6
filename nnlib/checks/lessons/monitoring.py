"""Lesson 13, Monitoring training: `train_val_split`, `early_stopping`.

A split is random, so its battery checks properties any correct split has
(a partition of the columns, X and Y kept together, every class's share
within one example of ``val_size``, shuffled with the given ``rng``) rather
than comparing with the reference's draws. ``early_stopping`` is
deterministic: its cases are compared with the reference.
"""

from __future__ import annotations

import numpy as np

from nnlib import datasets, training
from nnlib.checks.diagnose import describe
from nnlib.checks.exercise import Case, Exercise
from nnlib.checks.expect import Failure, expect_int, expect_sequence

_PARTS = ("X_train", "Y_train", "X_val", "Y_val")


def _data(counts, n_x, seed):
    """X (n_x, m) whose row 0 numbers the columns 0 .. m-1, and labels Y (1, m) with counts[c] of class c."""
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.repeat(np.arange(len(counts)), counts)).astype(float)
    m = labels.size
    X = np.vstack([np.arange(m, dtype=float), rng.normal(size=(n_x - 1, m))])
    return X, labels.reshape(1, m)


_SPLITS = (
    ("50 examples (20 of class 1, 30 of class 0), val_size = 0.2", (30, 20), 3, 0.2, 0),
    ("60 examples of 3 classes (30, 20, 10), val_size = 0.25", (30, 20, 10), 2, 0.25, 1),
    ("100 examples, 90 of class 0 and 10 of class 1, val_size = 0.3", (90, 10), 2, 0.3, 2),
    ("40 examples of classes 0 and 2 (none of class 1), val_size = 0.25", (20, 0, 20), 2, 0.25, 3),
)


def _expect_part(value, rows: int, name: str, order_hint: bool) -> np.ndarray:
    if not isinstance(value, np.ndarray) or value.ndim != 2:
        raise Failure(f"`{name}` must be a 2-D numpy array with {rows} rows", received=describe(value))
    if value.shape[0] != rows:
        raise Failure(
            f"`{name}` has {value.shape[0]} rows but must have {rows} (examples are columns)",
            cause="return the four parts in the order X_train, Y_train, X_val, Y_val"
            if order_hint
            else "split the columns (examples), `X[:, idx]`, not the rows",
        )
    return value


def _ids(X_part, X) -> np.ndarray:
    """Which columns of X the columns of X_part are (row 0 numbers them); -1 for a column that is none."""
    ids = np.asarray(np.round(X_part[0]), dtype=np.int64)
    valid = (ids >= 0) & (ids < X.shape[1])
    ids = np.where(valid, ids, -1)
    same = np.array([i >= 0 and np.allclose(X[:, i], X_part[:, k]) for k, i in enumerate(ids)], dtype=bool)
    return np.where(same, ids, -1)


def _expect_a_partition(train_ids, val_ids, Y, train_columns: int, val_columns: int) -> None:
    """Raise :class:`Failure` unless every column of X is in exactly one part, naming how it is not."""
    m = Y.shape[1]
    received = f"{train_columns} + {val_columns} columns"
    expected = f"{m} examples, each in exactly one part"
    both = np.intersect1d(train_ids, val_ids)
    if both.size:
        leak = train_ids.size == m
        raise Failure(
            f"{both.size} validation example(s) are also in the training part",
            expected=expected,
            received=received,
            cause="the training part is all of X: it must hold only the examples left after the validation ones "
            "are taken, `idx[k:]` of each class's shuffled indices"
            if leak
            else "send each shuffled index to one part only: the first k to validation, the rest (`idx[k:]`) to "
            "training",
        )
    repeated = sum(ids.size - np.unique(ids).size for ids in (train_ids, val_ids))
    if repeated:
        raise Failure(
            f"the two parts are not a split of the examples: {repeated} example(s) appear twice",
            expected=expected,
            received=received,
            cause="shuffle the indices once (`rng.permutation`) and cut them in two; `rng.choice` with "
            "replacement can pick an example twice",
        )
    missing = np.setdiff1d(np.arange(m), np.concatenate([train_ids, val_ids]))
    if missing.size:
        classes = np.unique(Y[0, missing]).astype(int)
        whole = all(np.sum(Y[0] == c) == np.sum(Y[0, missing] == c) for c in classes)
        raise Failure(
            f"the two parts are not a split of the examples: {missing.size} example(s) are missing",
            expected=expected,
            received=received,
            cause=f"every example of class(es) {classes.tolist()} is missing: loop over the classes present, "
            "`for c in np.unique(Y[0])` (class numbers can skip one, so `range(number of classes)` misses some)"
            if whole
            else None,
        )


def _check_one_split(trial, name, counts, n_x, val_size, seed) -> np.ndarray:
    X, Y = _data(counts, n_x, seed)
    parts = expect_sequence(trial.call(name, X, Y, val_size, np.random.default_rng(seed)), _PARTS, "the split")
    X_train, Y_train, X_val, Y_val = (
        _expect_part(part, rows, part_name, order_hint=rows != X.shape[0] or part_name.startswith("Y"))
        for part, part_name, rows in zip(parts, _PARTS, (n_x, 1, n_x, 1))
    )
    for X_part, Y_part, part in ((X_train, Y_train, "train"), (X_val, Y_val, "validation")):
        if X_part.shape[1] != Y_part.shape[1]:
            raise Failure(f"the {part} part has {X_part.shape[1]} columns in X but {Y_part.shape[1]} in Y")
    m = X.shape[1]
    train_ids, val_ids = _ids(X_train, X), _ids(X_val, X)
    every = np.concatenate([train_ids, val_ids])
    if (every < 0).any():
        raise Failure("a column of a part is not a column of X", cause="select whole columns of X: `X[:, idx]`")
    _expect_a_partition(train_ids, val_ids, Y, X_train.shape[1], X_val.shape[1])
    for Y_part, ids, part in ((Y_train, train_ids, "train"), (Y_val, val_ids, "validation")):
        if not np.array_equal(Y_part, Y[:, ids]):
            raise Failure(
                f"in the {part} part the labels no longer belong to their examples",
                cause="index X and Y with the same array of column indices (one permutation for both)",
            )
    labels = Y[0].astype(int)
    for c, n_c in enumerate(counts):
        n_val = int(np.sum(labels[val_ids] == c))
        if abs(n_val - val_size * n_c) >= 1:
            total_ok = abs(val_ids.size - val_size * m) < len(counts)
            swapped = abs(n_val - (1 - val_size) * n_c) < 1
            raise Failure(
                f"the validation part holds {n_val} examples of class {c}, but about {val_size * n_c:g} "
                f"(val_size × {n_c}) are needed",
                cause="the parts are swapped: the validation part is the `val_size` share"
                if swapped
                else "split each class on its own (stratify): take a val_size share of every class's examples"
                if total_ok
                else None,
            )
    return val_ids


def _train_val_split_properties(trial) -> None:
    chosen = [_check_one_split(trial, *split) for split in _SPLITS]
    name, counts, n_x, val_size, seed = _SPLITS[0]
    X, Y = _data(counts, n_x, seed)
    labels = Y[0].astype(int)
    per_class = {c: int(np.sum(labels[chosen[0]] == c)) for c in range(len(counts))}
    first = set().union(*(np.flatnonzero(labels == c)[:k].tolist() for c, k in per_class.items()))
    last = set().union(*(np.flatnonzero(labels == c)[::-1][:k].tolist() for c, k in per_class.items()))
    if set(chosen[0].tolist()) in (first, last):
        raise Failure(
            "the validation examples are the first (or last) ones of each class, not a random choice",
            cause="shuffle before cutting: `rng.permutation` of each class's indices",
        )
    again = trial.call(name + ", again", X, Y, val_size, np.random.default_rng(seed))
    other = trial.call(name + ", rng = np.random.default_rng(99)", X, Y, val_size, np.random.default_rng(99))
    ids_again = _ids(expect_sequence(again, _PARTS, "the split")[2], X)
    ids_other = _ids(expect_sequence(other, _PARTS, "the split")[2], X)
    if not np.array_equal(ids_again, chosen[0]):
        raise Failure(
            "the same `rng` seed gave a different split",
            cause="draw from the generator you are given, `rng.permutation(...)`; `np.random.permutation` ignores it",
        )
    if np.array_equal(np.sort(ids_other), np.sort(chosen[0])):
        raise Failure(
            "two different `rng` seeds gave the same split",
            cause="draw from the `rng` you are given; don't seed a generator of your own",
        )


TRAIN_VAL_SPLIT = Exercise(
    "train_val_split",
    reference=datasets.train_val_split,
    hints=(
        "For each class c, find its examples (`np.flatnonzero(Y[0] == c)`), shuffle them with `rng.permutation`, "
        "and send the first `round(val_size * count)` of them to validation.",
        "Collect the chosen column indices of every class into `val_idx` and the rest into `train_idx`, then index "
        "X and Y with the same arrays: `X[:, train_idx], Y[:, train_idx], X[:, val_idx], Y[:, val_idx]`.",
        "`for c in np.unique(Y[0]): idx = rng.permutation(np.flatnonzero(Y[0] == c)); k = int(round(val_size * "
        "idx.size)); val += list(idx[:k]); train += list(idx[k:])`, then return the four parts.",
    ),
    properties=_train_val_split_properties,
)


def _compare_epochs(received, expected, case) -> None:
    stop, best = expect_sequence(received, ("stop_epoch", "best_epoch"), "(stop_epoch, best_epoch)")
    expect_int(stop, expected[0], "stop_epoch")
    expect_int(best, expected[1], "best_epoch")


def _u_curve():
    epochs = np.arange(1, 41)
    noise = np.random.default_rng(13).normal(scale=0.01, size=40)
    return [round(float(v), 4) for v in 0.3 + 0.002 * (epochs - 18) ** 2 / 4 + noise]


EARLY_STOPPING = Exercise(
    "early_stopping",
    reference=training.early_stopping,
    hints=(
        "Walk through the losses with `for epoch, loss in enumerate(val_losses, start=1)`, remembering the best "
        "loss so far, its epoch, and how many epochs have passed since it.",
        "A loss strictly below the best is an improvement (reset the count); otherwise add 1, and stop (return) "
        "when the count reaches `patience`. If the loop ends, training ran to the last epoch.",
        "`if best is None or loss < best: best, best_epoch, waited = loss, epoch, 0` / `else: waited += 1; if waited "
        "== patience: return epoch, best_epoch`; after the loop `return len(val_losses), best_epoch`",
    ),
    cases=(
        Case("a U-shaped curve over 40 epochs, patience = 5", (_u_curve(), 5)),
        Case("val_losses = [1.0, 0.8, 0.9, 0.95, 0.7], patience = 2", ([1.0, 0.8, 0.9, 0.95, 0.7], 2)),
        Case("the same losses, patience = 3 (0.7 arrives in time)", ([1.0, 0.8, 0.9, 0.95, 0.7], 3)),
        Case("always improving: [5, 4, 3, 2, 1], patience = 2", ([5.0, 4.0, 3.0, 2.0, 1.0], 2)),
        Case("a plateau: [0.5, 0.5, 0.5, 0.5], patience = 2 (equal is not better)", ([0.5, 0.5, 0.5, 0.5], 2)),
        Case("one epoch: [0.3], patience = 1", ([0.3], 1)),
        Case("[0.9, 0.6, 0.61, 0.6, 0.62, 0.55], patience = 3", ([0.9, 0.6, 0.61, 0.6, 0.62, 0.55], 3)),
        Case("[0.9, 0.6, 0.61, 0.6, 0.62, 0.55], patience = 4", ([0.9, 0.6, 0.61, 0.6, 0.62, 0.55], 4)),
    ),
    compare=_compare_epochs,
)

EXERCISES = [TRAIN_VAL_SPLIT, EARLY_STOPPING]
