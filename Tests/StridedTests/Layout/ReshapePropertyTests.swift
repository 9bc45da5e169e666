import PropertyBased
import Testing

@testable import Strided

/// Properties of the no-copy reshape rule, checked on random layouts
/// against a plain reference: reading elements one at a time.
@Suite("Reshape properties")
struct ReshapePropertyTests {
  /// A view of 0, 1, 2, … permuted and sliced by the generated choices.
  static func view(shape: [Int], permutation: [Int], steps: [Int]) -> NDView {
    var view = aranged(Dimensions(shape))
    if !shape.isEmpty {
      var order = Array(0..<shape.count)
      for (i, choice) in permutation.prefix(shape.count).enumerated() {
        order.swapAt(i, choice % shape.count)
      }
      view = view.permuted(Dimensions(order))
      view = view[entries: steps.prefix(shape.count).map { NDIndex.slice(by: $0) }]
    }
    return view
  }

  /// Factors `count` into a random shape using the generated choices.
  static func shape(for count: Int, choices: [Int]) -> Dimensions {
    guard count > 0 else { return [0] }
    var left = count
    var shape = Dimensions()
    for choice in choices {
      let divisors = (1...left).filter { left % $0 == 0 }
      let d = divisors[choice % divisors.count]
      shape.append(d)
      left /= d
    }
    shape.append(left)
    return shape
  }

  @Test("a reshape that succeeds lists the same elements; an explicit copy always does")
  func reshapeKeepsElements() async {
    await propertyCheck(
      count: 300,
      input: Gen.int(in: 1...4).array(of: 0...4), Gen.int(in: 0...8).array(of: 4),
      Gen.int(in: 0...3).map { (i: Int) -> Int in [1, 2, -1, -2][i] }.array(of: 4), Gen.int(in: 0...8).array(of: 0...3)
    ) { shape, permutation, steps, choices in
      let source = Self.view(shape: shape, permutation: permutation, steps: steps)
      let expected = try! doubles(source)
      let target = Self.shape(for: source.count, choices: choices)
      for order in [MemoryOrder.c, .fortran] {
        if let reshaped = try? source.reshaped(to: target, order: order) {
          #expect(reshaped.storage === source.storage)
          let readBack = try! reshaped.reshapedCopy(to: source.shape, order: order)
          #expect(try! doubles(readBack) == expected, "\(source) → \(target) in \(order)")
        }
        let copied = try! source.reshapedCopy(to: target, order: order)
        #expect(try! doubles(copied.reshapedCopy(to: source.shape, order: order)) == expected)
      }
      // A C-contiguous view always reshapes without a copy.
      if source.isCContiguous {
        #expect((try? source.reshaped(to: target)) != nil)
      }
    }
  }

  @Test("transposing twice, flipping twice and broadcasting then indexing give the original")
  func involutions() async {
    await propertyCheck(
      count: 200,
      input: Gen.int(in: 0...4).array(of: 0...4), Gen.int(in: 0...8).array(of: 4),
      Gen.int(in: 0...3).map { (i: Int) -> Int in [1, 3, -1, -2][i] }.array(of: 4)
    ) { shape, permutation, steps in
      let v = Self.view(shape: shape, permutation: permutation, steps: steps)
      let values = try! doubles(v)
      #expect(try! doubles(v.transposed().transposed()) == values)
      #expect(try! doubles(v.flipped().flipped()) == values)
      let b = try! v.broadcast(to: [2] + v.shape)
      #expect(try! doubles(b[1]) == values)
      #expect(try! doubles(v.expandingDimensions(at: 0).squeezed(axis: 0)) == values)
    }
  }
}
