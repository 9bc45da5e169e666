import CStrided
import Foundation
import Strided
import StridedSweep
import Testing

/// Every element-wise function, comparison, reduction, cumulative operation
/// and conversion, walked over the places where hand-vectorised loops and
/// thread blocks go wrong: every length 0…70, start offsets of 0…7 items and
/// byte-unaligned starts, contiguous, stepped, reversed and broadcast
/// operands, 2-D operands whose inner runs are cut into tiles, and sizes just
/// below, at and above the blocks the work pool hands out, at 1, 2, 3 and 8
/// threads. Each result element is compared with a scalar reference written
/// here, independently of the kernels (the C library's scalar functions,
/// Swift's operators).
///
/// The block-edge sweeps run in a child process, so that no other test holds
/// the work pool and the work really is cut into blocks. `make test` runs
/// this suite in a debug build and `make test-release` in a release build:
/// the two builds have disagreed before (a vector call that passed its
/// arguments on the stack gave `atan2` with swapped arguments at -O0 and
/// wrong tails at -O2).
@Suite("Kernel sweep: every length, offset, layout and block edge")
struct KernelSweepTests {
  // MARK: Tests

  @Test("floating-point element-wise functions, Double, Float and Float16")
  func floatingUnary() {
    expectNoFailures(Sweep.floatingUnary(Double.self) + Sweep.floatingUnary(Float.self) + Sweep.halfUnary())
  }

  @Test("a function's value does not depend on the contiguous array that holds it, 0-d included")
  func shapeIndependence() {
    expectNoFailures(Sweep.shapeIndependence(Double.self) + Sweep.shapeIndependence(Float.self))
  }

  @Test("reductions of empty arrays along every axis, in every order, write only the identities")
  func emptyReductions() {
    expectNoFailures(Sweep.emptyReductions())
  }

  @Test("floating-point operators and two-argument functions, Double, Float and Float16")
  func floatingBinary() {
    expectNoFailures(Sweep.floatingBinary(Double.self) + Sweep.floatingBinary(Float.self) + Sweep.halfBinary())
  }

  @Test("integer element-wise functions and operators, every width")
  func integers() {
    var failures = Sweep.integer(Int8.self) + Sweep.integer(UInt8.self) + Sweep.integer(Int16.self)
    failures += Sweep.integer(UInt16.self) + Sweep.integer(Int32.self) + Sweep.integer(UInt32.self)
    failures += Sweep.integer(Int64.self) + Sweep.integer(UInt64.self) + Sweep.integer(Int.self)
    expectNoFailures(failures)
  }

  @Test("complex and Bool element-wise functions")
  func complexAndBool() {
    expectNoFailures(Sweep.complex(Double.self) + Sweep.complex(Float.self) + Sweep.logical())
  }

  @Test("reductions and cumulative operations")
  func reductions() {
    expectNoFailures(Sweep.reductions(Double.self) + Sweep.reductions(Float.self) + Sweep.integerReductions())
  }

  @Test("sum(axis: 0) of narrow matrices: the same bits as row by row")
  func columnSums() {
    expectNoFailures(Sweep.columnSums())
  }

  @Test("sorts: every length, placement, NaN and ±0, integer bounds")
  func sorts() {
    expectNoFailures(Sweep.sorts())
  }

  @Test("conversions between element types")
  func conversions() {
    expectNoFailures(Sweep.conversions())
  }

  @Test("2-D operands: tiled inner runs, transposed and broadcast rows")
  func matrices() {
    expectNoFailures(Sweep.matrices())
  }

  /// The sizes around the blocks the work pool hands out, at 1, 2, 3 and 8
  /// threads, in a child process that has the pool to itself.
  @Test(
    "sizes at the thread-block edges, 1, 2, 3 and 8 threads",
    .enabled(if: ProcessInfo.processInfo.environment["STRIDED_SANITIZER"] == nil))
  func blockEdges() async {
    await #expect(processExitsWith: .success) {
      var failures = Sweep.blockEdges()
      // The C kernels above took the processor's vector extensions; walk
      // the lengths again on each lower level's paths.
      failures += Sweep.lowerIsaVariants()
      KernelSweepTests.exit(reporting: failures)
    }
  }

  /// Fused expressions and their sums along an axis, against the same
  /// arithmetic element by element and the eager sums, at 1, 2, 3 and 8
  /// threads, in a child process that has the pool to itself.
  @Test(
    "fused expressions: every length, placement and block edge, sums of short lines, 1, 2, 3 and 8 threads",
    .enabled(if: ProcessInfo.processInfo.environment["STRIDED_SANITIZER"] == nil))
  func fused() async {
    await #expect(processExitsWith: .success) {
      KernelSweepTests.exit(reporting: Sweep.fused())
    }
  }

  /// Ends a sweep's child process: the first 20 failures on standard
  /// error, and status 0 only when there were none.
  static func exit(reporting failures: [String]) -> Never {
    for failure in failures.prefix(20) { FileHandle.standardError.write(Data((failure + "\n").utf8)) }
    Foundation.exit(failures.isEmpty ? 0 : 1)
  }

  /// The known defects this suite was written for, by value.
  @Test("hypot and atan2 of five Doubles end right")
  func hypotAndAtan2Tails() {
    let x = NDArray<Double>([2, 1.5, 2, 0, 0])
    let y = NDArray<Double>([-1.5, -2, -2, -0.5, 0.5])
    // libmvec promises 4 ulp; the defects were whole values off.
    let expectedHypot = [2.5, 2.5, Foundation.hypot(2.0, -2.0), 0.5, 0.5]
    let expectedAtan2 = (0..<5).map { Foundation.atan2(x.elements[$0], y.elements[$0]) }
    #expect(zip(hypot(x, y).elements, expectedHypot).allSatisfy { Sweep.close($0, $1, ulps: 8) })
    #expect(zip(atan2(y: x, x: y).elements, expectedAtan2).allSatisfy { Sweep.close($0, $1, ulps: 8) })
  }

  func expectNoFailures(_ failures: [String]) {
    #expect(failures.isEmpty, "\(failures.count) mismatches; the first: \(failures.prefix(12).joined(separator: "\n"))")
  }
}

