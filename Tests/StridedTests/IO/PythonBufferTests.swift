import Foundation
import Strided
import StridedPython
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The Swift side of the buffer protocol with CPython: buffers of real
/// Python exporters, in a child process that loads the interpreter
/// (libpython, beside the python3 on the path), and what happens without
/// one. The `strided` module's own tests, in Tests/Python, cover the rest.
@Suite("Python buffers")
struct PythonBufferTests {
  @Test("without a Python interpreter in the process, importing throws, touching nothing")
  func noInterpreter() {
    let object = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 16)
    defer { object.deallocate() }
    #expect(throws: PythonBufferError.noInterpreter) { _ = try NDView(pythonBuffer: object) }
    #expect(PythonBufferError.indirect.description.contains("suboffsets"))
    #expect(PythonBufferError.unreadable("bad format").description == "bad format")
  }

  /// Runs in the child: Python objects of every kind of exporter, viewed
  /// from Swift and compared with what Python holds.
  static func viewEmbeddedBuffers() -> Int32 {
    guard let library = getenv("STRIDED_TEST_LIBPYTHON"), let home = getenv("STRIDED_TEST_PYTHONHOME") else { return 3 }
    setenv("PYTHONHOME", home, 1)
    guard let python = dlopen(library, RTLD_NOW | RTLD_GLOBAL) else { return 4 }
    func function<T>(_ name: String, _: T.Type) -> T { unsafeBitCast(dlsym(python, name)!, to: T.self) }
    let initialize = function("Py_InitializeEx", (@convention(c) (Int32) -> Void).self)
    let run = function("PyRun_SimpleString", (@convention(c) (UnsafePointer<CChar>) -> Int32).self)
    let module = function("PyImport_AddModule", (@convention(c) (UnsafePointer<CChar>) -> UnsafeMutableRawPointer?).self)
    let attribute = function(
      "PyObject_GetAttrString",
      (@convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>) -> UnsafeMutableRawPointer?).self)
    initialize(0)
    let setup = """
      import array, ctypes, mmap, numpy as np
      b = b"abcdef"
      mm = mmap.mmap(-1, 16)
      mm[:4] = b"\\x01\\x02\\x03\\x04"
      ba = bytearray(range(8))
      ar = array.array("d", [1.5, -2.0, 4.0])
      mv = memoryview(bytearray(range(10)))[::-3]
      st = np.zeros(3, dtype=[("a", "<f8"), ("b", ">i4")])
      st["b"] = [7, -8, 9]
      big = np.arange(6, dtype=">f8").reshape(2, 3).T
      class P(ctypes.Structure):
          _fields_ = [("t", ctypes.c_char), ("x", ctypes.c_double)]
      ps = (P * 2)(P(b"a", 1.25), P(b"b", 2.75))
      try:
          import _testbuffer
          pil = _testbuffer.ndarray(list(range(12)), shape=[3, 4], format="i", flags=_testbuffer.ND_PIL)
      except ImportError:
          pil = None
      """
    guard run(setup) == 0, let main = module("__main__") else { return 5 }
    func object(_ name: String) -> UnsafeMutableRawPointer { attribute(main, name)! }
    func check() throws -> Bool {
      let b = try NDView(pythonBuffer: object("b"))
      let ba = try NDArray<UInt8>(NDView(pythonBuffer: object("ba")))
      ba[0] = 99
      let ar = try NDArray<Double>(NDView(pythonBuffer: object("ar")))
      let mv = try NDView(pythonBuffer: object("mv"))
      let st = try NDView(pythonBuffer: object("st"))
      let big = try NDView(pythonBuffer: object("big"))
      let ps = try NDView(pythonBuffer: object("ps"))
      let mm = try NDView(pythonBuffer: object("mm"))
      // A PIL-style exporter's rows are reached through pointers: refused.
      var refusesIndirect = true
      if run("assert pil is not None") == 0 {
        do {
          _ = try NDView(pythonBuffer: object("pil"))
          refusesIndirect = false
        } catch { refusesIndirect = error == .indirect }
      }
      let field = try NDArray<Int32>(st.field("b").nativeByteOrderCopy())
      let native = try NDArray<Double>(big.nativeByteOrderCopy())
      let x = try NDArray<Double>(ps.field("x"))
      let ok =
        b.isReadOnly && b.bytes() == Array("abcdef".utf8) && !ba.isReadOnly
        && ar.elements == [1.5, -2.0, 4.0]
        && mv.strides == [-3] && mv.bytes() == [9, 6, 3, 0]
        && field.elements == [7, -8, 9]
        && big.shape == [3, 2] && native.elements == [0, 3, 1, 4, 2, 5]
        && x.elements == [1.25, 2.75]
        && !mm.isReadOnly && mm.shape == [16] && mm.bytes().prefix(5) == [1, 2, 3, 4, 0]
        && refusesIndirect
        // Written through Swift, seen by Python; the exporter pinned.
        && run("assert ba[0] == 99") == 0
        && run("try:\n    ba.append(1)\n    pinned = False\nexcept BufferError:\n    pinned = True\nassert pinned") == 0
      return ok
    }
    guard (try? check()) == true else { return 1 }
    // Every view is gone: the buffers went back, the bytearray resizes.
    return run("ba.append(1)\nassert len(ba) == 9") == 0 ? 0 : 2
  }

  @Test(
    "buffers of bytes, bytearray, array, memoryview, NumPy and ctypes objects, in an embedded Python",
    .enabled(if: Python.hasNumPy), .enabled(if: ProcessInfo.processInfo.environment["STRIDED_SANITIZER"] == nil))
  func embedded() async throws {
    let lines = String(
      decoding: try Python.run([
        "-c",
        "import sys, sysconfig; print(sys.prefix); print(sysconfig.get_config_var('LIBDIR') + '/' + sysconfig.get_config_var('LDLIBRARY'))",
      ]), as: UTF8.self
    ).split(separator: "\n").map(String.init)
    guard lines.count == 2, FileManager.default.fileExists(atPath: lines[1]) else { return }  // a static libpython
    setenv("STRIDED_TEST_PYTHONHOME", lines[0], 1)
    setenv("STRIDED_TEST_LIBPYTHON", lines[1], 1)
    await #expect(processExitsWith: .exitCode(0)) {
      exit(PythonBufferTests.viewEmbeddedBuffers())
    }
  }
}
