#!/usr/bin/env python3
"""NumPy's side of Strided's benchmark workloads.

Prints one JSON object a line, {"name": ..., "median_ns": ..., "impl": "numpy"},
for each workload whose name starts with one of the given prefixes (all of
them without arguments). The names, shapes and element types are the ones
Strided's own benchmark uses, so the two can be joined by name.

Each workload is timed as Strided's harness times its own: one warm-up call,
a repetition count that fills at least 50 ms, then the median of seven samples.
"""
import json
import sys
import time

import numpy as np


def median_ns(call):
    call()
    reps = 1
    while True:
        start = time.perf_counter_ns()
        for _ in range(reps):
            call()
        if time.perf_counter_ns() - start >= 50_000_000 or reps >= 1 << 24:
            break
        reps *= 2
    samples = []
    for _ in range(7):
        start = time.perf_counter_ns()
        for _ in range(reps):
            call()
        samples.append((time.perf_counter_ns() - start) / reps)
    return sorted(samples)[3]


generator = np.random.default_rng(0)


def matrix():
    return generator.standard_normal((4096, 4096))


def view_slice_2d():
    m = matrix()
    return lambda: m[1:-1:2, ::3]


def view_transpose_2d():
    m = matrix()
    return lambda: m.T


def view_reshape_3d():
    m = matrix()
    return lambda: m.reshape(64, 64, 4096)


def copy_c_f64_4096():
    m = matrix()
    return lambda: m.copy()


def copy_transposed_f64_4096():
    m = matrix()
    return lambda: np.ascontiguousarray(m.T)


def copy_strided_f64_4096():
    m = matrix()
    return lambda: np.ascontiguousarray(m[::2, ::2])


def square(n, dtype=np.float64):
    return generator.standard_normal((n, n)).astype(dtype)


def matmul(n):
    def make():
        a, b = square(n), square(n)
        return lambda: a @ b
    make.__name__ = f"matmul_f64_n{n}"
    return make


def matmul_f32_n1024():
    a = square(1024, np.float32)
    b = a.copy()
    return lambda: a @ b


def matmul_c128_n256():
    a = square(256) + 1j * square(256)
    return lambda: a @ a


def matmul_f64_at_b_512():
    a, b = square(512), square(512)
    return lambda: a.T @ b


def matmul_f64_sliced_512():
    a, b = square(512), square(512)
    return lambda: a[:, :257] @ b[:257, :]


def matmul_f64_batched_64x32():
    a = generator.standard_normal((64, 32, 32))
    b = generator.standard_normal((64, 32, 32))
    return lambda: a @ b


def gemv_f64_4096():
    m = matrix()
    v = generator.standard_normal(4096)
    return lambda: m @ v


def dot_f64_1e6():
    x = generator.standard_normal(10**6)
    y = generator.standard_normal(10**6)
    return lambda: x @ y


def solve_f64_512():
    a = square(512) + 512 * np.eye(512)
    b = generator.standard_normal(512)
    return lambda: np.linalg.solve(a, b)


def svd_f64_256():
    a = square(256)
    return lambda: np.linalg.svd(a)


def vector(n=10**7, dtype=np.float64):
    return generator.standard_normal(n).astype(dtype)


def add_f64_1e7():
    x, y = vector(), vector()
    return lambda: x + y


def add_inplace_f64_1e7():
    x, y = vector(), vector()
    def call():
        nonlocal x
        x += y
    return call


def add_transposed_f64_4096():
    m = matrix()
    return lambda: m.T + m


def add_broadcast_row_f64_4096():
    m = matrix()
    r = generator.standard_normal(4096)
    return lambda: m + r


def mul_scalar_f32_1e7():
    x = vector(dtype=np.float32)
    return lambda: x * np.float32(2.5)


def exp_f64_1e6():
    x = vector(10**6)
    return lambda: np.exp(x)


def sum_f64_1e7():
    x = vector()
    return lambda: x.sum()


def max_f64_1e7():
    x = vector()
    return lambda: x.max()


def sum_axis0_f64_4096():
    m = matrix()
    return lambda: m.sum(axis=0)


def sum_axis1_f64_4096():
    m = matrix()
    return lambda: m.sum(axis=1)


def npy_path(name):
    import tempfile, os
    return os.path.join(tempfile.gettempdir(), name)


def npy_save_f64_2048():
    m = generator.standard_normal((2048, 2048))
    path = npy_path("numpy_bench_save.npy")
    return lambda: np.save(path, m)


def npy_load_f64_2048():
    path = npy_path("numpy_bench_load.npy")
    np.save(path, generator.standard_normal((2048, 2048)))
    return lambda: np.load(path)


def npy_mmap_f64_2048():
    path = npy_path("numpy_bench_mmap.npy")
    np.save(path, generator.standard_normal((2048, 2048)))
    return lambda: np.load(path, mmap_mode="r")


def mask_select_f64_1e7():
    x = generator.standard_normal(10**7)
    return lambda: x[x > 0]


def take_f64_1e7():
    x = generator.standard_normal(10**7)
    idx = generator.integers(0, 10**7, 10**6)
    return lambda: x[idx]


def put_f64_1e7():
    x = generator.standard_normal(10**7)
    idx = generator.integers(0, 10**7, 10**6)
    v = generator.standard_normal(10**6)
    def call():
        x[idx] = v
    return call


def setitem_slice_f64_4096():
    m = matrix()
    def call():
        m[::2, ::2] = 1.0
    return call


def add_at_f64_1e6():
    x = np.zeros(10**5)
    idx = generator.integers(0, 10**5, 10**6)
    return lambda: np.add.at(x, idx, 1.0)


def element_read_f64_1e6():
    # NumPy's own element read is a Python-level call: item() on a 1000² matrix.
    m = generator.standard_normal((1000, 1000))
    item = m.item
    def call():
        s = 0.0
        for i in range(0, 1000, 10):
            for j in range(0, 1000, 10):
                s += item(i, j)
        return s
    return call


def floor_f64_1e7():
    x = generator.standard_normal(10**7) * 100
    return lambda: np.floor(x)


def maximum_f64_1e7():
    x = generator.standard_normal(10**7)
    y = generator.standard_normal(10**7)
    return lambda: np.maximum(x, y)


def isnan_f64_1e7():
    x = generator.standard_normal(10**7)
    x[::7] = np.nan
    return lambda: np.isnan(x)


def atan2_f64_1e6():
    x = generator.standard_normal(10**6)
    y = generator.standard_normal(10**6)
    return lambda: np.arctan2(y, x)


def mean_i32_1e7():
    x = generator.integers(-1000, 1000, 10**7, dtype=np.int32)
    return lambda: x.mean()


def random_f64_1e7():
    g = np.random.default_rng(1)
    return lambda: g.random(10**7)


def random_normal_f64_1e7():
    g = np.random.default_rng(1)
    return lambda: g.standard_normal(10**7)


def random_integers_i64_1e7():
    g = np.random.default_rng(1)
    return lambda: g.integers(0, 1000, 10**7)


def concatenate_f64_4096():
    a = generator.standard_normal((4096, 2048))
    b = generator.standard_normal((4096, 2048))
    return lambda: np.concatenate([a, b], axis=1)


def pad_edge_f64_2048():
    m = generator.standard_normal((2048, 2048))
    return lambda: np.pad(m, 1, mode="edge")


def sort_f64_1e6():
    x = generator.standard_normal(10**6)
    return lambda: np.sort(x)


def argsort_f64_1e6():
    x = generator.standard_normal(10**6)
    return lambda: np.argsort(x)


def sort_rows_f64_1024():
    m = generator.standard_normal((1024, 1024))
    return lambda: np.sort(m, axis=1)


def sort_str_u16_1e5():
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    x = np.array(["".join(r) for r in letters[generator.integers(0, 26, (10**5, 16))]], dtype="<U16")
    return lambda: np.sort(x)


def unique_i64_1e6():
    x = generator.integers(0, 10**5, 10**6)
    return lambda: np.unique(x)


def searchsorted_f64_1e6():
    s = np.sort(generator.standard_normal(10**6))
    q = generator.standard_normal(10**6)
    return lambda: np.searchsorted(s, q)


def cumsum_f64_1e7():
    x = generator.standard_normal(10**7)
    return lambda: np.cumsum(x)


def median_f64_1e6():
    x = generator.standard_normal(10**6)
    return lambda: np.median(x)


def einsum_bmm_f64_64x128():
    a = generator.standard_normal((64, 128, 128))
    b = generator.standard_normal((64, 128, 128))
    return lambda: np.einsum("bij,bjk->bik", a, b)


def einsum_elementwise_f64_1e6():
    x = generator.standard_normal(10**6)
    return lambda: np.einsum("i,i,i->i", x, x, x)


def complex_signal(shape):
    return generator.standard_normal(shape) + 1j * generator.standard_normal(shape)


def fft_c128_2e20():
    x = complex_signal(2**20)
    return lambda: np.fft.fft(x)


def rfft_f64_1e6():
    x = generator.standard_normal(10**6)
    return lambda: np.fft.rfft(x)


def fft_prime_c128_65537():
    x = complex_signal(65537)
    return lambda: np.fft.fft(x)


def fft2_c128_1024():
    x = complex_signal((1024, 1024))
    return lambda: np.fft.fft2(x)


def pybuffer_roundtrip_f64_10():
    # NumPy's own round trip through the buffer protocol, for reference.
    a = np.arange(10.0)
    return lambda: np.asarray(memoryview(a))


def pybuffer_roundtrip_f64_1e7():
    a = np.arange(1e7)
    return lambda: np.asarray(memoryview(a))


def rows_mask_f64_1500x2():
    g = np.random.default_rng(9)
    X = g.standard_normal((1500, 2))
    labels = g.integers(0, 3, 1500)
    return lambda: X[labels == 1]


def rows_take_f64_1500x2():
    g = np.random.default_rng(9)
    X = g.standard_normal((1500, 2))
    rows = g.integers(0, 1500, 500)
    return lambda: X[rows]


def kmeans_iter_f64_1500x2x3():
    g = np.random.default_rng(9)
    X = g.standard_normal((1500, 2))
    C = X[:3].copy()

    def step():
        d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
        labels = d2.argmin(axis=1)
        inertia = d2.min(axis=1).sum()
        return np.array([X[labels == j].mean(axis=0) for j in range(3)]), inertia
    return step


def astype_f64_u8_196608():
    g = np.random.default_rng(9)
    x = np.clip(g.normal(128, 60, (256, 256, 3)), 0, 255).round()
    return lambda: x.astype(np.uint8)


def pow2_f64_1e6():
    x = generator.standard_normal(10**6)
    return lambda: x ** 2


def pow_frac_f64_1e6():
    x = np.abs(generator.standard_normal(10**6))
    return lambda: x ** 2.5


def _fused_data():
    g = np.random.default_rng(7)
    n = 10**7
    return g.standard_normal(n), g.standard_normal(n), g.standard_normal(n)


def fused_axpbyc_f64_1e7():
    a, b, c = _fused_data()
    return lambda: 2 * a + 3 * b * c


def fused_poly_f64_1e7():
    x, _, _ = _fused_data()
    return lambda: 0.25 * x**3 + 0.75 * x**2 - 1.5 * x - 2


def fused_sincos_f64_1e6():
    a, b, _ = _fused_data()
    a, b = a[:10**6].copy(), b[:10**6].copy()
    return lambda: np.sin(a)**2 + np.cos(b)**2


def fused_where_f64_1e7():
    a, _, _ = _fused_data()
    return lambda: np.where(a > 0, a, 0.1 * a)


def fused_sumsq_f64_1e7():
    a, b, _ = _fused_data()
    return lambda: ((a - b)**2).sum()


def fused_kmeans_dist_f64_1e5x8x16():
    g = np.random.default_rng(8)
    X = g.standard_normal((10**5, 16))
    C = g.standard_normal((8, 16))
    return lambda: ((X[:, None, :] - C[None, :, :])**2).sum(axis=2)


def iadd_slice_f32_256x256x3():
    g = np.random.default_rng(9)
    p = g.standard_normal((258, 258, 3)).astype(np.float32)
    b = np.zeros((256, 256, 3), np.float32)

    def update():
        b[...] += p[1:257, 0:256]
    return update


def add_f64_16():
    a = generator.standard_normal(16)
    b = generator.standard_normal(16)
    return lambda: a + b


def sum_axis0_f64_1000x6():
    x = generator.standard_normal((1000, 6))
    return lambda: x.sum(axis=0)


def sliding_mean_f64_1e6_w64():
    x = generator.standard_normal(10**6)
    return lambda: np.lib.stride_tricks.sliding_window_view(x, 64).mean(axis=-1)


def unique_rows_f64_1e5x4():
    x = generator.integers(0, 10, (10**5, 4)).astype(np.float64)
    return lambda: np.unique(x, axis=0)


def loadtxt_f64_1e6x4():
    path = npy_path("numpy_bench_loadtxt.csv")
    np.savetxt(path, np.random.default_rng(5).standard_normal((10**6, 4)), fmt="%.17g", delimiter=",")
    return lambda: np.loadtxt(path, delimiter=",")


def savetxt_f64_1e5x4():
    x = generator.standard_normal((10**5, 4))
    path = npy_path("numpy_bench_savetxt.csv")
    return lambda: np.savetxt(path, x, delimiter=",")


def datetime_diff_1e6():
    a = np.datetime64("2020-01-01T00:00:00") + generator.integers(0, 10**8, 10**6).astype("timedelta64[s]")
    b = np.datetime64("2021-01-01T00:00:00") + generator.integers(0, 10**8, 10**6).astype("timedelta64[s]")
    return lambda: b - a


def isin_i64_1e6():
    x = generator.integers(0, 10**6, 10**6)
    t = generator.integers(0, 10**6, 10**4)
    return lambda: np.isin(x, t)


def interp_f64_1e6():
    xp = np.sort(generator.standard_normal(10**4))
    fp = generator.standard_normal(10**4)
    x = generator.standard_normal(10**6)
    return lambda: np.interp(x, xp, fp)


def divmod_f64_1e7():
    x = generator.standard_normal(10**7) * 100
    y = generator.standard_normal(10**7) + 3
    return lambda: np.divmod(x, y)


WORKLOADS = [
    view_slice_2d, view_transpose_2d, view_reshape_3d,
    copy_c_f64_4096, copy_transposed_f64_4096, copy_strided_f64_4096,
    add_f64_1e7, add_inplace_f64_1e7, add_transposed_f64_4096, add_broadcast_row_f64_4096,
    mul_scalar_f32_1e7, exp_f64_1e6, sum_f64_1e7, max_f64_1e7, sum_axis0_f64_4096, sum_axis1_f64_4096,
    *[matmul(n) for n in (4, 16, 64, 256, 1024)],
    matmul_f32_n1024, matmul_c128_n256, matmul_f64_at_b_512, matmul_f64_sliced_512,
    matmul_f64_batched_64x32, gemv_f64_4096, dot_f64_1e6, solve_f64_512, svd_f64_256,
    npy_save_f64_2048, npy_load_f64_2048, npy_mmap_f64_2048,
    mask_select_f64_1e7, take_f64_1e7, put_f64_1e7, setitem_slice_f64_4096, add_at_f64_1e6,
    element_read_f64_1e6,
    floor_f64_1e7, maximum_f64_1e7, isnan_f64_1e7, atan2_f64_1e6, mean_i32_1e7,
    random_f64_1e7, random_normal_f64_1e7, random_integers_i64_1e7,
    concatenate_f64_4096, pad_edge_f64_2048, sort_f64_1e6, argsort_f64_1e6, sort_rows_f64_1024,
    sort_str_u16_1e5,
    unique_i64_1e6, searchsorted_f64_1e6, cumsum_f64_1e7, median_f64_1e6, einsum_bmm_f64_64x128,
    einsum_elementwise_f64_1e6,
    fft_c128_2e20, rfft_f64_1e6, fft_prime_c128_65537, fft2_c128_1024,
    pybuffer_roundtrip_f64_10, pybuffer_roundtrip_f64_1e7,
    rows_mask_f64_1500x2, rows_take_f64_1500x2, kmeans_iter_f64_1500x2x3, astype_f64_u8_196608,
    pow2_f64_1e6, pow_frac_f64_1e6, iadd_slice_f32_256x256x3, add_f64_16, sum_axis0_f64_1000x6,
    isin_i64_1e6, interp_f64_1e6, divmod_f64_1e7, sliding_mean_f64_1e6_w64, unique_rows_f64_1e5x4,
    loadtxt_f64_1e6x4, savetxt_f64_1e5x4, datetime_diff_1e6,
    fused_axpbyc_f64_1e7, fused_poly_f64_1e7, fused_sincos_f64_1e6, fused_where_f64_1e7, fused_sumsq_f64_1e7,
    fused_kmeans_dist_f64_1e5x8x16,
]


def run_workloads(workloads, prefixes, impl):
    """Times each workload whose name starts with one of `prefixes` (all when
    none are given) and prints one JSON line for it."""
    for make in workloads:
        name = make.__name__
        if prefixes and not any(name.startswith(p) for p in prefixes):
            continue
        print(json.dumps({"name": name, "median_ns": round(median_ns(make()), 1), "impl": impl}), flush=True)


def main(prefixes):
    run_workloads(WORKLOADS, prefixes, "numpy")


if __name__ == "__main__":
    main(sys.argv[1:])
