import Foundation
import Testing

@testable import Strided

/// A random NumPy index expression with NumPy's result (`generate.py
/// indexing`): read, assigned or added to, on an array in some layout.
struct IndexingCase: Decodable, CustomTestStringConvertible, Sendable {
  struct Entry: Decodable, Sendable {
    let kind: String
    let value: Int?
    let start: Int?
    let stop: Int?
    let step: Int?
    let values: [Int]?
    let boolValues: [Bool]?
    let shape: [Int]?

    enum CodingKeys: String, CodingKey { case kind, value, start, stop, step, values, shape }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      kind = try c.decode(String.self, forKey: .kind)
      value = try c.decodeIfPresent(Int.self, forKey: .value)
      start = try c.decodeIfPresent(Int.self, forKey: .start)
      stop = try c.decodeIfPresent(Int.self, forKey: .stop)
      step = try c.decodeIfPresent(Int.self, forKey: .step)
      shape = try c.decodeIfPresent([Int].self, forKey: .shape)
      if kind == "bools" {
        boolValues = try c.decode([Bool].self, forKey: .values)
        values = nil
      } else {
        values = try c.decodeIfPresent([Int].self, forKey: .values)
        boolValues = nil
      }
    }

    var index: NDAdvancedIndex {
      switch kind {
      case "int": NDIndex.at(value!).advancedIndex
      case "slice": NDIndex.slice(from: start, to: stop, by: step ?? 1).advancedIndex
      case "none": NDIndex.newAxis.advancedIndex
      case "ellipsis": NDIndex.ellipsis.advancedIndex
      case "ints": .indices(NDArray(values!, shape: Dimensions(shape!)))
      default: .mask(NDArray(boolValues!, shape: Dimensions(shape!)))
      }
    }

    var text: String {
      switch kind {
      case "int": "\(value!)"
      case "slice": "\(start.map(String.init) ?? ""):\(stop.map(String.init) ?? ""):\(step.map(String.init) ?? "")"
      case "none": "None"
      case "ellipsis": "..."
      case "ints": "int\(shape!)\(values!)"
      default: "bool\(shape!)\(boolValues!.map { $0 ? 1 : 0 })"
      }
    }
  }

  struct Values: Decodable, Sendable {
    let values: [Int]
    let shape: [Int]
    var array: NDArray<Int> { NDArray(values, shape: Dimensions(shape)) }
  }

  let shape: [Int]
  let layout: String
  let values: [Int]
  let entries: [Entry]
  let op: String
  let error: Bool?
  let view: Bool?
  let result: Values?
  let value: Values?
  let after: [Int]?

  var testDescription: String {
    "a\(shape)/\(layout)[\(entries.map(\.text).joined(separator: ", "))] \(op)"
  }

  /// The array, laid out as the case says.
  func makeArray() -> NDArray<Int> {
    if layout == "broadcast" {
      // A read-only view whose first axis repeats one row.
      guard let first = shape.first, first > 0 else { return NDArray(values, shape: Dimensions(shape)).asReadOnly() }
      var rowShape = shape
      rowShape[0] = 1
      let row = NDArray(Array(values.prefix(values.count / first)), shape: Dimensions(rowShape))
      let repeated = try! row.broadcast(to: Dimensions(shape))
      // NumPy's side used the real values: only equal rows broadcast.
      return values == repeated.elements ? repeated : NDArray(values, shape: Dimensions(shape)).asReadOnly()
    }
    return OperandLayout(rawValue: layout)!.make(values, shape: Dimensions(shape))
  }

  func check() {
    let a = makeArray()
    let index = entries.map(\.index)
    let before = a.elements
    if op == "get" {
      do {
        let selected = try a.selecting(index)
        #expect(error != true, "\(self): NumPy raised IndexError")
        guard let result else { return }
        #expect(Array(selected.shape) == result.shape && selected.elements == result.values, "\(self): values")
        #expect((selected.storage === a.storage) == view!, "\(self): a view exactly where NumPy gives one")
      } catch {
        #expect(self.error == true, "\(self): \(error)")
      }
      return
    }
    let values = value!.array
    do {
      if op == "set" {
        try a.assign(values, at: index)
      } else {
        // NumPy's `a[i] += v` adds in place to the selection, so v must
        // broadcast to the selection's shape; `+` itself would trap.
        let current = try a.selecting(index)
        try a.assign(current + values.broadcast(to: current.shape), at: index)
      }
      #expect(error != true, "\(self): NumPy raised an error")
      if let after { #expect(a.elements == after, "\(self): the whole array afterwards") }
    } catch {
      #expect(self.error == true, "\(self): \(error)")
      #expect(a.elements == before, "\(self): a failed assignment wrote")
    }
  }
}

@Suite("Indexing as NumPy does")
struct IndexingTests {
  static let cases: [IndexingCase] = try! Fixtures.load("indexing.json", as: [IndexingCase].self)

  @Test("600 random index expressions NumPy evaluated", arguments: cases)
  func fixtures(_ row: IndexingCase) {
    row.check()
  }

  @Test("fresh random index expressions, NumPy run live")
  func live() throws {
    let seed = Int.random(in: 0..<1_000_000)
    guard let cases = try Fixtures.live(["indexing", "--seed", "\(seed)", "--count", "300"], as: [IndexingCase].self)
    else { return }
    for row in cases { row.check() }
  }

  @Test("the fixture covers reads, assignments, errors, views and copies")
  func coverage() {
    let c = Self.cases
    #expect(c.count >= 500)
    #expect(c.filter { $0.op == "get" && $0.view == true }.count >= 30)
    #expect(c.filter { $0.op == "set" && $0.error != true }.count >= 30)
    #expect(c.filter { $0.op == "iadd" && $0.error != true }.count >= 30)
    #expect(c.filter { $0.error == true }.count >= 30)
    #expect(c.filter { $0.entries.contains { $0.kind == "bools" } }.count >= 50)
    #expect(c.filter { $0.shape.contains(0) || $0.shape.isEmpty }.count >= 20)
  }

  @Test("fewer integers than axes select a sub-array, as a view")
  func subArrays() {
    let x = NDArray<Double>([1, 2, 3, 4, 5, 6], shape: [2, 3])
    let row = x[1]
    #expect(row.shape == [3] && row.elements == [4, 5, 6] && row.storage === x.storage)
    #expect(x[1, 2].shape == [] && x[1, 2][] == 6 && x[item: 1, 2] == 6)
    #expect(Array(x).map(\.elements) == [[1, 2, 3], [4, 5, 6]])
    #expect("\(x[0])" == "[1. 2. 3.]")
    var seen: [[Double]] = []
    for row in x { seen.append(row.elements) }
    #expect(seen == [[1, 2, 3], [4, 5, 6]])
    #expect(x.flat.reduce(0, +) == 21 && x.elements.count == 6)
  }

  @Test("assignment through basic subscripts: arrays, literals, compound operators")
  func writableSubscripts() {
    let x = NDArray<Double>.zeros([3, 4])
    x[0] = [1, 2, 3, 4]
    x[1, .all] = 5
    x[2, 1...] = NDArray([7, 8, 9])
    #expect(x.elements == [1, 2, 3, 4, 5, 5, 5, 5, 0, 7, 8, 9])
    x[.all, .slice(by: 2)] += 10
    #expect(x[.all, 0].elements == [11, 15, 10] && x[.all, 1].elements == [2, 5, 7])
    // Overlapping source and target: the source is read as it was.
    x[.slice(from: 1)] = x[.slice(to: 2)]
    #expect(x[1].elements == [11, 2, 13, 4] && x[2].elements == [15, 5, 15, 5])
    // Broadcasting a column.
    let column: NDArray<Double> = [[-1], [-2], [-3]]
    x[.all, .slice(to: 2)] = column
    #expect(x[.all, 0].elements == [-1, -2, -3] && x[.all, 1].elements == [-1, -2, -3])
    // An image region, channels last.
    let img = NDArray<UInt8>.zeros([8, 8, 3])
    img[2..<6, 2..<6, .all] += 60
    #expect(img.sum() == 16 * 3 * 60 && img[item: 0, 0, 0] == 0 && img[item: 3, 3, 1] == 60)
    // Through NDView, with matching formats.
    let v = x[0].view
    v[1] = NDArray<Double>(scalar: 42).view
    #expect(x[item: 0, 1] == 42)
  }

  @Test("masks and index arrays as NumPy users write them")
  func advancedForms() {
    let x = NDArray<Double>([-2, 3, -1, 4, 0, 5], shape: [2, 3])
    #expect(x[x .> 0].elements == [3, 4, 5])
    let labels = NDArray<Int>([1, 0])
    #expect(x[labels .== 1].shape == [1, 3] && x[labels .== 1].elements == [-2, 3, -1])
    #expect(x[[1, 0]].elements == [4, 0, 5, -2, 3, -1])
    #expect(x[[0, 1], [2, 0]].elements == [-1, 4])
    #expect(x[.all, [2, 0]].elements == [-1, -2, 5, 4])
    // Separated index arrays go first: x[0, :, [0, 1]]-style placement.
    let cube = NDArray<Int>.arange(to: 24).reshapedUnchecked(to: [2, 3, 4])
    #expect(cube[0, .all, [1, 2]].shape == [2, 3])
    #expect(cube[[0, 1], .all, [1, 2]].shape == [2, 3])
    #expect(cube[.all, [0, 1], [1, 2]].shape == [2, 2])
    // Assignment: last write wins; compound assignment adds once.
    let y = NDArray<Int>.zeros([5])
    y[[1, 1, 3]] = [7, 8, 9]
    #expect(y.elements == [0, 8, 0, 9, 0])
    y[[1, 1, 3]] += 1
    #expect(y.elements == [0, 9, 0, 10, 0])
    // np.add.at accumulates every repeat.
    try! y.add(NDArray(scalar: 1), at: NDArray<Int>([1, 1, 3]))
    #expect(y.elements == [0, 11, 0, 11, 0])
    x[x .< 0] = 0
    #expect(x.elements == [0, 3, 0, 4, 0, 5])
  }

  @Test("index functions: take, put, along an axis, nonzero, argwhere, countNonzero")
  func functions() throws {
    let a = NDArray<Int>([4, 3, 5, 7, 6, 8], shape: [2, 3])
    #expect(try a.take([0, -1]).elements == [4, 8])
    #expect(try a.take([2, 0], axis: 1).elements == [5, 4, 8, 7])
    let b = a.copy()
    try b.put([-44, -55], at: [0, 4])
    #expect(b.elements == [-44, 3, 5, 7, -55, 8])
    try b.put([9], at: [1, 2])
    #expect(b.elements == [-44, 9, 9, 7, -55, 8])
    let order: NDArray<Int> = [[1, 0, 2], [2, 0, 1]]
    #expect(try a.takeAlongAxis(order, axis: 1).elements == [3, 4, 5, 8, 7, 6])
    let c = a.copy()
    let positions: NDArray<Int> = [[0], [2]]
    try c.putAlongAxis(positions, values: NDArray(scalar: 0), axis: 1)
    #expect(c.elements == [0, 3, 5, 7, 6, 0])
    let m = NDArray<Int>([0, 2, 0, 3], shape: [2, 2])
    let (rows, columns) = (try m.nonzero()[0], try m.nonzero()[1])
    #expect(rows.elements == [0, 1] && columns.elements == [1, 1])
    #expect(m.argwhere().elements == [0, 1, 1, 1] && m.argwhere().shape == [2, 2])
    #expect(m.countNonzero() == 2 && m.countNonzero(axes: [0]).elements == [0, 2])
    #expect(try NDArray.where(m .> 0).map(\.elements) == [[0, 1], [1, 1]])
    #expect(NDArray<Double>([0, .nan, -0.0]).countNonzero() == 1)
    // Every NumPy function agrees with NumPy, run live.
    if Python.hasNumPy {
      let script = """
        import numpy as np, json
        a = np.array([[4, 3, 5], [7, 6, 8]])
        print(json.dumps([np.take(a, [2, 0], axis=1).ravel().tolist(), np.take_along_axis(a, np.array([[1, 0, 2], [2, 0, 1]]), 1).ravel().tolist(), np.argwhere(np.array([[0, 2], [0, 3]])).ravel().tolist()]))
        """
      let output = try JSONDecoder().decode([[Int]].self, from: Python.run(["-c", script]))
      #expect(output == [[5, 4, 8, 7], [3, 4, 5, 8, 7, 6], [0, 1, 1, 1]])
    }
  }

  @Test("bad index data throws a typed error naming the axis, the index and the size, and writes nothing")
  func badIndices() {
    let a = NDArray<Int>.arange(to: 6).reshapedUnchecked(to: [2, 3])
    let before = a.elements
    #expect(throws: IndexError.outOfRange(index: 5, axis: 1, size: 3)) { try a.selecting(NDIndex.all, [0, 5]) }
    #expect(throws: IndexError.outOfRange(index: -3, axis: 0, size: 2)) { try a.selecting([-3]) }
    #expect(throws: IndexError.maskShapeMismatch(mask: [3], axes: [2], axis: 0)) { try a.selecting([true, false, true]) }
    #expect(throws: IndexError.indicesNotBroadcastable([[2], [3]])) { try a.selecting([0, 1], [0, 1, 2]) }
    #expect(throws: IndexError.tooManyIndices(given: 3, rank: 2)) { try a.selecting(0, 0, [0]) }
    #expect(throws: IndexError.self) { try a.assign(NDArray([1, 2, 3, 4]), at: [0, 1]) }
    #expect(throws: IndexError.outOfRange(index: 9, axis: 0, size: 6)) { try a.put([1, 2], at: [0, 9]) }
    #expect(throws: IndexError.outOfRange(index: 3, axis: 0, size: 2)) { try a.add(NDArray(scalar: 1), at: [0, 3]) }
    #expect(throws: IndexError.readOnly) { try a.asReadOnly().assign(NDArray(scalar: 1), at: [0]) }
    #expect(a.elements == before)
    #expect(IndexError.outOfRange(index: 5, axis: 1, size: 3).description == "index 5 is out of range for axis 1 of size 3")
  }

  @Test("subscripts trap on bad index data, with the error's message")
  func subscriptTraps() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let a = NDArray<Int>.zeros([2, 3])
      _ = a[[0, 7]]
    }.map { result in
      #expect(String(decoding: result.standardErrorContent, as: UTF8.self).contains("index 7 is out of range for axis 0 of size 2"))
    }
    await #expect(processExitsWith: .failure) {
      let r = NDArray<Int>.zeros([2]).asReadOnly()
      r[[0]] = [1]
    }
  }
}
