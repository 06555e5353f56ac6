"""Tests of nnlib.grading, one file per module."""
