"""NumPy's time for the k-means step of main.swift: prints the median time
of one step in microseconds (7 runs of 30 steps)."""
import time

import numpy as np

g = np.random.default_rng(9)
X = np.concatenate([g.standard_normal((500, 2)) + c for c in ([0, 0], [5, 5], [0, 5])])
C = X[[0, 500, 1000]]


def step(X, C):
    d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    labels = d2.argmin(axis=1)
    inertia = d2.min(axis=1).sum()
    return np.array([X[labels == j].mean(axis=0) for j in range(len(C))]), inertia


for _ in range(8):
    C, _ = step(X, C)
samples = []
for _ in range(7):
    start = time.perf_counter()
    for _ in range(30):
        step(X, C)
    samples.append((time.perf_counter() - start) / 30 * 1e6)
print(sorted(samples)[3])
