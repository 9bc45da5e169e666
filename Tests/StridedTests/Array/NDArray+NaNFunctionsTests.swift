import Foundation
import Testing

import Strided

@Suite("nanProduct, nanCumulativeSum, nanCumulativeProduct")
struct NaNFunctionsTests {
  @Test("NumPy's examples: NaN counts as 1 in products and 0 in sums")
  func documented() {
    let m = NDArray<Double>([1, .nan, 3, 4], shape: [2, 2])
    #expect(m.nanProduct() == 12)
    #expect(m.nanProduct(axes: [0]).elements == [3, 4])
    #expect(m.nanProduct(axes: [1]).elements == [1, 12])
    #expect(m.nanProduct(axes: [1], keepingDimensions: true).shape == [2, 1])
    #expect(m.nanCumulativeSum().elements == [1, 1, 4, 8])
    #expect(m.nanCumulativeSum(axis: 0).elements == [1, 0, 4, 4])
    #expect(m.nanCumulativeSum(axis: 1).elements == [1, 1, 3, 7])
    #expect(m.nanCumulativeProduct().elements == [1, 1, 3, 12])
    #expect(m.nanCumulativeProduct(axis: 0).elements == [1, 1, 3, 4])
    #expect(m.nanCumulativeProduct(axis: -1).elements == [1, 1, 3, 12])
    #expect(NDArray<Double>([.nan, 2, 3, .nan]).nanCumulativeSum().elements == [0, 2, 5, 5])
  }

  @Test("only NaN, empty, 0-d, infinities, other element types, every layout")
  func edges() {
    let nans = NDArray<Double>([.nan, .nan, .nan])
    #expect(nans.nanProduct() == 1)
    #expect(nans.nanCumulativeSum().elements == [0, 0, 0])
    #expect(nans.nanCumulativeProduct().elements == [1, 1, 1])
    let empty = NDArray<Double>.zeros([0, 3])
    #expect(empty.nanProduct() == 1)
    #expect(empty.nanProduct(axes: [0]).elements == [1, 1, 1])
    #expect(empty.nanCumulativeSum().shape == [0])
    #expect(empty.nanCumulativeSum(axis: 1).shape == [0, 3])
    // A 0-d array: a product of its element, and running sums of one
    // element (flattened, as NumPy's).
    let scalar = NDArray<Double>(scalar: .nan)
    #expect(scalar.nanProduct() == 1)
    #expect(scalar.nanCumulativeSum().shape == [1] && scalar.nanCumulativeSum().elements == [0])
    // Infinities and -NaN: -NaN is NaN too.
    let special = NDArray<Double>([.infinity, -.nan, -2, 0])
    #expect(special.nanCumulativeSum().elements == [.infinity, .infinity, .infinity, .infinity])
    let products = special.nanCumulativeProduct().elements
    #expect(products[0] == .infinity && products[2] == -.infinity && products[3].isNaN)
    #expect(NDArray<Float>([.nan, 2, 0.5]).nanProduct() == 1)
    #expect(NDArray<Float16>([.nan, 2, 3]).nanCumulativeSum().elements == [0, 2, 5])
    for layout in OperandLayout.allCases {
      let a = layout.make([1, .nan, 2, 3, .nan, 5] as [Double], shape: [2, 3])
      #expect(a.nanProduct() == 30, "\(layout)")
      #expect(a.nanProduct(axes: [0]).elements == [3, 1, 10], "\(layout)")
      #expect(a.nanCumulativeSum(axis: 1).elements == [1, 1, 3, 3, 3, 8], "\(layout)")
      #expect(a.nanCumulativeProduct(axis: 0).elements == [1, 1, 2, 3, 1, 10], "\(layout)")
      #expect(a.nanCumulativeSum().elements == [1, 1, 3, 6, 6, 11], "\(layout)")
    }
  }

  @Test("the same as the ordinary functions with NaN replaced by the identity, on long arrays")
  func replacementReference() throws {
    var rng = Generator(seed: 71)
    let values = rng.standardNormal([5000]).elements.enumerated().map { $0.offset % 7 == 3 ? Double.nan : $0.element }
    let a = try NDArray(values).reshaped(to: [50, 100])
    let zeros = try NDArray(values.map { $0.isNaN ? 0 : $0 }).reshaped(to: [50, 100])
    let ones = try NDArray(values.map { $0.isNaN ? 1 : $0 }).reshaped(to: [50, 100])
    #expect(a.nanCumulativeSum(axis: 1).elements == zeros.cumulativeSum(axis: 1).elements)
    #expect(a.nanCumulativeSum().elements == zeros.cumulativeSum().elements)
    #expect(a.nanCumulativeProduct(axis: 0).elements == ones.cumulativeProduct(axis: 0).elements)
    #expect(a.nanProduct(axes: [1]).elements == ones.product(axes: [1]).elements)
    #expect(a.nanSum(axes: [0]).elements == zeros.sum(axes: [0]).elements)
  }

  @Test("nanprod, nancumsum and nancumprod against NumPy, every layout and axis")
  func matchesNumPy() throws {
    // Products of twelve quarter-integers are exact in Double, not in
    // Float, where the order of the multiplications may round differently.
    func add<T: OracleScalar & BinaryFloatingPoint>(_: T.Type, tolerance: Double) throws where T.Sum == T {
      var check = OracleCheck<T>(tolerance: tolerance)
      for layout in OperandLayout.allCases {
        for shape in [[12], [3, 4], [2, 3, 2]] as [Dimensions] {
          let a = layout.make(sampleValues(T.self, count: shape.product, seed: shape.count), shape: shape)
          let label = "\(T.self) \(shape) \(layout)"
          check.add("\(label) nanprod", "nanprod", [a], result: NDArray(scalar: a.nanProduct()))
          check.add("\(label) nancumsum", "nancumsum", [a], result: a.nanCumulativeSum())
          check.add("\(label) nancumprod", "nancumprod", [a], result: a.nanCumulativeProduct())
          for axis in -shape.count..<shape.count {
            check.add("\(label) nanprod axis \(axis)", "nanprod", [a], result: a.nanProduct(axes: [axis]),
                      keywords: ["axis": [axis]])
            check.add("\(label) nanprod axis \(axis) keepdims", "nanprod", [a],
                      result: a.nanProduct(axes: [axis], keepingDimensions: true), keywords: ["axis": [axis], "keepdims": true])
            check.add("\(label) nancumsum axis \(axis)", "nancumsum", [a], result: a.nanCumulativeSum(axis: axis),
                      keywords: ["axis": axis])
            check.add("\(label) nancumprod axis \(axis)", "nancumprod", [a], result: a.nanCumulativeProduct(axis: axis),
                      keywords: ["axis": axis])
          }
          if shape.count == 3 {
            check.add("\(label) nanprod axes 0, 2", "nanprod", [a], result: a.nanProduct(axes: [0, 2]),
                      keywords: ["axis": [0, 2]])
          }
        }
      }
      try check.verify()
    }
    try add(Double.self, tolerance: 0)
    try add(Float.self, tolerance: 1e-6)
  }
}
