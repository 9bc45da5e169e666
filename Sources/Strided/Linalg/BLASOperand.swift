import COpenBLAS
import Synchronization

/// The dispatch rule for every operand that Strided hands to BLAS.
///
/// BLAS addresses a matrix by a pointer, a storage order and a leading
/// dimension, and a vector by a pointer and an increment. A view whose
/// strides say the same thing goes to BLAS as it is:
///
/// | view | BLAS sees |
/// |---|---|
/// | C order, or a slice of one with unit column stride | the order's matrix, `ld` = row stride |
/// | F order, or a transposed view of C order | the other order: `Trans`, `ld` = column stride |
/// | vector of any non-zero stride | `inc` = stride; a negative one points at the lowest address |
///
/// Any other view (negative or zero matrix strides, two non-unit strides,
/// misaligned addresses, a leading dimension beyond 32 bits) is packed once
/// into contiguous memory, and ``BLAS/packedOperandCount`` counts it.
enum BLASOperand {
  /// Counts operands and outputs packed or staged because BLAS could not
  /// address them.
  static let packs = Atomic<Int>(0)

  /// The counter of the innermost ``BLAS/countingPackedOperands(_:)``.
  @TaskLocal static var scope: PackCounter?

  static func countPack() {
    packs.add(1, ordering: .relaxed)
    scope?.count.add(1, ordering: .relaxed)
  }

  /// The leading dimension, in items, under which a rows × columns matrix
  /// with these byte strides is row-major, if it is.
  static func rowMajorLeadingDimension(
    rows: Int, columns: Int, rowStride: Int, columnStride: Int, itemSize: Int
  ) -> blasint? {
    guard columns <= 1 || columnStride == itemSize else { return nil }
    let minimum = Swift.max(1, columns)
    if rows <= 1 { return blasint(exactly: minimum) }
    guard rowStride % itemSize == 0, rowStride / itemSize >= minimum else { return nil }
    return blasint(exactly: rowStride / itemSize)
  }

  /// A matrix view as BLAS will see it in `order`: its address, whether it
  /// is stored in the other order (`flipped`), and its leading dimension.
  /// `nil` when BLAS cannot address it.
  static func matrix(_ view: NDView, order: CBLAS_ORDER) -> (flipped: Bool, ld: blasint)? {
    let (r, c) = (view.layout.size(0), view.layout.size(1))
    let (rs, cs) = (view.layout.stride(0), view.layout.stride(1))
    let e = view.itemSize
    guard isAligned(view) else { return nil }
    let row = order == CblasRowMajor
    if let ld = row
      ? rowMajorLeadingDimension(rows: r, columns: c, rowStride: rs, columnStride: cs, itemSize: e)
      : rowMajorLeadingDimension(rows: c, columns: r, rowStride: cs, columnStride: rs, itemSize: e)
    {
      return (false, ld)
    }
    if let ld = row
      ? rowMajorLeadingDimension(rows: c, columns: r, rowStride: cs, columnStride: rs, itemSize: e)
      : rowMajorLeadingDimension(rows: r, columns: c, rowStride: rs, columnStride: cs, itemSize: e)
    {
      return (true, ld)
    }
    return nil
  }

  /// A vector view's BLAS increment and the address BLAS expects (the
  /// lowest one, for a negative increment); `nil` when BLAS cannot address
  /// it (a zero or fractional stride, or a misaligned address).
  static func vector(_ view: NDView) -> (address: UnsafeMutableRawPointer, inc: blasint)? {
    let n = view.layout.size(0)
    let stride = n <= 1 ? view.itemSize : view.layout.stride(0)
    guard isAligned(view), stride != 0, stride % view.itemSize == 0,
      let inc = blasint(exactly: stride / view.itemSize)
    else { return nil }
    let first = view.storage.base + view.byteOffset
    return (inc < 0 ? first + (n - 1) * stride : first, inc)
  }

  static func isAligned(_ view: NDView) -> Bool {
    let alignment = view.format.alignment
    return (view.storage.address &+ view.byteOffset) % alignment == 0
  }

  /// A contiguous copy of `view` in `order`, counted as a pack.
  static func packed(_ view: NDView, order: MemoryOrder) -> NDView {
    countPack()
    return view.copy(order: order)
  }
}

/// A count of packs in one scope.
final class PackCounter: Sendable {
  let count = Atomic<Int>(0)
}

extension BLAS {
  /// Runs `body` and counts the operands and outputs that it made Strided
  /// copy because BLAS could not address them as they were.
  ///
  /// Only work done by `body` on the current task counts, so concurrent
  /// work elsewhere in the process does not disturb the count.
  ///
  /// ```swift
  /// let (c, copies) = BLAS.countingPackedOperands { a.transposed().matmul(b) }
  /// // copies == 0: the transposed view went to BLAS as `Trans`
  /// ```
  public static func countingPackedOperands<Result>(
    _ body: () throws -> Result
  ) rethrows -> (result: Result, packed: Int) {
    let counter = PackCounter()
    let result = try BLASOperand.$scope.withValue(counter) { try body() }
    return (result, counter.count.load(ordering: .relaxed))
  }

  /// The number of operands and outputs that Strided has copied so far,
  /// in this process, because BLAS could not address them as they were.
  ///
  /// C-order, F-order, transposed and sliced matrices, and vectors of any
  /// non-zero stride, go to BLAS without a copy and leave the count as it
  /// is. Read it before and after a call to see whether that call copied.
  public static var packedOperandCount: Int { BLASOperand.packs.load(ordering: .relaxed) }
}
