#!/usr/bin/env python3
"""Evaluates element-wise operations and reductions with NumPy for the tests.

Usage: oracle.py CASES.json

CASES.json is a list of {"op": name, "dtype": numpy dtype name,
"args": [[values, shape], ...], "kw": {...}}. Values are flat, in C order;
a complex value is [re, im]; non-finite floats are the strings "nan", "inf"
and "-inf". Results give every float as an exact hexadecimal string
(`float.hex()`). Prints a JSON list of {"dtype", "shape", "values"} in the same
encoding.
"""
import json
import sys

import numpy as np


def decode(values, shape, dtype):
    def one(v):
        if isinstance(v, list):
            return complex(one(v[0]), one(v[1]))
        if isinstance(v, str):
            return float(v)
        return v
    data = [one(v) for v in values]
    if dtype == "bool":
        data = [bool(v) for v in data]
    return np.array(data, dtype=dtype).reshape(shape)


def encode(array):
    array = np.asarray(array)
    def one(v):
        if isinstance(v, (complex, np.complexfloating)):
            return [one(v.real), one(v.imag)]
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        if isinstance(v, (float, np.floating)):
            return float(v).hex()  # exact, unlike a decimal rendering
        return int(v)
    return {"dtype": str(array.dtype), "shape": list(array.shape),
            "values": [one(v) for v in array.reshape(-1).tolist()]}


def truncating_divide(a, b):
    with np.errstate(all="ignore"):
        if a.dtype.kind in "iu":
            safe = np.where(b == 0, 1, b)
            q = np.abs(a.astype(object)) // np.abs(safe.astype(object))
            q = q * np.sign(a.astype(object)) * np.sign(safe.astype(object))
            return np.where(b == 0, 0, q).astype(np.int64).astype(a.dtype) if a.dtype.kind == "i" else np.where(b == 0, 0, a // safe).astype(a.dtype)
        return a / b


OPS = {
    "add": lambda a, b: a + b,
    "subtract": lambda a, b: a - b,
    "multiply": lambda a, b: a * b,
    "divide": truncating_divide,
    "negative": np.negative,
    "abs": np.abs,
    "equal": np.equal, "not_equal": np.not_equal, "less": np.less,
    "less_equal": np.less_equal, "greater": np.greater, "greater_equal": np.greater_equal,
    "logical_and": np.logical_and, "logical_or": np.logical_or,
    "logical_xor": np.logical_xor, "logical_not": np.logical_not,
    "where": np.where, "clip": np.clip,
    "exp": np.exp, "expm1": np.expm1, "log": np.log, "log1p": np.log1p,
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "arcsin": np.arcsin, "arccos": np.arccos,
    "arctan": np.arctan, "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh,
    "arcsinh": np.arcsinh, "arccosh": np.arccosh, "arctanh": np.arctanh, "sqrt": np.sqrt,
    "power": np.power,
    "sum": np.sum,
    "prod": np.prod,
    "floor": np.floor, "ceil": np.ceil, "trunc": np.trunc, "round": lambda a, decimals=0: np.round(a, decimals),
    "sign": np.sign, "remainder": np.remainder, "fmod": np.fmod, "floor_divide": np.floor_divide,
    "maximum": np.maximum, "minimum": np.minimum, "fmax": np.fmax, "fmin": np.fmin,
    "arctan2": np.arctan2, "hypot": np.hypot, "copysign": np.copysign,
    "log2": np.log2, "log10": np.log10, "exp2": np.exp2, "cbrt": np.cbrt,
    "square": np.square, "isnan": np.isnan, "isinf": np.isinf, "isfinite": np.isfinite,
    "nan_to_num": np.nan_to_num, "bitwise_and": np.bitwise_and, "bitwise_or": np.bitwise_or,
    "bitwise_xor": np.bitwise_xor, "left_shift": np.left_shift, "right_shift": np.right_shift,
    "invert": np.invert, "isclose": np.isclose,
    "mean_f64": lambda a, **k: np.mean(a, **k), "var_f64": lambda a, **k: np.var(a, **k),
    "std_f64": lambda a, **k: np.std(a, **k),
    "to_float64": lambda a: a.astype(np.float64),
    "log2_f64": lambda a: np.log2(a.astype(np.float64)),
    "outer_power": lambda a, b: np.power.outer(a, b),
    "outer_divide": lambda a, b: np.divide.outer(a, b),
    "outer_multiply": lambda a, b: np.multiply.outer(a, b),
    "outer_equal": lambda a, b: np.equal.outer(a, b),
    "outer_not_equal": lambda a, b: np.not_equal.outer(a, b),
    "outer_less": lambda a, b: np.less.outer(a, b),
    "outer_less_equal": lambda a, b: np.less_equal.outer(a, b),
    "outer_greater": lambda a, b: np.greater.outer(a, b),
    "min": np.min, "max": np.max, "mean": np.mean, "var": np.var, "std": np.std,
    "argmin": np.argmin, "argmax": np.argmax, "all": np.all, "any": np.any,
    "astype": lambda a, dtype: a.astype(dtype),
}


def main(path):
    with open(path) as f:
        cases = json.load(f)
    results = []
    for case in cases:
        args = [decode(v, s, case["dtype"] if i >= case.get("typed_from", 0) else "bool")
                for i, (v, s) in enumerate(case["args"])]
        kw = case.get("kw", {})
        if "axis" in kw and isinstance(kw["axis"], list):
            kw["axis"] = tuple(kw["axis"])
        with np.errstate(all="ignore"):
            results.append(encode(OPS[case["op"]](*args, **kw)))
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
