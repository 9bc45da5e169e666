"""Writes the fuzz targets' seed corpus into Tests/Fuzz/Corpus, from the
format tables of Tests/StridedTests/Fixtures and .npy files NumPy writes.
Run from the package root: python3 Tests/Fuzz/seed-corpus.py"""
import hashlib, io, json, os, random
import numpy as np

root = "Tests/Fuzz/Corpus"

def save(target, data):
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(root, target, name), "wb") as f:
        f.write(data)

formats = json.load(open("Tests/StridedTests/Fixtures/formats.json"))
picked = formats["struct"][::8] + formats["numpy"][::4]
for entry in picked:
    save("format", entry["format"].encode())
for extra in ["T{d:x:d:y:}", "<i4", "(2,3)f", "^T{b:a:i:b:}", "T{T{d:x:}:inner:(2)h:tail:}", "Zd", "5s", "=l", "@l", "!Q",
              "g", "O", "T{d:x:", "(2,3", "99999999999999999999d", "(1000000000,1000000000)d", "T{" * 70 + "}" * 70]:
    save("format", extra.encode())

def npy(array, version=None):
    buffer = io.BytesIO()
    if version is None:
        np.save(buffer, array, allow_pickle=False)
    else:
        np.lib.format.write_array(buffer, array, version=version, allow_pickle=False)
    return buffer.getvalue()

rng = np.random.default_rng(7)
arrays = [
    np.arange(6, dtype=np.float64).reshape(2, 3),
    np.asfortranarray(np.arange(12, dtype=np.int32).reshape(3, 4)),
    np.arange(5, dtype=">i2"),
    np.array(3.5),
    np.zeros((0, 3), dtype=np.float32),
    np.array([True, False, True]),
    np.arange(8, dtype=np.uint8).reshape(2, 2, 2),
    (rng.standard_normal(4) + 1j * rng.standard_normal(4)).astype(np.complex64),
    np.arange(3, dtype=np.complex128),
    np.arange(4, dtype=np.float16),
    np.array([b"ab", b"cde"], dtype="S3"),
    np.zeros(2, dtype=[("x", "<f8"), ("y", ">i4")]),
    np.zeros(2, dtype=np.dtype({"names": ["a", "b"], "formats": ["u1", "<f4"], "offsets": [0, 8], "itemsize": 16})),
    np.zeros(3, dtype=[("p", [("x", "f4"), ("y", "f4")]), ("tag", "S2")]),
    np.zeros(2, dtype=[("m", "f8", (2, 2))]),
    np.arange(24, dtype=np.int64).reshape(2, 3, 4).transpose(2, 0, 1),
    np.arange(10, dtype=">f8")[::2],
    np.zeros((1, 1, 1, 1, 1, 1), dtype=np.int8),
]
for a in arrays:
    save("npy", npy(a))
save("npy", npy(np.arange(3, dtype=np.float64), version=(2, 0)))
save("npy", npy(np.zeros(2, dtype=[("ü", "f8")]), version=(3, 0)))
# Refused: objects and Unicode strings.
buffer = io.BytesIO(); np.save(buffer, np.array([1, "a"], dtype=object), allow_pickle=True); save("npy", buffer.getvalue())
save("npy", npy(np.array(["ab"], dtype="U2")))
# Damaged: truncated data, a header that lies, a bad magic string.
good = npy(np.arange(16, dtype=np.float64))
save("npy", good[:-7])
save("npy", good.replace(b"(16,)", b"(99,)"))
save("npy", b"\x93NUMPX" + good[6:])
save("npy", good.replace(b"'descr': '<f8'", b"'descr': '<f9'"))

# Archives: stored, deflated (np.savez writes zip64 local headers), empty,
# with a member that is not a .npy file, and damaged ones.
def npz(compressed=False, **arrays):
    buffer = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buffer, **arrays)
    return buffer.getvalue()

small = dict(a=np.arange(6, dtype=np.float64).reshape(2, 3), b=np.array([True, False]), s=np.array(7, dtype=">i2"))
save("npz", npz(**small))
save("npz", npz(True, **small))
save("npz", npz())
save("npz", npz(True, r=np.zeros(3, dtype=[("x", "<f4"), ("y", "S2")]), e=np.zeros((0, 2))))
import zipfile
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w") as z:
    z.writestr("notes.txt", b"not an array")
    z.writestr("x.npy", npy(np.arange(4, dtype=np.int8)))
save("npz", buffer.getvalue())
stored = npz(**small)
save("npz", stored[:-30])
flipped = bytearray(stored); flipped[len(stored) // 3] ^= 0x40; save("npz", bytes(flipped))

# Hostile directories: two names pointing at one member (overlap), a local
# header whose name differs from the directory's, and an end record whose
# 16-bit count disagrees with the directory it ends.
def directory_offset(data):
    return int.from_bytes(data[-6:-2], "little")
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w") as z:
    z.writestr("a.npy", npy(np.arange(4, dtype=np.int8)))
    z.writestr("b.npy", npy(np.arange(4, dtype=np.int8)))
two = bytearray(buffer.getvalue())
second = directory_offset(two) + 46 + len("a.npy")
overlap = bytearray(two); overlap[second + 42:second + 46] = bytes(4); save("npz", bytes(overlap))
renamed = bytearray(two); renamed[directory_offset(two) + 46] = ord("c"); save("npz", bytes(renamed))
miscounted = bytearray(two); miscounted[-12:-10] = (3).to_bytes(2, "little"); save("npz", bytes(miscounted))

random.seed(11)
for n in range(48):
    save("views", bytes(random.randrange(256) for _ in range(random.randrange(8, 96))))
