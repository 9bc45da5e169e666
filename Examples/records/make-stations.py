"""Writes stations.npy, the records example's data, with NumPy: a
structured array whose dtype is aligned (padding after the name and the
elevation), nested (a position record) and holds a sub-array (three
temperature readings). Run: python3 Examples/records/make-stations.py"""
import os

import numpy as np

station = np.dtype(
    [
        ("name", "S6"),
        ("position", [("lat", "<f8"), ("lon", "<f8")]),
        ("elevation", "<i2"),
        ("temps", "<f4", (3,)),
    ],
    align=True,
)
stations = np.array(
    [
        (b"Oslo", (59.91, 10.75), 23, (-4.3, 1.2, 16.4)),
        (b"Quito", (-0.18, -78.47), 2850, (13.9, 14.1, 13.6)),
        (b"Lima", (-12.05, -77.04), 154, (22.8, 18.9, 16.7)),
        (b"Davos", (46.80, 9.84), 1560, (-6.1, 0.4, 11.8)),
    ],
    dtype=station,
)
np.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "stations.npy"), stations)
print(stations.dtype, stations.dtype.itemsize)
