#!/usr/bin/env python3
"""Runs NumPy functions on .npy inputs and writes .npy outputs, for tests
whose arrays are too large for JSON.

Usage: npy_oracle.py CASES.json

CASES.json is a list of {"op": name, "inputs": [paths], "kw": {...},
"output": path}. Each result is saved with np.save at its output path.
"""
import json
import sys

import numpy as np

OPS = {
    "fft": np.fft.fft, "ifft": np.fft.ifft, "rfft": np.fft.rfft, "irfft": np.fft.irfft,
    "hfft": np.fft.hfft, "ihfft": np.fft.ihfft, "fft2": np.fft.fft2, "ifft2": np.fft.ifft2,
    "fftn": np.fft.fftn, "ifftn": np.fft.ifftn, "rfft2": np.fft.rfft2, "irfft2": np.fft.irfft2,
    "rfftn": np.fft.rfftn, "irfftn": np.fft.irfftn,
    "fftfreq": lambda n, d=1.0: np.fft.fftfreq(n, d), "rfftfreq": lambda n, d=1.0: np.fft.rfftfreq(n, d),
    "fftshift": np.fft.fftshift, "ifftshift": np.fft.ifftshift,
}


def main(path):
    with open(path) as f:
        cases = json.load(f)
    for case in cases:
        args = [np.load(p) for p in case["inputs"]]
        kw = case.get("kw", {})
        for key in ("s", "axes"):
            if key in kw and isinstance(kw[key], list):
                kw[key] = tuple(kw[key])
        np.save(case["output"], np.asarray(OPS[case["op"]](*args, **kw)))


if __name__ == "__main__":
    main(sys.argv[1])
