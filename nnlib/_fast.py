"""The training step ``fit`` runs: ``forward_prop`` and ``backprop``'s maths, tuned for speed.

Private, and the only place in nnlib where speed comes before reading: the
lessons and ``nnlib.deep`` keep the plain maths, and a test holds this step
to the same gradients (float64, every activation pair, with and without
dropout and weight penalties). The arguments are checked once by ``fit``
before the first step; nothing is checked here.

What it does differently (scikit-learn's ``_forward_pass_fast`` idea):

- buffers for ``Z``, ``dA`` and the gradients are allocated once per batch
  size and reused, and ``W @ A`` is written straight into them;
- the bias is added in place, and ReLU overwrites its ``Z`` with ``A``
  (``A > 0`` exactly where ``Z > 0``, which is all its backward step reads);
- ``1/m`` is applied once, to the output delta (n_L, m), the smallest array
  it can go on; every ``dZ``, ``dW`` and ``db`` after it is then an average;
- layer 1's ``W1.T @ dZ1``, the gradient of the input data, is never formed;
- arrays keep their dtype, so float32 trains in float32.
"""

from __future__ import annotations

import numpy as np

from nnlib.activations import get_activation
from nnlib.losses import get_loss, output_delta
from nnlib.regularization import dropout_mask, weight_penalty_gradient

__all__ = ["TrainingStep"]


class TrainingStep:
    """Forward and backward for one mini-batch; ``step(X, Y, ...) -> (AL, grads)``.

    Parameters
    ----------
    parameters : dict ``Wl`` (n_l, n_{l-1}), ``bl`` (n_l, 1), checked by the caller;
        read at every call, so in-place updates between calls are seen
    hidden_activation, output_activation : activation names
    loss : loss name or ``Loss``
    keep_prob : dropout keep probability of hidden units (1.0 = none)
    """

    def __init__(self, parameters, hidden_activation, output_activation, loss, keep_prob=1.0):
        self.parameters = parameters
        self.L = len(parameters) // 2
        self.hidden = get_activation(hidden_activation)
        self.output = get_activation(output_activation)
        self.loss = get_loss(loss)
        self.keep_prob = keep_prob
        self.dtype = np.result_type(*parameters.values())  # with X's, the dtype of every Z and gradient
        self.grads = {}  # dtype -> the gradient buffers, shared by every batch size
        self._buffers = {}  # (batch size, dtype) -> the hidden layers' Z and dA buffers

    def _layer_buffers(self, m: int, dtype) -> tuple[list, list]:
        """The hidden layers' ``Z`` and ``dA`` buffers (n_l, m), made on first use of ``(m, dtype)``."""
        if (m, dtype) not in self._buffers:
            sizes = [self.parameters[f"W{l}"].shape[0] for l in range(1, self.L)]
            self._buffers[m, dtype] = (
                [np.empty((n, m), dtype) for n in sizes],
                [np.empty((n, m), dtype) for n in sizes],
            )
        return self._buffers[m, dtype]

    def __call__(self, X, Y, rng=None, l1=0.0, l2=0.0):
        """Outputs and gradients of one batch.

        Parameters
        ----------
        X : array (n_0, m); Y : array (n_L, m), in the network's dtype
        rng : numpy.random.Generator, for the dropout masks
        l1, l2 : penalty strengths, as ``backprop`` takes them

        Returns
        -------
        AL : array (n_L, m), a new array
        grads : dict ``dWl``, ``dbl`` in layer order; buffers overwritten by the next call
        """
        P, L, m = self.parameters, self.L, X.shape[1]
        dtype = np.result_type(X.dtype, self.dtype)
        Z_buffers, dA_buffers = self._layer_buffers(m, dtype)
        # Forward: keep each layer's input A_prev, each hidden layer's Z and dropout mask.
        inputs, kept, masks = [X], [], []
        A = X
        for l in range(1, L):
            Z = np.matmul(P[f"W{l}"], A, out=Z_buffers[l - 1])
            Z += P[f"b{l}"]
            if self.hidden.name == "relu":  # in place: A > 0 exactly where Z > 0, all backward reads
                A = np.maximum(Z, 0, out=Z)
            else:
                A = self.hidden.forward(Z)
            kept.append(Z)
            if self.keep_prob < 1.0:
                D = dropout_mask(A.shape, self.keep_prob, rng, A.dtype)
                A = A * D
                masks.append(D)
            inputs.append(A)
        ZL = P[f"W{L}"] @ A
        ZL += P[f"b{L}"]
        AL = self.output.forward(ZL)
        # Backward, with 1/m folded into the output delta.
        dZ = output_delta(AL, Y, ZL, self.output, self.loss)
        dZ *= np.asarray(1 / m, dtype=dZ.dtype)
        grads = self.grads.setdefault(dtype, {})
        for l in range(L, 0, -1):
            W, A_prev = P[f"W{l}"], inputs[l - 1]
            dW = grads[f"dW{l}"] = np.matmul(dZ, A_prev.T, out=grads.get(f"dW{l}"))
            grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True, out=grads.get(f"db{l}"))
            if l1 or l2:
                dW += weight_penalty_gradient(W, l1, l2, m)
            if l > 1:
                dA = np.matmul(W.T, dZ, out=dA_buffers[l - 2])
                if masks:
                    dA *= masks[l - 2]
                dZ = self._hidden_backward(dA, kept[l - 2])
        return AL, {key: grads[key] for l in range(1, L + 1) for key in (f"dW{l}", f"db{l}")}

    def _hidden_backward(self, dA, Z):
        """``dZ`` of a hidden layer; in place over ``dA`` for ReLU (whose ``Z`` holds ``A``)."""
        if self.hidden.name == "relu":
            return np.multiply(dA, Z > 0, out=dA)
        return self.hidden.backward(dA, Z)
