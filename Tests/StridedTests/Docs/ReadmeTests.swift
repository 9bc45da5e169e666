import Foundation
import Testing

import Strided

/// The README's tour, as written there, with its claims checked.
@Suite("README")
struct ReadmeTests {
  @Test func tour() throws {
    let m = try NDArray<Double>.arange(to: 12).reshaped(to: [3, 4])
    let t = m.transposed()
    #expect(t.strides == [8, 32] && t.storage === m.storage)
    let evens = m[.all, .slice(by: 2)]
    #expect(evens.elements == [0, 2, 4, 6, 8, 10] && evens.storage === m.storage)
    t[0, 1] = 100
    #expect(m[item: 1, 0] == 100)
    m[m .> 10] = 10
    #expect(m[item: 1, 0] == 10 && m[item: 2, 3] == 10 && m[item: 2, 2] == 10 && m[item: 2, 1] == 9)
    let centred = m - m.mean(axis: 0, keepingDimensions: true)
    #expect(try abs(centred.sum(axis: 0)).max() < 1e-12)
    let gram = t.matmul(m)
    #expect(gram == m.transposed().copy().matmul(m.copy()))
    #expect(BLAS.countingPackedOperands { t.matmul(m) }.packed == 0)
    let x = try NDArray<Double>([4, 1, 1, 3], shape: [2, 2]).solve([1, 2])
    #expect(Swift.abs(x[item: 0] - 1.0 / 11) < 1e-15 && Swift.abs(x[item: 1] - 7.0 / 11) < 1e-15)
    let xs = try NDArray<Double>(NDView(format: "T{d:x:d:y:}", shape: [3]).field("x"))
    #expect(xs.strides == [16])
    try m.writeNPY(to: URL(fileURLWithPath: "/tmp/m.npy"))
    #expect(try NDArray<Double>(NDView(contentsOfNPY: URL(fileURLWithPath: "/tmp/m.npy"))) == m)
  }

  /// The README's tour block holds exactly the lines this test runs.
  @Test func tourMatchesTheReadme() throws {
    let readme = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md"),
      encoding: .utf8)
    let tour = readme.components(separatedBy: "## A ten-line tour")[1].components(separatedBy: "```")[1]
    let code = tour.split(separator: "\n").filter { !$0.hasPrefix("import") && $0 != "swift" }
    #expect(code.count == 10)
    let statements = code.map { $0.components(separatedBy: "//")[0].trimmingCharacters(in: .whitespaces) }
    let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    for statement in statements { #expect(test.contains(statement), "\(statement)") }
  }
}
