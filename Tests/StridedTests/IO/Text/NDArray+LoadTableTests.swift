import Foundation
import Testing

@testable import Strided

/// `NDArray.loadTable` and `NDView.loadTable`: NumPy's genfromtxt.
@Suite("Reading tables with missing values")
struct LoadTableTests {
  /// What NumPy 2.4's genfromtxt returns for each text (checked with python3).
  struct TableCase: CustomTestStringConvertible, Sendable {
    var text: String
    var delimiter: String? = nil
    var skipHeader = 0
    var skipFooter = 0
    var columns: [Int]? = nil
    var maxRows: Int? = nil
    var missingValues: [String] = []
    var skipInvalidRows = false
    var shape: [Int]
    var values: [Double]
    var testDescription: String { text.debugDescription }
  }

  static let nan = Double.nan

  static let tables: [TableCase] = [
    TableCase(text: "1,,3\n4,5,6\n", delimiter: ",", shape: [2, 3], values: [1, nan, 3, 4, 5, 6]),
    TableCase(
      text: "1,N/A,3\n4, N/A ,6\n", delimiter: ",", missingValues: ["N/A"], shape: [2, 3],
      values: [1, nan, 3, 4, nan, 6]),
    TableCase(text: "1 2\n3 4\n5 6\n# c\n\n", skipFooter: 1, shape: [2, 2], values: [1, 2, 3, 4]),
    TableCase(text: "1 2\n3 4\n5 6 7\n", skipFooter: 1, shape: [2, 2], values: [1, 2, 3, 4]),
    TableCase(text: "x y\n# c\n1 2\n3 4\n", skipHeader: 1, shape: [2, 2], values: [1, 2, 3, 4]),
    TableCase(text: "1 2 3\n4 5 6\n7 8 9\n", maxRows: 2, shape: [2, 3], values: [1, 2, 3, 4, 5, 6]),
    TableCase(text: "1 2 3\n4 5 6\n", columns: [2, 0], shape: [2, 2], values: [3, 1, 6, 4]),
    TableCase(text: "1 2 3\n4 5 6\n", columns: [-1], shape: [2], values: [3, 6]),
    TableCase(
      text: "1,2,3\n4,5\n6,7,8\n", delimiter: ",", skipInvalidRows: true, shape: [2, 3], values: [1, 2, 3, 6, 7, 8]),
    TableCase(text: "1,2\n  \n3,4\n", delimiter: ",", shape: [2, 2], values: [1, 2, 3, 4]),
    TableCase(text: "1  2\n", delimiter: " ", shape: [3], values: [1, nan, 2]),
    TableCase(text: "1\n", shape: [], values: [1]),
    TableCase(text: "", shape: [0], values: []),
  ]

  static func same(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
  }

  @Test("shapes and values as NumPy's genfromtxt gives them", arguments: tables)
  func tablesAsNumPy(_ c: TableCase) throws {
    let a = try NDArray<Double>.loadTable(
      fromString: c.text, delimiter: c.delimiter, skipHeader: c.skipHeader, skipFooter: c.skipFooter,
      columns: c.columns, maxRows: c.maxRows, missingValues: c.missingValues, skipInvalidRows: c.skipInvalidRows)
    #expect(Array(a.shape) == c.shape)
    #expect(Self.same(a.elements, c.values))
  }

  @Test("filling values: NumPy's defaults (-1 for integers), one for all, one per column")
  func filling() throws {
    #expect(try NDArray<Int64>.loadTable(fromString: "1,,3\n", delimiter: ",") == NDArray([1, -1, 3]))
    #expect(try NDArray<Int8>.loadTable(fromString: "1,,3\n", delimiter: ",") == NDArray([1, -1, 3]))
    #expect(try NDArray<Int32>.loadTable(fromString: "1,,3\n", delimiter: ",", fillingValue: 0) == NDArray([1, 0, 3]))
    let perColumn = try NDArray<Int64>.loadTable(fromString: "1,,\n,,4\n", delimiter: ",", fillingValues: [0: 7])
    #expect(perColumn == NDArray([1, -1, -1, 7, -1, 4], shape: [2, 3]))
    #expect(try NDArray<Bool>.loadTable(fromString: "True false TRUE 0 1\n") == NDArray([true, false, true, false, true]))
    #expect(throws: TextFileError(file: "<string>", line: 1, column: 2, reason: .missingValue(type: "uint8"))) {
      _ = try NDArray<UInt8>.loadTable(fromString: "1,,3\n", delimiter: ",")
    }
    #expect(try NDArray<UInt8>.loadTable(fromString: "1,,3\n", delimiter: ",", fillingValue: 9) == NDArray([1, 9, 3]))
  }

  @Test("converters see every field of their column, missing ones too, as NumPy's do")
  func converters() throws {
    let a = try NDArray<Double>.loadTable(fromString: "1,,3\n4,5,6\n", delimiter: ",", converters: [1: { _ in 42 }])
    #expect(a == NDArray([1, 42, 3, 4, 42, 6], shape: [2, 3]))
  }

  @Test("bad rows and values are typed errors naming the line and column")
  func errors() {
    #expect(throws: TextFileError(file: "<string>", line: 3, reason: .columnCountChanged(expected: 2, found: 1))) {
      _ = try NDArray<Double>.loadTable(fromString: "# c\n1 2\n3\n4 5 6\n")
    }
    #expect(throws: TextFileError(file: "<string>", line: 2, column: 2, reason: .invalidValue(text: "x", type: "float64"))) {
      _ = try NDArray<Double>.loadTable(fromString: "1 2\n3 x\n")
    }
    #expect(throws: TextFileError(file: "<string>", line: 2, column: 2, reason: .outOfRange(text: "300", type: "int8"))) {
      _ = try NDArray<Int8>.loadTable(fromString: "1 2\n3 300\n", invalidAsMissing: true)
    }
    #expect(throws: TextFileError(file: "<string>", line: 2, reason: .columnIndexOutOfRange(index: 2, columns: 2))) {
      _ = try NDArray<Double>.loadTable(fromString: "1 2 3\n4 5\n", columns: [2])
    }
  }

  @Test("invalidAsMissing fills what does not parse, as NumPy's loose=True")
  func loose() throws {
    let a = try NDArray<Double>.loadTable(fromString: "1 2\n3 x\n", invalidAsMissing: true)
    #expect(Self.same(a.elements, [1, 2, 3, .nan]))
    #expect(try NDArray<Int64>.loadTable(fromString: "1 1.5\n", invalidAsMissing: true) == NDArray([1, -1]))
  }

  @Test("header names as NumPy makes them valid")
  func names() throws {
    #expect(validatedFieldNames(["a", "b c", "d-e", "return"], count: 4) == ["a", "b_c", "de", "return_"])
    #expect(validatedFieldNames(["a", "a", "", "b"], count: 4) == ["a", "a_1", "f0", "b"])
    #expect(validatedFieldNames([], count: 2) == ["f0", "f1"])
    let t = try NDView.loadTable(fromString: "\n# \n# a b\n1 2\n3 4\n", namesFromHeader: true)
    #expect(t.format.fields.map(\.name) == ["a", "b"])
    #expect(Array(t.shape) == [2])
    #expect(try NDArray<Double>(t.field("b")).elements == [2, 4])
    let selected = try NDView.loadTable(fromString: "a b c\n1 2 3\n4 5 6\n", namesFromHeader: true, columns: [2, 0])
    #expect(selected.format.fields.map(\.name) == ["c", "a"])
    #expect(try NDArray<Double>(selected.field("a")).elements == [1, 4])
    #expect(throws: TextFileError(file: "<string>", line: 2, reason: .columnCountChanged(expected: 3, found: 2))) {
      _ = try NDView.loadTable(fromString: "#a b # c\n1 2\n", namesFromHeader: true)
    }
  }

  @Test("types per column give packed records; one row gives a 0-d view")
  func records() throws {
    let t = try NDView.loadTable(
      fromString: "1 2 3\n4 5 6\n", types: [.int64, .float32], names: ["x", "y"], columns: [0, 2])
    #expect(t.format.itemSize == 12)
    #expect(t.format.field("y")?.offset == 8)
    #expect(try NDArray<Int64>(t.field("x")) == NDArray([1, 4]))
    #expect(try NDArray<Float>(t.field("y")) == NDArray([3, 6]))
    let one = try NDView.loadTable(fromString: "a b\n1 2\n", namesFromHeader: true)
    #expect(one.ndim == 0)
    let none = try NDView.loadTable(fromString: "a b\n", namesFromHeader: true)
    #expect(Array(none.shape) == [0])
    #expect(none.format.fields.map(\.name) == ["a", "b"])
    let filled = try NDView.loadTable(
      fromString: "1,,\n", types: [.int64, .int64, .float64], delimiter: ",", minimumDimensions: 1,
      fillingValue: "0", fillingValues: [2: "2.5"])
    #expect(try NDArray<Int64>(filled.field("f1")) == NDArray([0]))
    #expect(try NDArray<Double>(filled.field("f2")) == NDArray([2.5]))
    #expect(throws: TextFileError(file: "<string>", line: 1, reason: .columnCountChanged(expected: 2, found: 3))) {
      _ = try NDView.loadTable(fromString: "1 2 3\n", types: [.int64, .float64])
    }
  }

  @Test("NumPy's files and records read back byte for byte")
  func numpyFiles() throws {
    guard Python.hasNumPy else { return }
    let folder = try temporaryFolder("loadtable-numpy")
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Python.run([
      "-c",
      """
      import numpy as np, sys, warnings
      warnings.simplefilter('ignore')
      d = sys.argv[1]
      rng = np.random.default_rng(7)
      x = rng.standard_normal((500, 4))
      rows = ['# id,value,count,flag'] + [
          f'{i},{"" if i % 7 == 0 else repr(float(x[i, 0]))},{"N/A" if i % 5 == 0 else i * 3},{float(x[i, 1])!r}'
          for i in range(500)]
      open(d + '/t.csv', 'w').write('\\n'.join(rows) + '\\ntotal,1,2,3\\n')
      np.save(d + '/plain.npy', np.genfromtxt(d + '/t.csv', delimiter=',', skip_header=1, skip_footer=1,
                                              missing_values='N/A', usecols=(1, 3)))
      np.save(d + '/records.npy', np.genfromtxt(d + '/t.csv', delimiter=',', names=True, skip_footer=1,
                                                missing_values='N/A',
                                                dtype=[int, float, np.int32, np.float32]))
      """,
      folder.path,
    ])
    let url = folder.appendingPathComponent("t.csv")
    let plain = try NDArray<Double>.loadTable(
      from: url, delimiter: ",", skipHeader: 1, skipFooter: 1, columns: [1, 3], missingValues: ["N/A"])
    let plainNumPy = try NDArray<Double>(contentsOfNPY: folder.appendingPathComponent("plain.npy"))
    #expect(plain.shape == plainNumPy.shape)
    #expect(zip(plain.elements, plainNumPy.elements).allSatisfy { $0.bitPattern == $1.bitPattern })
    let records = try NDView.loadTable(
      from: url, types: [.int64, .float64, .int32, .float32], namesFromHeader: true, delimiter: ",", skipFooter: 1,
      missingValues: ["N/A"])
    let recordsNumPy = try NDView(contentsOfNPY: folder.appendingPathComponent("records.npy"))
    #expect(records.format == recordsNumPy.format)
    #expect(records.shape == recordsNumPy.shape)
    let bytes = records.withUnsafeBytes { Array($0) }
    let bytesNumPy = recordsNumPy.withUnsafeBytes { Array($0) }
    #expect(bytes == bytesNumPy)
  }
}
