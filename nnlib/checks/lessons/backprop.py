"""Lesson 05, Backpropagation: `backward_propagation`, `numerical_gradient`, `relative_error`."""

from __future__ import annotations

import numpy as np

from nnlib import gradcheck, shallow
from nnlib.checks.expect import Failure, expect_array, expect_dict, expect_float
from nnlib.checks.lessons._inputs import network_case
from nnlib.checks.registry import Mistake, exercise

LESSON = "05_backpropagation"
GRAD_KEYS = ("dW2", "db2", "dW1", "db1")  # in the order backpropagation computes them


def _backward(parameters, cache, X, Y, *, hidden_slope=None, m=None, keepdims=True, transpose_w2=True, sign=1.0):
    """A configurable backward pass, to describe familiar mistakes."""
    m = X.shape[1] if m is None else m
    W2, A1, A2 = parameters["W2"], cache["A1"], cache["A2"]
    dZ2 = sign * (A2 - Y)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=keepdims) / m
    slope = A1 * (1 - A1) if hidden_slope is None else hidden_slope(cache)
    dZ1 = ((W2.T if transpose_w2 else W2) @ dZ2) * slope
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=keepdims) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


@exercise(
    "backward_propagation",
    lesson=LESSON,
    reference=shallow.backward_propagation,
    hints=(
        "Go backwards: first the output layer (`dZ2`, `dW2`, `db2`), then the hidden layer (`dZ1`, `dW1`, "
        "`db1`). Each gradient has the shape of the array it belongs to.",
        "`dZ2 = A2 - Y`; `dW2 = dZ2 @ A1.T / m`; `db2` sums `dZ2` over the examples (axis 1, keepdims). The "
        "hidden layer: `dZ1 = (W2.T @ dZ2) * A1 * (1 - A1)`, then the same pattern with `X` in place of `A1`.",
        "`dZ2 = A2 - Y; dW2 = dZ2 @ A1.T / m; db2 = np.sum(dZ2, axis=1, keepdims=True) / m; "
        "dZ1 = (W2.T @ dZ2) * A1 * (1 - A1); dW1 = dZ1 @ X.T / m; db1 = np.sum(dZ1, axis=1, keepdims=True) / m`, "
        "returned as a dict with keys dW1, db1, dW2, db2.",
    ),
    mistakes=(
        Mistake(
            lambda p, c, X, Y: _backward(p, c, X, Y, hidden_slope=lambda c: 1 - c["A1"] ** 2),
            "`1 - A1**2` is tanh's slope; the hidden units are sigmoids, whose slope is `A1 * (1 - A1)`",
        ),
        Mistake(
            lambda p, c, X, Y: _backward(p, c, X, Y, hidden_slope=lambda c: c["Z1"] * (1 - c["Z1"])),
            "the derivative of the wrong variable: the sigmoid's slope is a (1 − a) with a = `A1`, not `Z1`",
        ),
        Mistake(
            lambda p, c, X, Y: _backward(p, c, X, Y, hidden_slope=lambda c: 1.0),
            "the hidden layer's sigmoid slope `A1 * (1 - A1)` is missing from `dZ1`",
        ),
        Mistake(
            lambda p, c, X, Y: _backward(p, c, X, Y, m=X.shape[0]),
            "`X.shape[0]` is n_x, the number of features; m, the number of examples, is `X.shape[1]`",
        ),
        Mistake(
            lambda p, c, X, Y: _backward(p, c, X, Y, transpose_w2=False),
            "`W2 @ dZ2` should be `W2.T @ dZ2`: the gradient flows back through the transpose of `W2`",
        ),
        Mistake(
            lambda p, c, X, Y: _backward(p, c, X, Y, sign=-1.0),
            "`dZ2 = Y - A2` has the wrong sign: the output delta is `A2 - Y`",
        ),
    ),
)
def _check_backward_propagation(trial) -> None:
    rng = np.random.default_rng(51)
    cases = [
        ("flower-sized: n_x = 2, n_h = 4, n_y = 1, m = 6", (2, 4, 1, 6), "random"),
        ("n_x = 3, n_h = 5, n_y = 2, m = 7", (3, 5, 2, 7), "random"),
        ("one example (m = 1)", (2, 3, 1, 1), "random"),
        ("square: n_x = n_h = n_y = m = 3", (3, 3, 3, 3), "random"),
        ("every label 0", (2, 4, 1, 5), "zeros"),
        ("every label 1", (2, 4, 1, 5), "ones"),
    ]
    for case, (n_x, n_h, n_y, m), label_kind in cases:
        X, Y, parameters, cache = network_case(rng, n_x, n_h, n_y, m, label_kind)
        grads = expect_dict(trial.call(case, parameters, cache, X, Y), GRAD_KEYS, "grads")
        expected = shallow.backward_propagation(parameters, cache, X, Y)
        for key in GRAD_KEYS:
            expect_array(grads[key], expected[key], key, m=m)

    # The gradients are those of the cost: compare with finite differences on a small network.
    X, Y, parameters, cache = network_case(rng, 2, 3, 1, 4)
    grads = trial.call("finite differences of the cost, n_x = 2, n_h = 3, m = 4", parameters, cache, X, Y)
    grads = expect_dict(grads, GRAD_KEYS, "grads")

    def cost():
        return shallow.compute_cost(shallow.forward_propagation(X, parameters)[0], Y)

    for key in GRAD_KEYS:
        numeric = gradcheck.numerical_gradient(cost, parameters[key[1:]])
        error = gradcheck.relative_error(grads[key], numeric)
        if error > 1e-6:
            raise Failure(
                f"`{key}` disagrees with the finite-difference gradient of the cost",
                expected="relative error below 1e-6",
                received=f"relative error {error:.2g}",
                diagnosable=False,
            )


def _centred(f, x, eps=1e-6, one_sided=False, divisor=2.0):
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        plus = f()
        x[index] = original if one_sided else original - eps
        minus = f()
        x[index] = original
        grad[index] = (plus - minus) / ((1.0 if one_sided else divisor) * eps)
    return grad


def _by_rows(f, x, eps):
    grad = np.zeros(x.shape)
    for i in range(x.shape[0]):
        original = x[i].copy()
        x[i] = original + eps
        plus = f()
        x[i] = original - eps
        minus = f()
        x[i] = original
        grad[i] = (plus - minus) / (2 * eps)
    return grad


@exercise(
    "numerical_gradient",
    lesson=LESSON,
    reference=gradcheck.numerical_gradient,
    pass_as_is=("f", "x"),
    time_limit=10.0,
    hints=(
        "Loop over every entry of `x` (`np.ndindex(x.shape)` gives each index). Nudge that entry up by eps, "
        "call `f()`, nudge it down by eps, call `f()` again, and put the entry back.",
        "The centred difference is (f(x + eps) − f(x − eps)) / (2 eps). Store it in `grad[index]` of an array "
        "`grad = np.zeros(x.shape)`, and restore `x[index]` to its original value every time.",
        "`for index in np.ndindex(x.shape): original = x[index]; x[index] = original + eps; plus = f(); "
        "x[index] = original - eps; minus = f(); x[index] = original; grad[index] = (plus - minus) / (2 * eps)`",
    ),
    mistakes=(
        Mistake(
            lambda f, x, eps=1e-6: _centred(f, x, eps, one_sided=True),
            "a one-sided difference (f(x + eps) − f(x)) / eps; the centred difference "
            "(f(x + eps) − f(x − eps)) / (2 eps) is far more accurate",
        ),
        Mistake(
            lambda f, x, eps=1e-6: _centred(f, x, eps, divisor=1.0),
            "divide by 2·eps: the two points x + eps and x − eps are 2·eps apart",
        ),
        Mistake(
            lambda f, x, eps=1e-6: np.zeros(x.shape),
            "the gradient is all zeros: `f` reads `x` itself, so nudge the entries of `x` in place (not of a "
            "copy), and put each back afterwards",
        ),
        Mistake(
            lambda f, x, eps=1e-6: _by_rows(f, x, eps),
            "it nudges whole rows at once (`x[i]` of a 2-D `x` is a row); visit every entry with "
            "`for index in np.ndindex(x.shape)`",
        ),
    ),
)
def _check_numerical_gradient(trial) -> None:
    rng = np.random.default_rng(52)

    x = rng.normal(size=(3,))
    weights = rng.normal(size=(3,))
    expect_array(
        trial.call("f = Σ w·x² with x of shape (3,)", lambda: float(np.sum(weights * x**2)), x),
        2 * weights * x,
        "grad",
        rtol=1e-6,
        atol=1e-8,
    )

    x = rng.normal(size=(2, 3))
    expect_array(
        trial.call("f = Σ sin(x) with x of shape (2, 3)", lambda: float(np.sum(np.sin(x))), x),
        np.cos(x),
        "grad",
        rtol=1e-6,
        atol=1e-8,
    )

    x = rng.normal(size=(2, 2))
    expect_array(
        trial.call(
            "f = Σ x³ with eps = 1e-3 (the centred error is eps², far below a one-sided difference's eps)",
            lambda: float(np.sum(x**3)),
            x,
            1e-3,
        ),
        3 * x**2 + 1e-6,
        "grad",
        rtol=1e-6,
        atol=1e-8,
    )

    X, Y, parameters, _ = network_case(rng, 2, 3, 1, 4)

    def cost():
        return shallow.compute_cost(shallow.forward_propagation(X, parameters)[0], Y)

    W1 = parameters["W1"]
    expected = gradcheck.numerical_gradient(cost, W1)
    expect_array(
        trial.call("the network's cost with respect to W1 (3, 2)", cost, W1), expected, "grad", rtol=1e-6, atol=1e-9
    )


@exercise(
    "relative_error",
    lesson=LESSON,
    reference=gradcheck.relative_error,
    hints=(
        "‖a − n‖ / (‖a‖ + ‖n‖), where ‖·‖ is the Euclidean norm of all entries: `np.linalg.norm`.",
        "Compute the denominator first; when it is 0, both arrays are all zeros and the error is 0.0.",
        "`denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)`; return 0.0 if it is 0, else "
        "`float(np.linalg.norm(analytic - numeric) / denominator)`.",
    ),
    mistakes=(
        Mistake(
            lambda a, n: float(np.linalg.norm(a - n) / (np.linalg.norm(a) + np.linalg.norm(n))),
            "when both arrays are all zeros, ‖a‖ + ‖n‖ = 0 and 0 / 0 is NaN; return 0.0 in that case",
        ),
        Mistake(
            lambda a, n: float(np.linalg.norm(a - n)),
            "that is the absolute error ‖a − n‖; divide by ‖a‖ + ‖n‖ to make it relative",
        ),
        Mistake(
            lambda a, n: float(np.linalg.norm(a - n) / np.linalg.norm(a)),
            "the denominator is ‖a‖ + ‖n‖ (both norms), not ‖a‖ alone",
        ),
        Mistake(
            lambda a, n: float(np.linalg.norm(a - n) / np.linalg.norm(a + n)),
            "the denominator is ‖a‖ + ‖n‖, the sum of the two norms, not the norm of the sum",
        ),
        Mistake(
            lambda a, n: float(np.sum(np.abs(a - n)) / (np.sum(np.abs(a)) + np.sum(np.abs(n)))),
            "use the Euclidean norm (`np.linalg.norm`), not the sum of absolute values",
        ),
    ),
)
def _check_relative_error(trial) -> None:
    rng = np.random.default_rng(53)
    a = rng.normal(size=(3, 4))
    cases = [
        ("nearly equal (3, 4) arrays", a, a + 1e-8 * rng.normal(size=(3, 4))),
        ("very different arrays", rng.normal(size=(2, 5)), rng.normal(size=(2, 5))),
        ("equal arrays: the error is 0.0", a, a.copy()),
        ("opposite arrays: the error is 1.0", a, -a),
        ("a (1, 1) array", np.array([[2.0]]), np.array([[2.5]])),
        ("both all zeros: the error is 0.0", np.zeros((2, 3)), np.zeros((2, 3))),
    ]
    for case, analytic, numeric in cases:
        expect_float(
            trial.call(case, analytic, numeric),
            gradcheck.relative_error(analytic, numeric),
            "error",
            rtol=1e-6,
            atol=1e-15,
        )
