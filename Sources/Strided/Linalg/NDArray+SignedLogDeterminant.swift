import COpenBLAS
import ComplexModule
import RealModule

/// The determinant of a matrix as a sign and the logarithm of its
/// magnitude, `det = sign · exp(logAbsoluteValue)`, which neither
/// overflows nor underflows where the determinant would (NumPy's
/// `SlogdetResult`).
public struct SignedLogDeterminant<Element: BLASElement>: Sendable {
  /// 1 or −1 for a real matrix, a complex number of magnitude 1 for a
  /// complex one, and 0 for a singular matrix.
  public var sign: Element
  /// The natural logarithm of the determinant's magnitude; −∞ for a
  /// singular matrix.
  public var logAbsoluteValue: Element.Magnitude
}

/// The signs and log-magnitudes of the determinants of a stack of
/// matrices, each in the stack's leading shape.
public struct SignedLogDeterminants<Element: BLASElement>: Sendable {
  /// The sign of each determinant (see ``SignedLogDeterminant/sign``).
  public var signs: NDArray<Element>
  /// The logarithm of each determinant's magnitude.
  public var logAbsoluteValues: NDArray<Element.Magnitude>
}

extension NDArray where Element: BLASElement {
  /// The sign and the natural logarithm of the magnitude of the
  /// determinant, from the LU factorization (LAPACK's `getrf`), as NumPy
  /// computes them: the sign of the row permutation times the signs of
  /// `U`'s diagonal, and the sum of the logarithms of its magnitudes. A
  /// singular matrix gives sign 0 and −∞, without an error.
  ///
  /// ```swift
  /// let a: NDArray<Double> = [[1, 2], [3, 4]]
  /// let r = try a.signedLogDeterminant()   // sign −1, logAbsoluteValue log(2)
  /// ```
  ///
  /// NumPy: `np.linalg.slogdet(a)`. NumPy factors the transpose (its
  /// row-major copy read as a column-major matrix); so does Strided, so
  /// that the pivots, and the rounding, are NumPy's. A 0 × 0 matrix gives
  /// sign 1 and 0.
  ///
  /// - Throws: ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless
  ///   `self` is a square matrix (see ``signedLogDeterminants()`` for
  ///   stacks).
  /// - Complexity: O(*n³*).
  public func signedLogDeterminant() throws(LinalgError) -> SignedLogDeterminant<Element> {
    let n = try squareSize("signedLogDeterminant")
    guard ndim == 2 else {
      throw .wrongRank(operation: "signedLogDeterminant", shape: shape.array, expected: 2, atMost: true)
    }
    typealias Magnitude = Element.Magnitude
    if n == 0 { return SignedLogDeterminant(sign: .multiplicativeIdentity, logAbsoluteValue: 0) }
    // Fortran order of the transpose: the bytes of a C-ordered copy.
    let a = transposed().copy(order: .fortran)
    let pivots = LAPACK.scratch(blasint.self, n)
    let ipiv = pivots.base.assumingMemoryBound(to: blasint.self)
    defer { withExtendedLifetime(pivots) {} }
    let info = LAPACK.getrf(Element.self, n: n, a: a.address, ipiv: ipiv)
    precondition(info >= 0, "getrf rejected argument \(-info)")
    if info > 0 { return SignedLogDeterminant(sign: .zero, logAbsoluteValue: -Magnitude.infinity) }
    var swaps = 0
    for i in 0..<n where ipiv[i] != blasint(i + 1) { swaps += 1 }
    var (signRe, signIm): (Magnitude, Magnitude) = (swaps % 2 == 1 ? -1 : 1, 0)
    var logarithm: Magnitude = 0
    let isComplex = BLASType.of(Element.self).isComplex
    for i in 0..<n {
      let (re, im) = Self.parts(a[item: i, i])
      if isComplex {
        // NumPy's `slogdet_from_factored_diagonal` for complex numbers.
        let magnitude = Magnitude.hypot(re, im)
        let (unitRe, unitIm) = (re / magnitude, im / magnitude)
        (signRe, signIm) = (signRe * unitRe - signIm * unitIm, signRe * unitIm + signIm * unitRe)
        logarithm += Magnitude.log(magnitude)
      } else {
        var magnitude = re
        if magnitude < 0 {
          signRe = -signRe
          magnitude = -magnitude
        }
        logarithm += Magnitude.log(magnitude)
      }
    }
    return SignedLogDeterminant(sign: Self.element(signRe, signIm), logAbsoluteValue: logarithm)
  }

  /// The sign and log-magnitude of the determinant of each matrix of a
  /// stack (…, *n*, *n*), in the stack's leading shape (0-d for one
  /// matrix).
  ///
  /// NumPy: `np.linalg.slogdet(a)` for stacked `a`.
  ///
  /// - Throws: ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless
  ///   the last two axes exist and have the same length.
  /// - Complexity: O(*n³*) per matrix.
  public func signedLogDeterminants() throws(LinalgError) -> SignedLogDeterminants<Element> {
    _ = try squareSize("signedLogDeterminants")
    let (batch, items) = matrices()
    var signs: [Element] = []
    var logarithms: [Element.Magnitude] = []
    for item in items {
      let result = try item.signedLogDeterminant()
      signs.append(result.sign)
      logarithms.append(result.logAbsoluteValue)
    }
    return SignedLogDeterminants(
      signs: NDArray(signs, shape: Dimensions(batch)),
      logAbsoluteValues: NDArray<Element.Magnitude>(logarithms, shape: Dimensions(batch)))
  }

  /// The real and imaginary parts of an element, as stored (0 for the
  /// imaginary part of a real one).
  static func parts(_ x: Element) -> (Element.Magnitude, Element.Magnitude) {
    withUnsafeBytes(of: x) { bytes in
      let re = bytes.load(as: Element.Magnitude.self)
      guard BLASType.of(Element.self).isComplex else { return (re, 0) }
      return (re, bytes.load(fromByteOffset: MemoryLayout<Element.Magnitude>.stride, as: Element.Magnitude.self))
    }
  }

  /// The element with these parts (the imaginary one dropped for a real
  /// element type).
  static func element(_ re: Element.Magnitude, _ im: Element.Magnitude) -> Element {
    var value = Element.zero
    withUnsafeMutableBytes(of: &value) { bytes in
      bytes.storeBytes(of: re, as: Element.Magnitude.self)
      if BLASType.of(Element.self).isComplex {
        bytes.storeBytes(of: im, toByteOffset: MemoryLayout<Element.Magnitude>.stride, as: Element.Magnitude.self)
      }
    }
    return value
  }
}

// MARK: - NumPy's spelling

extension NDArray where Element: BLASElement {
  @available(*, unavailable, renamed: "signedLogDeterminant()")
  public func slogdet() -> SignedLogDeterminant<Element> { fatalError("unavailable") }
}
