"""Lesson 11: xavier_init, he_init."""

import math

import numpy as np

from checker_cases.types import Cases, Wrong


def _draws(scale, shape="right", source="rng"):
    """A learner's initialiser: standard normal draws of a shape, from a source, times ``scale(n_out, n_in)``."""

    def init(n_out, n_in, rng):
        if source == "numpy":
            Z = np.random.randn(n_out, n_in)
        elif source == "own seed":
            Z = np.random.default_rng(0).standard_normal((n_out, n_in))
        elif source == "uniform":
            Z = rng.random((n_out, n_in))
        elif shape == "transposed draw":
            Z = rng.standard_normal((n_in, n_out)).T
        elif shape == "transposed":
            Z = rng.standard_normal((n_in, n_out))
        else:
            Z = rng.standard_normal((n_out, n_in))
        return Z * scale(n_out, n_in)

    return init


def xavier_textbook(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_in)


def xavier_normal_call(n_out, n_in, rng):
    return rng.normal(0.0, 1 / math.sqrt(n_in), size=(n_out, n_in))


def xavier_divided(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)


def he_textbook(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_in)


def he_normal_call(n_out, n_in, rng):
    return rng.normal(loc=0, scale=np.sqrt(2.0 / n_in), size=(n_out, n_in))


def he_times_xavier(n_out, n_in, rng):
    return np.sqrt(2) * rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_in)


def _wrong_versions(gain, other_gain, other_name):
    right = lambda n_out, n_in: np.sqrt(gain / n_in)  # noqa: E731
    return [
        Wrong("n_out instead of n_in", _draws(lambda n_out, n_in: np.sqrt(gain / n_out)), "it must use `n_in`"),
        Wrong("variance as the scale", _draws(lambda n_out, n_in: gain / n_in), "is the variance"),
        Wrong("Glorot's average", _draws(lambda n_out, n_in: np.sqrt(2 / (n_in + n_out))), "Glorot's average"),
        Wrong(
            "the other scheme",
            _draws(lambda n_out, n_in: np.sqrt(other_gain / n_in)),
            f"this is the scale of `{other_name}`",
        ),
        Wrong("not scaled", _draws(lambda n_out, n_in: 1.0), "the draws are not scaled"),
        Wrong("part 1's 0.01", _draws(lambda n_out, n_in: 0.01), "part 1's 0.01 scale"),
        Wrong("uniform draws", _draws(right, source="uniform"), "every entry is positive"),
        Wrong("np.random.randn", _draws(right, source="numpy"), "`np.random.randn`"),
        Wrong("seeds its own generator", _draws(right, source="own seed"), "don't seed a generator of your own"),
        Wrong("transposed shape", _draws(right, shape="transposed"), "it is transposed"),
        Wrong("drawn transposed then turned", _draws(right, shape="transposed draw"), "not `(n_in, n_out)`"),
    ]


CASES = {
    "xavier_init": Cases([xavier_textbook, xavier_normal_call, xavier_divided], _wrong_versions(1.0, 2.0, "he_init")),
    "he_init": Cases([he_textbook, he_normal_call, he_times_xavier], _wrong_versions(2.0, 1.0, "xavier_init")),
}
