"""Known mistakes of lesson 13, Monitoring training: `train_val_split`, `early_stopping`.

A split is random and its check is by properties (the learner's generator
is consumed by the call), so the split's mistakes are named by those checks.
"""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake

# --- train_val_split ---------------------------------------------------------


def split_not_stratified(X, Y, val_size, rng):
    idx = rng.permutation(X.shape[1])
    k = int(round(val_size * idx.size))
    return X[:, idx[k:]], Y[:, idx[k:]], X[:, idx[:k]], Y[:, idx[:k]]


def _per_class(Y, val_size, shuffle):
    train_idx, val_idx = [], []
    for c in np.unique(Y[0]):
        idx = shuffle(np.flatnonzero(Y[0] == c))
        k = int(round(val_size * idx.size))
        val_idx.extend(idx[:k])
        train_idx.extend(idx[k:])
    return train_idx, val_idx


def split_not_shuffled(X, Y, val_size, rng):
    train_idx, val_idx = _per_class(Y, val_size, lambda idx: idx)
    return X[:, train_idx], Y[:, train_idx], X[:, val_idx], Y[:, val_idx]


def split_global_numpy(X, Y, val_size, rng):
    train_idx, val_idx = _per_class(Y, val_size, np.random.permutation)
    return X[:, train_idx], Y[:, train_idx], X[:, val_idx], Y[:, val_idx]


def split_own_seed(X, Y, val_size, rng):
    rng = np.random.default_rng(0)
    train_idx, val_idx = _per_class(Y, val_size, rng.permutation)
    return X[:, train_idx], Y[:, train_idx], X[:, val_idx], Y[:, val_idx]


def split_labels_shuffled_apart(X, Y, val_size, rng):
    train_idx, val_idx = _per_class(Y, val_size, rng.permutation)
    return X[:, train_idx], Y[:, rng.permutation(train_idx)], X[:, val_idx], Y[:, val_idx]


def split_parts_swapped(X, Y, val_size, rng):
    train_idx, val_idx = _per_class(Y, val_size, rng.permutation)
    return X[:, val_idx], Y[:, val_idx], X[:, train_idx], Y[:, train_idx]


def split_outputs_in_other_order(X, Y, val_size, rng):
    train_idx, val_idx = _per_class(Y, val_size, rng.permutation)
    return X[:, train_idx], X[:, val_idx], Y[:, train_idx], Y[:, val_idx]


def split_with_replacement(X, Y, val_size, rng):
    train_idx, val_idx = [], []
    for c in np.unique(Y[0]):
        idx = np.flatnonzero(Y[0] == c)
        chosen = rng.choice(idx, size=int(round(val_size * idx.size)))
        val_idx.extend(chosen)
        train_idx.extend(np.setdiff1d(idx, chosen))
    return X[:, train_idx], Y[:, train_idx], X[:, val_idx], Y[:, val_idx]


def split_rows(X, Y, val_size, rng):
    idx = rng.permutation(X.shape[0])
    k = int(round(val_size * idx.size))
    return X[idx[k:]], Y[:, : X.shape[1]], X[idx[:k]], Y


def split_training_is_all_of_x(X, Y, val_size, rng):
    _, val_idx = _per_class(Y, val_size, rng.permutation)
    return X, Y, X[:, val_idx], Y[:, val_idx]


def split_range_of_class_count(X, Y, val_size, rng):
    train_idx, val_idx = [], []
    for c in range(len(np.unique(Y))):
        idx = rng.permutation(np.flatnonzero(Y[0] == c))
        k = int(round(val_size * idx.size))
        val_idx.extend(idx[:k])
        train_idx.extend(idx[k:])
    return X[:, train_idx], Y[:, train_idx], X[:, val_idx], Y[:, val_idx]


# --- early_stopping ----------------------------------------------------------


def _stopping(val_losses, patience, start=1, better=lambda a, b: a < b, reset=True, wait=None, never=False):
    """The lesson's loop; the mistakes below each change one thing in it."""
    best, best_epoch, waited = None, None, 0
    wait = patience if wait is None else wait
    for epoch, loss in enumerate(val_losses, start=start):
        if best is None or better(loss, best):
            best, best_epoch = loss, epoch
            if reset:
                waited = 0
        else:
            waited += 1
            if waited >= wait and not never:
                return epoch, best_epoch
    return len(val_losses) - 1 + start, best_epoch


def stopping_from_zero(val_losses, patience):
    return _stopping(val_losses, patience, start=0)


def stopping_results_swapped(val_losses, patience):
    stop, best = _stopping(val_losses, patience)
    return best, stop


def stopping_ties_improve(val_losses, patience):
    return _stopping(val_losses, patience, better=lambda a, b: a <= b)


def stopping_best_over_the_whole_list(val_losses, patience):
    stop, _ = _stopping(val_losses, patience)
    return stop, val_losses.index(min(val_losses)) + 1


def stopping_one_late(val_losses, patience):
    return _stopping(val_losses, patience, wait=patience + 1)


def stopping_one_early(val_losses, patience):
    return _stopping(val_losses, patience, wait=patience - 1)


def stopping_count_never_reset(val_losses, patience):
    return _stopping(val_losses, patience, reset=False)


def stopping_never_stops(val_losses, patience):
    return _stopping(val_losses, patience, never=True)


def stopping_higher_is_better(val_losses, patience):
    return _stopping(val_losses, patience, better=lambda a, b: a > b)


def stopping_past_the_end(val_losses, patience):
    best_epoch = None
    for epoch, loss in enumerate(val_losses, start=1):
        if best_epoch is None or loss < val_losses[best_epoch - 1]:
            best_epoch = epoch
        elif epoch - best_epoch == patience:
            break
    return best_epoch + patience, best_epoch


def stopping_returns_best_loss(val_losses, patience):
    stop, best_epoch = _stopping(val_losses, patience)
    return stop, val_losses[best_epoch - 1]


MISTAKES = {
    "train_val_split": (
        Mistake(split_not_stratified, "split each class on its own", shown_by="property"),
        Mistake(split_not_shuffled, "not a random choice", shown_by="property"),
        Mistake(split_global_numpy, "`np.random.permutation` ignores it", shown_by="property"),
        Mistake(split_own_seed, "don't seed a generator of your own", shown_by="property"),
        Mistake(split_labels_shuffled_apart, "the labels no longer belong", shown_by="property"),
        Mistake(split_parts_swapped, "the parts are swapped", shown_by="property"),
        Mistake(split_outputs_in_other_order, "in the order X_train, Y_train, X_val, Y_val", shown_by="property"),
        Mistake(split_with_replacement, "`rng.choice` with replacement", shown_by="property"),
        Mistake(split_rows, "not the rows", shown_by="property"),
        Mistake(split_training_is_all_of_x, "the training part is all of X", shown_by="property"),
        Mistake(split_range_of_class_count, "loop over the classes present", shown_by="property"),
    ),
    "early_stopping": (
        Mistake(
            stopping_from_zero,
            "the epochs are counted from 0; the course counts them from 1 (`enumerate(val_losses, start=1)`)",
        ),
        Mistake(stopping_results_swapped, "the two results are swapped: return `stop_epoch, best_epoch`"),
        Mistake(stopping_ties_improve, "an equal loss is not an improvement: compare with `<`, not `<=`"),
        Mistake(
            stopping_best_over_the_whole_list,
            "the best epoch is looked up over the whole list, including epochs after training stopped",
        ),
        Mistake(
            stopping_one_late, "one epoch too late: stop as soon as `patience` epochs have passed without improvement"
        ),
        Mistake(stopping_one_early, "one epoch too early: wait `patience` full epochs after the best one"),
        Mistake(
            stopping_count_never_reset,
            "the count of epochs without improvement must start again at 0 after every improvement",
        ),
        Mistake(stopping_never_stops, "training never stops early: return as soon as the count reaches `patience`"),
        Mistake(
            stopping_higher_is_better, "lower is better for a loss: an improvement is a loss *below* the best so far"
        ),
        Mistake(
            stopping_past_the_end,
            "`best_epoch + patience` can lie past the last epoch: when no stop comes in time, training ran to the "
            "last epoch, `stop_epoch = len(val_losses)`",
        ),
        Mistake(
            stopping_returns_best_loss,
            "the second result is the best loss itself; return its epoch (counted from 1)",
        ),
    ),
}
