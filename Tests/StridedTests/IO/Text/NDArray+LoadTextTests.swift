import ComplexModule
import Foundation
import Testing

@testable import Strided

/// `NDArray.loadText`: NumPy's loadtxt.
@Suite("Reading text files")
struct LoadTextTests {
  /// What NumPy 2.4's loadtxt returns for each text (checked with python3).
  struct ShapeCase: CustomTestStringConvertible, Sendable {
    var text: String
    var delimiter: String? = nil
    var columns: [Int]? = nil
    var maxRows: Int? = nil
    var skipRows = 0
    var minimumDimensions = 0
    var shape: [Int]
    var values: [Double]
    var testDescription: String { text.debugDescription }
  }

  static let shapes: [ShapeCase] = [
    ShapeCase(text: "", shape: [0], values: []),
    ShapeCase(text: "# only a comment\n", shape: [0], values: []),
    ShapeCase(text: "", columns: [0, 1], shape: [0, 2], values: []),
    ShapeCase(text: "", minimumDimensions: 2, shape: [0, 1], values: []),
    ShapeCase(text: "1 2 3\n", shape: [3], values: [1, 2, 3]),
    ShapeCase(text: "1\n2\n3\n", shape: [3], values: [1, 2, 3]),
    ShapeCase(text: "1\n", shape: [], values: [1]),
    ShapeCase(text: "1\n", minimumDimensions: 1, shape: [1], values: [1]),
    ShapeCase(text: "1\n2\n", minimumDimensions: 2, shape: [2, 1], values: [1, 2]),
    ShapeCase(text: "1 2\n", minimumDimensions: 2, shape: [1, 2], values: [1, 2]),
    ShapeCase(text: "1 2\n3 4\n", shape: [2, 2], values: [1, 2, 3, 4]),
    ShapeCase(text: "1 2\n\n3 4 # c\n", shape: [2, 2], values: [1, 2, 3, 4]),
    ShapeCase(text: "   \n1 2", shape: [2], values: [1, 2]),
    ShapeCase(text: "1#2\n3#4\n", shape: [2], values: [1, 3]),
    ShapeCase(text: "1\t2\u{0B}3\u{0C}4\n", shape: [4], values: [1, 2, 3, 4]),
    ShapeCase(text: "1,2\r\n3,4\r\n", delimiter: ",", shape: [2, 2], values: [1, 2, 3, 4]),
    ShapeCase(text: "1\r2\r", shape: [2], values: [1, 2]),
    ShapeCase(text: "1,2\n\n3,4", delimiter: ",", shape: [2, 2], values: [1, 2, 3, 4]),
    ShapeCase(text: " 1 , 2 \n", delimiter: ",", shape: [2], values: [1, 2]),
    ShapeCase(text: "1, 2\n3,\t4\n", delimiter: ",", shape: [2, 2], values: [1, 2, 3, 4]),
    ShapeCase(text: "1,2#c\n", delimiter: ",", shape: [2], values: [1, 2]),
    ShapeCase(text: "1;2\n3;4\n", delimiter: ";", shape: [2, 2], values: [1, 2, 3, 4]),
    ShapeCase(text: "1 2 3\n4 5 6\n", columns: [0, 2], shape: [2, 2], values: [1, 3, 4, 6]),
    ShapeCase(text: "1 2 3\n4 5 6\n", columns: [-1], shape: [2], values: [3, 6]),
    ShapeCase(text: "1 2 3\n4 5 6\n", columns: [0, 0], shape: [2, 2], values: [1, 1, 4, 4]),
    ShapeCase(text: "1 2\n3 4 5\n", columns: [-1], shape: [2], values: [2, 5]),
    ShapeCase(text: "a\n1 2\n3 4\n", skipRows: 1, shape: [2, 2], values: [1, 2, 3, 4]),
    ShapeCase(text: "a\n# c\n\n1 2\n3 4\n", skipRows: 3, shape: [2, 2], values: [1, 2, 3, 4]),
    ShapeCase(text: "1 2\n3 4\n", skipRows: 5, shape: [0], values: []),
    ShapeCase(text: "1 2\n3 4\n5 6\n", maxRows: 2, shape: [2, 2], values: [1, 2, 3, 4]),
    ShapeCase(text: "# c\n1 2\n3 4\n", maxRows: 1, shape: [2], values: [1, 2]),
    ShapeCase(text: "1 2\n3 x\n", maxRows: 1, shape: [2], values: [1, 2]),
    ShapeCase(text: "1 2\n", maxRows: 0, shape: [0], values: []),
    ShapeCase(text: "1 2\n", maxRows: 0, minimumDimensions: 2, shape: [0, 1], values: []),
    ShapeCase(text: "+1.5e3 -0 1. .5 1e-400\n", shape: [5], values: [1500, 0, 1, 0.5, 0]),
  ]

  @Test("shapes and values as NumPy's loadtxt gives them", arguments: shapes)
  func shapesAsNumPy(_ c: ShapeCase) throws {
    let a = try NDArray<Double>.loadText(
      fromString: c.text, delimiter: c.delimiter, skipRows: c.skipRows, columns: c.columns, maxRows: c.maxRows,
      minimumDimensions: c.minimumDimensions)
    #expect(Array(a.shape) == c.shape)
    #expect(a.elements == c.values)
  }

  /// An expected failure: where and why.
  struct ErrorCase: CustomTestStringConvertible, Sendable {
    var text: String
    var delimiter: String? = nil
    var columns: [Int]? = nil
    var line: Int?
    var column: Int?
    var reason: TextFileError.Reason
    var testDescription: String { text.debugDescription }
  }

  static let errors: [ErrorCase] = [
    ErrorCase(text: "1 2\n3\n", line: 2, column: nil, reason: .columnCountChanged(expected: 2, found: 1)),
    ErrorCase(text: "# c\n\n1 2\n3 4 5\n", line: 4, column: nil, reason: .columnCountChanged(expected: 2, found: 3)),
    ErrorCase(text: "# c\n\n1 2\n3 x\n", line: 4, column: 2, reason: .invalidValue(text: "x", type: "float64")),
    ErrorCase(text: "1,2,\n3,4,\n", delimiter: ",", line: 1, column: 3, reason: .invalidValue(text: "", type: "float64")),
    ErrorCase(text: "1,,3\n", delimiter: ",", line: 1, column: 2, reason: .invalidValue(text: "", type: "float64")),
    ErrorCase(text: "1,2\n  \n3,4", delimiter: ",", line: 2, column: nil, reason: .columnCountChanged(expected: 2, found: 1)),
    ErrorCase(text: "1 2 3\n4 5 x\n", columns: [2], line: 2, column: 3, reason: .invalidValue(text: "x", type: "float64")),
    ErrorCase(text: "1 2 3\n4 5 6\n", columns: [5], line: 1, column: nil, reason: .columnIndexOutOfRange(index: 5, columns: 3)),
    ErrorCase(text: "# c\n1 2 3\n4 5\n", columns: [2], line: 3, column: nil, reason: .columnIndexOutOfRange(index: 2, columns: 2)),
    ErrorCase(text: "1 2\n", columns: [-3], line: 1, column: nil, reason: .columnIndexOutOfRange(index: -3, columns: 2)),
    ErrorCase(text: "0x10\n", line: 1, column: 1, reason: .invalidValue(text: "0x10", type: "float64")),
    ErrorCase(text: "1\r\n2\r\n3 4\r\n", line: 3, column: nil, reason: .columnCountChanged(expected: 1, found: 2)),
    ErrorCase(text: "1\r2\r3 4\r", line: 3, column: nil, reason: .columnCountChanged(expected: 1, found: 2)),
    ErrorCase(text: "\"1\",2\n", delimiter: ",", line: 1, column: 1, reason: .invalidValue(text: "\"1\"", type: "float64")),
  ]

  @Test("errors name the line, the column and the reason", arguments: errors)
  func errorsNamePlaces(_ c: ErrorCase) {
    #expect(throws: TextFileError(file: "<string>", line: c.line, column: c.column, reason: c.reason)) {
      _ = try NDArray<Double>.loadText(fromString: c.text, delimiter: c.delimiter, columns: c.columns)
    }
  }

  @Test("integers refuse points and exponents, and out-of-range values, as NumPy 2 does")
  func integers() throws {
    #expect(try NDArray<Int64>.loadText(fromString: " 12 \n+5\n-7\n00012\n") == NDArray([12, 5, -7, 12]))
    #expect(throws: TextFileError(file: "<string>", line: 1, column: 1, reason: .invalidValue(text: "1.5", type: "int64"))) {
      _ = try NDArray<Int64>.loadText(fromString: "1.5 2\n")
    }
    #expect(throws: TextFileError(file: "<string>", line: 1, column: 1, reason: .invalidValue(text: "1e3", type: "int64"))) {
      _ = try NDArray<Int64>.loadText(fromString: "1e3\n")
    }
    #expect(throws: TextFileError(file: "<string>", line: 2, column: 1, reason: .outOfRange(text: "300", type: "int8"))) {
      _ = try NDArray<Int8>.loadText(fromString: "1\n300\n")
    }
    #expect(throws: TextFileError(file: "<string>", line: 1, column: 1, reason: .invalidValue(text: "-1", type: "uint8"))) {
      _ = try NDArray<UInt8>.loadText(fromString: "-1\n")
    }
    #expect(throws: TextFileError(file: "<string>", line: 1, column: 1, reason: .invalidValue(text: "-0", type: "uint64"))) {
      _ = try NDArray<UInt64>.loadText(fromString: "-0\n")
    }
    #expect(
      throws: TextFileError(
        file: "<string>", line: 1, column: 1, reason: .outOfRange(text: "99999999999999999999", type: "int64"))
    ) {
      _ = try NDArray<Int64>.loadText(fromString: "99999999999999999999\n")
    }
    #expect(try NDArray<UInt64>.loadText(fromString: "18446744073709551615\n")[] == .max)
    #expect(try NDArray<Int64>.loadText(fromString: "-9223372036854775808\n")[] == .min)
    #expect(try NDArray<Int8>.loadText(fromString: "-128 127\n") == NDArray([-128, 127]))
  }

  @Test("Bool reads integers (non-zero is true); complex reads 1+2j, 2j and (1+2j)")
  func boolAndComplex() throws {
    #expect(try NDArray<Bool>.loadText(fromString: "1 0 2 -1\n") == NDArray([true, false, true, true]))
    #expect(throws: TextFileError.self) { _ = try NDArray<Bool>.loadText(fromString: "True\n") }
    let z = try NDArray<Complex<Double>>.loadText(fromString: "1+2j 3 (1-2j) 2.5j inf+nanj\n")
    #expect(z[item: 0] == Complex(1, 2))
    #expect(z[item: 1] == Complex(3, 0))
    #expect(z[item: 2] == Complex(1, -2))
    #expect(z[item: 3] == Complex(0, 2.5))
    #expect(!z[item: 4].isFinite)  // swift-numerics reads every non-finite value as one infinity
    for refused in ["1+2J", "-j", "j", "1+j", "( 1+2j)", "(1+2j", "1+ 2j"] {
      #expect(throws: TextFileError.self, "\(refused)") {
        _ = try NDArray<Complex<Double>>.loadText(fromString: refused + "\n", delimiter: ",")
      }
    }
  }

  @Test("NaN and infinities; Float and Float16 round through a double, as NumPy does")
  func specialsAndNarrowFloats() throws {
    let a = try NDArray<Double>.loadText(fromString: "nan inf -inf NaN INF Infinity -nan\n")
    let values = a.elements
    #expect(values[0].isNaN && values[3].isNaN && values[6].isNaN)
    #expect(values[1] == .infinity && values[2] == -.infinity && values[4] == .infinity && values[5] == .infinity)
    // 0.1000000000000000055511151231257827 rounds to the double 0.1, then to
    // Float(0.1); Float's own parse could differ on double-rounding cases.
    let text = "0.1 3.4e39 1.00000005960464477539062500000001\n"
    let f = try NDArray<Float>.loadText(fromString: text)
    let d = try NDArray<Double>.loadText(fromString: text)
    #expect(f.elements == d.elements.map { Float($0) })
    #expect(try NDArray<Float16>.loadText(fromString: "1e5 0.5\n") == NDArray<Float16>([.infinity, 0.5]))
  }

  @Test("converters read the columns they are keyed by; their errors name the place")
  func converters() throws {
    let a = try NDArray<Double>.loadText(
      fromString: "1 a\n2 b\n", converters: [1: { $0 == "a" ? 10 : 20 }])
    #expect(a == NDArray([1, 10, 2, 20], shape: [2, 2]))
    let b = try NDArray<Double>.loadText(
      fromString: "1 2 3\n", columns: [1, 2], converters: [-1: { Double($0)! * 10 }])
    #expect(b == NDArray([2, 30]))
    struct Refused: Error {}
    #expect(throws: TextFileError(file: "<string>", line: 2, column: 1, reason: .converterFailed(text: "x", message: "Refused()"))) {
      _ = try NDArray<Double>.loadText(fromString: "1\nx\n", converters: [0: { s in if s == "x" { throw Refused() }; return 1 }])
    }
  }

  @Test("a file that does not exist, and a directory, are errors naming the path")
  func missingFiles() throws {
    let folder = try temporaryFolder("loadtext-missing")
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = folder.appendingPathComponent("nothing.txt")
    do throws(TextFileError) {
      _ = try NDArray<Double>.loadText(from: missing)
      Issue.record("read a file that does not exist")
    } catch {
      #expect(error.file == missing.path)
      #expect(error.reason == .system("cannot open: No such file or directory"))
    }
    #expect(throws: TextFileError(file: folder.path, reason: .notRegularFile("a directory"))) {
      _ = try NDArray<Double>.loadText(from: folder)
    }
  }

  @Test("NumPy's savetxt files read back bit for bit, at 1, 2, 3 and 8 threads (blocks of a large file)")
  func numpyFiles() throws {
    guard Python.hasNumPy else { return }
    let folder = try temporaryFolder("loadtext-numpy")
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Python.run([
      "-c",
      """
      import numpy as np, sys
      d = sys.argv[1]
      rng = np.random.default_rng(5)
      x = rng.standard_normal((300000, 4)) * 10.0 ** rng.integers(-300, 300, (300000, 4))
      x[0, 0] = np.nan; x[1, 1] = np.inf; x[2, 2] = -np.inf; x[3, 3] = -0.0; x[4, 0] = 5e-324
      np.savetxt(d + '/big.csv', x, fmt='%.17g', delimiter=',')
      np.save(d + '/big.npy', np.loadtxt(d + '/big.csv', delimiter=','))
      np.savetxt(d + '/e.txt', x[:1000], header='a b c d\\nsecond line', footer='end')
      np.save(d + '/e.npy', np.loadtxt(d + '/e.txt'))
      i = rng.integers(-2**63, 2**63 - 1, (1000, 3), dtype=np.int64)
      np.savetxt(d + '/i.txt', i, fmt='%d', delimiter='\\t', newline='\\r\\n')
      np.save(d + '/i.npy', np.loadtxt(d + '/i.txt', dtype=np.int64, delimiter='\\t'))
      """,
      folder.path,
    ])
    let big = try NDArray<Double>(contentsOfNPY: folder.appendingPathComponent("big.npy"))
    let saved = Parallelism.threadCount
    defer { Parallelism.threadCount = saved }
    for threads in [1, 2, 3, 8] {
      Parallelism.threadCount = threads
      let read = try NDArray<Double>.loadText(from: folder.appendingPathComponent("big.csv"), delimiter: ",")
      #expect(read.shape == big.shape)
      #expect(zip(read.elements, big.elements).allSatisfy { $0.bitPattern == $1.bitPattern }, "\(threads) threads")
    }
    let e = try NDArray<Double>.loadText(from: folder.appendingPathComponent("e.txt"))
    let eNumPy = try NDArray<Double>(contentsOfNPY: folder.appendingPathComponent("e.npy"))
    #expect(e.shape == eNumPy.shape)
    #expect(zip(e.elements, eNumPy.elements).allSatisfy { $0.bitPattern == $1.bitPattern })
    let ints = try NDArray<Int64>.loadText(from: folder.appendingPathComponent("i.txt"), delimiter: "\t")
    #expect(ints == (try NDArray<Int64>(contentsOfNPY: folder.appendingPathComponent("i.npy"))))
  }

  @Test("an error deep in a large file names its line, whichever block finds it")
  func errorInLaterBlock() throws {
    var text = String(repeating: "1.25,2.5,3.75\n", count: 200_000)
    text += "1,2,oops\n"
    text += String(repeating: "4,5,6\n", count: 1000)
    let saved = Parallelism.threadCount
    defer { Parallelism.threadCount = saved }
    for threads in [1, 2, 8] {
      Parallelism.threadCount = threads
      #expect(throws: TextFileError(file: "<string>", line: 200_001, column: 3, reason: .invalidValue(text: "oops", type: "float64"))) {
        _ = try NDArray<Double>.loadText(fromString: text, delimiter: ",")
      }
    }
  }
}
