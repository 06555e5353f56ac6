"""Tests of nnlib.course, one file per module."""
