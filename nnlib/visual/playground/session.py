"""The playground's state: data, network and training history, advanced in small slices.

Introduced in: the playground appendix (90), usable any time after lesson 06.

This module is the playground without pictures or widgets (numpy only), so
it can be tested and timed on its own. A :class:`PlaygroundSession` holds one
data set split into training and validation points, one network built with
``init_params``, and the history of its training by ``fit``. ``train_slice``
trains for ``epochs_per_slice`` epochs and returns, so a user interface can
redraw and answer its buttons between slices.

Changing a setting with :meth:`PlaygroundSession.update` acts as the
TensorFlow Playground does:

- a data setting (``dataset``, ``noise``, ``m``, ``validation_fraction``,
  ``seed``) draws new data and starts a new network;
- a network setting (``hidden_layers``, ``activation``, ``initializer``,
  ``optimizer``) starts a new network on the same data;
- a training setting (``learning_rate``, ``batch_size``, ``l2``,
  ``keep_prob``, ``epochs_per_slice``) applies from the next slice on, and
  the network keeps what it has learned.

Shapes follow the course: points are columns, ``X`` (2, m), labels ``Y`` (1, m).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from nnlib._validation import as_float_array, check_choice, check_positive, check_probability, check_shape
from nnlib.datasets import make_circles, make_flower, make_moons, make_spirals, make_xor, train_test_split
from nnlib.deep import forward_prop
from nnlib.initializers import init_params
from nnlib.optimizers import get_optimizer
from nnlib.training import fit

__all__ = [
    "DATASETS",
    "HIDDEN_ACTIVATIONS",
    "INITIALIZER_NAMES",
    "OPTIMIZER_NAMES",
    "DATA_SETTINGS",
    "NETWORK_SETTINGS",
    "TRAINING_SETTINGS",
    "PlaygroundSettings",
    "PlaygroundSession",
]


def _two_spirals(m, noise, rng):
    return make_spirals(m, n_classes=2, noise=noise, rng=rng)


DATASETS = {
    "flower": make_flower,
    "moons": make_moons,
    "circles": make_circles,
    "xor": make_xor,
    "spirals": _two_spirals,
}
HIDDEN_ACTIVATIONS = ("tanh", "relu", "sigmoid", "leaky_relu")
INITIALIZER_NAMES = ("xavier", "glorot", "he", "small_random", "zeros")
OPTIMIZER_NAMES = ("gd", "momentum", "adam")

DATA_SETTINGS = ("dataset", "noise", "m", "validation_fraction", "seed")
NETWORK_SETTINGS = ("hidden_layers", "activation", "initializer", "optimizer")
TRAINING_SETTINGS = ("learning_rate", "batch_size", "l2", "keep_prob", "epochs_per_slice")
MAX_HIDDEN_LAYERS = 6
MAX_UNITS = 64


@dataclass(frozen=True)
class PlaygroundSettings:
    """Every control of the playground, checked when made.

    Attributes
    ----------
    dataset : one of ``DATASETS`` (flower, moons, circles, xor, spirals)
    noise : float >= 0, the data set's noise (its own units, see ``nnlib.datasets``)
    m : int, the number of points, training and validation together
    validation_fraction : float in [0, 0.9], the share held out for validation
    seed : int, draws the data, the initial weights and the mini-batches
    hidden_layers : tuple of int, units per hidden layer (empty: logistic regression)
    activation : hidden activation, one of ``HIDDEN_ACTIVATIONS``
    initializer : one of ``INITIALIZER_NAMES``
    optimizer : one of ``OPTIMIZER_NAMES``
    learning_rate : float > 0
    batch_size : int > 0 (larger than the training set: full batch)
    l2 : float >= 0, the L2 penalty strength for the whole training set
    keep_prob : float in (0, 1], dropout's keep probability for hidden units
    epochs_per_slice : int > 0, epochs trained between two redraws
    """

    dataset: str = "flower"
    noise: float = 0.2
    m: int = 500
    validation_fraction: float = 0.2
    seed: int = 0
    hidden_layers: tuple[int, ...] = (8, 8)
    activation: str = "tanh"
    initializer: str = "glorot"
    optimizer: str = "gd"
    learning_rate: float = 0.03
    batch_size: int = 10
    l2: float = 0.0
    keep_prob: float = 1.0
    epochs_per_slice: int = 1

    def __post_init__(self):
        check_choice(self.dataset, "dataset", DATASETS)
        check_positive(self.noise, "noise", allow_zero=True)
        check_positive(self.m, "m", integer=True)
        check_positive(self.validation_fraction, "validation_fraction", allow_zero=True)
        if self.validation_fraction > 0.9:
            raise ValueError(f"validation_fraction must be at most 0.9, got {self.validation_fraction}")
        if round(self.m * (1 - self.validation_fraction)) < 2:
            raise ValueError(f"m={self.m} with validation_fraction={self.validation_fraction} leaves no training set")
        check_positive(self.seed, "seed", integer=True, allow_zero=True)
        layers = self.hidden_layers
        if isinstance(layers, (str, bytes)) or not isinstance(layers, (tuple, list)):
            raise TypeError(f"hidden_layers must be a tuple of layer sizes like (8, 8), got {type(layers).__name__}")
        if len(layers) > MAX_HIDDEN_LAYERS:
            raise ValueError(f"hidden_layers may hold at most {MAX_HIDDEN_LAYERS} layers, got {len(layers)}")
        for l, n in enumerate(layers):
            check_positive(n, f"hidden_layers[{l}]", integer=True)
            if n > MAX_UNITS:
                raise ValueError(f"hidden_layers[{l}] must be at most {MAX_UNITS} units, got {n}")
        object.__setattr__(self, "hidden_layers", tuple(int(n) for n in layers))
        check_choice(self.activation, "activation", HIDDEN_ACTIVATIONS)
        check_choice(self.initializer, "initializer", INITIALIZER_NAMES)
        check_choice(self.optimizer, "optimizer", OPTIMIZER_NAMES)
        check_positive(self.learning_rate, "learning_rate")
        check_positive(self.batch_size, "batch_size", integer=True)
        check_positive(self.l2, "l2", allow_zero=True)
        check_probability(self.keep_prob, "keep_prob")
        check_positive(self.epochs_per_slice, "epochs_per_slice", integer=True)

    @property
    def layer_dims(self) -> list[int]:
        """``[2, n_1, ..., n_{L-1}, 1]``: two inputs, the hidden layers, one sigmoid output."""
        return [2, *self.hidden_layers, 1]


class PlaygroundSession:
    """One data set, one network and its training history, trained slice by slice.

    Parameters
    ----------
    settings : PlaygroundSettings, optional; the defaults when None
    **changes : settings to change from ``settings`` (e.g. ``dataset="xor"``)

    Attributes
    ----------
    settings : PlaygroundSettings
    X_train (2, m_train), Y_train (1, m_train), X_val (2, m_val), Y_val (1, m_val) : the data
    parameters : dict ``W1`` (n_1, 2), ``b1`` (n_1, 1), ..., ``WL`` (1, n_{L-1}), ``bL`` (1, 1)
    history : dict name -> list of float, one value per epoch: ``loss``,
        ``accuracy`` and, with validation points, ``val_loss``, ``val_accuracy``
    epoch : int, the epochs trained since the network was made
    diverged : str or None; why training stopped (e.g. NaN loss), until the next reset
    resets : int, networks made so far (each Reset draws new initial weights)
    """

    def __init__(self, settings: PlaygroundSettings | None = None, **changes):
        if settings is None:
            settings = PlaygroundSettings()
        if not isinstance(settings, PlaygroundSettings):
            raise TypeError(f"settings must be a PlaygroundSettings or None, got {type(settings).__name__}")
        self.settings = dataclasses.replace(settings, **changes)
        self.resets = 0
        self._new_data()

    # --- changes ---------------------------------------------------------------------------

    def update(self, **changes) -> str:
        """Change settings; return what had to start again: ``"data"``, ``"network"`` or ``"nothing"``.

        Unknown names raise ``TypeError``; bad values ``ValueError`` (and nothing changes).
        """
        unknown = sorted(set(changes) - {field.name for field in dataclasses.fields(PlaygroundSettings)})
        if unknown:
            raise TypeError(
                f"unknown playground setting(s) {unknown}; the settings are {list(PlaygroundSettings().__dict__)}"
            )
        old, new = self.settings, dataclasses.replace(self.settings, **changes)
        changed = {name for name in changes if getattr(old, name) != getattr(new, name)}
        self.settings = new
        if changed & set(DATA_SETTINGS):
            self._new_data()
            return "data"
        if changed & set(NETWORK_SETTINGS):
            self.reset()
            return "network"
        if "learning_rate" in changed:
            self._optimizer = get_optimizer(new.optimizer, new.learning_rate)
        return "nothing"

    def reset(self) -> None:
        """A new network with new initial weights (the same data); the history starts again."""
        settings = self.settings
        rng = np.random.default_rng([settings.seed, self.resets])
        self.resets += 1
        self.parameters = init_params(settings.layer_dims, settings.initializer, rng=rng)
        self._optimizer = get_optimizer(settings.optimizer, settings.learning_rate)
        self._batch_rng = np.random.default_rng([settings.seed, self.resets, 1])
        self.history = {name: [] for name in self._recorded()}
        self.epoch = 0
        self.diverged = None

    def _new_data(self) -> None:
        settings = self.settings
        rng = np.random.default_rng(settings.seed)
        X, Y = DATASETS[settings.dataset](settings.m, noise=settings.noise, rng=rng)
        if settings.validation_fraction > 0:
            self.X_train, self.Y_train, self.X_val, self.Y_val = train_test_split(
                X, Y, test_size=settings.validation_fraction, rng=rng
            )
        else:
            self.X_train, self.Y_train = X, Y
            self.X_val, self.Y_val = X[:, :0], Y[:, :0]
        self.resets = 0
        self.reset()

    def _recorded(self) -> list[str]:
        names = ["loss", "accuracy"]
        return names + [f"val_{name}" for name in names] if self.X_val.shape[1] else names

    # --- training ----------------------------------------------------------------------------

    def train_slice(self) -> bool:
        """Train ``settings.epochs_per_slice`` epochs; return False (and train nothing) once diverged."""
        if self.diverged:
            return False
        settings = self.settings
        validation = (self.X_val, self.Y_val) if self.X_val.shape[1] else None
        try:
            parameters, history = fit(
                self.X_train,
                self.Y_train,
                self.parameters,
                hidden_activation=settings.activation,
                optimizer=self._optimizer,
                epochs=settings.epochs_per_slice,
                batch_size=settings.batch_size,
                l2=settings.l2,
                keep_prob=settings.keep_prob,
                validation_data=validation,
                rng=self._batch_rng,
                progress="none",
            )
        except FloatingPointError as error:
            self.diverged = str(error)
            return False
        self.parameters = parameters
        for name in self.history:
            self.history[name].extend(history[name])
        self.epoch += len(history["loss"])
        return True

    # --- what the pictures need ------------------------------------------------------------------

    def probabilities(self, points) -> np.ndarray:
        """P(class 1) at each point: ``points`` (2, k) -> array (1, k) in [0, 1]."""
        points = as_float_array(points, "points")
        check_shape(points, "points", (2, "k"))
        A, _ = forward_prop(points, self.parameters, hidden_activation=self.settings.activation)
        return A

    def hidden_outputs(self, points) -> list[np.ndarray]:
        """What every hidden unit outputs at each point: ``points`` (2, k) -> list of (n_l, k), layer 1 first.

        Computed with ``forward_prop`` on the network cut after layer ``l``
        (its last layer then uses the hidden activation), so nothing depends
        on the form of the caches.
        """
        points = as_float_array(points, "points")
        check_shape(points, "points", (2, "k"))
        activation = self.settings.activation
        outputs = []
        for l in range(1, len(self.settings.hidden_layers) + 1):
            first_layers = {f"{p}{i}": self.parameters[f"{p}{i}"] for i in range(1, l + 1) for p in "Wb"}
            A, _ = forward_prop(points, first_layers, hidden_activation=activation, output_activation=activation)
            outputs.append(A)
        return outputs

    def last(self) -> dict[str, float]:
        """The latest value of every recorded metric (empty before the first epoch)."""
        return {name: values[-1] for name, values in self.history.items() if values}

    def __repr__(self) -> str:
        s = self.settings
        layers = "-".join(str(n) for n in s.layer_dims)
        metrics = "".join(f", {name}={value:.3f}" for name, value in self.last().items())
        return f"PlaygroundSession({s.dataset}, {layers} {s.activation}, epoch={self.epoch}{metrics})"
