"""Data sets for the lessons: generated toy sets, the 8x8 digits, and splits.

Introduced in: part 1 (``make_flower``, the planar data the first network
learns); the other toy sets, ``one_hot`` and the splits as the course needs
them; ``load_digits`` with the multi-class (softmax) network.

Everything is made here or shipped inside nnlib; nothing is ever downloaded.
Examples are **columns**: ``X`` has shape ``(n_x, m)``; class labels ``Y``
have shape ``(1, m)`` and dtype int64 (a network converts them to floats);
regression targets have shape ``(1, m)`` and a float dtype. Randomness comes
only from the ``rng`` argument (a ``numpy.random.Generator``; ``None`` means
a fresh, unseeded one), so one seed reproduces a notebook exactly. Every
generator returns ``(X, Y)`` and takes ``dtype`` for ``X`` (float64 by
default; float32 works too).

Generated sets (all 2-D points unless noted):

- ``make_flower``: the planar "flower", petals alternately labelled 0 and 1.
  A straight line gets about half of it right; one hidden layer gets ~90%.
- ``make_moons``: two interleaving half circles.
- ``make_circles``: a small circle inside a large one.
- ``make_xor``: four blobs, one per quadrant, labelled by the XOR of signs.
- ``make_spirals``: ``n_classes`` interleaved spiral arms.
- ``make_regression_1d``: a noisy 1-D curve, ``regression_1d_target`` plus
  Gaussian noise (``X`` of shape ``(1, m)``).
- ``make_echo``: sequences of random bits ``(1, m, T)`` and, as targets, the
  same bits ``delay`` steps later: a task that needs a memory of ``delay``
  steps (lesson 19).

Shipped set:

- ``load_digits``: 1,797 handwritten digits, 8x8 pixels (UCI "Optical
  Recognition of Handwritten Digits", CC BY 4.0; see ``nnlib/data/README.md``).

Helpers: ``one_hot`` / ``from_one_hot`` convert between ``(1, m)`` labels
and ``(K, m)`` one-hot columns; ``train_val_test_split`` and
``train_test_split`` split the columns, keeping class proportions.
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources
from typing import NamedTuple

import numpy as np

from nnlib._validation import (
    as_float_array,
    as_labels,
    check_float_dtype,
    check_positive,
    check_probability,
    check_rng,
    check_shape,
    checked,
)
from nnlib.labels import output_to_labels

__all__ = [
    "make_flower",
    "make_moons",
    "make_circles",
    "make_xor",
    "make_spirals",
    "make_regression_1d",
    "make_echo",
    "regression_1d_target",
    "REGRESSION_1D_RANGE",
    "one_hot",
    "from_one_hot",
    "load_digits",
    "shift_images",
    "Split",
    "train_val_split",
    "train_val_test_split",
    "train_test_split",
]

REGRESSION_1D_RANGE = (-3.0, 3.0)
"""The interval ``make_regression_1d`` draws its inputs from."""

DIGITS_FILE = "digits.csv.gz"
DIGITS_SHAPE = (64, 1797)


# --- shared pieces ------------------------------------------------------------


def _prepare(m, noise, rng, dtype):
    """Check the arguments every generator shares and return them cleaned."""
    m = int(check_positive(m, "m", integer=True))
    noise = float(check_positive(noise, "noise", allow_zero=True))
    return m, noise, check_rng(rng), check_float_dtype(dtype)


def _balanced_labels(m: int, n_classes: int, rng: np.random.Generator) -> np.ndarray:
    """Shuffled int64 labels in ``0..n_classes-1``; class counts differ by at most 1."""
    return rng.permutation(np.arange(m, dtype=np.int64) % n_classes)


def _polar(r: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """Points of shape (2, m) at radius ``r`` and angle ``theta`` (radians)."""
    return np.stack([r * np.cos(theta), r * np.sin(theta)])


def _points(X: np.ndarray, labels: np.ndarray, dtype: np.dtype, noise=0.0, rng=None):
    """Return ``(X + noise * N(0, 1), labels)``: X in ``dtype``, labels as a (1, m) row."""
    if noise:
        X = X + noise * rng.standard_normal(X.shape)
    return X.astype(dtype), labels.reshape(1, -1)


# --- generated classification sets -------------------------------------------


def make_flower(m: int = 400, noise: float = 0.2, petals: int = 4, rng=None, dtype=np.float64):
    """The planar "flower": ``2 * petals`` petals, half labelled 0 and half 1.

    Petal ``j`` (``j = 0 .. 2*petals - 1``) spans the angles
    ``theta = (j + u) * pi / petals`` for ``u`` in [0, 1], on the rose curve
    ``r = a * |sin(petals * theta)| = a * sin(pi * u)`` with ``a = 4``. Labels
    alternate from petal to petal, except that each petal's opposite one
    (``j + petals``) has the other label: ``0,1,0,1, 1,0,1,0`` for 4 petals
    per class. Gaussian noise of standard deviation ``noise`` is added to
    both coordinates, blurring the crowded centre. No straight line does
    well: logistic regression, fitted by cross-entropy, stays near 50%
    accuracy (the best line by accuracy alone gets about 70%), while one
    hidden layer of 4 sigmoid units reaches over 90%.

    Parameters
    ----------
    m : int, number of examples (petal sizes differ by at most 1)
    noise : float >= 0
    petals : int >= 1, petals per class
    rng : numpy.random.Generator, int seed or None
    dtype : floating dtype of X

    Returns
    -------
    X : array of shape (2, m), one point per column
    Y : int64 array of shape (1, m), labels 0 and 1 (counts differ by at most 1)
    """
    m, noise, rng, dtype = _prepare(m, noise, rng, dtype)
    petals = int(check_positive(petals, "petals", integer=True))
    petal = _balanced_labels(m, 2 * petals, rng)
    u = rng.uniform(size=m)
    X = _polar(4.0 * np.sin(np.pi * u), (petal + u) * np.pi / petals)
    labels = (petal % petals + petal // petals) % 2
    return _points(X, labels, dtype, noise, rng)


def make_moons(m: int = 200, noise: float = 0.1, rng=None, dtype=np.float64):
    """Two interleaving half circles ("moons").

    Label 0: ``(cos t, sin t)``; label 1: ``(1 - cos t, 0.5 - sin t)``, with
    ``t`` uniform in [0, pi]; then Gaussian noise of standard deviation
    ``noise`` on both coordinates.

    Parameters
    ----------
    m : int, number of examples
    noise : float >= 0, the standard deviation of the noise
    rng : numpy.random.Generator, int seed or None
    dtype : floating dtype of X

    Returns
    -------
    X : array of shape (2, m)
    Y : int64 array of shape (1, m), labels 0 and 1 (counts differ by at most 1)
    """
    m, noise, rng, dtype = _prepare(m, noise, rng, dtype)
    labels = _balanced_labels(m, 2, rng)
    t = rng.uniform(0.0, np.pi, size=m)
    sign = 1 - 2 * labels  # +1 for the upper moon, -1 for the lower one
    X = np.stack([labels + sign * np.cos(t), 0.5 * labels + sign * np.sin(t)])
    return _points(X, labels, dtype, noise, rng)


def make_circles(m: int = 200, noise: float = 0.05, factor: float = 0.5, rng=None, dtype=np.float64):
    """A circle of radius ``factor`` (label 1) inside the unit circle (label 0).

    Angles are uniform in [0, 2 pi); Gaussian noise of standard deviation
    ``noise`` is added to both coordinates.

    Parameters
    ----------
    m : int, number of examples
    noise : float >= 0
    factor : float in (0, 1), radius of the inner circle
    rng : numpy.random.Generator, int seed or None
    dtype : floating dtype of X

    Returns
    -------
    X : array of shape (2, m)
    Y : int64 array of shape (1, m), 0 = outer, 1 = inner (counts differ by at most 1)
    """
    m, noise, rng, dtype = _prepare(m, noise, rng, dtype)
    factor = check_probability(factor, "factor", allow_one=False)
    labels = _balanced_labels(m, 2, rng)
    r = np.where(labels == 1, factor, 1.0)
    X = _polar(r, rng.uniform(0.0, 2 * np.pi, size=m))
    return _points(X, labels, dtype, noise, rng)


def make_xor(m: int = 200, noise: float = 0.2, rng=None, dtype=np.float64):
    """Four Gaussian blobs centred on ``(+-1, +-1)``, labelled by XOR of the signs.

    A blob's label is 1 when exactly one coordinate of its centre is
    positive, so opposite quadrants share a label and no straight line
    separates the classes. Each blob has standard deviation ``noise``.

    Parameters
    ----------
    m : int, number of examples (blob sizes differ by at most 1)
    noise : float >= 0, the standard deviation of each blob
    rng : numpy.random.Generator, int seed or None
    dtype : floating dtype of X

    Returns
    -------
    X : array of shape (2, m), one point per column
    Y : int64 array of shape (1, m), the XOR labels 0 and 1 (counts differ by at most 1)
    """
    m, noise, rng, dtype = _prepare(m, noise, rng, dtype)
    # Blobs 0, 1, 2, 3 have labels 0, 1, 1, 0, so spare examples stay balanced.
    blob = _balanced_labels(m, 4, rng)
    x_positive, y_positive = blob & 1, blob >> 1
    centres = np.stack([2 * x_positive - 1, 2 * y_positive - 1])
    return _points(centres, x_positive ^ y_positive, dtype, noise, rng)


def make_spirals(
    m: int = 300,
    n_classes: int = 3,
    noise: float = 0.2,
    turns: float = 1.0,
    rng=None,
    dtype=np.float64,
):
    """``n_classes`` interleaved spiral arms starting at the origin.

    A point at fraction ``s`` (uniform in [0, 1]) along arm ``k`` sits at
    radius ``r = s`` and angle ``theta = 2 pi (turns * s + k / n_classes)``,
    plus Gaussian angular noise of standard deviation ``noise`` (radians),
    which blurs the arms more at the rim than at the centre.

    Parameters
    ----------
    m : int, number of examples
    n_classes : int >= 1, number of arms
    noise : float >= 0, angular noise in radians
    turns : float > 0, how many times each arm winds around the origin
    rng : numpy.random.Generator, int seed or None
    dtype : floating dtype of X

    Returns
    -------
    X : array of shape (2, m), inside the unit disc
    Y : int64 array of shape (1, m), labels 0 .. n_classes - 1 (counts differ by at most 1)
    """
    m, noise, rng, dtype = _prepare(m, noise, rng, dtype)
    n_classes = int(check_positive(n_classes, "n_classes", integer=True))
    turns = float(check_positive(turns, "turns"))
    labels = _balanced_labels(m, n_classes, rng)
    s = rng.uniform(size=m)
    theta = 2 * np.pi * (turns * s + labels / n_classes) + noise * rng.standard_normal(m)
    return _points(_polar(s, theta), labels, dtype)


# --- regression --------------------------------------------------------------


def regression_1d_target(x):
    """The noiseless curve behind ``make_regression_1d``: ``f(x) = sin(1.5 x) + 0.25 x``.

    Parameters
    ----------
    x : float array of any shape, e.g. ``np.linspace(-3, 3, 200).reshape(1, -1)``

    Returns
    -------
    y : array of x's shape and float dtype (integer input gives float64)
    """
    x = as_float_array(x, "x")
    return np.sin(1.5 * x) + 0.25 * x


def make_regression_1d(m: int = 100, noise: float = 0.1, rng=None, dtype=np.float64):
    """Noisy samples of a smooth curve: ``y = regression_1d_target(x) + noise * N(0, 1)``.

    ``x`` is uniform on ``REGRESSION_1D_RANGE`` = [-3, 3], in random order;
    the curve ``sin(1.5 x) + 0.25 x`` is a wave on a gentle slope (about two
    periods in the range). Plot the truth with ``regression_1d_target``.

    Parameters
    ----------
    m : int, number of examples
    noise : float >= 0, standard deviation of the Gaussian noise on y
    rng : numpy.random.Generator, int seed or None
    dtype : floating dtype of both X and Y

    Returns
    -------
    X : array of shape (1, m)
    Y : array of shape (1, m), float targets
    """
    m, noise, rng, dtype = _prepare(m, noise, rng, dtype)
    X = rng.uniform(*REGRESSION_1D_RANGE, size=(1, m))
    Y = regression_1d_target(X) + noise * rng.standard_normal((1, m))
    return X.astype(dtype), Y.astype(dtype)


# --- generated sequences -----------------------------------------------------


def make_echo(m: int = 256, T: int = 20, delay: int = 3, rng=None, dtype=np.float64):
    """Random bits, and as targets the same bits ``delay`` steps later: recall what you read ``delay`` steps ago.

    ``Y[:, :, t] = X[:, :, t - delay]`` for ``t >= delay``; the first ``delay`` targets, with nothing
    to recall yet, are 0 and not meant to be scored. A network that sees only the current bit is
    right half the time; to do better it must carry each bit for ``delay`` steps in its state.

    Parameters
    ----------
    m : int, number of sequences
    T : int, number of time steps, more than ``delay``
    delay : int >= 1, how many steps back the target is
    rng : numpy.random.Generator, int seed or None
    dtype : floating dtype of X and Y

    Returns
    -------
    X : array of shape (1, m, T), bits 0.0 and 1.0 (each 1 with probability 1/2)
    Y : array of shape (1, m, T), the bits of X moved ``delay`` steps later
    """
    m, _, rng, dtype = _prepare(m, 0.0, rng, dtype)
    delay = int(check_positive(delay, "delay", integer=True))
    T = int(check_positive(T, "T", integer=True))
    if T <= delay:
        raise ValueError(f"T must be larger than delay, got T={T} and delay={delay}")
    X = rng.integers(0, 2, size=(1, m, T)).astype(dtype)
    Y = np.zeros_like(X)
    Y[:, :, delay:] = X[:, :, :-delay]
    return X, Y


# --- labels ------------------------------------------------------------------


def _check_labels_and_classes(arguments: dict) -> None:
    """``labels`` as an int64 vector (m,); ``n_classes`` an int above every label (by default the largest + 1)."""
    labels = arguments["labels"] = as_labels(arguments["labels"], "labels", allow_empty=True)
    arguments["dtype"] = check_float_dtype(arguments["dtype"])
    n_classes = arguments["n_classes"]
    if n_classes is None:
        if labels.size == 0:
            raise ValueError("cannot infer n_classes from empty labels; pass n_classes")
        n_classes = int(labels.max()) + 1
    n_classes = arguments["n_classes"] = int(check_positive(n_classes, "n_classes", integer=True))
    if labels.size and labels.max() >= n_classes:
        raise ValueError(f"labels must be less than n_classes={n_classes}, got a label {labels.max()}")


@checked(_check_labels_and_classes)
def one_hot(labels, n_classes: int | None = None, dtype=np.float64) -> np.ndarray:
    """One-hot columns: ``Y[k, i] = 1`` if example ``i`` has label ``k``, else 0.

    Parameters
    ----------
    labels : integer array of shape (1, m) or (m,), values in 0 .. K-1
    n_classes : int K, or None to use ``labels.max() + 1``
    dtype : floating dtype of the result

    Returns
    -------
    Y : array of shape (K, m), each column all zeros but a single 1
    """
    Y = np.zeros((n_classes, labels.size), dtype=dtype)
    Y[labels, np.arange(labels.size)] = 1
    return Y


def from_one_hot(Y) -> np.ndarray:
    """Labels from one-hot (or score) columns: the row of each column's largest entry.

    Works on softmax probabilities too, turning them into predicted labels.

    Parameters
    ----------
    Y : array of shape (K, m), K >= 1

    Returns
    -------
    labels : int64 array of shape (1, m)
    """
    Y = np.asarray(Y)
    if Y.dtype.kind not in "biuf":
        raise TypeError(f"Y must be a numeric array of shape (K, m), got dtype {Y.dtype}")
    check_shape(Y, "Y", ("K", "m"))
    if Y.shape[0] == 0:
        raise ValueError("Y must have at least one row (K >= 1), got shape (0, m)")
    return output_to_labels(Y, "softmax")


# --- the digits ---------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _digits_raw() -> tuple[np.ndarray, np.ndarray]:
    """Parse the shipped CSV once: read-only (pixels (64, 1797) uint8, labels (1, 1797) int64)."""
    source = resources.files("nnlib").joinpath("data", DIGITS_FILE)
    with source.open("rb") as raw, gzip.open(raw, "rt") as text:
        table = np.loadtxt(text, delimiter=",", dtype=np.int64)
    pixels, labels = table[:, :-1].T, table[:, -1:].T
    if (
        pixels.shape != DIGITS_SHAPE
        or pixels.min() < 0
        or pixels.max() > 16
        or set(np.unique(labels)) != set(range(10))
    ):
        raise RuntimeError(f"nnlib's {DIGITS_FILE} is damaged; reinstall nnlib")
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    labels = np.ascontiguousarray(labels)
    pixels.flags.writeable = labels.flags.writeable = False
    return pixels, labels


def load_digits(scaled: bool = True, dtype=np.float64):
    """The 1,797 8x8 handwritten digits shipped with nnlib (no download).

    UCI "Optical Recognition of Handwritten Digits" (Alpaydin & Kaynak, 1998;
    CC BY 4.0; https://doi.org/10.24432/C50P49). Each pixel counts the ink in
    a 4x4 block of a 32x32 bitmap, so it is an integer 0..16. Column ``i`` of
    ``X`` is image ``i`` flattened row by row: ``X[:, i].reshape(8, 8)``
    draws it. The file is parsed once per session; every call returns fresh
    copies, so changing them is safe.

    Parameters
    ----------
    scaled : bool, divide the pixels by 16 so they lie in [0, 1]
    dtype : floating dtype of X

    Returns
    -------
    X : array of shape (64, 1797), pixels in [0, 1] (scaled) or 0..16 (raw)
    Y : int64 array of shape (1, 1797), digits 0..9 (174 to 183 of each)
    """
    if not isinstance(scaled, (bool, np.bool_)):
        raise TypeError(f"scaled must be True or False, got {type(scaled).__name__}")
    dtype = check_float_dtype(dtype)
    pixels, labels = _digits_raw()
    X = pixels.astype(dtype)
    if scaled:
        X /= 16
    return X, labels.copy()


def shift_images(images, rows: int, columns: int) -> np.ndarray:
    """Move every image by ``rows`` (down if positive) and ``columns`` (right if positive) pixels.

    What leaves the frame is dropped; what comes in is 0 (blank). Introduced in: lesson 18, for
    the one-pixel shifts of lesson 17.

    Parameters
    ----------
    images : array of shape (..., H, W)
    rows, columns : int, with abs(rows) <= H and abs(columns) <= W

    Returns
    -------
    moved : array of images' shape and dtype
    """
    images = as_float_array(images, "images")
    if images.ndim < 2:
        raise ValueError(f"images must have at least 2 axes (..., H, W), got shape {images.shape}")
    H, W = images.shape[-2:]
    for name, value, limit in (("rows", rows, H), ("columns", columns, W)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or abs(value) > limit:
            raise ValueError(f"{name} must be an integer between -{limit} and {limit}, got {value!r}")
    moved = np.zeros_like(images)
    target = (..., slice(max(rows, 0), H + min(rows, 0)), slice(max(columns, 0), W + min(columns, 0)))
    source = (..., slice(max(-rows, 0), H + min(-rows, 0)), slice(max(-columns, 0), W + min(-columns, 0)))
    moved[target] = images[source]
    return moved


# --- splits -------------------------------------------------------------------


class Split(NamedTuple):
    """The three parts of a data set, each ``X`` of shape (n_x, m_part), ``Y`` (n_y, m_part)."""

    X_train: np.ndarray
    Y_train: np.ndarray
    X_val: np.ndarray
    Y_val: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray

    def __repr__(self) -> str:
        sizes = ", ".join(f"{part}={getattr(self, 'X_' + part).shape[1]}" for part in ("train", "val", "test"))
        return f"Split({sizes} examples)"


def _stratify_labels(Y: np.ndarray) -> np.ndarray:
    """Class index of each column of ``Y``: (1, m) integer labels or (K, m) one-hot."""
    message = (
        "stratify=True needs class labels: Y of shape (1, m) with integer labels "
        "or one-hot columns of shape (K, m); pass stratify=False for other targets"
    )
    if Y.shape[0] == 1:
        try:
            return as_labels(Y, "Y", allow_empty=True)
        except (TypeError, ValueError) as error:
            raise ValueError(f"{message} ({error})") from None
    is_one_hot = np.isin(Y, (0, 1)).all() and (Y.sum(axis=0) == 1).all()
    if Y.dtype.kind not in "biuf" or not is_one_hot:
        raise ValueError(f"{message} (Y has shape {Y.shape} but its columns are not one-hot)")
    return from_one_hot(Y)[0]


def _allocate(counts: np.ndarray, fraction: float) -> np.ndarray:
    """Per-group sizes that add up to ``round(fraction * m)``, each within 1 of ``fraction * count``.

    Every group gets the floor of its exact share; the examples still missing
    go, one each, to the groups with the largest fractional remainders.
    """
    exact = counts * fraction
    sizes = np.floor(exact).astype(np.int64)
    missing = int(np.floor(fraction * counts.sum() + 0.5)) - int(sizes.sum())
    by_remainder = np.argsort(sizes - exact, kind="stable")  # largest remainder first
    sizes[by_remainder[:missing]] += 1
    return sizes


def train_val_test_split(X, Y, val_size: float = 0.2, test_size: float = 0.2, stratify: bool = True, rng=None) -> Split:
    """Split the columns of ``X`` and ``Y`` at random into train, validation and test parts.

    A part of fraction ``f`` gets ``round(f * m)`` examples; with
    ``stratify=True`` each class ``c`` contributes ``f * m_c`` of its ``m_c``
    examples, rounded up or down so that the part keeps the class proportions
    to within one example per class; train gets the rest. Each part's columns
    are in random order. The same seeded ``rng`` gives the same split.

    Parameters
    ----------
    X : array of shape (n_x, m)
    Y : array of shape (n_y, m): labels (1, m), one-hot (K, m), or any
        targets when ``stratify=False``
    val_size, test_size : fractions in [0, 1) with ``val_size + test_size < 1``;
        0 gives empty parts of shape (n_x, 0) and (n_y, 0)
    stratify : bool, keep the class proportions of ``Y`` in every part
    rng : numpy.random.Generator, int seed or None

    Returns
    -------
    Split(X_train, Y_train, X_val, Y_val, X_test, Y_test), a named tuple of
    copies; ``X_part`` has shape (n_x, m_part) and ``Y_part`` (n_y, m_part).
    """
    X, Y = np.asarray(X), np.asarray(Y)
    sizes = check_shape(X, "X", ("n_x", "m"))
    check_shape(Y, "Y", ("n_y", "m"), sizes)
    val_size = check_probability(val_size, "val_size", allow_zero=True, allow_one=False)
    test_size = check_probability(test_size, "test_size", allow_zero=True, allow_one=False)
    if val_size + test_size >= 1:
        raise ValueError(
            "val_size + test_size must be less than 1 (train needs examples), "
            f"got {val_size} + {test_size} = {val_size + test_size}"
        )
    if not isinstance(stratify, (bool, np.bool_)):
        raise TypeError(f"stratify must be True or False, got {type(stratify).__name__}")
    rng = check_rng(rng)
    m = X.shape[1]

    group = _stratify_labels(Y) if stratify else np.zeros(m, dtype=np.int64)
    order = rng.permutation(m)
    group = group[order]
    # rank[i]: how many earlier columns of `order` share column i's group.
    by_group = np.argsort(group, kind="stable")
    counts = np.bincount(group)
    starts = np.cumsum(counts) - counts
    rank = np.empty(m, dtype=np.int64)
    rank[by_group] = np.arange(m) - starts[group[by_group]]
    n_test = _allocate(counts, test_size)[group]
    n_val = _allocate(counts, val_size)[group]
    if m and not (rank >= n_test + n_val).any():
        raise ValueError(f"splitting {m} examples this way leaves none to train on")

    parts = []
    for chosen in (rank >= n_test + n_val, (rank >= n_test) & (rank < n_test + n_val), rank < n_test):
        columns = order[chosen]
        parts += [X[:, columns], Y[:, columns]]
    return Split(*parts)


def train_test_split(X, Y, test_size: float = 0.2, stratify: bool = True, rng=None):
    """Split the columns into train and test parts: ``train_val_test_split`` without validation.

    Parameters
    ----------
    X : array of shape (n_x, m)
    Y : array of shape (n_y, m) (see ``train_val_test_split``)
    test_size : fraction in [0, 1)
    stratify : bool, keep the class proportions of ``Y``
    rng : numpy.random.Generator, int seed or None

    Returns
    -------
    X_train : (n_x, m_train), Y_train : (n_y, m_train),
    X_test : (n_x, m_test), Y_test : (n_y, m_test)
    """
    split = train_val_test_split(X, Y, val_size=0.0, test_size=test_size, stratify=stratify, rng=rng)
    return split.X_train, split.Y_train, split.X_test, split.Y_test


def train_val_split(X, Y, val_size: float = 0.2, rng=None):
    """Split off a stratified validation set: a random ``val_size`` share of every class.

    ``train_val_test_split`` without a test part: class ``c`` with ``m_c``
    examples sends ``val_size * m_c`` of them (rounded up or down) to
    validation, chosen at random, and the rest to training; an example's
    column of ``X`` stays with its column of ``Y``.

    Introduced in: lesson 13 (monitoring training).

    Parameters
    ----------
    X : array (n_x, m)
    Y : array (1, m) of class labels, or one-hot (K, m)
    val_size : fraction in [0, 1)
    rng : numpy.random.Generator, int seed or None

    Returns
    -------
    X_train : (n_x, m_train), Y_train : (n_y, m_train), X_val : (n_x, m_val), Y_val : (n_y, m_val)
    """
    split = train_val_test_split(X, Y, val_size=val_size, test_size=0.0, stratify=True, rng=rng)
    return split.X_train, split.Y_train, split.X_val, split.Y_val
