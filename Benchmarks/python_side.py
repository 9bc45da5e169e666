"""Strided's side of the Python workloads: the `strided` extension module,
timed from Python as NumPy's side is (numpy_side.py's harness).

Prints one JSON object a line, {"name": ..., "median_ns": ..., "impl": "strided"};
needs the module on PYTHONPATH (`make python-module`).
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_side import run_workloads  # noqa: E402

import strided  # noqa: E402


def roundtrip(n):
    """A Strided view exported to NumPy (np.asarray) and NumPy's array viewed
    back in Strided (strided.View): no copies, so the size does not matter."""
    v = strided.arange(n)
    return lambda: strided.View(np.asarray(v))


def pybuffer_roundtrip_f64_10():
    return roundtrip(10)


def pybuffer_roundtrip_f64_1e7():
    return roundtrip(10**7)


WORKLOADS = [pybuffer_roundtrip_f64_10, pybuffer_roundtrip_f64_1e7]


if __name__ == "__main__":
    run_workloads(WORKLOADS, sys.argv[1:], "strided")
