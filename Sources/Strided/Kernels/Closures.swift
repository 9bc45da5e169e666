/// Closures over elements, for ``NDArray/mapElements(_:)`` and
/// ``NDArray/zipElements(with:_:)``: always on the calling thread, since a
/// caller's closure need not be safe to run concurrently.
enum Closures {
  static func map<A: NDElement, R: NDElement>(_ a: NDView, _: A.Type, _ transform: (A) -> R) -> NDView {
    let out = Operands.result(shape: a.shape, format: R.format, like: [a], "mapElements")
    if A.self == Bool.self {
      Elementwise.unary(a, into: out, parallel: false) { (x: UInt8) in transform(unsafeBitCast(x != 0, to: A.self)) }
    } else {
      Elementwise.unary(a, into: out, parallel: false, transform)
    }
    return out
  }

  static func zip<A: NDElement, B: NDElement, R: NDElement>(
    _ a: NDView, _ b: NDView, _: A.Type, _: B.Type, _ transform: (A, B) -> R
  ) -> NDView {
    let shape = Operands.broadcastShape([a.shape, b.shape], "zipElements")
    let out = Operands.result(shape: shape, format: R.format, like: [a, b], "zipElements")
    let boolA = A.self == Bool.self
    let boolB = B.self == Bool.self
    switch (boolA, boolB) {
    case (false, false): Elementwise.binary(a, b, into: out, parallel: false, transform)
    case (true, false):
      Elementwise.binary(a, b, into: out, parallel: false) { (x: UInt8, y: B) in transform(unsafeBitCast(x != 0, to: A.self), y) }
    case (false, true):
      Elementwise.binary(a, b, into: out, parallel: false) { (x: A, y: UInt8) in transform(x, unsafeBitCast(y != 0, to: B.self)) }
    case (true, true):
      Elementwise.binary(a, b, into: out, parallel: false) { (x: UInt8, y: UInt8) in
        transform(unsafeBitCast(x != 0, to: A.self), unsafeBitCast(y != 0, to: B.self))
      }
    }
    return out
  }
}
