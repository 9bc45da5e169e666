import Foundation
import Testing

/// Runs the example executables the test target depends on and checks what
/// they print.
@Suite("Examples")
struct ExamplesTests {
  /// The directory holding the built products, beside the test binary.
  static var productsDirectory: URL {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // Some runners start the tests from inside a bundle directory.
    while url.pathExtension == "xctest" || url.lastPathComponent == "Contents" || url.lastPathComponent == "MacOS" {
      url.deleteLastPathComponent()
    }
    return url
  }

  /// Runs an example and returns what it printed; `launcher` runs it
  /// through another program (`taskset -c 0`), `environment` replaces or
  /// (with `nil` values) removes variables.
  static func run(
    _ name: String, launcher: [String] = [], environment changes: [String: String?] = [:]
  ) throws -> String {
    let process = Process()
    let example = productsDirectory.appendingPathComponent(name)
    if let program = launcher.first {
      process.executableURL = URL(fileURLWithPath: program)
      process.arguments = Array(launcher.dropFirst()) + [example.path]
    } else {
      process.executableURL = example
    }
    if !changes.isEmpty {
      var environment = ProcessInfo.processInfo.environment
      for (key, value) in changes { environment[key] = value }
      process.environment = environment
    }
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
  }

  /// The lines an example prints.
  static func lines(_ name: String) throws -> [String] {
    try run(name).split(separator: "\n").map(String.init)
  }

  @Test func byteBuffer() throws {
    let lines = try Self.lines("byte-buffer")
    #expect(lines.contains("Content read from the buffer: abcdefghij"))
    #expect(lines.contains("As B:      [ 97  98  99 100 101 102 103 104 105 106]"))
    #expect(lines.contains("As <H:     [25185 25699 26213 26727 27241]"))
    #expect(lines.contains("As (2,5)c: [\"abcde\", \"fghij\"]"))
    #expect(lines.contains("After writing \"A\" through the B view: <H[0] = 25153, grid row 0 = Abcde"))
  }

  @Test func matmul() throws {
    let output = try Self.run("matmul")
    let lines = output.split(separator: "\n").map(String.init)
    #expect(output.contains("C = A·B =\n[[ 58.  64.]\n [139. 154.]]"))
    #expect(lines.contains("Pᵀ is a view: shape [48, 64], strides [8, 384], same storage as P: true"))
    #expect(lines.contains("Pᵀ·P: shape [48, 48], agrees with the product of copies: true"))
    #expect(lines.contains("block = big[8:56, 16:64]: strides [768, 8], same storage as big: true"))
    #expect(lines.contains("block·block: shape [48, 48], agrees with the product of copies: true"))
    // The transposed and the sliced operand each go to BLAS as they are.
    #expect(lines.filter { $0 == "operands copied for BLAS: 0" }.count == 2)
    #expect(lines.contains("big[:, ::2] has strides [768, 16]: operands copied for BLAS: 2"))
    #expect(lines.contains("batched: [4, 2, 3] @ [3, 2] -> [4, 2, 2]"))
    #expect(output.contains("batch 3 =\n[[517. 574.]\n [598. 664.]]"))
    let timing = try #require(lines.first { $0.hasPrefix("256×256 matmul:") })
    #expect(timing.contains("raw cblas_dgemm:") && timing.contains("ratio") && timing.hasSuffix("same result: true"))
  }

  @Test func linearFit() throws {
    let lines = try Self.lines("linear-fit")
    #expect(lines.contains("design matrix: shape [200, 3], strides [8, 1600] (Fortran order)"))
    #expect(lines.contains("fitted:  c0 = 1.5153, c1 = -1.9942, c2 = 0.4976"))
    #expect(lines.contains("residual sum of squares: 17.2563; RMS error: 0.2937"))
    #expect(lines.contains("rank 3; condition number 6.31"))
    #expect(lines.contains("normal equations agree to within 1e-9"))
    #expect(lines.contains("recomputed residual: 17.2563"))
  }

  /// The numbers are NumPy's for the same seed (np.random.default_rng(7)).
  @Test func spectrum() throws {
    let lines = try Self.lines("spectrum")
    #expect(lines.contains("samples: 2000 at 1000.0 Hz; 1001 coefficients, 0.50 Hz apart"))
    #expect(lines.contains("peak at 50.0 Hz, amplitude 1.02"))
    #expect(lines.contains("peak at 120.0 Hz, amplitude 0.53"))
    #expect(lines.contains("noise floor (median amplitude): 0.030"))
    #expect(lines.contains("Parseval: relative difference below 1e-12"))
    #expect(lines.contains("convolution: 2050 outputs; through rfft and directly agree to within 1e-12"))
    #expect(lines.contains("power above 100 Hz: 48.7% before smoothing, 0.2% after"))
  }

  @Test func image() throws {
    let lines = try Self.lines("image")
    #expect(lines.contains("crop:           shape [32, 32, 3], strides [192, 3, 1], view"))
    #expect(lines.contains("mirrored:       shape [32, 32, 3], strides [192, -3, 1], view"))
    #expect(lines.contains("green channel:  shape [32, 32], strides [192, -3], view"))
    #expect(lines.contains("channels first: shape [3, 32, 32], strides [1, 192, -3], view"))
    #expect(lines.contains("mirrored[0, 0] = [188, 40, 96], image[8, 47] = [188, 40, 96]"))
    // Red averages columns 16–47 × 4, green rows 8–39 × 5, blue is 96.
    #expect(lines.contains("channel means:  [126.0, 117.5, 96.0]"))
    #expect(lines.contains("mean grey level: 117.59"))
    #expect(!lines.contains { $0.hasSuffix("COPY") })
  }

  @Test func kmeans() throws {
    let lines = try Self.lines("kmeans")
    #expect(lines.contains("step 1: inertia 4196.53"))
    #expect(lines.contains("step 8: inertia 3024.26"))
    #expect(lines.contains("centres: [0.01, -0.02, 5.07, 4.99, -0.04, 5.0]"))
    #expect(lines.contains { $0.hasPrefix("one step, Strided: ") })
    #expect(lines.contains { $0.hasPrefix("one step, NumPy: ") })
  }

  @Test func records() throws {
    let lines = try Self.lines("records")
    #expect(lines.contains("records: shape [4], item size 40 bytes"))
    #expect(lines.contains("  field temps at byte 28: 3f"))
    #expect(lines.contains("position.lat: strides [40], byte offset 8, same storage: true"))
    #expect(lines.contains("temps:        shape [4, 3], strides [40, 4]"))
    // NumPy: a["temps"].mean(axis=1) is [4.43, 13.87, 19.47, 2.03].
    #expect(lines.contains("Oslo   lat 59.91, lon 10.75, 23 m, mean 4.4 °C"))
    #expect(lines.contains("Quito  lat -0.18, lon -78.47, 2850 m, mean 13.9 °C"))
    #expect(lines.contains("Lima   lat -12.05, lon -77.04, 154 m, mean 19.5 °C"))
    #expect(lines.contains("Davos  lat 46.8, lon 9.84, 1560 m, mean 2.0 °C"))
    #expect(lines.contains("Quito's elevation through a fresh view of the records: 2851 m"))
    #expect(lines.contains("highest station: 1, warmest on average: 2"))
  }

  @Test(.enabled(if: Python.hasNumPy), .enabled(if: ProcessInfo.processInfo.environment["STRIDED_SANITIZER"] == nil))
  func numpyHandoff() throws {
    let lines = try Self.lines("numpy-handoff")
    #expect(lines.contains { $0.hasPrefix("Python 3.") && $0.hasSuffix("running inside this process") })
    #expect(lines.contains("NumPy reads Strided's view (4, 3) with strides (8, 32) at the same address: no copy"))
    #expect(
      lines.contains(
        "Strided sums NumPy's array to 45.0 and scales x[::-2] in place: [0.0, 10.0, 2.0, 30.0, 4.0, 50.0, 6.0, 70.0, 8.0, 90.0]"))
    #expect(lines.last == "Both directions shared one buffer each: no copies.")
  }
}
