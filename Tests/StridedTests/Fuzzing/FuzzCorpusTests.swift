import Foundation
import Testing

/// Replays the fuzz targets' committed inputs (the seed corpus and every
/// crash found, minimized) through the same harnesses the fuzzers run, and
/// feeds each harness fresh random inputs from a fixed seed.
@Suite("Fuzz corpus")
struct FuzzCorpusTests {
  /// `Tests/Fuzz`, beside this target's folder.
  static let fuzzDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fuzz")

  /// Runs the harness of a fuzz target on one input.
  static func run(_ target: String, _ bytes: [UInt8]) throws(FuzzFailure) {
    switch target {
    case "format": try FormatFuzzing.run(bytes)
    case "npy": try NPYFuzzing.run(bytes)
    case "npz": try NPZFuzzing.run(bytes)
    default: try ViewFuzzing.run(bytes)
    }
  }

  /// The committed inputs of a target: its seed corpus and its regressions.
  static func inputs(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
    var result: [(String, [UInt8])] = []
    for folder in ["Corpus", "Regressions"] {
      let directory = fuzzDirectory.appendingPathComponent(folder).appendingPathComponent(target)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
      for name in names.sorted() where !name.hasPrefix(".") {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        result.append(("\(folder)/\(target)/\(name)", [UInt8](data)))
      }
    }
    return result
  }

  @Test(arguments: ["format", "npy", "npz", "views"])
  func committedInputsPass(target: String) throws {
    let inputs = try Self.inputs(target)
    #expect(inputs.count >= (target == "npz" ? 7 : 20), "the \(target) corpus holds \(inputs.count) inputs")
    for (name, bytes) in inputs {
      do throws(FuzzFailure) {
        try Self.run(target, bytes)
      } catch {
        Issue.record("\(name): \(error)")
      }
    }
  }

  /// Random bytes through the view fuzzer: each input is a random layout
  /// and a random sequence of operations, checked against the reference.
  @Test func randomViewOperationsMatchTheReference() {
    var generator = SplitMix(seed: 0x5EED_0F_F1E5)
    var operations = 0
    for run in 0..<1500 {
      let bytes = (0..<Int.random(in: 8...120, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      do throws(FuzzFailure) {
        operations += try ViewFuzzing.run(bytes)
      } catch {
        Issue.record("random input \(run) (\(bytes)): \(error)")
        return
      }
    }
    // Most random layouts reach outside their storage; enough do not.
    #expect(operations >= 1500, "only \(operations) operations were checked")
  }

  /// Random strings over the format grammar's alphabet.
  @Test func randomFormatsParseOrThrow() {
    var generator = SplitMix(seed: 0xF0_4A7)
    let alphabet = Array("xcbB?hHiIlLqQnNefdspPZT{}():@=<>!^ 0123456789ab,g".utf8)
    for run in 0..<3000 {
      let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
      do throws(FuzzFailure) {
        try FormatFuzzing.run(bytes)
      } catch {
        Issue.record("random format \(run) \(String(decoding: bytes, as: UTF8.self).debugDescription): \(error)")
        return
      }
    }
  }

  /// The seed `.npy` files with random bytes changed, cut or repeated.
  @Test func mutatedNPYFilesReadOrThrow() throws {
    var generator = SplitMix(seed: 0x4E_5059)
    let seeds = try Self.inputs("npy").map(\.bytes)
    for run in 0..<400 {
      var bytes = seeds.randomElement(using: &generator)!
      for _ in 0..<Int.random(in: 1...4, using: &generator) where !bytes.isEmpty {
        let i = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0...3, using: &generator) {
        case 0: bytes[i] = UInt8.random(in: 0...255, using: &generator)
        case 1: bytes.removeSubrange(i...)
        case 2: bytes.insert(contentsOf: bytes[i..<min(bytes.count, i + 8)], at: i)
        default: bytes[i] ^= 1 << UInt8.random(in: 0...7, using: &generator)
        }
      }
      do throws(FuzzFailure) {
        try NPYFuzzing.run(bytes, throughFiles: run % 4 == 0)
      } catch {
        Issue.record("mutated .npy \(run): \(error)")
        return
      }
    }
  }
}

extension FuzzCorpusTests {
  /// The seed archives with random bytes changed, cut or repeated: sizes,
  /// offsets, counts and CRCs that lie.
  @Test func mutatedArchivesReadOrThrow() throws {
    var generator = SplitMix(seed: 0x4E_505A)
    let seeds = try Self.inputs("npz").map(\.bytes).filter { $0.count > 64 }
    for run in 0..<300 {
      var bytes = seeds.randomElement(using: &generator)!
      for _ in 0..<Int.random(in: 1...3, using: &generator) where !bytes.isEmpty {
        // Most damage lands in the directory and headers, near the end.
        let i = Bool.random(using: &generator)
          ? Int.random(in: Swift.max(0, bytes.count - 120)..<bytes.count, using: &generator)
          : Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0...3, using: &generator) {
        case 0: bytes[i] = UInt8.random(in: 0...255, using: &generator)
        case 1: bytes.removeSubrange(i...)
        case 2: bytes[i] = 0xFF
        default: bytes[i] ^= 1 << UInt8.random(in: 0...7, using: &generator)
        }
      }
      do throws(FuzzFailure) {
        try NPZFuzzing.run(bytes)
      } catch {
        Issue.record("mutated .npz \(run): \(error)")
        return
      }
    }
  }
}

/// A small seeded generator, so random tests repeat exactly.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
