"""Training loops for the L-layer network: ``fit`` (mini-batches, validation,
early stopping, progress) and ``model`` (the article's full-batch loop).

Introduced in: part 2, "an L-layer network" (``model``); ``fit`` with the
lessons on monitoring, regularisation and hyperparameters.

One epoch of ``fit`` shuffles the training examples, cuts them into
mini-batches, and for each batch runs forward, cost, backward and an
optimizer step. The training loss and metrics recorded for an epoch come
from the forward passes already made during the epoch (so they cost nothing
extra, but see the parameters change as the epoch goes on, and include
dropout when it is on); the validation ones are measured at the end of the
epoch on the whole validation set, without dropout. Comparing the two is
how the monitoring lesson spots over- and underfitting.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnlib._fast import TrainingStep
from nnlib._validation import (
    as_float_array,
    check_parameters,
    check_positive,
    check_probability,
    check_rng,
    check_shape,
    checked,
)
from nnlib.activations import get_activation
from nnlib.deep import cost_function, forward_prop
from nnlib.initializers import init_params
from nnlib.labels import CLASS_OUTPUTS, output_to_labels
from nnlib.losses import default_loss, get_loss
from nnlib.metrics import get_metric
from nnlib.optimizers import GradientDescent, get_optimizer, mini_batch_indices
from nnlib.progress import make_progress
from nnlib.regularization import weight_penalty

__all__ = ["History", "EarlyStopping", "fit", "model", "early_stopping"]


@dataclass
class History:
    """What ``fit`` recorded, one value per epoch.

    Attributes
    ----------
    epochs : list of int, 1, 2, ...
    metrics : dict name -> list of float: ``"loss"`` and every requested
        metric, each also as ``"val_" + name`` when validation data was given
    best_epoch : the epoch whose parameters were kept by early stopping, or None
    stopped_early : whether early stopping ended the training
    measured : how each kind of value was measured, e.g. ``{"training": "...",
        "validation": "..."}``: ``fit``'s training values come from the epoch's
        mini-batches as they ran (dropout on, when it is), its validation values
        from the whole validation set at the end of the epoch (dropout off), so
        the two differ in method as well as in data
    """

    epochs: list[int] = field(default_factory=list)
    metrics: dict[str, list[float]] = field(default_factory=dict)
    best_epoch: int | None = None
    stopped_early: bool = False
    measured: dict[str, str] = field(default_factory=dict)

    def record(self, epoch: int, logs: dict[str, float]) -> None:
        self.epochs.append(epoch)
        for name, value in logs.items():
            self.metrics.setdefault(name, []).append(value)

    def __getitem__(self, name: str) -> list[float]:
        return self.metrics[name]

    def last(self) -> dict[str, float]:
        """The most recent value of every metric."""
        return {name: values[-1] for name, values in self.metrics.items()}

    def __repr__(self) -> str:
        if not self.epochs:
            return "History(no epochs)"
        last = ", ".join(f"{name}={value:.4f}" for name, value in self.last().items())
        extra = f", best_epoch={self.best_epoch}" if self.best_epoch is not None else ""
        return f"History(epochs={len(self.epochs)}, {last}{extra})"


class EarlyStopping:
    """Stop when a monitored metric has not improved for ``patience`` epochs.

    Parameters
    ----------
    patience : epochs to wait after the best one
    monitor : a History key; ``"val_loss"`` by default (lower is better; for
        a key ending in accuracy, precision, recall or f1 higher is better)
    min_delta : the smallest change that counts as an improvement
    restore_best : give back the parameters of the best epoch, not the last

    ``fit`` calls ``start()`` before the first epoch, so one instance can
    serve several trainings.
    """

    def __init__(
        self, patience: int = 10, monitor: str = "val_loss", min_delta: float = 0.0, restore_best: bool = True
    ):
        self.patience = check_positive(patience, "patience", integer=True)
        if not isinstance(monitor, str):
            raise TypeError(f"monitor must be a History key such as 'val_loss', got {type(monitor).__name__}")
        self.monitor = monitor
        self.min_delta = check_positive(min_delta, "min_delta", allow_zero=True)
        self.restore_best = restore_best
        self.higher_is_better = monitor.rsplit("_", 1)[-1] in ("accuracy", "precision", "recall", "f1")
        self.start()

    def start(self) -> None:
        """Forget any earlier training."""
        self.best_value = None
        self.best_epoch = None
        self.best_parameters = None
        self.waited = 0

    def update(self, epoch: int, logs: dict[str, float], parameters: dict) -> bool:
        """Take one epoch's logs; return True when training should stop."""
        value = logs[self.monitor]
        if self._improves_on_best(value):
            self.best_value, self.best_epoch, self.waited = value, epoch, 0
            if self.restore_best:
                self.best_parameters = {key: array.copy() for key, array in parameters.items()}
            return False
        self.waited += 1
        return self.waited >= self.patience

    def _improves_on_best(self, value: float) -> bool:
        if self.best_value is None:
            return True
        gain = value - self.best_value if self.higher_is_better else self.best_value - value
        return gain > self.min_delta

    def __repr__(self) -> str:
        return f"EarlyStopping(patience={self.patience}, monitor={self.monitor!r})"


def _check_targets(Y, n_out: int, sizes: dict, name: str) -> np.ndarray:
    Y = as_float_array(Y, name)
    check_shape(Y, name, ("n_L", "m"), {**sizes, "n_L": n_out})
    return Y


def fit(
    X,
    Y,
    parameters: dict,
    *,
    hidden_activation: str = "relu",
    output_activation: str = "sigmoid",
    loss: str | None = None,
    optimizer="adam",
    learning_rate: float | None = None,
    epochs: int = 100,
    batch_size: int | None = 64,
    l1: float = 0.0,
    l2: float = 0.0,
    keep_prob: float = 1.0,
    validation_data: tuple | None = None,
    metrics=None,
    early_stopping: EarlyStopping | None = None,
    rng=None,
    progress="auto",
) -> tuple[dict, History]:
    """Train an L-layer network by mini-batch gradient descent.

    Parameters
    ----------
    X : array (n_0, m), training inputs
    Y : array (n_L, m), training targets (labels 0/1 for sigmoid, one-hot for softmax)
    parameters : the starting parameters (``init_params``); not modified
    hidden_activation, output_activation : activation names
    loss : loss name; ``None`` picks the canonical one for the output activation
    optimizer : ``"gd"``, ``"momentum"``, ``"adam"`` or an optimizer instance
    learning_rate : with an optimizer name: its step size (its default if None)
    epochs : passes over the training set
    batch_size : examples per mini-batch; ``None`` for full-batch descent
    l1, l2 : weight-penalty strengths for the whole training set: every
        recorded loss (training and validation) includes the same penalty
        ``(l1 * sum|W| + l2/2 * sum W**2) / m`` with ``m`` the number of
        training examples, so its strength does not change with ``batch_size``
        (each mini-batch gets its ``batch / m`` share, as ``cost_function``
        divides by the batch size)
    keep_prob : dropout keep probability of hidden units (1.0 = no dropout)
    validation_data : ``(X_val, Y_val)`` with shapes (n_0, m_val), (n_L, m_val)
    metrics : names from ``nnlib.metrics.METRICS``; default ``("accuracy",)``
        for classification outputs (sigmoid, softmax), none otherwise
    early_stopping : an ``EarlyStopping``, or None to train every epoch
    rng : numpy.random.Generator, int seed or None; shuffles batches, draws dropout masks
    progress : ``"auto"``, ``"widget"``, ``"text"`` or ``"none"``

    Returns
    -------
    parameters : dict, the trained parameters (the best epoch's with
        ``early_stopping(restore_best=True)``)
    history : History; ``history.measured`` says how its training values (during the epoch,
        dropout on) and its validation values (at the end of the epoch, dropout off) were measured

    Notes
    -----
    Each mini-batch runs ``nnlib._fast.TrainingStep``: the maths of
    ``forward_prop`` and ``backprop`` with buffers reused and work done in
    place, which the tests hold to their gradients; validation outputs come
    from ``forward_prop`` itself.

    Speed (measured in ``benchmarks/``): the arrays keep their dtype, so
    float32 inputs and ``init_params(..., dtype=np.float32)`` train in
    float32 throughout, about twice as fast as float64. The epoch shuffles
    indices, not data; each mini-batch is gathered from a copy of ``X`` with
    one row per example, made once per call (not at all when ``X`` is stored
    that way already, e.g. ``X = X_rows.T``). That copy costs memory the size
    of ``X``, and buys batches read from contiguous rows instead of one
    scattered number at a time.
    """
    X, Y, parameters = _check_data(X, Y, parameters)
    output = get_activation(output_activation)
    network = {"hidden_activation": get_activation(hidden_activation).name, "output_activation": output.name}
    loss = get_loss(loss) if loss is not None else default_loss(output)
    metric_fns = _metric_functions(metrics, output.name)
    optimizer = get_optimizer(optimizer, learning_rate)
    check_positive(epochs, "epochs", integer=True)
    if batch_size is not None:
        check_positive(batch_size, "batch_size", integer=True)
    keep_prob = check_probability(keep_prob, "keep_prob")
    rng = check_rng(rng)
    if validation_data is not None:
        validation_data = _check_validation_data(validation_data, X.shape[0], Y.shape[0])
    if early_stopping is not None:
        _check_monitor(early_stopping, ["loss", *metric_fns], validation_data is not None)
        early_stopping.start()

    batches = _MiniBatches(X, Y, batch_size, rng)
    step = TrainingStep(parameters, loss=loss, keep_prob=keep_prob, **network)
    evaluate = _Evaluation(loss, metric_fns, output.name, parameters, l1, l2, X.shape[1])
    history = History(measured=_how_fit_measures(keep_prob, validation_data is not None))
    reporter = make_progress(progress, epochs)
    try:
        for epoch in range(1, epochs + 1):
            logs = evaluate.training(*_train_one_epoch(step, optimizer, batches, rng, l1, l2))
            if validation_data is not None:
                X_val, Y_val = validation_data
                logs.update(evaluate.validation(forward_prop(X_val, parameters, **network)[0], Y_val))
            _check_finite(logs, epoch)
            history.record(epoch, logs)
            reporter.update(epoch, logs)
            if early_stopping is not None and early_stopping.update(epoch, logs, parameters):
                history.stopped_early = True
                break
    finally:
        reporter.close()
    if early_stopping is not None:
        history.best_epoch = early_stopping.best_epoch
        if early_stopping.best_parameters is not None:
            parameters = early_stopping.best_parameters
    return parameters, history


def _how_fit_measures(keep_prob: float, validating: bool) -> dict[str, str]:
    """What ``History.measured`` says about ``fit``'s values (see the module's docstring)."""
    dropout = f", dropout on (keep_prob={keep_prob:g})" if keep_prob < 1 else ""
    measured = {"training": f"during each epoch, over its mini-batches as the parameters changed{dropout}"}
    if validating:
        measured["validation"] = "at the end of each epoch, on the whole validation set, dropout off"
    return measured


def _check_data(X, Y, parameters) -> tuple[np.ndarray, np.ndarray, dict]:
    """``X``, ``Y`` and a float copy of ``parameters``, checked; ``Y`` in the network's dtype."""
    L = check_parameters(parameters)
    X = as_float_array(X, "X")
    sizes = check_shape(X, "X", ("n_0", "m"), {"n_0": parameters["W1"].shape[1]})
    Y = _check_targets(Y, parameters[f"W{L}"].shape[0], sizes, "Y")
    parameters = {key: as_float_array(value, f"parameters[{key!r}]").copy() for key, value in parameters.items()}
    Y = Y.astype(np.result_type(X, *parameters.values()), copy=False)
    return X, Y, parameters


def _check_monitor(early_stopping: EarlyStopping, recorded: list[str], validating: bool) -> None:
    """Refuse an ``early_stopping.monitor`` that ``fit`` will not record."""
    recorded += [f"val_{name}" for name in recorded] if validating else []
    if early_stopping.monitor not in recorded:
        hint = " (it needs validation_data)" if early_stopping.monitor.startswith("val_") else ""
        raise ValueError(
            f"early_stopping monitors {early_stopping.monitor!r}, which is not recorded{hint}; recorded: {recorded}"
        )


def _train_one_epoch(step, optimizer, batches, rng, l1, l2) -> tuple[np.ndarray, np.ndarray, float]:
    """One pass over the training set, one optimizer step per mini-batch.

    Every batch of ``b`` examples gets the share ``b / m`` of ``l1`` and ``l2``
    (see ``fit``'s docstring).

    Returns
    -------
    AL, Y : arrays (n_L, m), the outputs the batches produced and their targets,
        in the order the batches came: the epoch's loss and metrics come from them
    penalty : float, the training set's weight penalty averaged over the batches
    """
    m = batches.m
    outputs, targets, penalty = [], [], 0.0
    for X_batch, Y_batch in batches.epoch():
        share = X_batch.shape[1] / m
        AL, grads = step(X_batch, Y_batch, rng, l1 * share, l2 * share)
        if l1 or l2:
            penalty += share * weight_penalty(step.parameters, l1 * share, l2 * share, X_batch.shape[1])
        optimizer.step(step.parameters, grads)
        outputs.append(AL)
        targets.append(Y_batch)
    return np.concatenate(outputs, axis=1), np.concatenate(targets, axis=1), penalty


class _MiniBatches:
    """The mini-batches of ``X`` (n_0, m) and ``Y`` (n_L, m), a fresh shuffle every epoch.

    ``epoch()`` yields ``(X_batch, Y_batch)`` of shapes (n_0, b) and (n_L, b). The
    examples are copied once into rows, X_rows (m, n_0), and each batch is gathered
    from them and given as a transposed view (see ``fit``'s Notes); ``batch_size``
    None gives the whole set as one batch.
    """

    def __init__(self, X: np.ndarray, Y: np.ndarray, batch_size: int | None, rng):
        self.X, self.Y, self.batch_size, self.rng, self.m = X, Y, batch_size, rng, X.shape[1]
        if batch_size is not None:
            self.X_rows, self.Y_rows = np.ascontiguousarray(X.T), np.ascontiguousarray(Y.T)

    def epoch(self):
        if self.batch_size is None:
            yield self.X, self.Y
            return
        for idx in mini_batch_indices(self.m, self.batch_size, self.rng):
            yield self.X_rows[idx].T, self.Y_rows[idx].T


class _Evaluation:
    """The loss (data cost plus weight penalty) and the metrics that ``fit`` records for an epoch."""

    def __init__(self, loss, metric_fns: dict, output_activation: str, parameters: dict, l1, l2, m: int):
        self.loss, self.metric_fns, self.output_activation = loss, metric_fns, output_activation
        self.parameters, self.l1, self.l2, self.m = parameters, l1, l2, m

    def training(self, AL: np.ndarray, Y: np.ndarray, penalty: float) -> dict[str, float]:
        """Logs from the outputs the epoch's batches produced, AL and Y (n_L, m), and their mean penalty.

        The batches' mean costs weighted by their shares are the mean over all the epoch's
        examples: one cost_function call per epoch instead of one per batch.
        """
        return self._logs(cost_function(AL, Y, self.loss) + penalty, AL, Y)

    def validation(self, AL: np.ndarray, Y: np.ndarray) -> dict[str, float]:
        """``val_`` logs of the outputs AL (n_L, m_val) of the whole validation set."""
        share = Y.shape[1] / self.m  # m_val examples: the share m_val / m of the training set's penalty
        cost = cost_function(AL, Y, self.loss, self.parameters, self.l1 * share, self.l2 * share)
        return self._logs(cost, AL, Y, prefix="val_")

    def _logs(self, cost: float, AL: np.ndarray, Y: np.ndarray, prefix: str = "") -> dict[str, float]:
        logs = {prefix + "loss": cost}
        if self.metric_fns:
            y_true = output_to_labels(Y, self.output_activation)
            y_pred = output_to_labels(AL, self.output_activation)
            logs.update({prefix + name: metric(y_true, y_pred) for name, metric in self.metric_fns.items()})
        return logs


def _metric_functions(metrics, output_activation: str) -> dict:
    classifies = output_activation in CLASS_OUTPUTS
    names = list(metrics) if metrics is not None else (["accuracy"] if classifies else [])
    if names and not classifies:
        raise ValueError(f"metrics {names} need class outputs (sigmoid or softmax), not {output_activation!r}")
    return {name: get_metric(name) for name in names}


def _check_validation_data(validation_data, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    if not (isinstance(validation_data, (tuple, list)) and len(validation_data) == 2):
        raise TypeError("validation_data must be a pair (X_val, Y_val)")
    X_val = as_float_array(validation_data[0], "X_val")
    sizes = check_shape(X_val, "X_val", ("n_0", "m_val"), {"n_0": n_in})
    Y_val = _check_targets(validation_data[1], n_out, {"m": sizes["m_val"]}, "Y_val")
    return X_val, Y_val


def _check_finite(logs: dict[str, float], epoch: int) -> None:
    bad = [name for name, value in logs.items() if not np.isfinite(value)]
    if bad:
        raise FloatingPointError(
            f"{', '.join(bad)} became {logs[bad[0]]} at epoch {epoch}: training diverged. "
            "Try a smaller learning_rate, or check the inputs for NaN / huge values."
        )


def _check_model(arguments: dict) -> None:
    arguments["rng"] = check_rng(arguments["rng"])
    arguments["X"] = as_float_array(arguments["X"], "X")


@checked(_check_model)
def model(
    X,
    Y,
    layer_dims,
    learning_rate: float = 0.0075,
    num_iterations: int = 3000,
    hidden_activation: str = "relu",
    output_activation: str = "sigmoid",
    loss: str | None = None,
    initializer: str = "he",
    rng=None,
    print_cost: bool = False,
) -> tuple[dict, list[float]]:
    """The L-layer network trained by full-batch gradient descent.

    ``init_params``, then ``num_iterations`` times: ``forward_prop``,
    ``cost_function``, ``backprop``, update. This is ``fit`` with one batch
    and plain gradient descent.

    Parameters
    ----------
    X : array (n_0, m)
    Y : array (n_L, m)
    layer_dims : [n_0, n_1, ..., n_L]; ``n_0`` must equal X's rows
    learning_rate, num_iterations : the gradient-descent settings
    hidden_activation, output_activation, loss : as in ``fit``
    initializer : name in ``nnlib.initializers.INITIALIZERS``
    rng : numpy.random.Generator, int seed or None, for the initial weights
    print_cost : print the cost about ten times during training

    Returns
    -------
    parameters : dict
    costs : list of float, the cost at every iteration
    """
    parameters = init_params(layer_dims, initializer, rng, X.dtype)
    parameters, history = fit(
        X,
        Y,
        parameters,
        hidden_activation=hidden_activation,
        output_activation=output_activation,
        loss=loss,
        optimizer=GradientDescent(learning_rate),
        epochs=num_iterations,
        batch_size=None,
        metrics=(),
        rng=rng,
        progress="text" if print_cost else "none",
    )
    return parameters, history["loss"]


def _check_early_stopping(arguments: dict) -> None:
    check_positive(arguments["patience"], "patience", integer=True)
    val_losses = arguments["val_losses"]
    if isinstance(val_losses, (str, bytes)) or not hasattr(val_losses, "__len__") or len(val_losses) == 0:
        raise ValueError("val_losses must be a non-empty list of validation losses, one per epoch")


@checked(_check_early_stopping)
def early_stopping(val_losses, patience: int) -> tuple[int, int]:
    """Where early stopping ends a training, read off a list of validation losses.

    Epochs count from 1. An epoch improves when its loss is strictly below
    every earlier one; training stops at the first epoch that comes
    ``patience`` epochs after the last improvement, or at the last epoch
    when that never happens. The same rule as :class:`EarlyStopping`.

    Introduced in: lesson 13 (monitoring training).

    Parameters
    ----------
    val_losses : sequence of float, one per epoch (epoch 1 first)
    patience : int >= 1, epochs to wait after the best one

    Returns
    -------
    stop_epoch : int, the epoch training stops after
    best_epoch : int, the epoch with the lowest loss up to ``stop_epoch``
    """
    rule = EarlyStopping(patience, monitor="val_loss", restore_best=False)
    for epoch, loss in enumerate(val_losses, start=1):
        if rule.update(epoch, {"val_loss": float(loss)}, {}):
            return epoch, rule.best_epoch
    return len(val_losses), rule.best_epoch
