import ComplexModule
import Foundation
import Testing

@testable import Strided

/// A chain of view operations applied by NumPy, with NumPy's result.
struct ViewCase: Decodable, CustomTestStringConvertible, Sendable {
  struct Entry: Decodable, Sendable {
    let int: Int?
    let range: [Int]?
    let slice: [Int?]?
    let newaxis: Bool?
    let ellipsis: Bool?

    var index: NDIndex {
      if let int { return .at(int) }
      if let range { return (range[0]..<range[1]).ndIndex }
      if let slice { return .slice(from: slice[0], to: slice[1], by: slice[2] ?? 1) }
      if newaxis != nil { return .newAxis }
      return .ellipsis
    }
  }

  struct Operation: Decodable, Sendable {
    let op: String
    let items: [Entry]?
    let axes: [Int]?
    let a: Int?
    let b: Int?
    let from: Int?
    let to: Int?
    let axis: Int?
    let order: String?
    let shape: [Int]?
    let offset: Int?
    let axis1: Int?
    let axis2: Int?
    let error: String?
  }

  struct Expectation: Decodable, Sendable {
    let shape: [Int]
    let strides: [Int]
    let offset: Int?
    let c_contiguous: Bool
    let f_contiguous: Bool
    /// `nil` where NumPy's answer is not a view's (a scalar, a copy) or
    /// differs by design (NumPy's diagonals are read-only).
    let writeable: Bool?
    let bytes: String
    let f_bytes: String
  }

  let dtype: String
  let shape: [Int]
  let ops: [Operation]
  let expect: Expectation?

  var testDescription: String {
    "\(dtype)\(shape) " + ops.map(\.op).joined(separator: " → ")
  }

  /// NumPy's `np.arange(n).astype(dtype).reshape(shape)`.
  func base() throws -> NDView {
    let n = shape.reduce(1, *)
    let storage: ByteStorage
    let format: Format
    switch dtype {
    case "f8": (storage, format) = (ByteStorage(copying: (0..<n).map(Double.init)), .float64)
    case "i4": (storage, format) = (ByteStorage(copying: (0..<n).map { Int32($0) }), .int32)
    case "u1": (storage, format) = (ByteStorage(copying: (0..<n).map { UInt8(truncatingIfNeeded: $0) }), .uint8)
    case "i2": (storage, format) = (ByteStorage(copying: (0..<n).map { Int16($0) }), .int16)
    case "c16":
      (storage, format) = (ByteStorage(copying: (0..<n).map { Complex(Double($0), 0) }), .complex128)
    default: throw CocoaError(.featureUnsupported)
    }
    return try NDView(storage: storage, format: format, shape: Dimensions(shape))
  }

  /// Applies one operation, as NumPy did.
  static func apply(_ operation: Operation, to view: NDView) throws -> NDView {
    switch operation.op {
    case "index": return view[entries: operation.items!.map(\.index)]
    case "transpose": return view.transposed()
    case "permute": return view.permuted(Dimensions(operation.axes!))
    case "swapaxes": return view.swappingAxes(operation.a!, operation.b!)
    case "moveaxis": return view.movingAxis(from: operation.from!, to: operation.to!)
    case "flip": return operation.axis.map { view.flipped(axis: $0) } ?? view.flipped()
    case "copy": return view.copy(order: operation.order == "F" ? .fortran : .c)
    case "reshape":
      return try view.reshaped(to: Dimensions(operation.shape!), order: operation.order == "F" ? .fortran : .c)
    case "broadcast": return try view.broadcast(to: Dimensions(operation.shape!))
    case "expand": return view.expandingDimensions(at: operation.axis!)
    case "squeeze": return operation.axis.map { view.squeezed(axis: $0) } ?? view.squeezed()
    case "diagonal":
      return view.diagonal(offset: operation.offset!, axis1: operation.axis1!, axis2: operation.axis2!)
    default: throw CocoaError(.featureUnsupported)
    }
  }

  /// Replays the case and checks every property NumPy recorded.
  func check() throws {
    let base = try base()
    var view = base
    for (i, operation) in ops.enumerated() {
      if operation.error != nil {
        #expect(i == ops.count - 1)
        do {
          _ = try Self.apply(operation, to: view)
          Issue.record("\(operation.op) succeeded where NumPy raised")
        } catch let error as ViewError {
          switch operation.error {
          case "copy":
            guard case .reshapeRequiresCopy = error else {
              Issue.record("expected reshapeRequiresCopy, got \(error)")
              return
            }
          case "broadcast":
            guard case .notBroadcastable = error else {
              Issue.record("expected notBroadcastable, got \(error)")
              return
            }
          default: Issue.record("unknown expected error \(String(describing: error))")
          }
        }
        return
      }
      view = try Self.apply(operation, to: view)
    }
    let expect = try #require(expect)
    #expect(view.shape == expect.shape)
    if view.count > 0 {
      for axis in 0..<view.ndim where view.shape[axis] > 1 {
        #expect(view.strides[axis] == expect.strides[axis], "axis \(axis) of \(view.strides) vs \(expect.strides)")
      }
      if let offset = expect.offset {
        #expect(view.byteOffset - base.byteOffset == offset)
      }
    }
    #expect(view.isCContiguous == expect.c_contiguous)
    #expect(view.isFContiguous == expect.f_contiguous)
    if let writeable = expect.writeable { #expect(view.isReadOnly == !writeable) }
    #expect(view.bytes(order: .c).hex == expect.bytes)
    #expect(view.bytes(order: .fortran).hex == expect.f_bytes)
  }
}

@Suite("NDView against NumPy")
struct NDViewFixtureTests {
  static let cases: [ViewCase] = try! Fixtures.load("views.json", as: [ViewCase].self)

  @Test("view operations match NumPy's fixtures", arguments: cases)
  func fixture(_ viewCase: ViewCase) throws {
    try viewCase.check()
  }

  @Test("the fixtures cover every layout kind")
  func coverage() {
    let ops = Self.cases.flatMap(\.ops).map(\.op)
    for name in ["index", "transpose", "permute", "swapaxes", "moveaxis", "flip", "copy", "reshape",
                 "broadcast", "expand", "squeeze", "diagonal"] {
      #expect(ops.contains(name), "\(name)")
    }
    #expect(Self.cases.contains { $0.shape.isEmpty })
    #expect(Self.cases.contains { $0.shape.contains(0) })
    #expect(Self.cases.contains { $0.ops.last?.error == "copy" })
  }

  @Test("view operations match NumPy run live on new random cases", .enabled(if: Python.hasNumPy))
  func live() throws {
    let environment = ProcessInfo.processInfo.environment
    let seed = environment["STRIDED_LIVE_SEED"].flatMap(Int.init) ?? Int.random(in: 0..<1_000_000)
    let count = environment["STRIDED_LIVE_CASES"].flatMap(Int.init) ?? 150
    guard let cases = try Fixtures.live(["views", "--seed", "\(seed)", "--count", "\(count)"], as: [ViewCase].self)
    else {
      return  // python3 with NumPy is not installed; the committed fixtures still run
    }
    #expect(cases.count == count, "seed \(seed)")
    for viewCase in cases {
      try viewCase.check()
    }
  }
}
