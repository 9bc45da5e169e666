/// Why an `einsum` subscript string cannot be used.
public struct EinsumError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The offset in the subscript string where the problem was found, or -1
  /// when the problem is the result's size rather than the string.
  public let position: Int
  /// What is wrong there.
  public let reason: String
  /// The bytes asked for, when the system could not provide the memory for
  /// the result (NumPy's `MemoryError`).
  public var outOfMemoryByteCount: Int? = nil

  init(position: Int, reason: String) {
    self.position = position
    self.reason = reason
  }

  public var description: String {
    position < 0 ? "einsum: \(reason)" : "einsum subscripts, at position \(position): \(reason)"
  }
}

extension EinsumError: SizeFailure {
  static func outOfMemory(byteCount: Int) -> EinsumError {
    var error = EinsumError(position: -1, reason: CheckedSizeText.outOfMemory(byteCount))
    error.outOfMemoryByteCount = byteCount
    return error
  }

  static func sizeOverflow(operation: String) -> EinsumError {
    EinsumError(position: -1, reason: "the result is too large: its size in bytes overflows")
  }
}

/// A parsed `einsum` expression: one label list per operand and the
/// output's. Labels are characters; an ellipsis becomes labels of its own
/// (private-use characters), aligned from the right across operands.
struct EinsumPlan {
  var inputs: [[Character]]
  var output: [Character]

  static func parse(_ subscripts: String, ranks: [Int]) throws(EinsumError) -> EinsumPlan {
    let text = Array(subscripts)
    var position = 0
    var terms: [(labels: [Character], ellipsisAt: Int?, start: Int)] = []
    var output: (labels: [Character], ellipsisAt: Int?, start: Int)? = nil
    var current: [Character] = []
    var ellipsis: Int? = nil
    var start = 0
    var readingOutput = false
    func finish() {
      if readingOutput { output = (current, ellipsis, start) } else { terms.append((current, ellipsis, start)) }
      current = []
      ellipsis = nil
    }
    while position < text.count {
      let c = text[position]
      if c == " " {
        position += 1
        continue
      }
      if c == "," {
        guard !readingOutput else { throw EinsumError(position: position, reason: "a comma in the output") }
        finish()
        position += 1
        start = position
      } else if c == "-" {
        guard position + 1 < text.count, text[position + 1] == ">" else {
          throw EinsumError(position: position, reason: "'-' must start '->'")
        }
        guard !readingOutput else { throw EinsumError(position: position, reason: "a second '->'") }
        finish()
        readingOutput = true
        position += 2
        start = position
      } else if c == "." {
        guard position + 2 < text.count, text[position + 1] == ".", text[position + 2] == "." else {
          throw EinsumError(position: position, reason: "'.' must be part of '...'")
        }
        guard ellipsis == nil else { throw EinsumError(position: position, reason: "a second ellipsis in one term") }
        ellipsis = current.count
        position += 3
      } else if c.isLetter && c.isASCII {
        current.append(c)
        position += 1
      } else {
        throw EinsumError(position: position, reason: "'\(c)' is not a subscript letter")
      }
    }
    finish()
    guard terms.count == ranks.count else {
      throw EinsumError(position: 0, reason: "\(terms.count) terms for \(ranks.count) operands")
    }
    // Expand ellipses into private labels, right-aligned.
    var broadcastRank = 0
    for (term, rank) in zip(terms, ranks) {
      let extra = rank - term.labels.count
      if term.ellipsisAt == nil && extra != 0 {
        throw EinsumError(position: term.start, reason: "\(term.labels.count) subscripts for an operand of \(rank) dimensions")
      }
      if extra < 0 { throw EinsumError(position: term.start, reason: "more subscripts than the operand's \(rank) dimensions") }
      broadcastRank = Swift.max(broadcastRank, extra)
    }
    let hidden = (0..<broadcastRank).map { Character(Unicode.Scalar(0xE000 + $0)!) }
    var inputs: [[Character]] = []
    for (term, rank) in zip(terms, ranks) {
      guard let at = term.ellipsisAt else {
        inputs.append(term.labels)
        continue
      }
      let extra = rank - term.labels.count
      inputs.append(Array(term.labels[..<at]) + hidden.suffix(extra) + Array(term.labels[at...]))
    }
    var result: [Character]
    if let output {
      for (i, label) in output.labels.enumerated() {
        guard inputs.contains(where: { $0.contains(label) }) else {
          throw EinsumError(position: output.start + i, reason: "output subscript '\(label)' is in no operand")
        }
        guard output.labels.filter({ $0 == label }).count == 1 else {
          throw EinsumError(position: output.start + i, reason: "output subscript '\(label)' appears twice")
        }
      }
      if let at = output.ellipsisAt {
        result = Array(output.labels[..<at]) + hidden + Array(output.labels[at...])
      } else {
        result = output.labels
      }
    } else {
      // Implicit mode: the labels that appear once, alphabetically, after
      // the broadcast axes.
      let all = inputs.flatMap { $0 }.filter { !hidden.contains($0) }
      result = hidden + Set(all).filter { label in all.count(where: { $0 == label }) == 1 }.sorted()
    }
    return EinsumPlan(inputs: inputs, output: result)
  }
}

extension NDArray where Element: Numeric {
  /// Einstein summation: each operand's axes are named by letters, axes
  /// sharing a letter are multiplied together, and letters missing from
  /// the output are summed over. `"ij,jk->ik"` is a matrix product,
  /// `"ii->"` a trace, `"bij,bjk->bik"` a batched product, `"...ij->...ji"`
  /// a transpose of the last two axes.
  ///
  /// NumPy: `np.einsum(subscripts, *operands)`. Operands are contracted
  /// pairwise, left to right; each contraction is one matrix product over
  /// the shared letters (through BLAS for BLAS element types, without
  /// copies where the layout allows), repeated letters in one operand take
  /// its diagonal, and letters in only one operand are summed first.
  ///
  /// - Throws: ``EinsumError`` for a subscript string that does not parse
  ///   or does not fit the operands, with the position; ``ShapeError`` is
  ///   not used: sizes that disagree for one letter throw ``EinsumError``
  ///   too.
  /// A single operand whose letters all reach the output (`"ij->ji"`,
  /// `"ii->i"`) gives a view of it, as NumPy's does; operands that only
  /// multiply element by element (`"i,i,i->i"`, `"ij,ij->"`) are multiplied
  /// in one broadcasting pass and summed once.
  ///
  /// - Complexity: That of the matrix products; O(*n*) for element-wise
  ///   products and relabelings (O(1) for a relabeling).
  public static func einsum(_ subscripts: String, _ operands: NDArray...) throws(EinsumError) -> NDArray {
    try einsum(subscripts, operands)
  }

  /// Einstein summation over an array of operands.
  ///
  /// NumPy: `np.einsum(subscripts, *operands)`.
  public static func einsum(_ subscripts: String, _ operands: [NDArray]) throws(EinsumError) -> NDArray {
    guard !operands.isEmpty else { throw EinsumError(position: 0, reason: "no operands") }
    let plan = try EinsumPlan.parse(subscripts, ranks: operands.map(\.ndim))
    // The size of each letter, checked across operands (1 broadcasts), and
    // equal within one operand (a repeated letter takes a diagonal).
    var sizes: [Character: Int] = [:]
    for (labels, operand) in zip(plan.inputs, operands) {
      var own: [Character: Int] = [:]
      for (label, size) in zip(labels, operand.shape) {
        if let known = own[label], known != size {
          throw EinsumError(position: 0, reason: "repeated subscript '\(label)' has sizes \(known) and \(size) in one operand")
        }
        own[label] = size
      }
      for (label, size) in zip(labels, operand.shape) {
        if let known = sizes[label], known != size, known != 1, size != 1 {
          throw EinsumError(position: 0, reason: "subscript '\(label)' has sizes \(known) and \(size)")
        }
        sizes[label] = Swift.max(sizes[label] ?? size, size == 1 ? (sizes[label] ?? 1) : size)
      }
    }
    if let view = relabeled(plan, operands) { return view }
    // The output's size, checked (and its memory found) before any work.
    let target = Dimensions(plan.output.map { sizes[$0]! })
    try EinsumError.reserve(EinsumError.checkedByteCount(EinsumError.checkedCount(target, "einsum"), of: Element.self, "einsum"))
    if let product = try elementwiseProduct(plan, operands, sizes: sizes) { return product }
    // Diagonals for repeated letters, then sums over letters no one else needs.
    var terms: [(labels: [Character], array: NDArray)] = []
    for (k, (labels, operand)) in zip(plan.inputs, operands).enumerated() {
      var (l, a) = diagonalized(labels, operand)
      let needed = Set(plan.output + plan.inputs.enumerated().filter { $0.offset != k }.flatMap(\.element))
      let alone = l.indices.filter { !needed.contains(l[$0]) }
      if !alone.isEmpty {
        a = a.sumInPlaceType(axes: alone)
        l = l.indices.filter { !alone.contains($0) }.map { l[$0] }
      }
      terms.append((l, a))
    }
    var (labels, result) = terms[0]
    for k in 1..<Swift.max(terms.count, 1) {
      let later = Set(plan.output + terms.dropFirst(k + 1).flatMap(\.labels))
      (labels, result) = contract(labels, result, terms[k].labels, terms[k].array, keep: later, sizes: sizes)
    }
    // Sum what the output does not name, then order the axes as it says.
    let extra = labels.indices.filter { !plan.output.contains(labels[$0]) }
    if !extra.isEmpty {
      result = result.sumInPlaceType(axes: extra)
      labels = labels.indices.filter { !extra.contains($0) }.map { labels[$0] }
    }
    let order = plan.output.map { labels.firstIndex(of: $0)! }
    let permutedResult = result.permuted(Dimensions(order))
    let broadcastResult = (try? permutedResult.broadcast(to: target)) ?? permutedResult
    let output: NDArray = try .allocated(broadcastResult.shape, "einsum", EinsumError.self)
    broadcastResult.copy(into: output)
    return output
  }

  /// A single operand whose letters all reach the output (`"ij->ji"`,
  /// `"ii->i"`, `"ba"`): its diagonals and transposition, as a view of the
  /// operand, as NumPy returns.
  static func relabeled(_ plan: EinsumPlan, _ operands: [NDArray]) -> NDArray? {
    guard operands.count == 1, Set(plan.inputs[0]) == Set(plan.output) else { return nil }
    let (labels, diagonal) = diagonalized(plan.inputs[0], operands[0])
    return diagonal.permuted(Dimensions(plan.output.map { labels.firstIndex(of: $0)! }))
  }

  /// Operands that only multiply element by element (`"i,i->i"`,
  /// `"ij,ij->ij"`, `"i,i,i->i"`, `"ij,ji->ij"`), with or without a final sum
  /// (`"i,i->"`, `"ij,ij->i"`): every operand names the same letters, each
  /// once. One broadcasting product in place, then one reduction, instead
  /// of a matrix product per element.
  static func elementwiseProduct(_ plan: EinsumPlan, _ operands: [NDArray], sizes: [Character: Int])
    throws(EinsumError) -> NDArray?
  {
    let letters = plan.inputs[0]
    guard operands.count > 1, Set(letters).count == letters.count,
      plan.inputs.allSatisfy({ $0.count == letters.count && Set($0) == Set(letters) })
    else { return nil }
    // Output letters first, then the summed ones.
    let order = plan.output + letters.filter { !plan.output.contains($0) }
    // The product before the sum: its size checked.
    try EinsumError.reserve(
      EinsumError.checkedByteCount(EinsumError.checkedCount(order.map { sizes[$0]! }, "einsum"), of: Element.self, "einsum"))
    let aligned = zip(plan.inputs, operands).map { labels, operand in
      operand.permuted(Dimensions(order.map { labels.firstIndex(of: $0)! }))
    }
    // Three at a time in one pass (no temporary); not in place, since a
    // later operand may broadcast the product larger.
    var product: NDArray
    if aligned.count == 2 {
      product = aligned[0] * aligned[1]
    } else {
      product = NDArray(unchecked: Arithmetic.product(aligned[0].view, aligned[1].view, aligned[2].view, kind: Element.scalarKind))
    }
    for operand in aligned.dropFirst(3) { product = product * operand }
    let summed = Array(plan.output.count..<order.count)
    return summed.isEmpty ? product : product.sumInPlaceType(axes: summed)
  }

  /// The sum along `axes`, in the element type (a wrapping sum for narrow
  /// integers, as NumPy's einsum keeps the dtype).
  func sumInPlaceType(axes: [Int]) -> NDArray {
    if Element.Sum.self == Element.self {
      return NDArray(unchecked: reduced(.sum, axes: axes, keepingDimensions: false))
    }
    let wide = NDArray<Element.Sum>(unchecked: reduced(.sum, axes: axes, keepingDimensions: false, format: Element.Sum.format))
    return wide.converted(to: Element.self)
  }

  /// The operand with each repeated letter reduced to its diagonal.
  static func diagonalized(_ labels: [Character], _ a: NDArray) -> ([Character], NDArray) {
    var labels = labels
    var a = a
    while let (i, j) = repeatedPair(labels) {
      a = a.diagonal(offset: 0, axis1: i, axis2: j)
      let label = labels[i]
      labels = labels.indices.filter { $0 != i && $0 != j }.map { labels[$0] } + [label]
    }
    return (labels, a)
  }

  static func repeatedPair(_ labels: [Character]) -> (Int, Int)? {
    for i in labels.indices {
      if let j = labels[(i + 1)...].firstIndex(of: labels[i]) { return (i, j) }
    }
    return nil
  }

  /// One pairwise contraction as a (batched) matrix product: shared
  /// letters that are still needed are batch axes, the other shared
  /// letters are summed, and each side's own letters are rows or columns.
  static func contract(
    _ la: [Character], _ a: NDArray, _ lb: [Character], _ b: NDArray, keep: Set<Character>, sizes: [Character: Int]
  ) -> ([Character], NDArray) {
    let shared = la.filter { lb.contains($0) }
    let batch = shared.filter { keep.contains($0) }
    let summed = shared.filter { !keep.contains($0) }
    let left = la.filter { !lb.contains($0) }
    let right = lb.filter { !la.contains($0) }
    func arranged(_ labels: [Character], _ x: NDArray, _ order: [[Character]]) -> NDArray {
      let flat = order.flatMap { $0 }
      let moved = x.permuted(Dimensions(flat.map { labels.firstIndex(of: $0)! }))
      let full = (try? moved.broadcast(to: Dimensions(flat.map { sizes[$0]! }))) ?? moved
      let groups = order.map { $0.reduce(1) { $0 * sizes[$1]! } }
      return (try? full.reshaped(to: Dimensions(groups))) ?? full.copy().reshapedUnchecked(to: Dimensions(groups))
    }
    let x = arranged(la, a, [batch, left, summed])
    let y = arranged(lb, b, [batch, summed, right])
    let product = x.matmul(y)
    let shape = (batch + left + right).map { sizes[$0]! }
    return (batch + left + right, product.reshapedUnchecked(to: Dimensions(shape)))
  }
}
