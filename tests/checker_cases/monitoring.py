"""Lesson 13: train_val_split, early_stopping."""

import numpy as np

from checker_cases.types import Cases, Wrong


def split_textbook(X, Y, val_size, rng):
    train_idx, val_idx = [], []
    for c in np.unique(Y[0]):
        idx = rng.permutation(np.flatnonzero(Y[0] == c))
        k = int(round(val_size * len(idx)))
        val_idx.extend(idx[:k])
        train_idx.extend(idx[k:])
    return X[:, train_idx], Y[:, train_idx], X[:, val_idx], Y[:, val_idx]


def split_masks(X, Y, val_size, rng):
    in_val = np.zeros(X.shape[1], dtype=bool)
    for c in np.unique(Y):
        members = np.flatnonzero(Y[0] == c)
        in_val[rng.choice(members, size=int(val_size * members.size), replace=False)] = True
    return X[:, ~in_val], Y[:, ~in_val], X[:, in_val], Y[:, in_val]


def _split(shuffle="rng", stratify=True, pairing="same", share="val", order="right", draw="permutation", axis=1):
    def train_val_split(X, Y, val_size, rng):
        groups = [np.flatnonzero(Y[0] == c) for c in np.unique(Y[0])] if stratify else [np.arange(X.shape[1])]
        train_idx, val_idx = [], []
        for idx in groups:
            k = int(round((val_size if share == "val" else 1 - val_size) * idx.size))
            if draw == "with replacement":
                chosen = rng.choice(idx, size=k, replace=True)
                val_idx.extend(chosen)
                train_idx.extend(np.setdiff1d(idx, chosen))
                continue
            if shuffle == "rng":
                idx = rng.permutation(idx)
            elif shuffle == "numpy":
                idx = np.random.permutation(idx)
            elif shuffle == "own seed":
                idx = np.random.default_rng(0).permutation(idx)
            val_idx.extend(idx[:k])
            train_idx.extend(idx[k:])
        y_train = rng.permutation(train_idx) if pairing == "separate" else train_idx
        if axis == 0:
            return X[:, train_idx], Y[:, train_idx], X[: len(val_idx) % X.shape[0] + 1], Y[:, val_idx]
        parts = X[:, train_idx], Y[:, y_train], X[:, val_idx], Y[:, val_idx]
        return (parts[0], parts[2], parts[1], parts[3]) if order == "swapped" else parts

    return train_val_split


def stopping_textbook(val_losses, patience):
    best, best_epoch, waited = None, None, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if best is None or loss < best:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited == patience:
                return epoch, best_epoch
    return len(val_losses), best_epoch


def stopping_running_minimum(val_losses, patience):
    losses = np.asarray(val_losses, dtype=float)
    running = np.minimum.accumulate(losses)
    improved = np.r_[True, running[1:] < running[:-1]]
    best_epochs = np.maximum.accumulate(np.where(improved, np.arange(1, losses.size + 1), 0))
    late = np.flatnonzero(np.arange(1, losses.size + 1) - best_epochs >= patience)
    stop = int(late[0]) + 1 if late.size else losses.size
    return stop, int(best_epochs[stop - 1])


def _stopping(start=1, better=lambda a, b: a < b, reset=True, extra=0, order="right", never=False, peek=False):
    def early_stopping(val_losses, patience):
        best, best_epoch, waited = None, None, 0
        stop = len(val_losses) - 1 + start
        for epoch, loss in enumerate(val_losses, start=start):
            if best is None or better(loss, best):
                best, best_epoch = loss, epoch
                if reset:
                    waited = 0
            else:
                waited += 1
                if waited >= patience + extra and not never:
                    stop = epoch
                    break
        if peek:
            best_epoch = int(np.argmin(val_losses)) + start
        return (best_epoch, stop) if order == "swapped" else (stop, best_epoch)

    return early_stopping


CASES = {
    "train_val_split": Cases(
        [split_textbook, split_masks],
        [
            Wrong("not stratified", _split(stratify=False), "split each class on its own"),
            Wrong("not shuffled", _split(shuffle="none"), "not a random choice"),
            Wrong("np.random.permutation", _split(shuffle="numpy"), "`np.random.permutation` ignores it"),
            Wrong("seeds its own generator", _split(shuffle="own seed"), "don't seed a generator of your own"),
            Wrong("X and Y shuffled apart", _split(pairing="separate"), "the labels no longer belong"),
            Wrong("parts swapped", _split(share="train"), "the parts are swapped"),
            Wrong("outputs in another order", _split(order="swapped"), "in the order X_train, Y_train, X_val, Y_val"),
            Wrong("drawn with replacement", _split(draw="with replacement"), "appear twice"),
            Wrong("rows instead of columns", _split(axis=0), "not the rows"),
        ],
    ),
    "early_stopping": Cases(
        [stopping_textbook, stopping_running_minimum],
        [
            Wrong("epochs from 0", _stopping(start=0), "counted from 0"),
            Wrong("results swapped", _stopping(order="swapped"), "the two results are swapped"),
            Wrong("ties improve", _stopping(better=lambda a, b: a <= b), "not `<=`"),
            Wrong("best over the whole list", _stopping(peek=True), "including epochs after training stopped"),
            Wrong("one epoch late", _stopping(extra=1), "one epoch too late"),
            Wrong("one epoch early", _stopping(extra=-1), "one epoch too early"),
            Wrong("count never reset", _stopping(reset=False), "must start again at 0"),
            Wrong("never stops", _stopping(never=True), "never stops early"),
            Wrong("higher loss is better", _stopping(better=lambda a, b: a > b), "lower is better"),
        ],
    ),
}
