#!/usr/bin/env python3
"""numexpr's side of the fused-expression workloads (`fused_*`).

Prints one JSON line a workload, {"name", "median_ns", "impl": "numexpr"},
timed as numpy_side.py times NumPy, with the same data; numexpr evaluates
each expression block by block on every core, as it does by default.
Prints nothing when numexpr is not installed.
"""
import json
import sys

import numpy as np

from numpy_side import _fused_data, median_ns


def workloads():
    import numexpr as ne

    a, b, c = _fused_data()
    a6, b6 = a[:10**6].copy(), b[:10**6].copy()
    g = np.random.default_rng(8)
    x = g.standard_normal((10**5, 16))
    centres = g.standard_normal((8, 16))
    values = dict(a=a, b=b, c=c, a6=a6, b6=b6, X3=x[:, None, :], C3=centres[None, :, :])

    def evaluate(expression):
        return lambda: ne.evaluate(expression, local_dict=values)

    return {
        "fused_axpbyc_f64_1e7": evaluate("2*a + 3*b*c"),
        "fused_poly_f64_1e7": evaluate("0.25*a**3 + 0.75*a**2 - 1.5*a - 2"),
        "fused_sincos_f64_1e6": evaluate("sin(a6)**2 + cos(b6)**2"),
        "fused_where_f64_1e7": evaluate("where(a > 0, a, 0.1*a)"),
        "fused_sumsq_f64_1e7": evaluate("sum((a - b)**2)"),
        "fused_kmeans_dist_f64_1e5x8x16": evaluate("sum((X3 - C3)**2, axis=2)"),
    }


NAMES = [
    "fused_axpbyc_f64_1e7", "fused_poly_f64_1e7", "fused_sincos_f64_1e6", "fused_where_f64_1e7",
    "fused_sumsq_f64_1e7", "fused_kmeans_dist_f64_1e5x8x16",
]


def main(prefixes):
    wanted = [name for name in NAMES if not prefixes or any(name.startswith(p) for p in prefixes)]
    if not wanted:
        return
    try:
        import numexpr  # noqa: F401
    except ImportError:
        print("numexpr is not installed: no numexpr column (pip install numexpr)", file=sys.stderr)
        return
    calls = workloads()
    for name in wanted:
        print(json.dumps({"name": name, "median_ns": round(median_ns(calls[name]), 1), "impl": "numexpr"}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
