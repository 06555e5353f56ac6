"""Lesson 12: l2_cost, l2_gradient, l1_gradient, dropout_forward, dropout_backward."""

import numpy as np

from checker_cases.types import Cases, Wrong


def l2_cost_textbook(parameters, lambd, m):
    L = len(parameters) // 2
    total = 0
    for l in range(1, L + 1):
        total += np.sum(np.square(parameters["W" + str(l)]))
    return lambd / (2 * m) * total


def l2_cost_norms(parameters, lambd, m):
    return float(lambd / (2 * m) * sum(np.linalg.norm(W) ** 2 for k, W in parameters.items() if k.startswith("W")))


def l2_cost_ravel(parameters, lambd, m):
    weights = np.concatenate([parameters[f"W{l}"].ravel() for l in range(1, len(parameters) // 2 + 1)])
    return lambd * float(weights @ weights) / (2 * m)


def _l2_cost(term=lambda W: np.sum(W**2), factor=lambda lambd, m: lambd / (2 * m), keys="W", last=0):
    def cost(parameters, lambd, m):
        names = [k for k in parameters if k[0] in keys]
        names = names[: len(names) - last]
        return factor(lambd, m) * sum(term(parameters[k]) for k in names)

    return cost


def l2_cost_in_place(parameters, lambd, m):
    total = 0.0
    for l in range(1, len(parameters) // 2 + 1):
        W = parameters[f"W{l}"]
        W **= 2
        total += np.sum(W)
    return lambd / (2 * m) * total


def l2_gradient_textbook(W, lambd, m):
    return (lambd / m) * W


def l2_gradient_divided(W, lambd, m):
    return W * lambd / m


def l1_gradient_textbook(W, lambd, m):
    return lambd / m * np.sign(W)


def l1_gradient_where(W, lambd, m):
    return np.where(W > 0, lambd / m, np.where(W < 0, -lambd / m, 0)).astype(W.dtype)


def dropout_forward_textbook(A, keep_prob, rng):
    D = rng.random(A.shape) < keep_prob
    D = (D / keep_prob).astype(A.dtype)
    A = A * D
    return A, D


def dropout_forward_where(A, keep_prob, rng):
    keep = rng.random(size=A.shape) < keep_prob
    D = np.where(keep, 1 / keep_prob, 0).astype(A.dtype)
    return np.multiply(A, D), D


def _dropout(mask="right", scale="divide", source="rng", order="right", dtype=True, boolean=False):
    def dropout_forward(A, keep_prob, rng):
        if source == "numpy":
            draws = np.random.rand(*A.shape)
        elif source == "binomial":
            draws = 1 - rng.binomial(1, keep_prob, size=A.shape)  # 0 where kept
        elif source == "per unit":
            draws = rng.random((A.shape[0], 1))
        else:
            draws = rng.random(A.shape)
        keep = draws > keep_prob if mask == "reversed" else draws < keep_prob
        if boolean:
            return A * keep / keep_prob, keep
        D = {"divide": keep / keep_prob, "multiply": keep * keep_prob, "none": keep * 1.0}[scale]
        if dtype:
            D = D.astype(A.dtype)
        A_dropped = A * D
        return (D, A_dropped) if order == "swapped" else (A_dropped, D)

    return dropout_forward


def dropout_forward_in_place(A, keep_prob, rng):
    D = ((rng.random(A.shape) < keep_prob) / keep_prob).astype(A.dtype)
    A *= D
    return A, D


def dropout_backward_textbook(dA, D):
    dA = dA * D
    return dA


def dropout_backward_multiply(dA, D):
    return np.multiply(D, dA)


def dropout_backward_in_place(dA, D):
    dA *= D
    return dA


def dropout_backward_float64(dA, D):
    return dA * D.astype(np.float64)


def dropout_backward_matrix_product(dA, D):
    return dA @ D.T


def dropout_backward_divided(dA, D):
    return dA / D


CASES = {
    "l2_cost": Cases(
        [l2_cost_textbook, l2_cost_norms, l2_cost_ravel],
        [
            Wrong("no 1/2", _l2_cost(factor=lambda lambd, m: lambd / m), "the 2 is missing"),
            Wrong("no 1/m", _l2_cost(factor=lambda lambd, m: lambd / 2), "the 1/m is missing"),
            Wrong("lambd / 2 * m", _l2_cost(factor=lambda lambd, m: lambd / 2 * m), "operator precedence"),
            Wrong("biases penalised", _l2_cost(keys="Wb"), "the biases are penalised too"),
            Wrong("absolute values", _l2_cost(term=lambda W: np.sum(np.abs(W))), "the L1 penalty"),
            Wrong("square of the sum", _l2_cost(term=lambda W: np.sum(W) ** 2), "squares the sum"),
            Wrong("norm not squared", _l2_cost(term=np.linalg.norm), "square it"),
            Wrong("last layer left out", _l2_cost(last=1), "the last layer's weights are missing"),
            Wrong("squares the weights in place", l2_cost_in_place, "changed its argument `parameters` in place"),
        ],
    ),
    "l2_gradient": Cases(
        [l2_gradient_textbook, l2_gradient_divided],
        [
            Wrong("no 1/m", lambda W, lambd, m: lambd * W, "the 1/m is missing"),
            Wrong("kept the 1/2", lambda W, lambd, m: lambd / (2 * m) * W, "which cancels the 1/2"),
            Wrong("doubled", lambda W, lambd, m: 2 * lambd / m * W, "cancels the 1/2 of the cost"),
            Wrong("sign of W", lambda W, lambd, m: lambd / m * np.sign(W), "this is the L1 gradient"),
            Wrong("W squared", lambda W, lambd, m: lambd / m * W**2, "its derivative is 2W"),
            Wrong("minus sign", lambda W, lambd, m: -(lambd / m) * W, "the sign"),
            Wrong("times m", lambda W, lambd, m: lambd * m * W, "divide by m, don't multiply"),
            Wrong("added", lambda W, lambd, m: lambd / m + W, "multiply, don't add"),
            Wrong("float64 output", lambda W, lambd, m: np.float64(lambd / m) * W.astype(float), "must be float32"),
        ],
    ),
    "l1_gradient": Cases(
        [l1_gradient_textbook, l1_gradient_where],
        [
            Wrong("W itself", lambda W, lambd, m: lambd / m * W, "this is the L2 gradient"),
            Wrong("no 1/m", lambda W, lambd, m: lambd * np.sign(W), "the 1/m is missing"),
            Wrong("a 1/2", lambda W, lambd, m: lambd / (2 * m) * np.sign(W), "the L1 cost has no 1/2"),
            Wrong("absolute value", lambda W, lambd, m: lambd / m * np.abs(W), "its slope is sign(W)"),
            Wrong("positive side only", lambda W, lambd, m: lambd / m * (W > 0), "negative weights have slope −1"),
            Wrong("minus sign", lambda W, lambd, m: -lambd / m * np.sign(W), "the sign"),
            Wrong("slope 1 at zero", lambda W, lambd, m: np.where(W >= 0, lambd / m, -lambd / m), "as `np.sign` does"),
            Wrong("added", lambda W, lambd, m: lambd / m + np.sign(W), "multiply, don't add"),
            Wrong("W / |W|", lambda W, lambd, m: lambd / m * W / np.abs(W), "contains NaN"),
        ],
    ),
    "dropout_forward": Cases(
        [dropout_forward_textbook, dropout_forward_where],
        [
            Wrong("not scaled", _dropout(scale="none"), "the kept activations are not scaled"),
            Wrong("multiplied by keep_prob", _dropout(scale="multiply"), "multiplied by keep_prob"),
            Wrong("mask reversed", _dropout(mask="reversed"), "the mask is the wrong way round"),
            Wrong("np.random.rand", _dropout(source="numpy"), "`np.random.rand` ignores it"),
            Wrong("binomial draws", _dropout(source="binomial"), "other calls draw other numbers"),
            Wrong("one draw per unit", _dropout(source="per unit"), "every example drops its own units"),
            Wrong("boolean mask returned", _dropout(boolean=True), "`D` is a boolean mask"),
            Wrong("outputs swapped", _dropout(order="swapped"), "the outputs are in the wrong order"),
            Wrong("float64 for float32", _dropout(dtype=False), "is float64 but must be float32"),
            Wrong("changes A in place", dropout_forward_in_place, "changed its argument `A` in place"),
        ],
    ),
    "dropout_backward": Cases(
        [dropout_backward_textbook, dropout_backward_multiply],
        [
            Wrong("mask not scaled", lambda dA, D: dA * (D > 0), "the kept units' gradients are not scaled"),
            Wrong("no mask", lambda dA, D: dA + 0.0, "the dropped units get a gradient"),
            Wrong("mask only", lambda dA, D: D * 1.0, "this is the mask alone"),
            Wrong("mask reversed", lambda dA, D: dA * (D == 0), "the mask is the wrong way round"),
            Wrong("changes dA in place", dropout_backward_in_place, "changed its argument `dA` in place"),
            Wrong("float64 for float32", dropout_backward_float64, "is float64 but must be float32"),
            Wrong("matrix product", dropout_backward_matrix_product, "must have shape (5, 8)"),
            Wrong(
                "divided by the mask",
                dropout_backward_divided,
                "numpy warned on this input: RuntimeWarning: divide by zero",
            ),
        ],
    ),
}
