import Foundation
import Testing

/// The NumPy spellings a new user types first: each must compile to an
/// error whose fix-it names Strided's spelling (or, where Strided provides
/// the NumPy name, compile). A snippet is type-checked against the built
/// module, as a user's file would be.
@Suite("NumPy spellings")
struct NumPySpellingsTests {
  /// A line of NumPy-flavoured Swift and the rename the compiler must offer.
  static let renamed: [(line: String, message: String)] = [
    ("_ = a.nanprod()", "'nanprod()' has been renamed to 'nanProduct()'"),
    ("_ = a.nancumsum()", "'nancumsum(axis:)' has been renamed to 'nanCumulativeSum(axis:)'"),
    ("_ = a.nancumprod()", "'nancumprod(axis:)' has been renamed to 'nanCumulativeProduct(axis:)'"),
    ("_ = m.T", "'T' has been renamed to 'transposed()'"),
    ("_ = m.transpose()", "'transpose()' has been renamed to 'transposed()'"),
    ("_ = a.astype(Float.self)", "'astype' has been renamed to 'converted(to:)'"),
    ("_ = a.reshape([2, 3])", "'reshape' has been renamed to 'reshaped(to:)'"),
    ("_ = m.flatten()", "'flatten()' has been renamed to 'flattened()'"),
    ("_ = m.ravel()", "'ravel()' has been renamed to 'flattened()'"),
    ("_ = m.squeeze()", "'squeeze()' has been renamed to 'squeezed()'"),
    ("_ = m.swapaxes(0, 1)", "'swapaxes' has been renamed to 'swappingAxes(_:_:)'"),
    ("_ = a.expand_dims(0)", "'expand_dims' has been renamed to 'expandingDimensions(at:)'"),
    ("_ = a.size", "'size' has been renamed to 'count'"),
    ("_ = a.itemsize", "'itemsize' has been renamed to 'itemSize'"),
    ("_ = a.tolist()", "'tolist()' has been renamed to 'elements'"),
    ("_ = a.any()", "'any()' has been renamed to 'anyTrue()'"),
    ("_ = a.all()", "'all()' has been renamed to 'allTrue()'"),
    ("_ = a.cumsum()", "'cumsum(axis:)' has been renamed to 'cumulativeSum(axis:)'"),
    ("_ = a.cumprod()", "'cumprod(axis:)' has been renamed to 'cumulativeProduct(axis:)'"),
    ("_ = a.std()", "'std()' has been renamed to 'standardDeviation()'"),
    ("_ = a.var()", "'var()' has been renamed to 'variance()'"),
    ("_ = a.clip(0, 1)", "'clip' has been renamed to 'clipped(min:max:)'"),
    ("_ = NDArray<Double>.arange(10)", "'arange' has been renamed to 'arange(to:)'"),
    ("_ = NDArray<Double>.linspace(0, 1, 5)", "'linspace' has been renamed to 'linspace(from:to:count:)'"),
    ("_ = NDArray<Double>.zeros_like(a)", "'zeros_like' has been renamed to 'zeros(like:)'"),
    ("_ = NDArray<Double>.ones_like(a)", "'ones_like' has been renamed to 'ones(like:)'"),
    ("_ = a.isin(m)", "'isin(_:invert:)' has been renamed to 'isIn(_:inverted:)'"),
    ("_ = a.intersect1d(a)", "'intersect1d(_:assume_unique:)' has been renamed to 'intersection(_:assumingUnique:)'"),
    ("_ = a.union1d(a)", "'union1d' has been renamed to 'union(_:)'"),
    ("_ = a.setdiff1d(a)", "'setdiff1d(_:assume_unique:)' has been renamed to 'subtracting(_:assumingUnique:)'"),
    ("_ = a.setxor1d(a)", "'setxor1d(_:assume_unique:)' has been renamed to 'symmetricDifference(_:assumingUnique:)'"),
  ]

  /// Lines that compile: the NumPy names Strided provides.
  static let provided = [
    "_ = a ** 2", "_ = a ** 0.5", "_ = a ** a", "_ = NDArray<Int>([1, 2]) ** 3", "_ = a.nbytes", "_ = a.itemSize",
    "_ = a.count",
    "_ = NDArray.zeros(like: a)", "_ = NDArray.ones(like: m)", "_ = NDArray.full(like: a, 7)",
    // np.array of nested lists, literals or variables.
    "_ = NDArray<Int>([[0, 1], [1, 0]])", "let rows: [[Double]] = [[1, 2]]; _ = NDArray(rows)",
    "let cube: NDArray<Double> = [[[1, 2]], [[3, 4]]]; _ = cube", "_ = NDArray<Double>([])",
    // np.where with a scalar branch.
    "let fill = 0.0; _ = NDArray.where(a .> 2, fill, a); _ = NDArray.where(a .> 2, a, fill)",
    "_ = NDArray.where(a .> 2, 0.0, a)",
    // axis= for one axis.
    "_ = a.nanMean(axis: 0); _ = try? m.median(axis: 1); _ = m.countNonzero(axis: 0); _ = try? m.norm(axis: 1)",
    // Truthiness and closeness of integers.
    "_ = NDArray<Int>([1, 0]).anyTrue(); _ = m.allTrue(axis: 0); _ = try? allclose(NDArray<Int>([1]), NDArray<Int>([1]))",
    "_ = try? a.repeated(NDArray<Int>([1, 2, 3, 1, 2, 3]))",
    // Complex comes with import Strided.
    "let z = Complex<Double>(1, 2); let zs: NDArray<Complex<Double>> = [.element(z), 3]; _ = NDArray([z]) .== zs",
    // Print options.
    "setPrintOptions(precision: 3); withPrintOptions(precision: 2, suppressSmall: true) { print(a) }",
    "PrintOptions.current.threshold = 10; _ = a.description(options: PrintOptions(lineWidth: 40))",
  ]

  /// The folder of the build that made this test binary, when it holds the
  /// module interface files a client compiles against.
  static var buildFolder: URL? {
    guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
    let folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
    let module = folder.appendingPathComponent("Modules/Strided.swiftmodule")
    return FileManager.default.fileExists(atPath: module.path) ? folder : nil
  }

  /// Type-checks `source` against the built module; the compiler's output.
  static func typecheck(_ source: String, in build: URL) throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let scratch = build.deletingLastPathComponent().deletingLastPathComponent()
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("strided-spellings-\(UUID().uuidString).swift")
    try source.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "swiftc", "-typecheck", "-I", build.appendingPathComponent("Modules").path,
      "-I", root.appendingPathComponent("Sources/COpenBLAS").path,
      "-I", scratch.appendingPathComponent("checkouts/swift-numerics/Sources/_NumericsShims/include").path,
      "-Xcc", "-fmodule-map-file=" + build.appendingPathComponent("CStrided.build/module.modulemap").path,
      file.path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self)
  }

  static let prelude = """
    import Strided
    let a = NDArray<Double>.arange(to: 6)
    let m = try! a.reshaped(to: [2, 3])

    """

  @Test("each of the common NumPy spellings gives a fix-it to Strided's name")
  func renamesGiveFixIts() throws {
    guard let build = Self.buildFolder else { return }
    let output = try Self.typecheck(Self.prelude + Self.renamed.map(\.line).joined(separator: "\n"), in: build)
    #expect(Self.renamed.count >= 20)
    for (line, message) in Self.renamed {
      #expect(output.contains(message), "\(line): \(output.prefix(2000))")
    }
  }

  @Test("the NumPy names Strided provides compile")
  func providedNamesCompile() throws {
    guard let build = Self.buildFolder else { return }
    let output = try Self.typecheck(Self.prelude + Self.provided.joined(separator: "\n"), in: build)
    #expect(!output.contains("error:"), "\(output.prefix(2000))")
  }
}
