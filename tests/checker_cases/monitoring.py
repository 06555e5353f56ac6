"""Lesson 13: train_val_split, early_stopping: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/monitoring.py.
"""

import numpy as np


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


def split_shuffle_in_place(X, Y, val_size, rng):
    val, train = np.array([], dtype=int), np.array([], dtype=int)
    for c in set(Y[0].tolist()):
        members = np.flatnonzero(Y[0] == c)
        rng.shuffle(members)
        cut = round(val_size * len(members))
        val, train = np.concatenate([val, members[:cut]]), np.concatenate([train, members[cut:]])
    return X[:, train], Y[:, train], X[:, val], Y[:, val]


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


def stopping_list_index(val_losses, patience):
    """Written for a list, as the lesson promises: `.index` finds the first epoch of the lowest loss so far."""
    stop = len(val_losses)
    for epoch in range(1, len(val_losses) + 1):
        seen = val_losses[:epoch]
        if epoch - (seen.index(min(seen)) + 1) == patience:
            stop = epoch
            break
    seen = val_losses[:stop]
    return stop, seen.index(min(seen)) + 1


CORRECT = {
    "train_val_split": [split_textbook, split_masks, split_shuffle_in_place],
    "early_stopping": [stopping_textbook, stopping_running_minimum, stopping_list_index],
}
