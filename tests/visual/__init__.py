"""Tests of nnlib.visual, one file per module."""
