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


def _floats(q):
    return [float(v) for v in q] if isinstance(q, list) else float(q)


def _axes(axis):
    return axis if axis is None or isinstance(axis, int) else tuple(axis)


def _diff_with(a, *parts, n=1, axis=-1, has_prepend=False, has_append=False):
    kw = {}
    if has_prepend:
        kw["prepend"] = parts[0]
    if has_append:
        kw["append"] = parts[-1]
    return np.diff(a, n=n, axis=axis, **kw)


def _weighted_quantile(function, a, q, weights, wshape, axis=None, method="inverted_cdf", keepdims=False,
                       as_f64=False):
    result = function(a, _floats(q), axis=_axes(axis), method=method,
                      weights=np.asarray(weights, dtype=np.float64).reshape(wshape), keepdims=keepdims)
    return np.asarray(result).astype(np.float64) if as_f64 else result


def _average_returned(a, *w, part, weights=None, wshape=None, axis=None, keepdims=False):
    wgt = w[0] if w else (None if weights is None else np.asarray(weights, dtype=np.float64))
    if wgt is not None and wshape is not None:
        wgt = wgt.reshape(wshape)
    return np.average(a, axis=_axes(axis), weights=wgt, returned=True, keepdims=keepdims)[part]


def _cov(a, *y, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None):
    return np.cov(a, y[0] if y else None, rowvar=rowvar, bias=bias, ddof=ddof,
                  fweights=None if fweights is None else np.asarray(fweights, dtype=np.int64),
                  aweights=None if aweights is None else np.asarray(aweights, dtype=np.float64))


def _ufunc_at(a, values, indices, ufunc):
    out = a.copy()
    getattr(np, ufunc).at(out, np.asarray(indices, dtype=np.intp), values)
    return out


def _put(a, values, indices, mode="raise"):
    out = a.copy()
    np.put(out, np.asarray(indices, dtype=np.intp), values, mode=mode)
    return out


def _ndindex(shape):
    """Every index of the shape as a row of an (n, ndim) array."""
    rows = list(np.ndindex(*shape))
    return np.array(rows, dtype=np.int64).reshape(len(rows), len(shape))


def _ndenumerate_part(a, part):
    """np.ndenumerate's indices (part 0, as _ndindex's rows) or elements (part 1)."""
    pairs = list(np.ndenumerate(a))
    if part == 0:
        return np.array([p[0] for p in pairs], dtype=np.int64).reshape(len(pairs), a.ndim)
    return np.array([p[1] for p in pairs], dtype=a.dtype)


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
    # Joining, sorting, cumulative, statistics and linalg (issue-by-issue
    # additions; multi-output functions take a `part` keyword).
    "concatenate": lambda *a, axis=0: np.concatenate(a, axis=axis),
    "stack": lambda *a, axis=0: np.stack(a, axis=axis),
    "vstack": lambda *a: np.vstack(a), "hstack": lambda *a: np.hstack(a), "dstack": lambda *a: np.dstack(a),
    "split_part": lambda a, part, axis=0, sections=None, indices=None:
        np.split(a, sections if sections is not None else indices, axis=axis)[part],
    "array_split_part": lambda a, part, sections, axis=0: np.array_split(a, sections, axis=axis)[part],
    "tile": lambda a, reps: np.tile(a, reps),
    "repeat": lambda a, repeats, axis=None: np.repeat(a, repeats, axis=axis),
    "pad": lambda a, width, mode, value=None, reflect_type=None: np.pad(
        a, width, mode=mode, **({"constant_values": value} if value is not None else {}),
        **({"reflect_type": reflect_type} if reflect_type is not None else {})),
    "roll": lambda a, shift, axis=None: np.roll(a, shift, axis=axis),
    "meshgrid_part": lambda *a, part, indexing="xy", sparse=False, copy=True: np.meshgrid(
        *a, indexing=indexing, sparse=sparse, copy=copy)[part],
    "eye": lambda like, n, m=None, k=0: np.eye(n, m, k=k, dtype=like.dtype),
    "sort": lambda a, axis=-1: np.sort(a, axis=axis, kind="stable"),
    "argsort": lambda a, axis=-1: np.argsort(a, axis=axis, kind="stable"),
    "searchsorted": lambda a, v, side="left", sorter=None: np.searchsorted(
        a, v, side=side, sorter=None if sorter is None else np.asarray(sorter, dtype=np.intp)),
    "unique": lambda a: np.unique(a),
    "unique_part": lambda a, part: np.unique(a, return_index=True, return_inverse=True, return_counts=True)[part],
    "lexsort": lambda *keys: np.lexsort(keys),
    "isin": lambda a, b, invert=False: np.isin(a, b, invert=invert),
    "interp": lambda x, xp, fp, left=None, right=None, period=None: np.interp(
        x, xp, fp, left=None if left is None else float(left), right=None if right is None else float(right),
        period=period),
    "take": lambda a, indices, ishape, axis=None, mode="raise": np.take(
        a, np.asarray(indices, dtype=np.intp).reshape(ishape), axis=axis, mode=mode),
    "put": _put,
    "take_along_axis": lambda a, indices, ishape, axis=-1: np.take_along_axis(
        a, np.asarray(indices, dtype=np.intp).reshape(ishape), axis=axis),
    "ndindex": _ndindex,
    "ndenumerate_part": _ndenumerate_part,
    "copysign_as_f64": lambda a, b: np.copysign(a, b).astype(np.float64),
    "ufunc_at": _ufunc_at,
    "unravel_index_part": lambda a, shape, part, order="C": np.unravel_index(a, shape, order=order)[part],
    "ravel_multi_index": lambda *coords, shape, mode="raise", order="C": np.ravel_multi_index(
        coords, shape, mode=mode, order=order),
    "indices": lambda shape: np.indices(shape),
    "diag": lambda v, k=0: np.diag(v, k),
    "divmod_part": lambda a, b, part: np.divmod(a, b)[part],
    "signbit": np.signbit,
    "sliding_window_view": lambda a, window_shape, axes=None: np.lib.stride_tricks.sliding_window_view(
        a, window_shape, axis=None if axes is None else tuple(axes)),
    "sliding_mean": lambda a, window: np.lib.stride_tricks.sliding_window_view(a, window).mean(axis=-1),
    "unique_axis": lambda a, axis: np.unique(a, axis=axis),
    "unique_equal_nan": lambda a, equal_nan: np.unique(a, equal_nan=equal_nan),
    "ufunc_outer": lambda a, b, ufunc: getattr(np, ufunc).outer(a, b),
    "add_reduceat": lambda a, indices, axis=0: np.add.reduceat(a, np.asarray(indices, dtype=np.intp), axis=axis),
    "emath_sqrt": lambda a: np.emath.sqrt(a),
    "emath_log": lambda a: np.emath.log(a),
    "emath_power": lambda a, p: np.emath.power(a, p),
    # q as floats: JSON turns 0.0 into 0, and NumPy takes an element for
    # an integer q where it interpolates for a float one.
    "nanquantile": lambda a, q, axis=None, method="linear", keepdims=False:
        np.nanquantile(a, _floats(q), axis=axis, method=method, keepdims=keepdims),
    "nanpercentile": lambda a, q, axis=None, method="linear", keepdims=False:
        np.nanpercentile(a, _floats(q), axis=axis, method=method, keepdims=keepdims),
    "tensordot": lambda a, b, axes: np.tensordot(a, b, axes if isinstance(axes, int) else (list(axes[0]), list(axes[1]))),
    "slogdet_part": lambda a, part: np.linalg.slogdet(a)[part],
    "nanprod": lambda a, axis=None, keepdims=False: np.nanprod(a, axis=axis, keepdims=keepdims),
    "nancumsum": lambda a, axis=None: np.nancumsum(a, axis=axis),
    "nancumprod": lambda a, axis=None: np.nancumprod(a, axis=axis),
    "intersect1d": lambda a, b, assume_unique=False: np.intersect1d(a, b, assume_unique=assume_unique),
    "intersect1d_part": lambda a, b, part, assume_unique=False:
        np.intersect1d(a, b, assume_unique=assume_unique, return_indices=True)[part],
    "union1d": lambda a, b: np.union1d(a, b),
    "setdiff1d": lambda a, b, assume_unique=False: np.setdiff1d(a, b, assume_unique=assume_unique),
    "setxor1d": lambda a, b, assume_unique=False: np.setxor1d(a, b, assume_unique=assume_unique),
    "cumsum": lambda a, axis=None: np.cumsum(a, axis=axis),
    "cumprod": lambda a, axis=None: np.cumprod(a, axis=axis),
    "diff": lambda a, n=1, axis=-1: np.diff(a, n=n, axis=axis),
    "trace": lambda a, offset=0, axis1=0, axis2=1: np.trace(a, offset, axis1, axis2),
    "bincount": lambda a, minlength=0, weights=None: np.bincount(a, weights=weights, minlength=minlength),
    "histogram_part": lambda a, part, bins=10, range=None, weights=None, density=None, data=None:
        np.histogram(a if data is None else np.asarray(data), bins=bins, range=range,
                     weights=None if weights is None else np.reshape(weights, np.shape(a if data is None else data)),
                     density=density)[part],
    "median": lambda a, axis=None, keepdims=False: np.median(a, axis=axis if axis is None else tuple(axis), keepdims=keepdims),
    "quantile": lambda a, q, axis=None, method="linear", keepdims=False:
        np.quantile(a, q, axis=axis if axis is None else tuple(axis), method=method, keepdims=keepdims),
    "percentile": lambda a, q, axis=None, method="linear", keepdims=False:
        np.percentile(a, q, axis=axis if axis is None else tuple(axis), method=method, keepdims=keepdims),
    "nansum": lambda a, axis=None, keepdims=False: np.nansum(a, axis=axis if axis is None else tuple(axis), keepdims=keepdims),
    "nanmean": lambda a, axis=None, keepdims=False: np.nanmean(a, axis=axis if axis is None else tuple(axis), keepdims=keepdims),
    "nanmin": lambda a, axis=None, keepdims=False: np.nanmin(a, axis=axis if axis is None else tuple(axis), keepdims=keepdims),
    "nanmax": lambda a, axis=None, keepdims=False: np.nanmax(a, axis=axis if axis is None else tuple(axis), keepdims=keepdims),
    "nanvar": lambda a, axis=None, ddof=0, keepdims=False: np.nanvar(a, axis=axis if axis is None else tuple(axis), ddof=ddof, keepdims=keepdims),
    "nanstd": lambda a, axis=None, ddof=0: np.nanstd(a, axis=axis if axis is None else tuple(axis), ddof=ddof),
    "nanmedian": lambda a, axis=None, keepdims=False: np.nanmedian(a, axis=axis if axis is None else tuple(axis), keepdims=keepdims),
    "nanargmin": lambda a, axis=None, keepdims=False: np.nanargmin(a, axis=axis, keepdims=keepdims),
    "nanargmax": lambda a, axis=None, keepdims=False: np.nanargmax(a, axis=axis, keepdims=keepdims),
    "argmin_keep": lambda a, axis: np.argmin(a, axis=axis, keepdims=True),
    "average": lambda a, weights, axis=None, wshape=None: np.average(
        a, weights=np.asarray(weights).reshape(wshape) if wshape is not None else np.asarray(weights),
        axis=axis if axis is None or isinstance(axis, int) else tuple(axis)),
    "cov": lambda a, rowvar=True, bias=False, ddof=None: np.cov(a, rowvar=rowvar, bias=bias, ddof=ddof),
    "corrcoef": lambda a, rowvar=True: np.corrcoef(a, rowvar=rowvar),
    "norm": lambda a, ord=None, axis=None, keepdims=False: np.linalg.norm(
        a, ord=float(ord) if ord in ("inf", "-inf") else ord, axis=axis if axis is None else tuple(axis), keepdims=keepdims),
    # pinv's rtol left out means rcond=1e-15; rtol=None (JSON null) is the
    # array API's default.
    "pinv": lambda a, **kw: np.linalg.pinv(a, **kw),
    "matrix_rank": lambda a, **kw: np.linalg.matrix_rank(a, **kw),
    "matrix_power": lambda a, n: np.linalg.matrix_power(a, n),
    "kron": lambda a, b: np.kron(a, b),
    "einsum": lambda *a, subscripts: np.einsum(subscripts, *a),
    "det": lambda a: np.linalg.det(a),
    "inv": lambda a: np.linalg.inv(a),
    "solve": lambda a, b: np.linalg.solve(a, b),
    "cholesky": lambda a, upper=False: np.linalg.cholesky(a, upper=upper),
    "eigvalsh": lambda a, UPLO="L": np.linalg.eigvalsh(a, UPLO=UPLO),
    "svdvals": lambda a: np.linalg.svd(a, compute_uv=False),
    # Statistics options: cumsum/cumprod dtype=, diff prepend/append,
    # weighted quantiles, average returned=, cov/corrcoef with y and weights,
    # and quantiles of integers compared as float64.
    "cumsum_dtype": lambda a, dtype, axis=None: np.cumsum(a, axis=axis, dtype=dtype),
    "cumprod_dtype": lambda a, dtype, axis=None: np.cumprod(a, axis=axis, dtype=dtype),
    "diff_with": _diff_with,
    "quantile_weighted": lambda a, **kw: _weighted_quantile(np.quantile, a, **kw),
    "percentile_weighted": lambda a, **kw: _weighted_quantile(np.percentile, a, **kw),
    "quantile_as_f64": lambda a, q, axis=None, method="linear", keepdims=False: np.asarray(
        np.quantile(a, _floats(q), axis=_axes(axis), method=method, keepdims=keepdims)).astype(np.float64),
    "percentile_as_f64": lambda a, q, axis=None, method="linear", keepdims=False: np.asarray(
        np.percentile(a, _floats(q), axis=_axes(axis), method=method, keepdims=keepdims)).astype(np.float64),
    "average_returned_part": _average_returned,
    "cov_full": _cov,
    "corrcoef_full": lambda a, *y, rowvar=True: np.corrcoef(a, y[0] if y else None, rowvar=rowvar),
    "mean_complex": lambda a, axis: np.mean(a, axis=tuple(axis)),
    "var_complex": lambda a, axis=None, ddof=0: np.var(a, axis=axis if axis is None else tuple(axis), ddof=ddof),
}


def main(path):
    with open(path) as f:
        cases = json.load(f)
    results = []
    for case in cases:
        args = [decode(v, s, case["dtype"] if i >= case.get("typed_from", 0) else "bool")
                for i, (v, s) in enumerate(case["args"])]
        kw = case.get("kw", {})
        if "axis" in kw and isinstance(kw["axis"], list) and case["op"] not in (
                "median", "quantile", "percentile", "nansum", "nanmean", "nanmin", "nanmax", "nanvar", "nanstd",
                "nanmedian", "norm", "mean_complex", "var_complex", "average"):
            kw["axis"] = tuple(kw["axis"])
        for key in ("range", "pad"):
            if key in kw and isinstance(kw[key], list):
                kw[key] = tuple(kw[key])
        if "width" in kw:
            kw["width"] = [tuple(w) for w in kw["width"]]
        with np.errstate(all="ignore"):
            results.append(encode(OPS[case["op"]](*args, **kw)))
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
