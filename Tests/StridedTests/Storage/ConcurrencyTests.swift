import Synchronization
import Testing

import Strided

/// The `Sendable` contract of ``ByteStorage``: any number of concurrent
/// readers of one storage, writers on disjoint views, and views made,
/// passed and dropped on many threads. `make test-tsan` runs these under
/// the thread sanitizer, which reports any race among them.
@Suite("Concurrency")
struct ConcurrencyTests {
  static let tasks = 8

  @Test func manyConcurrentReadersOfOneStorage() async {
    let m = NDArray<Double>.arange(to: 64 * 64).reshapedOrTrap([64, 64])
    let expected = (m.sum(), m.transposed().copy().elements, m[.slice(by: -2), 3...].sum())
    let results = await withTaskGroup(of: (Double, [Double], Double).self) { group in
      for _ in 0..<Self.tasks {
        group.addTask {
          // Views of the same storage, read through every kind of kernel.
          (m.sum(), m.transposed().copy().elements, m[.slice(by: -2), 3...].sum())
        }
      }
      return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.count == Self.tasks)
    for result in results {
      #expect(result.0 == expected.0 && result.1 == expected.1 && result.2 == expected.2)
    }
  }

  @Test func writersOnDisjointViewsOfOneStorage() async {
    let m = NDArray<Int64>.zeros([Self.tasks, 1000])
    let columns = NDArray<Int64>.zeros([1000, Self.tasks])
    await withTaskGroup(of: Void.self) { group in
      for task in 0..<Self.tasks {
        group.addTask {
          // A row of one array, a column (every eighth element) of another.
          var row = m[.at(task)]
          let column = columns[.all, task]
          for i in 0..<1000 {
            row[item: i] = Int64(task * 1000 + i)
            column[item: i] = Int64(task)
          }
          row += NDArray<Int64>(repeating: 1, shape: [1000])
        }
      }
    }
    for task in 0..<Self.tasks {
      #expect(m[.at(task)].elements == (0..<1000).map { Int64(task * 1000 + $0 + 1) })
      #expect(columns[.all, task].elements == [Int64](repeating: Int64(task), count: 1000))
    }
  }

  @Test func viewsMadeAndDroppedOnManyThreadsReleaseTheBytesOnce() async {
    let released = Atomic<Int>(0)
    do {
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 8 * 256, alignment: 64)
      buffer.initializeMemory(as: UInt8.self, repeating: 1)
      let storage = ByteStorage(unsafeAdopting: buffer) { bytes in
        bytes.deallocate()
        released.add(1, ordering: .relaxed)
      }
      let view = try! NDView(storage: storage, format: "d", shape: [16, 16])
      await withTaskGroup(of: Int.self) { group in
        for task in 0..<Self.tasks {
          group.addTask {
            // Each task keeps, slices and drops views of the shared storage.
            var kept: [NDView] = []
            for i in 0..<200 {
              kept.append(view[(i + task) % 16].transposed())
              if kept.count > 4 { kept.removeFirst() }
            }
            return kept.count
          }
        }
        for await count in group { #expect(count == 4) }
      }
      #expect(released.load(ordering: .relaxed) == 0)
    }
    #expect(released.load(ordering: .relaxed) == 1)
  }

  @Test func concurrentMatrixProductsAndSolves() async throws {
    let a = NDArray<Double>((0..<(48 * 48)).map { Double(($0 * 37) % 101) / 101 }, shape: [48, 48])
    let spd = a.matmul(a.transposed()) + NDArray<Double>.identity(48) * 48
    let b = NDArray<Double>.linspace(from: -1, to: 1, count: 48)
    let expected = (a.matmul(a), try spd.solve(b))
    let results = await withTaskGroup(of: (NDArray<Double>, NDArray<Double>?).self) { group in
      for _ in 0..<4 {
        group.addTask { (a.matmul(a), try? spd.solve(b)) }
      }
      return await group.reduce(into: []) { $0.append($1) }
    }
    for (product, solution) in results {
      #expect(product == expected.0)
      #expect(solution == expected.1)
    }
  }
}
