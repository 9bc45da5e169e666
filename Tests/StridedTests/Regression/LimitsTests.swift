import Foundation
import Testing

import Strided

/// Every limit Strided enforces, at its edge: each gives a typed error or a
/// documented trap with a message, and none crashes otherwise, however
/// large the numbers or deep the nesting.
@Suite("Limits")
struct LimitsTests {
  @Test func shapesWhoseByteSizeOverflowsThrow() throws {
    #expect(throws: ViewError.sizeOverflow(shape: [1 << 61, 4])) {
      try NDView(format: "d", shape: [1 << 61, 4])
    }
    #expect(throws: ViewError.sizeOverflow(shape: [Int.max / 8 + 1])) {
      try NDView(format: "d", shape: [Int.max / 8 + 1])
    }
    // A broadcast of one element may be huge, but not beyond Int's bytes.
    let one = NDArray<Double>(scalar: 1)
    #expect(try one.broadcast(to: [1 << 40, 1 << 19]).count == 1 << 59)
    #expect(throws: ViewError.sizeOverflow(shape: [1 << 40, 1 << 30])) {
      try one.broadcast(to: [1 << 40, 1 << 30])
    }
    // An empty shape is empty whatever its other sizes.
    #expect(try NDView(format: "d", shape: [0, Int.max]).count == 0)
  }

  @Test func stridesReachingOutsideTheStorageThrow() {
    let storage = ByteStorage(count: 64)
    #expect(throws: ViewError.outOfBounds(low: 0, high: 72, storageCount: 64)) {
      try NDView(storage: storage, format: "d", shape: [9])
    }
    #expect(throws: ViewError.outOfBounds(low: -8, high: 8, storageCount: 64)) {
      try NDView(storage: storage, format: "d", shape: [2], strides: [-8])
    }
    #expect(throws: ViewError.sizeOverflow(shape: [2])) {
      try NDView(storage: storage, format: "d", shape: [2], strides: [Int.max])
    }
    #expect(throws: ViewError.self) {
      try NDView(storage: storage, format: "d", shape: [3, 3], strides: [Int.min, 8], byteOffset: 16)
    }
    let view = try! NDView(storage: storage, format: "d", shape: [8])
    #expect(throws: ViewError.outOfBounds(low: 56, high: 72, storageCount: 64)) {
      try view.asStrided(shape: [2], strides: [8], byteOffset: 56)
    }
  }

  @Test func tooManyDimensionsThrow() {
    let shape = Dimensions(repeating: 1, count: NDView.maximumRank + 1)
    #expect(throws: ViewError.tooManyDimensions(65)) { try NDView(format: "B", shape: shape) }
    let deepest = try! NDView(format: "B", shape: Dimensions(repeating: 1, count: NDView.maximumRank))
    #expect(deepest.ndim == 64 && deepest.transposed().ndim == 64)
  }

  /// Formats nested too deep: see `FormatTests.deepNestingIsRefused`.
  @Test func npyDTypesNestedBeyondTheBoundThrowWithoutRecursingDeeper() {
    // 50 000 levels: far deeper than any stack would hold if the reader
    // recursed all the way.
    let descr = String(repeating: "[('a', ", count: 50_000) + "'<f8'" + String(repeating: ")]", count: 50_000)
    var header = "{'descr': \(descr), 'fortran_order': False, 'shape': (1,), }"
    header += String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
    var file = Data([0x93] + Array("NUMPY".utf8) + [2, 0])
    withUnsafeBytes(of: UInt32(header.utf8.count).littleEndian) { file.append(contentsOf: $0) }
    file.append(contentsOf: Array(header.utf8) + [UInt8](repeating: 0, count: 8))
    #expect(throws: NPYError.self) { try NDView(npyData: file) }
  }

  @Test func matrixSizesBeyondBLASThirtyTwoBitsTrapBeforeCopying() async {
    // 2³¹ elements, all one through zero strides: nothing is allocated, and
    // BLAS would need them packed. The size check comes first.
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let rows = NDArray<Double>(scalar: 1).broadcast(orTrap: [2, 1 << 31])
      _ = rows.matmul(rows.transposed())
    } .map { result in
      let message = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(message.contains("2 × 2147483648 by 2147483648 × 2: a dimension beyond BLAS's 32-bit index range"))
      #expect(message.contains("NDArray.matmul(a, b) throws instead"))
    }
    let rows = NDArray<Double>(scalar: 1).broadcast(orTrap: [2, 1 << 31])
    #expect(throws: LinalgError.sizeOverflow(operation: "matmul of 2 × 2147483648 by 2147483648 × 2: a dimension beyond BLAS's 32-bit index range")) {
      try NDArray.matmul(rows, rows.transposed())
    }
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let x = NDArray<Float>(scalar: 1).broadcast(orTrap: [1 << 32])
      _ = BLAS.dot(x, x)
    } .map { result in
      let message = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(message.contains("the vector's length = 4294967296 is outside BLAS's 32-bit index range"))
    }
  }
}

extension NDArray {
  /// `broadcast(to:)` for shapes a test knows fit.
  func broadcast(orTrap shape: Dimensions) -> NDArray { try! broadcast(to: shape) }
}
