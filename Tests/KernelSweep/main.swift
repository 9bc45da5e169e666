import CStrided
import Foundation
import Strided
import StridedSweep

// Runs the kernel sweep (see Tests/Sweep) as a program, so that `make
// test-release` checks the optimised kernels without building the whole test
// suite in release. Prints each mismatch, then one line per part and a
// closing count; exits 1 on any mismatch.

// Programmer errors whose messages must reach standard error in this
// optimised build (the standard library's precondition prints its message
// only in unoptimised ones). `kernel-sweep --trap N` commits error N; the
// last part below runs each in a child process and reads what it printed.
enum Traps {
  static let cases: [(message: String, commit: @Sendable () -> Void)] = [
    ("do not broadcast together", { _ = NDArray<Double>([1, 2]) + NDArray<Double>([1, 2, 3]) }),
    ("NDArray.identity: negative size -1", { _ = NDArray<Double>.identity(-1) }),
    ("write a.asDouble ** 0.5", { _ = NDArray<Int>([1, 2]) ** 0.5 }),
    ("Dimensions: index 5 out of range", { let shape: Dimensions = [1, 2]; _ = shape[5] }),
  ]
}
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--trap", let n = Int(CommandLine.arguments[2]) {
  Traps.cases[n].commit()
  exit(0)
}

/// Runs each trap in a child process; a failure for each message missing
/// from its standard error, or a child that did not stop.
func trapMessages() -> [String] {
  Traps.cases.indices.compactMap { n in
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    child.arguments = ["--trap", "\(n)"]
    let errors = Pipe()
    child.standardError = errors
    child.standardOutput = FileHandle.nullDevice
    do { try child.run() } catch { return "cannot run \(CommandLine.arguments[0]): \(error)" }
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    child.waitUntilExit()
    if child.terminationStatus == 0 { return "trap \(n) did not stop the program" }
    let message = Traps.cases[n].message
    return text.contains(message) ? nil : "trap \(n): \"\(message)\" not in: \(text.prefix(200))"
  }
}

var parts: [(String, () -> [String])] = [
  ("floating-point functions, Double", { Sweep.floatingUnary(Double.self) }),
  ("floating-point functions, Float", { Sweep.floatingUnary(Float.self) }),
  ("floating-point functions, Float16", { Sweep.halfUnary() }),
  ("a function's value whatever array holds it", { Sweep.shapeIndependence(Double.self) + Sweep.shapeIndependence(Float.self) }),
  ("floating-point operators, Double", { Sweep.floatingBinary(Double.self) }),
  ("floating-point operators, Float", { Sweep.floatingBinary(Float.self) }),
  ("floating-point operators, Float16", { Sweep.halfBinary() }),
  ("integers, Int8", { Sweep.integer(Int8.self) }),
  ("integers, UInt8", { Sweep.integer(UInt8.self) }),
  ("integers, Int16", { Sweep.integer(Int16.self) }),
  ("integers, UInt16", { Sweep.integer(UInt16.self) }),
  ("integers, Int32", { Sweep.integer(Int32.self) }),
  ("integers, UInt32", { Sweep.integer(UInt32.self) }),
  ("integers, Int64", { Sweep.integer(Int64.self) }),
  ("integers, UInt64", { Sweep.integer(UInt64.self) }),
  ("complex and Bool", { Sweep.complex(Double.self) + Sweep.complex(Float.self) + Sweep.logical() }),
  ("reductions and cumulative sums", { Sweep.reductions(Double.self) + Sweep.reductions(Float.self) + Sweep.integerReductions() }),
  ("conversions", { Sweep.conversions() }),
  ("sorts", { Sweep.sorts() }),
  ("column sums", { Sweep.columnSums() }),
  ("reductions of empty arrays along every axis", { Sweep.emptyReductions() }),
  ("2-D operands", { Sweep.matrices() }),
  ("thread-block edges at 1, 2, 3 and 8 threads", { Sweep.blockEdges() }),
  ("fused expressions and their sums along an axis", { Sweep.fused() }),
  ("trap messages on standard error", trapMessages),
]
// The hand-vectorized C kernels above took the processor's own vector
// extensions; each lower level's paths are walked again.
if !Sweep.lowerIsaLevels.isEmpty {
  parts.append(("the C kernels at lower vector extension levels", { Sweep.lowerIsaVariants() }))
}

var (passed, failed) = (0, 0)
for (name, run) in parts {
  let start = Date()
  let failures = run()
  for failure in failures.prefix(20) { print("  mismatch: \(failure)") }
  print("\(failures.isEmpty ? "passed" : "FAILED") \(name) (\(String(format: "%.1f", Date().timeIntervalSince(start))) s)")
  if failures.isEmpty { passed += 1 } else { failed += 1 }
}
print("kernel sweep: \(passed) passed, \(failed) failed")
exit(failed == 0 ? 0 : 1)
