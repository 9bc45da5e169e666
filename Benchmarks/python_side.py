"""Strided's side of the Python workloads: the `strided` extension module,
timed from Python as NumPy's side is (numpy_side.py's harness).

Prints one JSON object a line, {"name": ..., "median_ns": ..., "impl": "strided"};
needs the module on PYTHONPATH (`make python-module`).
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_side import median_ns  # noqa: E402

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


def main(prefixes):
    for make in WORKLOADS:
        name = make.__name__
        if prefixes and not any(name.startswith(p) for p in prefixes):
            continue
        print(json.dumps({"name": name, "median_ns": round(median_ns(make()), 1), "impl": "strided"}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
