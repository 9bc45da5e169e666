import ComplexModule
import Foundation
import Testing

@testable import Strided

/// One public API that takes a count, a shape, a length, a width or an
/// index array, called with a hostile value. The body returns `true` when
/// the call returned normally (a failure for a hostile value), `false` when
/// the value does not apply to it; it throws the API's own typed error.
struct SizeAttack: Sendable {
  let name: String
  let run: @Sendable (Int) -> (returned: Bool, error: String?)

  init<E: Error>(_ name: String, _ body: @escaping @Sendable (Int) throws(E) -> Bool) {
    self.name = name
    run = { value in
      do {
        return (try body(value), nil)
      } catch {
        return (false, "\(error)")
      }
    }
  }
}

/// The size attack: every throwing API that takes a size, called with
/// negative, `Int`-overflowing and merely huge values.
enum SizeAttacks {
  /// Negative, overflowing and huge: 2⁴⁰ elements of 8 bytes is 8 TiB.
  static let values = [-1, -(1 << 40), Int.min, Int.max, Int.max / 2, Int.max / 3 + 1, 1 << 62, 1 << 40, 1 << 33]

  static let small = try! NDArray<Double>.arange(to: 6).reshaped(to: [2, 3])
  static let vector = NDArray<Double>.arange(to: 4)
  static let complexVector = vector.mapElements { Complex($0, 0) }

  /// A zero-stride view of `n` ones, or `nil` when no view can have `n`
  /// elements (negative, or a byte size beyond `Int`).
  static func spread(_ n: Int) -> NDArray<Double>? { try? NDArray<Double>(scalar: 1).broadcast(to: [n]) }
  static func spreadIndices(_ n: Int) -> NDArray<Int>? { try? NDArray<Int>(scalar: 0).broadcast(to: [n]) }

  static let attacks: [SizeAttack] = [
    SizeAttack("NDArray.diag(offset:)") { (v) throws(ShapeError) in
      guard v.magnitude >= 1 << 33 else { return false }  // small offsets are valid
      _ = try NDArray.diag(vector, offset: v)
      return true
    },
    SizeAttack("NDArray.indices(shape:)") { (v) throws(ShapeError) in _ = try NDArray<Int>.indices(shape: [v, 3]); return true },
    // Creation and layout.
    SizeAttack("NDView(format:shape:)") { (v) throws(ViewError) in _ = try NDView(format: .float64, shape: [v]); return true },
    SizeAttack("NDView(format:shape:) 2-D") { (v) throws(ViewError) in _ = try NDView(format: .float64, shape: [v, 3]); return true },
    SizeAttack("ByteStorage(zeroedCount:)") { (v) throws(OutOfMemory) in _ = try ByteStorage(zeroedCount: v); return true },
    SizeAttack("broadcast(to:)") { (v) throws(ViewError) in
      _ = try small.broadcast(to: [v, 2, 3])
      return v < 0 || v > Int.max / 48
    },
    SizeAttack("reshaped(to:)") { (v) throws(ViewError) in
      _ = try small.reshaped(to: [v, 6])
      return v != -1  // -1 is inferred
    },
    // Joining, repeating, padding, splitting.
    SizeAttack("tiled") { (v) throws(ShapeError) in _ = try small.tiled([v]); return true },
    SizeAttack("tiled 2-D") { (v) throws(ShapeError) in _ = try small.tiled([v, 2]); return true },
    SizeAttack("repeated") { (v) throws(ShapeError) in _ = try small.repeated(v); return true },
    SizeAttack("repeated(axis:)") { (v) throws(ShapeError) in _ = try small.repeated(v, axis: 1); return true },
    SizeAttack("repeated(counts)") { (v) throws(ShapeError) in _ = try vector.repeated([1, v, 0, 2]); return true },
    SizeAttack("repeated(counts) overflowing") { (v) throws(ShapeError) in _ = try vector.repeated([v, v, v, v]); return true },
    SizeAttack("repeated(counts) of a huge broadcast row") { (v) throws(ShapeError) in
      guard let row = try? NDArray<Double>(scalar: 1).broadcast(to: [1, 1 << 40]) else { return false }
      _ = try row.repeated([v], axis: 0)
      return true
    },
    SizeAttack("padded constant") { (v) throws(ShapeError) in _ = try small.padded(v, mode: .constant(0)); return true },
    SizeAttack("padded edge") { (v) throws(ShapeError) in _ = try small.padded(v, mode: .edge); return true },
    SizeAttack("padded widths") { (v) throws(ShapeError) in _ = try small.padded([(v, 1), (0, v)], mode: .reflect); return true },
    SizeAttack("arraySplit") { (v) throws(ShapeError) in _ = try vector.arraySplit(into: v); return true },
    SizeAttack("concatenate") { (v) throws(ShapeError) in
      guard let big = spread(v) else { return false }
      _ = try NDArray.concatenate([big, big, big])
      return true
    },
    SizeAttack("concatenate(axis: nil)") { (v) throws(ShapeError) in
      guard let big = spread(v) else { return false }
      _ = try NDArray.concatenate([big, big], axis: nil)
      return true
    },
    SizeAttack("stack") { (v) throws(ShapeError) in
      guard let big = spread(v) else { return false }
      _ = try NDArray.stack([big, big])
      return true
    },
    // Indexing.
    SizeAttack("selecting index array") { (v) throws(IndexError) in
      guard let indices = spreadIndices(v) else { return false }
      _ = try small.selecting([NDAdvancedIndex(.basic(.all)), .indices(indices)])
      return true
    },
    SizeAttack("selecting first axis") { (v) throws(IndexError) in
      guard let indices = spreadIndices(v) else { return false }
      _ = try vector.selecting([.indices(indices)])
      return true
    },
    SizeAttack("take(axis:)") { (v) throws(IndexError) in
      guard let indices = spreadIndices(v) else { return false }
      _ = try small.take(indices, axis: 1)
      return true
    },
    // Statistics.
    SizeAttack("histogram(bins:)") { (v) throws(StatisticsError) in _ = try vector.histogram(.count(v)); return true },
    SizeAttack("histogram(bins:density:)") { (v) throws(StatisticsError) in
      _ = try vector.histogram(.count(v), density: true)
      return true
    },
    SizeAttack("binCount(minimumLength:)") { (v) throws(StatisticsError) in
      _ = try NDArray<Int>([0, 1]).binCount(minimumLength: v)
      return true
    },
    SizeAttack("binCount(weights:minimumLength:)") { (v) throws(StatisticsError) in
      _ = try NDArray<Int>([0, 1]).binCount(weights: [1, 2], minimumLength: v)
      return true
    },
    SizeAttack("binCount of a huge value") { (v) throws(StatisticsError) in
      _ = try NDArray<Int>([v]).binCount()
      return true
    },
    // Transforms.
    SizeAttack("FFT.fft(n:)") { (v) throws(FFTError) in _ = try FFT.fft(complexVector, n: v); return true },
    SizeAttack("FFT.fft(n:) of real data") { (v) throws(FFTError) in _ = try FFT.fft(vector, n: v); return true },
    SizeAttack("FFT.ifft(n:)") { (v) throws(FFTError) in _ = try FFT.ifft(complexVector, n: v); return true },
    SizeAttack("FFT.rfft(n:)") { (v) throws(FFTError) in _ = try FFT.rfft(vector, n: v); return true },
    SizeAttack("FFT.irfft(n:)") { (v) throws(FFTError) in _ = try FFT.irfft(complexVector, n: v); return true },
    SizeAttack("FFT.hfft(n:)") { (v) throws(FFTError) in _ = try FFT.hfft(complexVector, n: v); return true },
    SizeAttack("FFT.fftn(s:)") { (v) throws(FFTError) in
      _ = try FFT.fftn(small.mapElements { Complex($0, 0) }, s: [2, v])
      return true
    },
    SizeAttack("FFT.rfftn(s:)") { (v) throws(FFTError) in _ = try FFT.rfftn(small, s: [v, 3]); return true },
    SizeAttack("FFT.irfftn(s:)") { (v) throws(FFTError) in
      _ = try FFT.irfftn(small.mapElements { Complex($0, 0) }, s: [2, v])
      return true
    },
    SizeAttack("FFT.fftfreq") { (v) throws(FFTError) in _ = try FFT.fftfreq(v); return true },
    SizeAttack("FFT.rfftfreq") { (v) throws(FFTError) in _ = try FFT.rfftfreq(v); return true },
    // Products.
    SizeAttack("einsum outer product") { (v) throws(EinsumError) in
      guard let big = spread(v) else { return false }
      _ = try NDArray.einsum("i,j->ij", big, big)
      return true
    },
    SizeAttack("einsum element-wise") { (v) throws(EinsumError) in
      guard let big = spread(v) else { return false }
      _ = try NDArray.einsum("i,i->i", big, big)
      return true
    },
    SizeAttack("NDArray.matmul(_:_:)") { (v) throws(LinalgError) in
      guard let column = spread(v)?.expandingDimensions(at: 1) else { return false }
      _ = try NDArray.matmul(column, column.transposed())
      return true
    },
    SizeAttack("NDArray.matmul(_:_:) batched") { (v) throws(LinalgError) in
      guard let batch = try? small.broadcast(to: [v, 2, 3]) else { return false }
      _ = try NDArray.matmul(batch, small.transposed())
      return true
    },
    SizeAttack("NDView.matmul") { (v) throws(ViewError) in
      guard let column = spread(v)?.expandingDimensions(at: 1) else { return false }
      _ = try column.view.matmul(column.transposed().view)
      return true
    },
    // Random generation.
    SizeAttack("Generator.uniform(shape:)") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.uniform(shape: [v, 2])
      return true
    },
    SizeAttack("Generator.normal(shape:)") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.normal(shape: [v])
      return true
    },
    SizeAttack("Generator.exponential(shape:)") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.exponential(shape: [v])
      return true
    },
    SizeAttack("Generator.integers(in:shape:)") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.integers(in: 0..<10, shape: [v])
      return true
    },
    SizeAttack("Generator.integers(in: closed, shape:)") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.integers(in: 0...10, shape: [3, v])
      return true
    },
    SizeAttack("Generator.booleans") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.booleans([v])
      return true
    },
    SizeAttack("Generator.standardCauchy") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.standardCauchy([v])
      return true
    },
    SizeAttack("Generator.gamma") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.gamma(2, shape: [v])
      return true
    },
    SizeAttack("Generator.binomial") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.binomial(10, 0.5, shape: [v])
      return true
    },
    SizeAttack("Generator.poisson") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.poisson(3, shape: [v])
      return true
    },
    SizeAttack("Generator.permutation") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.permutation(v)
      return true
    },
    SizeAttack("Generator.choice") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.choice(from: 10, shape: [v])
      return true
    },
    SizeAttack("Generator.choice weighted") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.choice(from: 2, shape: [v], probabilities: [0.5, 0.5])
      return true
    },
    SizeAttack("Generator.choice more than the population") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      do throws(RandomError) {
        _ = try g.choice(from: 10, shape: [v], replace: false)
      } catch {
        // NumPy's error for the sample, not a memory error.
        if v > 10, case .sampleLargerThanPopulation = error {} else if v < 0, case .invalidShape = error {} else { return true }
        throw error
      }
      return v > 10 || v < 0
    },
    SizeAttack("Generator.choice without replacement") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.choice(from: v, shape: [v / 2], replace: false)
      return v / 2 != 0  // no samples of a negative population is no error, as in NumPy
    },
    SizeAttack("Generator.choice from an array") { (v) throws(RandomError) in
      var g = Generator(seed: 1)
      _ = try g.choice(from: small, shape: [v], axis: 1)
      return true
    },
  ]

  /// Runs every attack with every value; writes each call to the error
  /// output before it is made (so a trap names it), and each failure as a
  /// line starting `FAIL`; returns whether all held.
  static func runAll() -> Bool {
    var ok = true
    for attack in attacks {
      for value in values {
        FileHandle.standardError.write(Data("\(attack.name)(\(value))\n".utf8))
        let (returned, error) = attack.run(value)
        if returned {
          FileHandle.standardError.write(Data("FAIL \(attack.name)(\(value)) returned instead of throwing\n".utf8))
          ok = false
        }
        if let error, error.isEmpty {
          FileHandle.standardError.write(Data("FAIL \(attack.name)(\(value)) threw an error with no description\n".utf8))
          ok = false
        }
      }
    }
    // Memory is still there for ordinary work afterwards.
    return ok && NDArray<Double>.arange(to: 1000).sum() == 499_500
  }
}

@Suite("Size attack")
struct SizeAttackTests {
  /// Not under the address sanitizer: its shadow memory reserves terabytes
  /// of address space, so a limit on the address space cannot stand for a
  /// machine without the memory.
  @Test(
    "every throwing API that takes a size throws its typed error for negative, overflowing and huge sizes",
    .enabled(if: ProcessInfo.processInfo.environment["STRIDED_SANITIZER"] == nil))
  func hostileSizesThrow() async {
    // The child reports failed calls on its error output and exits
    // normally; a call that traps kills it (run the attacks in a process of
    // their own, under the same limit, to see the last call made).
    let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
      limitAddressSpace(extra: 1 << 30)
      _ = SizeAttacks.runAll()
      exit(0)
    }
    let output = result.map { String(decoding: $0.standardErrorContent, as: UTF8.self) } ?? ""
    let failures = output.split(separator: "\n").filter { $0.hasPrefix("FAIL ") }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    #expect(output.contains("Generator.choice from an array(8589934592)"), "the child ran every attack")
  }

  /// The table covers each API with the values the test needs: the
  /// attack list is not empty and names each API once.
  @Test func theTableNamesEachAPIOnce() {
    let names = SizeAttacks.attacks.map(\.name)
    #expect(names.count > 50)
    #expect(Set(names).count == names.count)
  }

  @Test func theErrorsSayWhatIsWrong() {
    #expect(ShapeError.sizeOverflow(operation: "tiled").description == "tiled: the result is too large: its size in bytes overflows")
    #expect(RandomError.outOfMemory(byteCount: 1 << 40).description == "out of memory allocating 1099511627776 bytes (1.0 TiB)")
    #expect(RandomError.invalidShape([-1]).description.contains("negative dimensions are not allowed"))
    #expect(EinsumError.outOfMemory(byteCount: 16).outOfMemoryByteCount == 16)
  }
}

