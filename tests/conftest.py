"""Shared test set-up: matplotlib draws off-screen, and every figure is closed after its test."""

import matplotlib

matplotlib.use("Agg")  # set here, not through MPLBACKEND, which would also reach notebook kernels

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")
