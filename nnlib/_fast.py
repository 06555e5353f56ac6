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
- softmax with cross-entropy works in place over ``ZL``;
- ``1/m`` is applied once, to the output delta (n_L, m), the smallest array
  it can go on; every ``dZ``, ``dW`` and ``db`` after it is then an average;
- ``db``, the row sums of ``dZ``, is the product ``dZ @ ones`` (one BLAS call);
- layer 1's ``W1.T @ dZ1``, the gradient of the input data, is never formed;
- arrays keep their dtype, so float32 trains in float32.
"""

from __future__ import annotations

from typing import NamedTuple

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
        self.keys = [(f"W{l}", f"b{l}", f"dW{l}", f"db{l}") for l in range(1, self.L + 1)]
        self.hidden = get_activation(hidden_activation)
        self.output = get_activation(output_activation)
        self.loss = get_loss(loss)
        self.softmax_cross_entropy = self.output.name == "softmax" == self.loss.canonical_activation
        self.keep_prob = keep_prob
        self.dtype = np.result_type(*parameters.values())  # with X's, the dtype of every Z and gradient
        self._grads = {}  # dtype -> the gradient buffers, in layer order, shared by every batch size
        self._buffers = {}  # (batch size, X's dtype) -> _Buffers

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
        P, m = self.parameters, X.shape[1]
        buffers = self._buffers_for(m, X.dtype)
        # Forward: keep each layer's input A_prev, each hidden layer's Z and dropout mask.
        inputs, kept, masks = [X], [], []
        A = X
        for (W, b, *_), Z in zip(self.keys, buffers.Z):
            Z = np.matmul(P[W], A, out=Z)
            Z += P[b]
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
        W, b, *_ = self.keys[-1]
        ZL = P[W] @ A
        ZL += P[b]
        AL, dZ = self._output_and_delta(ZL, Y)
        # Backward, with 1/m folded into the output delta.
        dZ *= buffers.inv_m
        grads = buffers.grads
        for l in range(self.L, 0, -1):
            W, _, dW, db = self.keys[l - 1]
            np.matmul(dZ, inputs[l - 1].T, out=grads[dW])
            np.matmul(dZ, buffers.ones, out=grads[db][:, 0])  # the row sums of dZ
            if l1 or l2:
                grads[dW] += weight_penalty_gradient(P[W], l1, l2, m)
            if l > 1:
                dA = np.matmul(P[W].T, dZ, out=buffers.dA[l - 2])
                if masks:
                    dA *= masks[l - 2]
                dZ = self._hidden_backward(dA, kept[l - 2])
        return AL, grads

    def _buffers_for(self, m: int, X_dtype) -> _Buffers:
        """The buffers of a batch of ``m`` examples, made on first use of ``(m, X_dtype)``."""
        buffers = self._buffers.get((m, X_dtype))
        if buffers is None:
            dtype = np.result_type(X_dtype, self.dtype)
            if dtype not in self._grads:
                self._grads[dtype] = self._new_grads(dtype)
            hidden_sizes = [self.parameters[W].shape[0] for W, *_ in self.keys[:-1]]
            buffers = self._buffers[m, X_dtype] = _Buffers(
                Z=[np.empty((n, m), dtype) for n in hidden_sizes],
                dA=[np.empty((n, m), dtype) for n in hidden_sizes],
                ones=np.ones(m, dtype),
                inv_m=np.asarray(1 / m, dtype),
                grads=self._grads[dtype],
            )
        return buffers

    def _new_grads(self, dtype) -> dict:
        P = self.parameters
        return {key: np.empty(P[key[1:]].shape, dtype) for *_, dW, db in self.keys for key in (dW, db)}

    def _output_and_delta(self, ZL, Y):
        """``AL`` and the output delta ``dZ`` per example; softmax with cross-entropy in place over ``ZL``."""
        if self.softmax_cross_entropy:
            ZL -= ZL.max(axis=0)
            AL = np.exp(ZL, out=ZL)
            AL /= AL.sum(axis=0)
            return AL, AL - Y
        AL = self.output.forward(ZL)
        return AL, output_delta(AL, Y, ZL, self.output, self.loss)

    def _hidden_backward(self, dA, Z):
        """``dZ`` of a hidden layer; in place over ``dA`` for ReLU (whose ``Z`` holds ``A``)."""
        if self.hidden.name == "relu":
            return np.multiply(dA, Z > 0, out=dA)
        return self.hidden.backward(dA, Z)


class _Buffers(NamedTuple):
    """One batch size's arrays: hidden ``Z`` and ``dA`` (n_l, m), ``ones`` (m,), ``1/m``, the gradients."""

    Z: list
    dA: list
    ones: np.ndarray
    inv_m: np.ndarray
    grads: dict
