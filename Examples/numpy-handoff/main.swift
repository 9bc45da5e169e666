// Strided and NumPy in one process, sharing memory through DLPack: this
// program starts Python inside itself, then runs handoff.py beside it, which
// reads a transposed Strided view in NumPy and hands a NumPy array back to
// Strided to sum and scale in place. No byte is copied either way.
//
//   swift run numpy-handoff       (needs Python 3 with NumPy; otherwise it says so)
#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import StridedDLPack

/// The Python C API functions this program calls, looked up in libpython.
struct PythonRuntime {
  let initialize: @convention(c) (Int32) -> Void
  let runString: @convention(c) (UnsafePointer<CChar>) -> Int32
  let finalize: @convention(c) () -> Int32

  /// Loads the libpython of the first `python3` on the search path, with
  /// its symbols global so that NumPy's extension modules find them.
  init(reporting problem: (String) -> Never) {
    let query = """
      import sys, sysconfig, numpy
      print(sysconfig.get_config_var('LIBDIR') + '/' + sysconfig.get_config_var('LDLIBRARY'))
      print(sys.prefix)
      print(sys.version.split()[0], numpy.__version__)
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", query]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { problem("cannot start python3: \(error)") }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let lines = output.split(separator: "\n").map(String.init)
    guard process.terminationStatus == 0, lines.count == 3 else {
      problem("python3 with NumPy and a shared libpython was not found")
    }
    // Python finds its standard library from its home, not from this program.
    setenv("PYTHONHOME", lines[1], 1)
    guard let library = dlopen(lines[0], RTLD_NOW | RTLD_GLOBAL) else {
      problem("cannot load \(lines[0]): \(String(cString: dlerror()))")
    }
    func symbol<T>(_ name: String, as _: T.Type) -> T {
      guard let address = dlsym(library, name) else { problem("libpython has no \(name)") }
      return unsafeBitCast(address, to: T.self)
    }
    initialize = symbol("Py_InitializeEx", as: (@convention(c) (Int32) -> Void).self)
    runString = symbol("PyRun_SimpleString", as: (@convention(c) (UnsafePointer<CChar>) -> Int32).self)
    finalize = symbol("Py_FinalizeEx", as: (@convention(c) () -> Int32).self)
    let versions = lines[2].split(separator: " ")
    print("Python \(versions[0]) with NumPy \(versions[1]), running inside this process")
  }
}

func skip(_ reason: String) -> Never {
  print("numpy-handoff: \(reason); nothing to show")
  exit(0)
}

let python = PythonRuntime(reporting: skip)

// The addresses of Strided's C entry points (from the StridedDLPack target,
// linked into this program), for the script to call through ctypes.
let example: @convention(c) () -> UnsafeMutableRawPointer? = { stridedDLPackExample() }
let total: @convention(c) (UnsafeMutableRawPointer?) -> Double = { stridedDLPackSum($0) }
let scale: @convention(c) (UnsafeMutableRawPointer?, Double) -> Int32 = { stridedDLPackScale($0, $1) }
let addresses = [unsafeBitCast(example, to: Int.self), unsafeBitCast(total, to: Int.self), unsafeBitCast(scale, to: Int.self)]

let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("handoff.py").path
fflush(nil)  // everything printed so far, before Python prints
python.initialize(0)
let status = python.runString(
  """
  import runpy, sys
  sys.argv = [\(String(reflecting: script)), "--addresses", \(addresses.map { "\"\($0)\"" }.joined(separator: ", "))]
  runpy.run_path(sys.argv[0], run_name="__main__")
  """)
_ = python.finalize()
print(status == 0 ? "Both directions shared one buffer each: no copies." : "The handoff failed (see above).")
exit(status == 0 ? 0 : 1)
