import Testing

import Strided

/// Reductions of arrays with no elements, in every layout and along every
/// axis: a result of no items gets nothing written, a result of items gets
/// the identity (or the error NumPy raises).
@Suite("Reductions of empty arrays along every axis, in C and Fortran order and reversed")
struct EmptyReductionTests {
  static let shapes: [Dimensions] = [[0], [3, 0], [0, 3], [3, 0, 4], [0, 3, 4], [3, 4, 0], [2, 0, 0], [1, 0, 5]]

  static func layouts(_ shape: Dimensions) -> [NDArray<Double>] {
    let c = NDArray<Double>.zeros(shape)
    let f = NDArray<Double>.zeros(shape, order: .fortran)
    return [c, f, c.transposed(), f.transposed()]
  }

  @Test("sum, mean, product, allTrue, anyTrue and the NaN sums: shapes and identities")
  func identities() {
    for shape in Self.shapes {
      for a in Self.layouts(shape) {
        for axis in 0..<a.ndim {
          var kept = a.shape.array
          kept.remove(at: axis)
          let sum = a.sum(axis: axis)
          #expect(sum.shape.array == kept && sum.elements.allSatisfy { $0 == 0 }, "sum \(a.shape) axis \(axis)")
          let product = a.product(axis: axis)
          #expect(product.elements.allSatisfy { $0 == 1 }, "product \(a.shape) axis \(axis)")
          let all = (a .== 0).allTrue(axis: axis)
          #expect(all.shape.array == kept && all.elements.allSatisfy { $0 }, "all \(a.shape) axis \(axis)")
          let any = (a .== 0).anyTrue(axis: axis)
          #expect(any.elements.allSatisfy { !$0 }, "any \(a.shape) axis \(axis)")
          let integers = a.converted(to: Int32.self).sum(axis: axis)
          #expect(integers.shape.array == kept && integers.elements.allSatisfy { $0 == 0 }, "Int32 sum \(a.shape)")
          let floats = a.converted(to: Float.self).sum(axis: axis)
          #expect(floats.elements.allSatisfy { $0 == 0 }, "Float sum \(a.shape) axis \(axis)")
          let nanSum = a.nanSum(axis: axis)
          #expect(nanSum.shape.array == kept, "nanSum \(a.shape) axis \(axis)")
        }
        #expect(a.sum() == 0 && a.product() == 1)
      }
    }
  }
}
