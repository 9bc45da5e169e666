import COpenBLAS

/// The level-1 routines on 1-D views of any stride.
enum Level1 {
  /// `view` as BLAS addresses a vector: the view that holds the elements
  /// (the view itself, or a packed copy when BLAS cannot address it), the
  /// address to pass and the increment.
  ///
  /// With `ascending`, the increment is made positive by walking the same
  /// elements from the lowest address, for routines that ignore negative
  /// increments and whose result does not depend on the order (scal, nrm2,
  /// asum).
  static func address(_ view: NDView, ascending: Bool = false) -> (NDView, UnsafeMutableRawPointer, blasint) {
    if let (address, inc) = BLASOperand.vector(view) {
      return (view, address, ascending ? Swift.abs(inc) : inc)
    }
    let packed = BLASOperand.packed(view, order: .c)
    return (packed, packed.storage.base, 1)
  }

  static func count(_ x: NDView, _ routine: StaticString) -> blasint {
    precondition(x.ndim == 1, "BLAS.\(routine): expected a vector; got shape \(x.shape)")
    return blasInt(x.layout.size(0), "\(routine): the vector's length")
  }

  /// A routine of one vector whose result does not depend on the order
  /// (nrm2, asum): 0 for an empty vector, else `routine(n, address, inc)`
  /// with the vector walked from its lowest address.
  static func magnitudes<M: ExpressibleByIntegerLiteral>(
    _ x: NDView, _ name: StaticString, _ routine: (blasint, UnsafeMutableRawPointer, blasint) -> M
  ) -> M {
    let n = count(x, name)
    if n == 0 { return 0 }
    let (vx, px, incx) = address(x, ascending: true)
    defer { withExtendedLifetime(vx) {} }
    return routine(n, px, incx)
  }

  static func dot<E: BLASElement>(_: E.Type, _ x: NDView, _ y: NDView, conjugated: Bool) -> E {
    let n = count(x, "dot")
    precondition(
      x.shape == y.shape, "BLAS.dot: the vectors' shapes \(x.shape) and \(y.shape) differ")
    if n == 0 { return .additiveIdentity }
    let (vx, px, incx) = address(x)
    let (vy, py, incy) = address(y)
    defer { withExtendedLifetime((vx, vy)) {} }
    return RawBLAS.dot(E.self, n: n, x: px, incx: incx, y: py, incy: incy, conjugated: conjugated)
  }
}

/// Every routine below requires its vectors' length to fit in 32 bits
/// (BLAS's index type) and traps with a message otherwise.
extension BLAS {
  /// The dot product `Σ x[i]·y[i]` of two vectors of any stride, without
  /// conjugation (BLAS's `dot`, or `dotu` for complex).
  ///
  /// - Precondition: Both are 1-D of the same length, which fits in 32 bits.
  /// - Complexity: O(*n*); no copy unless a stride is zero or an element
  ///   is misaligned.
  public static func dot<E: BLASElement>(_ x: NDArray<E>, _ y: NDArray<E>) -> E {
    Level1.dot(E.self, x.view, y.view, conjugated: false)
  }

  /// The dot product `Σ conj(x[i])·y[i]` (BLAS's `dotc`; `dot` for real
  /// types).
  ///
  /// - Precondition: Both are 1-D of the same length.
  public static func conjugatedDot<E: BLASElement>(_ x: NDArray<E>, _ y: NDArray<E>) -> E {
    Level1.dot(E.self, x.view, y.view, conjugated: true)
  }

  /// `y += alpha·x`, in place (BLAS's `axpy`).
  ///
  /// When `y` shares bytes with `x`, the result is computed from `x`'s
  /// values before the call.
  ///
  /// - Precondition: Both are 1-D of the same length; `y` is writable.
  public static func add<E: BLASElement>(_ x: NDArray<E>, scaledBy alpha: E, to y: NDArray<E>) {
    let n = Level1.count(x.view, "add(_:scaledBy:to:)")
    precondition(x.shape == y.shape, "BLAS.add(_:scaledBy:to:): the vectors' shapes \(x.shape) and \(y.shape) differ")
    precondition(!y.isReadOnly, "BLAS.add(_:scaledBy:to:): y is read-only")
    if n == 0 { return }
    let source = (x.view.overlaps(y.view) ?? true) ? BLASOperand.packed(x.view, order: .c) : x.view
    let (vx, px, incx) = Level1.address(source)
    let (vy, py, incy) = Level1.address(y.view)
    RawBLAS.axpy(E.self, n: n, alpha: alpha, x: px, incx: incx, y: py, incy: incy)
    if vy.storage !== y.storage { try! vy.copy(into: y.view) }
    withExtendedLifetime((vx, vy, x, y)) {}
  }

  /// `x *= alpha`, in place (BLAS's `scal`).
  ///
  /// - Precondition: `x` is 1-D and writable.
  public static func scale<E: BLASElement>(_ x: NDArray<E>, by alpha: E) {
    let n = Level1.count(x.view, "scale(_:by:)")
    precondition(!x.isReadOnly, "BLAS.scale(_:by:): x is read-only")
    if n == 0 { return }
    let (vx, px, incx) = Level1.address(x.view, ascending: true)
    RawBLAS.scal(E.self, n: n, alpha: alpha, x: px, incx: incx)
    if vx.storage !== x.storage { try! vx.copy(into: x.view) }
    withExtendedLifetime((vx, x)) {}
  }

  /// The Euclidean norm `√Σ|x[i]|²`, without overflow for large values
  /// (BLAS's `nrm2`).
  ///
  /// - Precondition: `x` is 1-D.
  public static func norm<E: BLASElement>(_ x: NDArray<E>) -> E.Magnitude {
    Level1.magnitudes(x.view, "norm") { n, px, incx in RawBLAS.nrm2(E.self, n: n, x: px, incx: incx) }
  }

  /// The sum of magnitudes `Σ|x[i]|`; for complex numbers,
  /// `Σ(|re| + |im|)` as BLAS defines it (BLAS's `asum`).
  ///
  /// - Precondition: `x` is 1-D.
  public static func sumOfMagnitudes<E: BLASElement>(_ x: NDArray<E>) -> E.Magnitude {
    Level1.magnitudes(x.view, "sumOfMagnitudes") { n, px, incx in RawBLAS.asum(E.self, n: n, x: px, incx: incx) }
  }

  /// The index of the first element of largest magnitude (`|re| + |im|`
  /// for complex numbers), or `nil` for an empty vector (BLAS's `iamax`,
  /// counted from 0 in the view's order).
  ///
  /// - Precondition: `x` is 1-D.
  public static func indexOfLargestMagnitude<E: BLASElement>(_ x: NDArray<E>) -> Int? {
    let n = Level1.count(x.view, "indexOfLargestMagnitude")
    if n == 0 { return nil }
    // BLAS ignores negative increments here, and reversing the walk would
    // change which of equal magnitudes comes first: pack those.
    var source = x.view
    if let (_, inc) = BLASOperand.vector(source), inc < 0 {
      source = BLASOperand.packed(source, order: .c)
    }
    let (vx, px, incx) = Level1.address(source)
    defer { withExtendedLifetime(vx) {} }
    return RawBLAS.iamax(E.self, n: n, x: px, incx: incx)
  }
}
