"""Fixed-width strings through the buffer protocol: NumPy's S and U arrays
viewed by Strided, and Strided's string views seen by NumPy.

Run by `make test` with the `strided` extension module on PYTHONPATH:
    PYTHONPATH=<module folder> python3 -m unittest discover -s Tests/Python
"""
import unittest

import numpy as np

import strided


class StringBuffers(unittest.TestCase):
    def test_round_trip(self):
        for dtype in ["<U3", ">U3", "S3"]:
            a = np.array(["ab", "c", ""], dtype=dtype)
            v = strided.View(a)
            back = np.asarray(v)
            self.assertEqual(back.dtype, a.dtype, dtype)
            self.assertEqual(back.tolist(), a.tolist(), dtype)

    def test_formats(self):
        self.assertEqual(memoryview(np.asarray(strided.zeros("4w", [2]))).format, "4w")
        self.assertEqual(np.asarray(strided.zeros("4w", [2])).dtype, np.dtype("<U4"))
        self.assertEqual(np.asarray(strided.zeros("T{2w:s:q:n:}", [2])).dtype.names, ("s", "n"))

    def test_records(self):
        r = np.rec.fromarrays([np.array(["ab", "c"]), np.array([1, 2])], names="s,n")
        v = strided.View(r)
        self.assertEqual(np.asarray(v.field("s")).tolist(), ["ab", "c"])


if __name__ == "__main__":
    unittest.main()
