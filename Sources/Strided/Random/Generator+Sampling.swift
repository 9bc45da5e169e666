extension PCG64 {
  /// A value in [0, `max`] by masked rejection: NumPy's `random_interval`,
  /// which `shuffle`, `permutation` and `permuted` draw with.
  @inline(__always)
  mutating func interval(_ max: UInt64) -> UInt64 {
    if max == 0 { return 0 }
    var mask = max
    mask |= mask >> 1
    mask |= mask >> 2
    mask |= mask >> 4
    mask |= mask >> 8
    mask |= mask >> 16
    mask |= mask >> 32
    if max <= 0xffff_ffff {
      let mask32 = UInt32(truncatingIfNeeded: mask)
      while true {
        let value = next32() & mask32
        if value <= max { return UInt64(value) }
      }
    }
    while true {
      let value = next() & mask
      if value <= max { return value }
    }
  }

  /// Fisher–Yates from the last element down, with masked draws.
  mutating func shuffle<T>(_ elements: UnsafeMutablePointer<T>, count: Int) {
    var i = count - 1
    while i > 0 {
      let j = Int(truncatingIfNeeded: interval(UInt64(i)))
      swap(&elements[i], &elements[j])
      i -= 1
    }
  }

  /// Fisher–Yates of `elements[first...]` with Lemire draws: NumPy's
  /// `_shuffle_int`, which `choice` uses.
  mutating func lemireShuffle(_ elements: inout [Int], downTo first: Int) {
    var i = elements.count - 1
    while i >= first && i > 0 {
      let j = Int(truncatingIfNeeded: BoundedDraws.bounded64(UInt64(i), &self))
      elements.swapAt(i, j)
      i -= 1
    }
  }
}

// MARK: - Permutations

extension Generator {
  /// A random ordering of 0..<`count`.
  ///
  /// NumPy: `rng.permutation(count)`.
  ///
  /// - Throws: ``RandomError/invalidShape(_:)`` for a negative count,
  ///   ``RandomError/outOfMemory(byteCount:)`` for one too large.
  /// - Complexity: O(*n*).
  public mutating func permutation(_ count: Int) throws(RandomError) -> NDArray<Int> {
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return try Self.filled([count], "Generator.permutation") { out, count in
      for i in 0..<count { out[i] = i }
      bits.shuffle(out, count: count)
    }
  }

  /// A copy of `array` with its sub-arrays along `axis` in random order.
  ///
  /// NumPy: `rng.permutation(array, axis=axis)`.
  ///
  /// - Throws: ``RandomError/axisOutOfRange(axis:rank:)`` (a 0-d array
  ///   has no axis to permute).
  /// - Complexity: O(*n*).
  public mutating func permutation<T>(of array: NDArray<T>, axis: Int = 0) throws(RandomError) -> NDArray<T> {
    let axis = try Self.normalized(axis, array.ndim)
    let order = try permutation(array.shape[axis])
    do {
      return try array.take(order, axis: axis)
    } catch {
      if case .outOfMemory(let byteCount) = error { throw .outOfMemory(byteCount: byteCount) }
      preconditionFailure("Generator.permutation: \(error)")
    }
  }

  /// Shuffles `array`'s sub-arrays along `axis` in place, writing through
  /// its storage.
  ///
  /// NumPy: `rng.shuffle(array, axis=axis)`.
  ///
  /// - Throws: ``RandomError/axisOutOfRange(axis:rank:)`` or
  ///   ``RandomError/readOnly``, before any draw.
  /// - Complexity: O(*n*).
  public mutating func shuffle<T>(_ array: NDArray<T>, axis: Int = 0) throws(RandomError) {
    let axis = try Self.normalized(axis, array.ndim)
    guard !array.isReadOnly else { throw .readOnly }
    let shuffled = try permutation(of: array, axis: axis)
    shuffled.copy(into: array)
  }

  /// A copy of `array` with the elements of each lane along `axis`
  /// shuffled independently, lanes taken in C order; with no axis, all
  /// elements shuffled together in the order of the array's strides (C
  /// order, or Fortran order for Fortran-ordered arrays), as NumPy does.
  ///
  /// NumPy: `rng.permuted(array, axis=axis)`.
  ///
  /// - Throws: ``RandomError/axisOutOfRange(axis:rank:)``.
  /// - Complexity: O(*n*).
  public mutating func permuted<T>(_ array: NDArray<T>, axis: Int? = nil) throws(RandomError) -> NDArray<T> {
    guard let axis else {
      // NumPy shuffles a copy in the order of the array's strides:
      // Fortran order when they grow along the axes.
      let flat = array.copy(order: Self.strideOrder(array))
      var bits = bitGenerator
      defer { bitGenerator = bits }
      let base = flat.storage.base.bindMemory(to: T.self, capacity: flat.count)
      bits.shuffle(base, count: flat.count)
      return flat
    }
    let normalized = try Self.normalized(axis, array.ndim)
    let last = array.ndim - 1
    let lanes = array.movingAxis(from: normalized, to: last).copy(order: .c)
    let length = array.shape[normalized]
    if length > 1 {
      var bits = bitGenerator
      defer { bitGenerator = bits }
      let base = lanes.storage.base.bindMemory(to: T.self, capacity: lanes.count)
      for lane in 0..<lanes.count / length {
        bits.shuffle(base + lane * length, count: length)
      }
    }
    return lanes.movingAxis(from: last, to: normalized).copy(order: .c)
  }

  /// `.fortran` when the axes longer than 1 have strictly growing
  /// absolute strides (NumPy's `order="K"` copy is then Fortran-ordered),
  /// else `.c`.
  static func strideOrder<T>(_ array: NDArray<T>) -> MemoryOrder {
    let strides = zip(array.shape, array.strides).filter { $0.0 > 1 }.map { abs($0.1) }
    guard strides.count > 1 else { return .c }
    return zip(strides, strides.dropFirst()).allSatisfy { $0 < $1 } ? .fortran : .c
  }

  static func normalized(_ axis: Int, _ rank: Int) throws(RandomError) -> Int {
    guard axis >= -rank && axis < rank else { throw .axisOutOfRange(axis: axis, rank: rank) }
    return axis < 0 ? axis + rank : axis
  }
}

// MARK: - Choice

extension Generator {
  /// Checks weights as NumPy does: one per member, no NaN, none negative,
  /// and a (compensated) sum within √ε of 1.
  static func checkProbabilities(_ p: [Double], population: Int) throws(RandomError) {
    guard p.count == population else { throw .probabilityCountMismatch(count: p.count, population: population) }
    var sum = p.first ?? 0
    var compensation = 0.0
    for value in p.dropFirst() {
      let y = value - compensation
      let t = sum + y
      compensation = (t - sum) - y
      sum = t
    }
    if sum.isNaN { throw .probabilitiesContainNaN }
    if let index = p.firstIndex(where: { $0 < 0 }) { throw .negativeProbability(index: index, value: p[index]) }
    if abs(sum - 1) > Double.ulpOfOne.squareRoot() { throw .probabilitiesDoNotSumToOne(sum: sum) }
  }

  /// The running sums of `p`, each divided by the last.
  static func normalizedCumulativeSums(_ p: [Double]) -> [Double] {
    var sums = p
    var running = 0.0
    for i in sums.indices {
      running += sums[i]
      sums[i] = running
    }
    let total = sums.last ?? 1
    for i in sums.indices { sums[i] /= total }
    return sums
  }

  /// How many of the sorted `sums` are at most `u` (NumPy's
  /// `searchsorted(side="right")`).
  static func searchRight(_ sums: [Double], _ u: Double) -> Int {
    var low = 0
    var high = sums.count
    while low < high {
      let middle = (low + high) / 2
      if sums[middle] <= u { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Random members of 0..<`population`, with or without replacement,
  /// uniform or weighted.
  ///
  /// NumPy: `rng.choice(population, shape, replace=…, p=…, shuffle=…)`.
  /// Without replacement and without weights, NumPy's Floyd sampling or
  /// tail shuffle is used (which of them depends on the sizes, as in
  /// NumPy); `shuffle: false` leaves Floyd's samples in the order drawn.
  ///
  /// - Throws: ``RandomError/emptyPopulation`` when samples are asked of
  ///   fewer than one member; ``RandomError/sampleLargerThanPopulation(count:population:)``;
  ///   for weights, ``RandomError/probabilityCountMismatch(count:population:)``,
  ///   ``RandomError/probabilitiesContainNaN``,
  ///   ``RandomError/negativeProbability(index:value:)``,
  ///   ``RandomError/probabilitiesDoNotSumToOne(sum:)`` and
  ///   ``RandomError/tooFewNonzeroProbabilities(nonzero:count:)``;
  ///   ``RandomError/invalidShape(_:)`` for a negative size,
  ///   ``RandomError/sizeOverflow(operation:)`` or
  ///   ``RandomError/outOfMemory(byteCount:)`` for a sample too large. All
  ///   checks come before any draw.
  /// - Complexity: O(*n* + `population`) with weights or a tail shuffle,
  ///   O(*n*) otherwise (*n* samples).
  public mutating func choice(
    from population: Int, shape: Dimensions, replace: Bool = true, probabilities: [Double]? = nil,
    shuffle: Bool = true
  ) throws(RandomError) -> NDArray<Int> {
    guard !shape.contains(where: { $0 < 0 }), shape.count <= NDView.maximumRank else {
      throw .invalidShape(shape.array)
    }
    let size = try RandomError.checkedCount(shape, "Generator.choice")
    if population <= 0 && size != 0 { throw .emptyPopulation }
    if !replace && size > population { throw .sampleLargerThanPopulation(count: size, population: population) }
    // The samples and the result, and a tail shuffle's copy of the
    // population, checked before they are made.
    try RandomError.reserve(RandomError.checkedProduct(size, 2 * MemoryLayout<Int>.stride, "Generator.choice"))
    if !replace && probabilities == nil && population > 10_000 && size > population / (shuffle ? 50 : 20) {
      try RandomError.reserve(RandomError.checkedByteCount(population, of: Int.self, "Generator.choice"))
    }
    if let probabilities { try Self.checkProbabilities(probabilities, population: population) }
    let samples: [Int]
    if replace {
      if let probabilities {
        let sums = Self.normalizedCumulativeSums(probabilities)
        samples = (0..<size).map { _ in Self.searchRight(sums, bitGenerator.nextDouble()) }
      } else {
        return try integers(in: 0...max(population - 1, 0), shape: shape)
      }
    } else {
      guard size <= population else { throw .sampleLargerThanPopulation(count: size, population: population) }
      if let probabilities {
        samples = try weightedWithoutReplacement(probabilities, size)
      } else {
        samples = withoutReplacement(population, size, shuffle: shuffle)
      }
    }
    return try Self.filled(shape, "Generator.choice") { out, count in
      for i in 0..<count { out[i] = samples[i] }
    }
  }

  /// One random member of 0..<`population`, uniform or weighted.
  ///
  /// NumPy: `rng.choice(population, p=…)`.
  ///
  /// - Throws: As ``choice(from:shape:replace:probabilities:shuffle:)``.
  public mutating func choice(from population: Int, probabilities: [Double]? = nil) throws(RandomError) -> Int {
    try choice(from: population, shape: [], probabilities: probabilities).elements[0]
  }

  /// Random sub-arrays of `array` along `axis`, with or without
  /// replacement, uniform or weighted: the members drawn by
  /// ``choice(from:shape:replace:probabilities:shuffle:)`` taken from
  /// `array`.
  ///
  /// NumPy: `rng.choice(array, shape, replace=…, p=…, axis=…, shuffle=…)`.
  ///
  /// - Throws: ``RandomError/axisOutOfRange(axis:rank:)``, and as
  ///   ``choice(from:shape:replace:probabilities:shuffle:)``.
  /// - Complexity: O(*n*) and as the index form.
  public mutating func choice<T>(
    from array: NDArray<T>, shape: Dimensions, replace: Bool = true, probabilities: [Double]? = nil,
    axis: Int = 0, shuffle: Bool = true
  ) throws(RandomError) -> NDArray<T> {
    let axis = try Self.normalized(axis, array.ndim)
    let indices = try choice(
      from: array.shape[axis], shape: shape, replace: replace, probabilities: probabilities, shuffle: shuffle)
    do {
      return try array.take(indices, axis: axis)
    } catch {
      switch error {
      case .outOfMemory(let byteCount): throw .outOfMemory(byteCount: byteCount)
      case .sizeOverflow(let operation): throw .sizeOverflow(operation: operation)
      default: preconditionFailure("Generator.choice: \(error)")
      }
    }
  }

  /// Floyd's algorithm, or a shuffle of the tail when the sample is a
  /// large part of a large population (NumPy's cut-off).
  mutating func withoutReplacement(_ population: Int, _ size: Int, shuffle: Bool) -> [Int] {
    let cutoff = shuffle ? 50 : 20
    if population > 10_000 && size > population / cutoff {
      var order = Array(0..<population)
      bitGenerator.lemireShuffle(&order, downTo: Swift.max(population - size, 1))
      return Array(order[(population - size)...])
    }
    var chosen = Set<Int>(minimumCapacity: size)
    var samples: [Int] = []
    samples.reserveCapacity(size)
    for j in (population - size)..<population {
      let value = Int(truncatingIfNeeded: BoundedDraws.bounded64(UInt64(j), &bitGenerator))
      let pick = chosen.contains(value) ? j : value
      chosen.insert(pick)
      samples.append(pick)
    }
    if shuffle { bitGenerator.lemireShuffle(&samples, downTo: 1) }
    return samples
  }

  /// NumPy's weighted sampling without replacement: rounds of weighted
  /// draws, keeping each new member the first time it appears and zeroing
  /// the weights of those found.
  mutating func weightedWithoutReplacement(_ probabilities: [Double], _ size: Int) throws(RandomError) -> [Int] {
    let nonzero = probabilities.count(where: { $0 > 0 })
    guard nonzero >= size else { throw .tooFewNonzeroProbabilities(nonzero: nonzero, count: size) }
    var weights = probabilities
    var found: [Int] = []
    found.reserveCapacity(size)
    while found.count < size {
      let draws = (0..<(size - found.count)).map { _ in bitGenerator.nextDouble() }
      for index in found { weights[index] = 0 }
      let sums = Self.normalizedCumulativeSums(weights)
      var seen = Set<Int>()
      for u in draws {
        let index = Self.searchRight(sums, u)
        if seen.insert(index).inserted { found.append(index) }
      }
    }
    return found
  }
}
