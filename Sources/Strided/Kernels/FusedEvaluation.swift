import CStrided
import Foundation

/// One node of a fused expression (see ``NDExpression``): leaves are
/// `Double` arrays, `Bool` masks (read as 1 or 0) and constants; inner
/// nodes are element-wise operations. Comparisons give 1 or 0.
indirect enum FusedNode: Sendable {
  case array(NDView)
  case mask(NDView)
  case constant(Double)
  case unary(FusedUnary, FusedNode)
  case binary(FusedBinary, FusedNode, FusedNode)
  case select(FusedNode, FusedNode, FusedNode)
}

/// The one-operand operations of a fused expression.
enum FusedUnary: Sendable {
  case negate, magnitude, squareRoot, not
  /// One of the elementary functions, through libmvec where it has a loop.
  case function(ElementaryFunction)
  /// `x ** e` for one exponent, as the eager `x ** e` computes it.
  case power(Double)
  /// `x ** n` for 3 ≤ n ≤ 8 by repeated multiplication, as numexpr does.
  case multipliedPower(Int)
}

/// The two-operand operations of a fused expression.
enum FusedBinary: Sendable {
  case add, subtract, multiply, divide, power
  case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
  case and, or
}

/// What a fused reduction computes per line.
enum FusedReduction {
  case sum, minimum, maximum, all, any
}

/// A fused expression compiled to straight-line steps over registers: each
/// register is a block of ``FusedEvaluation/blockSize`` doubles. Leaves
/// have registers of their own (filled per block, or pointing straight at
/// a contiguous run of the array); inner nodes share a pool of scratch
/// registers, each freed once its last reader has run.
struct FusedProgram {
  enum Operand {
    case register(Int)
    case constant(Double)
  }

  enum Step {
    case fill(Double, out: Int)
    case unary(FusedUnary, Int, out: Int)
    case binary(FusedBinary, Operand, Operand, out: Int)
    case select(Int, Operand, Operand, out: Int)
  }

  /// The leaf views; leaf `i` is read into register `leafRegisters[i]`,
  /// as 1 and 0 when `leafIsMask[i]`. Kept apart so the hot loops read
  /// plain integers, never copying (and retaining) a view per segment.
  var leaves: [NDView] = []
  var leafRegisters: [Int] = []
  var leafIsMask: [Bool] = []
  var steps: [Step] = []
  var registerCount = 0
  var root = 0
  private var free: [Int] = []
  private var isLeaf: [Bool] = []

  init(_ node: FusedNode) {
    let result = compile(node)
    switch result {
    case .constant(let value):
      root = allocate()
      steps.append(.fill(value, out: root))
    case .register(let r) where isLeaf[r]:
      root = registerCount
      registerCount += 1
      isLeaf.append(false)
      steps.append(.unary(.power(1), r, out: root))
    case .register:
      // A register of its own, so that no earlier step writes where the
      // root does: the root may be the output's memory, which a leaf may
      // share (an in-place assignment).
      root = registerCount
      registerCount += 1
      isLeaf.append(false)
      if let last = steps.popLast() { steps.append(Self.retargeted(last, root)) }
    }
  }

  /// `step` writing into register `out` instead.
  static func retargeted(_ step: Step, _ out: Int) -> Step {
    switch step {
    case .fill(let value, out: _): .fill(value, out: out)
    case .unary(let op, let input, out: _): .unary(op, input, out: out)
    case .binary(let op, let a, let b, out: _): .binary(op, a, b, out: out)
    case .select(let c, let a, let b, out: _): .select(c, a, b, out: out)
    }
  }

  private mutating func allocate() -> Int {
    if let r = free.popLast() { return r }
    registerCount += 1
    isLeaf.append(false)
    return registerCount - 1
  }

  private mutating func release(_ operand: Operand) {
    if case .register(let r) = operand, !isLeaf[r] { free.append(r) }
  }

  private mutating func leaf(_ view: NDView, isMask: Bool) -> Operand {
    // One register per distinct leaf: `x` used three times is read once.
    for (i, entry) in leaves.enumerated()
    where leafIsMask[i] == isMask && Elementwise.address(entry) == Elementwise.address(view)
      && entry.shape == view.shape && entry.strides == view.strides
    {
      return .register(leafRegisters[i])
    }
    registerCount += 1
    isLeaf.append(true)
    leaves.append(view)
    leafRegisters.append(registerCount - 1)
    leafIsMask.append(isMask)
    return .register(registerCount - 1)
  }

  private mutating func materialize(_ operand: Operand) -> Int {
    switch operand {
    case .register(let r): return r
    case .constant(let value):
      let r = allocate()
      steps.append(.fill(value, out: r))
      return r
    }
  }

  private mutating func compile(_ node: FusedNode) -> Operand {
    switch node {
    case .constant(let value):
      return .constant(value)
    case .array(let view):
      return leaf(view, isMask: false)
    case .mask(let view):
      return leaf(view, isMask: true)
    case .unary(let op, let x):
      let input = materialize(compile(x))
      let out = allocate()
      steps.append(.unary(op, input, out: out))
      release(.register(input))
      return .register(out)
    case .binary(let op, let x, let y):
      let a = compile(x)
      let b = compile(y)
      let out = allocate()
      steps.append(.binary(op, a, b, out: out))
      release(a)
      release(b)
      return .register(out)
    case .select(let c, let x, let y):
      let condition = materialize(compile(c))
      let a = compile(x)
      let b = compile(y)
      let out = allocate()
      steps.append(.select(condition, a, b, out: out))
      release(.register(condition))
      release(a)
      release(b)
      return .register(out)
    }
  }
}

/// The walk of a fused expression: its broadcast shape in one logical
/// order, cut into flat ranges of that order.
///
/// Axes of length 1 are dropped and neighbours that every operand steps
/// through together are merged, so same-layout contiguous operands become
/// one long run. Operand 0 is the output (zero strides when there is none
/// to address), then the leaves.
struct FusedGeometry {
  /// Merged axes, outermost first; at least one.
  let sizes: [Int]
  /// Per operand, the address of its first element.
  let bases: [Int]
  /// Per operand, the byte stride along each merged axis, by axis, then
  /// operand: `table[d * operandCount + k]`, so a segment walk reads one
  /// flat array.
  let table: [Int]
  /// Per operand, the byte stride along the inner axis.
  let innerStrides: [Int]

  /// - Parameters:
  ///   - shape: The broadcast shape in logical order.
  ///   - strides: Per operand, its byte strides in that order.
  ///   - keepLast: The last axis is a reduced one: never dropped nor merged.
  init(shape: [Int], strides: [[Int]], bases: [Int], keepLast: Bool) {
    self.bases = bases
    var sizes: [Int] = []
    var merged = [[Int]](repeating: [], count: strides.count)
    for axis in shape.indices {
      let last = keepLast && axis == shape.count - 1
      guard shape[axis] != 1 || last else { continue }
      let canMerge =
        !last && !sizes.isEmpty
        && strides.indices.allSatisfy { k in merged[k].last! == strides[k][axis] &* shape[axis] }
      if canMerge {
        sizes[sizes.count - 1] = sizes[sizes.count - 1] &* shape[axis]
        for k in strides.indices { merged[k][merged[k].count - 1] = strides[k][axis] }
      } else {
        sizes.append(shape[axis])
        for k in strides.indices { merged[k].append(strides[k][axis]) }
      }
    }
    if sizes.isEmpty {
      sizes = [1]
      for k in strides.indices { merged[k] = [0] }
    }
    self.sizes = sizes
    let operands = merged.count
    var table = [Int](repeating: 0, count: sizes.count * operands)
    for k in 0..<operands {
      for d in sizes.indices { table[d * operands + k] = merged[k][d] }
    }
    self.table = table
    innerStrides = merged.map { $0[sizes.count - 1] }
  }

  var count: Int { sizes.reduce(1) { $0 &* $1 } }
  var inner: Int { sizes[sizes.count - 1] }

  /// Calls `body(position, count, addresses)` for each piece of one row in
  /// the flat range `start..<end`: its position in the range, its length
  /// and every operand's address of its first item (valid during the
  /// call). The walk keeps an index and the addresses in a buffer of its
  /// own and reads the flat stride table, so a short row costs a few adds.
  @inline(__always)
  func forEachSegment(_ start: Int, _ end: Int, _ body: (Int, Int, UnsafeMutablePointer<Int>) -> Void) {
    guard start < end else { return }
    let inner = self.inner
    let outerCount = sizes.count - 1
    let operands = bases.count
    withUnsafeTemporaryAllocation(of: Int.self, capacity: outerCount + operands) { buffer in
      let index = buffer.baseAddress!
      let addresses = index + outerCount
      table.withUnsafeBufferPointer { tableBuffer in
        sizes.withUnsafeBufferPointer { sizeBuffer in
          let table = tableBuffer.baseAddress!
          let sizes = sizeBuffer.baseAddress!
          let innerRow = table + outerCount * operands
          var row = start / inner
          var column = start % inner
          var axis = outerCount - 1
          while axis >= 0 {
            index[axis] = row % sizes[axis]
            row /= sizes[axis]
            axis -= 1
          }
          for k in 0..<operands {
            var a = bases[k] &+ column &* innerRow[k]
            for d in 0..<outerCount { a = a &+ index[d] &* table[d &* operands &+ k] }
            addresses[k] = a
          }
          var position = 0
          let total = end - start
          while true {
            let n = Swift.min(inner - column, total - position)
            body(position, n, addresses)
            position += n
            if position >= total { return }
            // The next row starts at column 0.
            if column != 0 {
              for k in 0..<operands { addresses[k] = addresses[k] &- column &* innerRow[k] }
              column = 0
            }
            var d = outerCount - 1
            while d >= 0 {
              index[d] += 1
              let step = table + d &* operands
              for k in 0..<operands { addresses[k] = addresses[k] &+ step[k] }
              if index[d] < sizes[d] { break }
              for k in 0..<operands { addresses[k] = addresses[k] &- step[k] &* sizes[d] }
              index[d] = 0
              d -= 1
            }
          }
        }
      }
    }
  }
}

/// Block-wise evaluation of fused expressions and their reductions on the
/// thread pool: the shape is cut into flat ranges of at most
/// ``blockSize`` items, by the shape alone, so results never depend on the
/// thread count; each step of the program runs over a block held in
/// cache, with the same scalar operations (and libmvec loops) as the
/// eager operators, so element-wise results are bit for bit theirs.
enum FusedEvaluation {
  /// Items per block: a register is 8 KiB, so a program's registers stay
  /// in the first two cache levels.
  static let blockSize = 1024
  /// Items below which the work stays on the calling thread.
  static let parallelThreshold = 1 << 15

  /// The registers of one thread.
  final class Registers {
    let program: FusedProgram
    let scratch: UnsafeMutablePointer<Double>
    var pointers: [UnsafeMutablePointer<Double>]

    init(_ program: FusedProgram) {
      self.program = program
      let count = Swift.max(program.registerCount, 1)
      let scratch = UnsafeMutablePointer<Double>.allocate(capacity: count * FusedEvaluation.blockSize)
      self.scratch = scratch
      pointers = (0..<count).map { scratch + $0 * FusedEvaluation.blockSize }
    }

    deinit { scratch.deallocate() }

    func home(_ register: Int) -> UnsafeMutablePointer<Double> { scratch + register * FusedEvaluation.blockSize }
  }

  /// Evaluates the flat range `start..<end` (at most ``blockSize`` items)
  /// of `geometry` into the root register, or straight into the output
  /// when `direct` and the range is one contiguous run of it. Returns the
  /// root's values. Operand 0 of the geometry is the output; leaf `i` is
  /// operand `i + 1`.
  static func evaluate(
    _ registers: Registers, _ geometry: FusedGeometry, _ start: Int, _ end: Int, direct: Bool
  ) -> UnsafeMutablePointer<Double> {
    let program = registers.program
    let n = end - start
    let inner = geometry.inner
    let oneRow = start / inner == (end - 1) / inner
    let leafRegisters = program.leafRegisters
    let leafIsMask = program.leafIsMask
    let innerStrides = geometry.innerStrides
    var gathered: [Int] = []
    var outputRun: UnsafeMutablePointer<Double>? = nil
    if oneRow {
      geometry.forEachSegment(start, start + 1) { _, _, addresses in
        for i in leafRegisters.indices {
          let stride = innerStrides[i + 1]
          if !leafIsMask[i] && (stride == 8 || n == 1) && addresses[i + 1] % 8 == 0 {
            registers.pointers[leafRegisters[i]] = UnsafeMutablePointer(bitPattern: addresses[i + 1])!
          } else {
            registers.pointers[leafRegisters[i]] = registers.home(leafRegisters[i])
            gathered.append(i)
          }
        }
        if direct && (innerStrides[0] == 8 || n == 1) && addresses[0] % 8 == 0 {
          outputRun = UnsafeMutablePointer(bitPattern: addresses[0])!
        }
      }
    } else {
      for i in leafRegisters.indices {
        registers.pointers[leafRegisters[i]] = registers.home(leafRegisters[i])
        gathered.append(i)
      }
    }
    if !gathered.isEmpty {
      gathered.withUnsafeBufferPointer { gathered in
        geometry.forEachSegment(start, end) { position, count, addresses in
          for i in gathered {
            let target = registers.home(leafRegisters[i]) + position
            gather(target, addresses[i + 1], innerStrides[i + 1], count, isMask: leafIsMask[i])
          }
        }
      }
    }
    if let outputRun { registers.pointers[program.root] = outputRun }
    for step in program.steps { run(step, registers, n) }
    let result = registers.pointers[program.root]
    registers.pointers[program.root] = registers.home(program.root)
    if direct && outputRun == nil {
      geometry.forEachSegment(start, end) { position, count, addresses in
        scatter(result + position, addresses[0], innerStrides[0], count)
      }
    }
    return result
  }

  /// Copies `n` items `stride` bytes apart from `address` into `target`:
  /// doubles, or masks as 1 and 0.
  @inline(__always)
  static func gather(_ target: UnsafeMutablePointer<Double>, _ address: Int, _ stride: Int, _ n: Int, isMask: Bool) {
    let source = UnsafeRawPointer(bitPattern: address)!
    if isMask {
      for j in 0..<n { target[j] = source.load(fromByteOffset: j &* stride, as: UInt8.self) != 0 ? 1 : 0 }
    } else if stride == 0 {
      let value = source.loadUnaligned(as: Double.self)
      for j in 0..<n { target[j] = value }
    } else if stride == 8 && address % 8 == 0 {
      let p = source.assumingMemoryBound(to: Double.self)
      for j in 0..<n { target[j] = p[j] }
    } else {
      for j in 0..<n { target[j] = source.loadUnaligned(fromByteOffset: j &* stride, as: Double.self) }
    }
  }

  /// Writes `n` values to the output run at `address`, `stride` bytes
  /// apart. A `Bool` output (stride as its items) is marked by
  /// ``scatterBool``.
  @inline(__always)
  static func scatter(_ values: UnsafeMutablePointer<Double>, _ address: Int, _ stride: Int, _ n: Int) {
    let target = UnsafeMutableRawPointer(bitPattern: address)!
    for j in 0..<n { target.storeBytes(of: values[j], toByteOffset: j &* stride, as: Double.self) }
  }

  /// Writes `n` values as `Bool`s (nonzero is true).
  @inline(__always)
  static func scatterBool(_ values: UnsafeMutablePointer<Double>, _ address: Int, _ stride: Int, _ n: Int) {
    let target = UnsafeMutableRawPointer(bitPattern: address)!
    for j in 0..<n { target.storeBytes(of: values[j] != 0 ? 1 : 0, toByteOffset: j &* stride, as: UInt8.self) }
  }

  /// One step over `n` items.
  static func run(_ step: FusedProgram.Step, _ registers: Registers, _ n: Int) {
    switch step {
    case .fill(let value, out: let out):
      let o = registers.pointers[out]
      for j in 0..<n { o[j] = value }
    case .unary(let op, let input, out: let out):
      unary(op, UnsafePointer(registers.pointers[input]), registers.pointers[out], n)
    case .binary(let op, let a, let b, out: let out):
      binary(op, operand(a, registers), operand(b, registers), registers.pointers[out], n)
    case .select(let c, let a, let b, out: let out):
      let condition = registers.pointers[c]
      let o = registers.pointers[out]
      switch (operand(a, registers), operand(b, registers)) {
      case (.values(let x), .values(let y)):
        for j in 0..<n { o[j] = condition[j] != 0 ? x[j] : y[j] }
      case (.values(let x), .scalar(let y)):
        for j in 0..<n { o[j] = condition[j] != 0 ? x[j] : y }
      case (.scalar(let x), .values(let y)):
        for j in 0..<n { o[j] = condition[j] != 0 ? x : y[j] }
      case (.scalar(let x), .scalar(let y)):
        for j in 0..<n { o[j] = condition[j] != 0 ? x : y }
      }
    }
  }

  enum Input {
    case values(UnsafePointer<Double>)
    case scalar(Double)
  }

  @inline(__always)
  static func operand(_ operand: FusedProgram.Operand, _ registers: Registers) -> Input {
    switch operand {
    case .register(let r): .values(UnsafePointer(registers.pointers[r]))
    case .constant(let value): .scalar(value)
    }
  }

  static func unary(_ op: FusedUnary, _ x: UnsafePointer<Double>, _ o: UnsafeMutablePointer<Double>, _ n: Int) {
    switch op {
    case .negate: for j in 0..<n { o[j] = -x[j] }
    case .magnitude: for j in 0..<n { o[j] = Swift.abs(x[j]) }
    case .squareRoot: for j in 0..<n { o[j] = x[j].squareRoot() }
    case .not: for j in 0..<n { o[j] = x[j] != 0 ? 0 : 1 }
    case .function(let f):
      if strided_vector_math_available() != 0, let (loop, _) = f.vectorLoops {
        _ = loop(x, o, n)
      } else {
        let scalar = f.scalarFallback(Double.self)
        for j in 0..<n { o[j] = scalar(x[j]) }
      }
    case .power(let e):
      // The eager `x ** e`: ElementaryFunction.power(_:_:_:_:_:).
      switch e {
      case 2: for j in 0..<n { o[j] = x[j] * x[j] }
      case 1: for j in 0..<n { o[j] = x[j] }
      case 0: for j in 0..<n { o[j] = 1 }
      case -1: for j in 0..<n { o[j] = 1 / x[j] }
      case 0.5: for j in 0..<n { o[j] = x[j].squareRoot() }
      default:
        if strided_vector_math_available() != 0 {
          _ = strided_pow_scalar_f64(x, e, o, n)
        } else {
          for j in 0..<n { o[j] = Foundation.pow(x[j], e) }
        }
      }
    case .multipliedPower(let k):
      switch k {
      case 3: for j in 0..<n { o[j] = x[j] * x[j] * x[j] }
      case 4:
        for j in 0..<n {
          let s = x[j] * x[j]
          o[j] = s * s
        }
      default:
        for j in 0..<n {
          var r = x[j]
          for _ in 1..<k { r *= x[j] }
          o[j] = r
        }
      }
    }
  }

  @inline(__always)
  static func loop(_ a: Input, _ b: Input, _ o: UnsafeMutablePointer<Double>, _ n: Int, _ f: (Double, Double) -> Double) {
    switch (a, b) {
    case (.values(let x), .values(let y)): for j in 0..<n { o[j] = f(x[j], y[j]) }
    case (.values(let x), .scalar(let y)): for j in 0..<n { o[j] = f(x[j], y) }
    case (.scalar(let x), .values(let y)): for j in 0..<n { o[j] = f(x, y[j]) }
    case (.scalar(let x), .scalar(let y)):
      let value = f(x, y)
      for j in 0..<n { o[j] = value }
    }
  }

  static func binary(_ op: FusedBinary, _ a: Input, _ b: Input, _ o: UnsafeMutablePointer<Double>, _ n: Int) {
    switch op {
    case .add: loop(a, b, o, n) { $0 + $1 }
    case .subtract: loop(a, b, o, n) { $0 - $1 }
    case .multiply: loop(a, b, o, n) { $0 * $1 }
    case .divide: loop(a, b, o, n) { $0 / $1 }
    case .less: loop(a, b, o, n) { $0 < $1 ? 1 : 0 }
    case .lessOrEqual: loop(a, b, o, n) { $0 <= $1 ? 1 : 0 }
    case .greater: loop(a, b, o, n) { $0 > $1 ? 1 : 0 }
    case .greaterOrEqual: loop(a, b, o, n) { $0 >= $1 ? 1 : 0 }
    case .equal: loop(a, b, o, n) { $0 == $1 ? 1 : 0 }
    case .notEqual: loop(a, b, o, n) { $0 != $1 ? 1 : 0 }
    case .and: loop(a, b, o, n) { $0 != 0 && $1 != 0 ? 1 : 0 }
    case .or: loop(a, b, o, n) { $0 != 0 || $1 != 0 ? 1 : 0 }
    case .power:
      if case .values(let x) = a, case .values(let y) = b, strided_vector_math_available() != 0 {
        _ = strided_pow_f64(x, y, o, n)
      } else {
        loop(a, b, o, n) { Foundation.pow($0, $1) }
      }
    }
  }

  // MARK: Element-wise results

  /// Evaluates `program` over `geometry` into its output (operand 0):
  /// `Double` items, or `Bool` items when `bool`.
  static func assign(_ program: FusedProgram, _ geometry: FusedGeometry, bool: Bool, parallel: Bool) {
    let count = geometry.count
    guard count > 0 else { return }
    let inner = geometry.inner
    // Blocks: whole rows when rows are short, else pieces of one row.
    let rowsPerBlock = inner >= blockSize ? 1 : blockSize / inner
    let piecesPerRow = inner >= blockSize ? (inner + blockSize - 1) / blockSize : 1
    let rows = count / inner
    let blocks = inner >= blockSize ? rows * piecesPerRow : (rows + rowsPerBlock - 1) / rowsPerBlock
    func range(_ k: Int) -> (Int, Int) {
      if inner >= blockSize {
        let row = k / piecesPerRow
        let piece = k % piecesPerRow
        let start = row * inner + piece * blockSize
        return (start, Swift.min(start + blockSize, (row + 1) * inner))
      }
      return (k * rowsPerBlock * inner, Swift.min((k + 1) * rowsPerBlock, rows) * inner)
    }
    let work: (Range<Int>) -> Void = { blockRange in
      let registers = Registers(program)
      for k in blockRange {
        let (start, end) = range(k)
        if bool {
          let values = evaluate(registers, geometry, start, end, direct: false)
          geometry.forEachSegment(start, end) { position, n, addresses in
            scatterBool(values + position, addresses[0], geometry.innerStrides[0], n)
          }
        } else {
          _ = evaluate(registers, geometry, start, end, direct: true)
        }
      }
    }
    guard parallel, count >= parallelThreshold, blocks >= 2, WorkPool.shared.canSplit else {
      work(0..<blocks)
      return
    }
    let parts = Swift.min(blocks, 4 * WorkPool.shared.threadCount)
    WorkPool.shared.run(parts) { i in work(blocks * i / parts..<blocks * (i + 1) / parts) }
  }

  // MARK: Reductions

  /// The identity a line starts from.
  static func identity(_ reduction: FusedReduction) -> Double {
    switch reduction {
    case .sum, .any: 0
    case .minimum: .infinity
    case .maximum: -.infinity
    case .all: 1
    }
  }

  /// Combines two partial results as the eager reductions do (NaN wins
  /// for minimum and maximum).
  @inline(__always)
  static func combine(_ reduction: FusedReduction, _ a: Double, _ b: Double) -> Double {
    switch reduction {
    case .sum: a + b
    case .minimum: b < a || b.isNaN ? b : a
    case .maximum: b > a || b.isNaN ? b : a
    case .all: a != 0 && b != 0 ? 1 : 0
    case .any: a != 0 || b != 0 ? 1 : 0
    }
  }

  /// The reduction of `n` contiguous values starting from `initial`:
  /// pairwise sums (``Reduction/sumSIMD(_:_:)``, then added to `initial`)
  /// when `pairwise`, else a sum in order from `initial`.
  @inline(__always)
  static func reduceRun(
    _ reduction: FusedReduction, _ p: UnsafeMutablePointer<Double>, _ n: Int, _ initial: Double, pairwise: Bool
  ) -> Double {
    switch reduction {
    case .sum:
      if pairwise { return initial + Reduction.sumSIMD(UnsafePointer(p), n) }
      var r = initial
      for j in 0..<n { r += p[j] }
      return r
    case .minimum: return combine(.minimum, initial, Reduction.extremeSIMD(UnsafePointer(p), n, maximum: false))
    case .maximum: return combine(.maximum, initial, Reduction.extremeSIMD(UnsafePointer(p), n, maximum: true))
    case .all:
      if initial == 0 { return 0 }
      for j in 0..<n where p[j] == 0 { return 0 }
      return 1
    case .any:
      if initial != 0 { return 1 }
      for j in 0..<n where p[j] != 0 { return 1 }
      return 0
    }
  }

  /// NumPy's pairwise sum of the flat range `start..<start + n`, split as
  /// ``Reduction/sumSIMD(_:_:)`` splits it: every leaf of that tree up to
  /// ``blockSize`` items is evaluated into a register and summed by
  /// `sumSIMD` itself, so the sum is the same as `sumSIMD` over the whole
  /// evaluated run.
  static func pairwiseSum(_ registers: Registers, _ geometry: FusedGeometry, _ start: Int, _ n: Int) -> Double {
    if n <= blockSize {
      if n == 0 { return 0 }
      let values = evaluate(registers, geometry, start, start + n, direct: false)
      return Reduction.sumSIMD(UnsafePointer(values), n)
    }
    var half = n / 2
    half -= half % 8
    return pairwiseSum(registers, geometry, start, half) + pairwiseSum(registers, geometry, start + half, n - half)
  }

  /// The reduction of one long line `start..<start + n`, block by block.
  static func reduceLine(
    _ reduction: FusedReduction, _ registers: Registers, _ geometry: FusedGeometry, _ start: Int, _ n: Int,
    pairwise: Bool
  ) -> Double {
    if reduction == .sum && pairwise { return 0 + pairwiseSum(registers, geometry, start, n) }
    var value = identity(reduction)
    var position = start
    while position < start + n {
      let end = Swift.min(position + blockSize, start + n)
      let values = evaluate(registers, geometry, position, end, direct: false)
      value = reduceRun(reduction, values, end - position, value, pairwise: false)
      position = end
    }
    return value
  }

  /// The reduction of every item (the geometry's output strides are 0):
  /// for sums, the eager sum of the evaluated C-order (or F-order) run:
  /// below 2²⁰ items one pairwise sum, above it ``Reduction/reductionBlock``
  /// sized parts (at most ``Reduction/maximumBlocks``), each summed
  /// pairwise, added in order.
  static func reduceAll(_ reduction: FusedReduction, _ program: FusedProgram, _ geometry: FusedGeometry) -> Double {
    let count = geometry.count
    guard count > 0 else { return identity(reduction) }
    let splitting = count >= IterationPlan.parallelThreshold
    let parts =
      splitting ? Swift.min(Swift.max(2, count / Reduction.reductionBlock), Reduction.maximumBlocks, count) : 1
    let partials = UnsafeMutablePointer<Double>.allocate(capacity: parts)
    defer { partials.deallocate() }
    let body: (Int) -> Void = { i in
      let registers = Registers(program)
      let lower = count * i / parts
      let upper = count * (i + 1) / parts
      partials[i] = reduceLine(reduction, registers, geometry, lower, upper - lower, pairwise: true)
    }
    if parts > 1 && WorkPool.shared.canSplit {
      WorkPool.shared.run(parts, body)
    } else {
      for i in 0..<parts { body(i) }
    }
    if !splitting { return partials[0] }
    var value = identity(reduction)
    for i in 0..<parts { value = combine(reduction, value, combine(reduction, identity(reduction), partials[i])) }
    return value
  }

  /// The reduction along the geometry's last axis (the reduced one, kept
  /// unmerged) into the output: one line per output item, at the output
  /// address of the line's first item; `bool` writes `Bool` items.
  static func reduceLines(
    _ reduction: FusedReduction, _ program: FusedProgram, _ geometry: FusedGeometry, pairwise: Bool, bool: Bool
  ) {
    let length = geometry.inner
    guard length > 0 else { return }
    let lines = geometry.count / length
    @inline(__always) func store(_ value: Double, _ address: Int) {
      if bool {
        UnsafeMutableRawPointer(bitPattern: address)!.storeBytes(of: value != 0 ? 1 : 0, as: UInt8.self)
      } else {
        UnsafeMutableRawPointer(bitPattern: address)!.storeBytes(of: value, as: Double.self)
      }
    }
    let linesPerBlock = length >= blockSize ? 1 : blockSize / length
    let blocks = (lines + linesPerBlock - 1) / linesPerBlock
    let work: (Range<Int>) -> Void = { blockRange in
      let registers = Registers(program)
      for k in blockRange {
        let first = k * linesPerBlock
        let last = Swift.min(first + linesPerBlock, lines)
        if length >= blockSize {
          for line in first..<last {
            let value = reduceLine(reduction, registers, geometry, line * length, length, pairwise: pairwise)
            geometry.forEachSegment(line * length, line * length + 1) { _, _, addresses in store(value, addresses[0]) }
          }
        } else {
          let values = evaluate(registers, geometry, first * length, last * length, direct: false)
          geometry.forEachSegment(first * length, last * length) { position, n, addresses in
            let value = reduceRun(reduction, values + position, n, identity(reduction), pairwise: pairwise)
            store(value, addresses[0])
          }
        }
      }
    }
    guard geometry.count >= parallelThreshold, blocks >= 2, WorkPool.shared.canSplit else {
      work(0..<blocks)
      return
    }
    let parts = Swift.min(blocks, 4 * WorkPool.shared.threadCount)
    WorkPool.shared.run(parts) { i in work(blocks * i / parts..<blocks * (i + 1) / parts) }
  }
}
