import CStrided
import Foundation
import Strided
import StridedSweep

// Runs the kernel sweep (see Tests/Sweep) as a program, so that `make
// test-release` checks the optimised kernels without building the whole test
// suite in release. Prints each mismatch, then one line per part and a
// closing count; exits 1 on any mismatch.

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
