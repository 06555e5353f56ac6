"""Tests of nnlib.checks, one file per module."""
