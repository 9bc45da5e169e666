import CStrided
import Foundation

/// One node of a fused expression (see ``NDExpression``): leaves are
/// `Double` and `Float` arrays (a `Float` read as the `Double` it is
/// exactly), `Bool` masks (read as 1 or 0) and constants; inner nodes are
/// element-wise operations. Comparisons give 1 or 0.
indirect enum FusedNode: Sendable {
  case array(NDView)
  case mask(NDView)
  case constant(Double)
  case unary(FusedUnary, FusedNode)
  case binary(FusedBinary, FusedNode, FusedNode)
  case select(FusedNode, FusedNode, FusedNode)
}

/// How an operand of a fused expression stores its items (Fused.h's
/// `strided_fused_item`).
enum FusedItem: Int32, Sendable {
  case double = 0, float = 1, bool = 2

  /// The format of items of this kind.
  var format: Format {
    switch self {
    case .double: Double.format
    case .float: Float.format
    case .bool: Bool.format
    }
  }

  /// The kind of a leaf view: `Float` or `Double` items.
  ///
  /// - Precondition: The view holds one or the other.
  init(leaf view: NDView) {
    if view.format == Float.format {
      self = .float
    } else {
      precondition(view.format == Double.format, "fused expressions read Float and Double arrays")
      self = .double
    }
  }
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
  /// A loop of Fused.h with no parameter: rounding, `sign`, and the
  /// floating-point class tests (1 or 0).
  case loop(strided_fused_unary_op)
}

/// The two-operand operations of a fused expression.
enum FusedBinary: Sendable, Equatable {
  case add, subtract, multiply, divide, power
  case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
  case and, or
  case maximum, minimum, fmax, fmin, copysign
  /// Through libmvec, as the eager functions (both operands in registers).
  case elementary(ElementaryFunction.Binary)
  /// NumPy's floating `%` (the divisor's sign), `//`, and C's `fmod`: the
  /// eager functions' scalar code, item by item.
  case remainder, floorDivide, fmod

  /// The C loop's code (Fused.h); nil for the operations that call
  /// libmvec.
  var code: Int32? {
    let op: strided_fused_binary_op
    switch self {
    case .power, .elementary, .remainder, .floorDivide, .fmod: return nil
    case .maximum: op = STRIDED_FUSED_MAXIMUM
    case .minimum: op = STRIDED_FUSED_MINIMUM
    case .fmax: op = STRIDED_FUSED_FMAX
    case .fmin: op = STRIDED_FUSED_FMIN
    case .copysign: op = STRIDED_FUSED_COPYSIGN
    case .add: op = STRIDED_FUSED_ADD
    case .subtract: op = STRIDED_FUSED_SUBTRACT
    case .multiply: op = STRIDED_FUSED_MULTIPLY
    case .divide: op = STRIDED_FUSED_DIVIDE
    case .less: op = STRIDED_FUSED_LESS
    case .lessOrEqual: op = STRIDED_FUSED_LESS_EQUAL
    case .greater: op = STRIDED_FUSED_GREATER
    case .greaterOrEqual: op = STRIDED_FUSED_GREATER_EQUAL
    case .equal: op = STRIDED_FUSED_EQUAL
    case .notEqual: op = STRIDED_FUSED_NOT_EQUAL
    case .and: op = STRIDED_FUSED_AND
    case .or: op = STRIDED_FUSED_OR
    }
    return Int32(op.rawValue)
  }
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

  /// The leaf views; leaf `i` is read into register `leafRegisters[i]`
  /// from items of kind `leafItems[i]`. Kept apart so the hot loops read
  /// plain integers, never copying (and retaining) a view per segment.
  var leaves: [NDView] = []
  var leafRegisters: [Int] = []
  var leafItems: [FusedItem] = []
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

  private mutating func leaf(_ view: NDView, item: FusedItem) -> Operand {
    // One register per distinct leaf: `x` used three times is read once.
    for (i, entry) in leaves.enumerated()
    where leafItems[i] == item && Elementwise.address(entry) == Elementwise.address(view)
      && entry.shape == view.shape && entry.strides == view.strides
    {
      return .register(leafRegisters[i])
    }
    registerCount += 1
    isLeaf.append(true)
    leaves.append(view)
    leafRegisters.append(registerCount - 1)
    leafItems.append(item)
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
      return leaf(view, item: FusedItem(leaf: view))
    case .mask(let view):
      return leaf(view, item: .bool)
    case .unary(let op, let x):
      let input = materialize(compile(x))
      let out = allocate()
      steps.append(.unary(op, input, out: out))
      release(.register(input))
      return .register(out)
    case .binary(let op, let x, let y):
      var a = compile(x)
      var b = compile(y)
      if case .elementary = op {
        // libmvec's loops take two runs.
        a = .register(materialize(a))
        b = .register(materialize(b))
      }
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
  /// Per outer axis, then operand (as `table`), the address change from
  /// one row to the next when that axis is the innermost one to advance:
  /// its stride, less the strides of the outer axes inside it run back
  /// from their last index to 0.
  let advances: [Int]

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
    let outerCount = sizes.count - 1
    var advances = [Int](repeating: 0, count: Swift.max(outerCount, 1) * operands)
    for d in 0..<outerCount {
      for k in 0..<operands {
        var step = table[d * operands + k]
        for e in (d + 1)..<outerCount { step = step &- table[e * operands + k] &* (sizes[e] &- 1) }
        advances[d * operands + k] = step
      }
    }
    self.advances = advances
  }

  var count: Int { sizes.reduce(1) { $0 &* $1 } }
  var inner: Int { sizes[sizes.count - 1] }

  /// Writes the segment table of the flat range `start..<end` into `rows`
  /// (Fused.h): for each piece of one row in the range, `[its position in
  /// the range, its length, every operand's address of its first item]`.
  /// `rows` has room for one row per item of the range. Returns the number
  /// of rows.
  ///
  /// Each row's addresses are the previous row's plus the ``advances`` of
  /// the outer axis the odometer advances. No address is copied, so a
  /// short row costs an add per operand.
  func segments(_ start: Int, _ end: Int, into rows: UnsafeMutablePointer<Int>) -> Int {
    guard start < end else { return 0 }
    let inner = self.inner
    let outerCount = sizes.count - 1
    let operands = bases.count
    let width = 2 + operands
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(outerCount, 1)) { buffer in
      let index = buffer.baseAddress!
      return table.withUnsafeBufferPointer { tableBuffer in
        sizes.withUnsafeBufferPointer { sizeBuffer in
          advances.withUnsafeBufferPointer { advanceBuffer in
            let table = tableBuffer.baseAddress!
            let sizes = sizeBuffer.baseAddress!
            let steps = advanceBuffer.baseAddress!
            let innerRow = table + outerCount * operands
            var row = start / inner
            var column = start % inner
            var axis = outerCount - 1
            while axis >= 0 {
              index[axis] = row % sizes[axis]
              row /= sizes[axis]
              axis -= 1
            }
            var r = rows
            for k in 0..<operands {
              var a = bases[k] &+ column &* innerRow[k]
              for d in 0..<outerCount { a = a &+ index[d] &* table[d &* operands &+ k] }
              r[2 &+ k] = a
            }
            var position = 0
            var count = 0
            let total = end - start
            while true {
              let n = Swift.min(inner - column, total - position)
              r[0] = position
              r[1] = n
              count &+= 1
              position += n
              if position >= total { return count }
              // The next row, at column 0: another row exists, so some
              // outer axis advances.
              var d = outerCount - 1
              while d > 0 && index[d] &+ 1 == sizes[d] {
                index[d] = 0
                d -= 1
              }
              index[d] &+= 1
              let step = steps + d &* operands
              let next = r + width
              if column != 0 {
                for k in 0..<operands { next[2 &+ k] = r[2 &+ k] &- column &* innerRow[k] &+ step[k] }
                column = 0
              } else {
                for k in 0..<operands { next[2 &+ k] = r[2 &+ k] &+ step[k] }
              }
              r = next
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

  /// The registers of one thread, and everything the per-block loops read,
  /// in memory of its own: the hot loops touch no Swift array and no
  /// reference count, so threads do not contend for a shared counter.
  final class Registers {
    let scratch: UnsafeMutablePointer<Double>
    /// Where each register's values are now: its home, or a run of a leaf
    /// or of the output.
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    let steps: UnsafeMutableBufferPointer<FusedProgram.Step>
    let leafCount: Int
    let leafRegisters: UnsafeMutablePointer<Int>
    let leafItems: UnsafeMutablePointer<FusedItem>
    /// Per operand (the output, then the leaves), its stride along the
    /// geometry's inner axis.
    let innerStrides: UnsafeMutablePointer<Int>
    let root: Int
    /// The segment table of the block evaluated last (see Fused.h): rows
    /// of `width` integers, `[position, length, address per operand]`.
    let segments: UnsafeMutablePointer<Int>
    let width: Int
    var segmentCount = 0
    /// Contiguous Double results go to the output through
    /// `strided_fused_stream` (non-temporal stores; Fused.h).
    var streaming = false

    init(_ program: FusedProgram, _ geometry: FusedGeometry) {
      let count = Swift.max(program.registerCount, 1)
      scratch = .allocate(capacity: count * FusedEvaluation.blockSize)
      pointers = .allocate(capacity: count)
      for r in 0..<count { pointers[r] = scratch + r * FusedEvaluation.blockSize }
      steps = .allocate(capacity: program.steps.count)
      _ = steps.initialize(from: program.steps)
      leafCount = program.leaves.count
      leafRegisters = .allocate(capacity: Swift.max(leafCount, 1))
      leafRegisters.initialize(from: program.leafRegisters, count: leafCount)
      leafItems = .allocate(capacity: Swift.max(leafCount, 1))
      leafItems.initialize(from: program.leafItems, count: leafCount)
      innerStrides = .allocate(capacity: geometry.innerStrides.count)
      innerStrides.initialize(from: geometry.innerStrides, count: geometry.innerStrides.count)
      root = program.root
      width = 2 + geometry.bases.count
      segments = .allocate(capacity: FusedEvaluation.blockSize * width)
    }

    deinit {
      scratch.deallocate()
      pointers.deallocate()
      steps.deallocate()
      leafRegisters.deallocate()
      leafItems.deallocate()
      innerStrides.deallocate()
      segments.deallocate()
    }

    @inline(__always)
    func home(_ register: Int) -> UnsafeMutablePointer<Double> { scratch + register &* FusedEvaluation.blockSize }
  }

  /// Evaluates the flat range `start..<end` (at most ``blockSize`` items)
  /// of `geometry` into the root register, or straight into the output
  /// when `direct` and the range is one contiguous run of it (from the
  /// root register through non-temporal stores when the registers are
  /// ``Registers/streaming``). Returns the
  /// root's values; the range's segment table stays in `registers`.
  /// Operand 0 of the geometry is the output; leaf `i` is operand `i + 1`.
  static func evaluate(
    _ registers: Registers, _ geometry: FusedGeometry, _ start: Int, _ end: Int, direct: Bool
  ) -> UnsafeMutablePointer<Double> {
    let n = end - start
    let table = registers.segments
    let width = registers.width
    let count = geometry.segments(start, end, into: table)
    registers.segmentCount = count
    let oneRow = count == 1
    let strides = registers.innerStrides
    let pointers = registers.pointers
    for i in 0..<registers.leafCount {
      let register = registers.leafRegisters[i]
      let stride = strides[i &+ 1]
      let item = registers.leafItems[i]
      let address = table[3 &+ i]
      if oneRow && item == .double && (stride == 8 || n == 1) && address % 8 == 0 {
        pointers[register] = UnsafeMutablePointer(bitPattern: address)!
      } else {
        pointers[register] = registers.home(register)
        strided_fused_gather(pointers[register], table, count, width, i &+ 1, stride, item.rawValue)
      }
    }
    let root = registers.root
    let contiguousOutput = direct && oneRow && (strides[0] == 8 || n == 1) && table[2] % 8 == 0
    let streaming = contiguousOutput && registers.streaming
    if contiguousOutput && !streaming { pointers[root] = UnsafeMutablePointer(bitPattern: table[2])! }
    for step in registers.steps { run(step, pointers, n) }
    let result = pointers[root]
    pointers[root] = registers.home(root)
    if streaming {
      strided_fused_stream(result, UnsafeMutablePointer(bitPattern: table[2])!, n)
    } else if direct && !contiguousOutput {
      strided_fused_scatter(result, table, count, width, 0, strides[0], 0)
    }
    return result
  }

  /// One step over `n` items.
  @inline(__always)
  static func run(_ step: FusedProgram.Step, _ pointers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>, _ n: Int) {
    @inline(__always) func operand(_ operand: FusedProgram.Operand) -> (UnsafePointer<Double>?, Double) {
      switch operand {
      case .register(let r): (UnsafePointer(pointers[r]), 0)
      case .constant(let value): (nil, value)
      }
    }
    switch step {
    case .fill(let value, out: let out):
      _ = strided_fused_unary(Int32(STRIDED_FUSED_FILL.rawValue), value, pointers[out], pointers[out], n)
    case .unary(let op, let input, out: let out):
      unary(op, UnsafePointer(pointers[input]), pointers[out], n)
    case .binary(let op, let a, let b, out: let out):
      let (x, xs) = operand(a)
      let (y, ys) = operand(b)
      if let code = op.code {
        _ = strided_fused_binary(code, x, xs, y, ys, pointers[out], n)
      } else if op == .power {
        power(x, xs, y, ys, pointers[out], n)
      } else if case .elementary(let f) = op, let x, let y {
        let (vector, scalar) = f.doubleLoops
        if strided_vector_math_available() != 0 {
          _ = vector(x, y, pointers[out], n)
        } else {
          for j in 0..<n { pointers[out][j] = scalar(x[j], y[j]) }
        }
      } else {
        remainders(op, x, xs, y, ys, pointers[out], n)
      }
    case .select(let c, let a, let b, out: let out):
      let (x, xs) = operand(a)
      let (y, ys) = operand(b)
      strided_fused_select(pointers[c], x, xs, y, ys, pointers[out], n)
    }
  }

  static func unary(_ op: FusedUnary, _ x: UnsafePointer<Double>, _ o: UnsafeMutablePointer<Double>, _ n: Int) {
    @inline(__always) func c(_ op: strided_fused_unary_op, _ parameter: Double = 0) {
      _ = strided_fused_unary(Int32(op.rawValue), parameter, x, o, n)
    }
    switch op {
    case .negate: c(STRIDED_FUSED_NEGATE)
    case .magnitude: c(STRIDED_FUSED_ABS)
    case .squareRoot: c(STRIDED_FUSED_SQRT)
    case .not: c(STRIDED_FUSED_NOT)
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
      case 2: c(STRIDED_FUSED_SQUARE)
      case 1: c(STRIDED_FUSED_COPY)
      case 0: c(STRIDED_FUSED_ONE)
      case -1: c(STRIDED_FUSED_RECIPROCAL)
      case 0.5: c(STRIDED_FUSED_SQRT)
      default:
        if strided_vector_math_available() != 0 {
          _ = strided_pow_scalar_f64(x, e, o, n)
        } else {
          for j in 0..<n { o[j] = Foundation.pow(x[j], e) }
        }
      }
    case .loop(let op): c(op)
    case .multipliedPower(let k):
      switch k {
      case 3: c(STRIDED_FUSED_CUBE)
      case 4: c(STRIDED_FUSED_FOURTH)
      default: c(STRIDED_FUSED_POWER_K, Double(k))
      }
    }
  }

  /// `x % y`, `floorDivide(x, y)` or `fmod(x, y)` item by item, with the
  /// eager functions' scalar code.
  static func remainders(
    _ op: FusedBinary, _ x: UnsafePointer<Double>?, _ xs: Double, _ y: UnsafePointer<Double>?, _ ys: Double,
    _ o: UnsafeMutablePointer<Double>, _ n: Int
  ) {
    for j in 0..<n {
      let (a, b) = (x?[j] ?? xs, y?[j] ?? ys)
      switch op {
      case .remainder: o[j] = MathFunction.divmod(a, b).modulo
      case .floorDivide: o[j] = MathFunction.divmod(a, b).quotient
      default: o[j] = MathFunction.cFmod(a, b)
      }
    }
  }

  /// `x ** y` item by item, as the eager `pow` of two arrays.
  static func power(
    _ x: UnsafePointer<Double>?, _ xs: Double, _ y: UnsafePointer<Double>?, _ ys: Double,
    _ o: UnsafeMutablePointer<Double>, _ n: Int
  ) {
    if let x, let y, strided_vector_math_available() != 0 {
      _ = strided_pow_f64(x, y, o, n)
      return
    }
    for j in 0..<n { o[j] = Foundation.pow(x?[j] ?? xs, y?[j] ?? ys) }
  }

  // MARK: Element-wise results

  /// Evaluates `program` over `geometry` into its output (operand 0), of
  /// items of kind `output`.
  static func assign(_ program: FusedProgram, _ geometry: FusedGeometry, output: FusedItem, parallel: Bool) {
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
    // The bytes of every operand's items, the output's among them.
    let bytes = program.leaves.reduce(count &* 8) { $0 &+ $1.count &* $1.itemSize }
    let streaming = output == .double && bytes >= strided_fused_streaming_bytes()
    let work: (Range<Int>) -> Void = { blockRange in
      let registers = Registers(program, geometry)
      registers.streaming = streaming
      defer { if streaming { strided_fused_fence() } }
      for k in blockRange {
        let (start, end) = range(k)
        if output == .double {
          _ = evaluate(registers, geometry, start, end, direct: true)
        } else {
          let values = evaluate(registers, geometry, start, end, direct: false)
          strided_fused_scatter(
            values, registers.segments, registers.segmentCount, registers.width, 0, registers.innerStrides[0],
            output.rawValue)
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
      let registers = Registers(program, geometry)
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
      let registers = Registers(program, geometry)
      for k in blockRange {
        let first = k * linesPerBlock
        let last = Swift.min(first + linesPerBlock, lines)
        if length >= blockSize {
          for line in first..<last {
            let value = reduceLine(reduction, registers, geometry, line * length, length, pairwise: pairwise)
            _ = geometry.segments(line * length, line * length + 1, into: registers.segments)
            store(value, registers.segments[2])
          }
        } else {
          // Each line is one segment of the block's table.
          let values = evaluate(registers, geometry, first * length, last * length, direct: false)
          let table = registers.segments
          let width = registers.width
          if reduction == .sum && !bool {
            strided_fused_row_sums(values, table, registers.segmentCount, width, pairwise ? 1 : 0)
            continue
          }
          for s in 0..<registers.segmentCount {
            let row = table + s &* width
            let value = reduceRun(reduction, values + row[0], row[1], identity(reduction), pairwise: pairwise)
            store(value, row[2])
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
