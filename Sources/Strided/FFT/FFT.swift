import ComplexModule

/// How a transform is scaled (NumPy's `norm`).
public enum FFTNormalization: Sendable, Hashable {
  /// The forward transform unscaled, the inverse divided by *n* (the
  /// default).
  case backward
  /// Both divided by √*n*: the transforms are unitary.
  case ortho
  /// The forward transform divided by *n*, the inverse unscaled.
  case forward

  func scale<R: BinaryFloatingPoint>(_ n: Int, inverse: Bool) -> R {
    switch (self, inverse) {
    case (.backward, false), (.forward, true): 1
    case (.backward, true), (.forward, false): 1 / R(n)
    case (.ortho, _): 1 / R(n).squareRoot()
    }
  }

  /// The normalization of the opposite direction (for `hfft` and `ihfft`).
  var swapped: FFTNormalization {
    switch self {
    case .backward: .forward
    case .forward: .backward
    case .ortho: .ortho
    }
  }
}

/// Why a transform cannot be computed.
public enum FFTError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A transform length below 1.
  case invalidLength(Int)
  /// An axis outside the array's axes.
  case axisOutOfRange(axis: Int, rank: Int)
  /// An axis named twice in a multi-axis transform.
  case repeatedAxes([Int])
  /// Lengths given for a different number of axes than the axes.
  case lengthsMismatch(lengths: Int, axes: Int)

  /// The result's element count or byte size overflows `Int` (NumPy's
  /// `ValueError`, "array is too big").
  case sizeOverflow(operation: String)
  /// The system could not provide the memory for the result (NumPy's
  /// `MemoryError`).
  case outOfMemory(byteCount: Int)

  public var description: String {
    switch self {
    case .sizeOverflow(let operation): CheckedSizeText.overflow(operation)
    case .outOfMemory(let byteCount): CheckedSizeText.outOfMemory(byteCount)
    case .invalidLength(let n): "invalid number of FFT data points (\(n)); it must be at least 1"
    case .axisOutOfRange(let axis, let rank): "axis \(axis) is out of range for \(rank) dimensions"
    case .repeatedAxes(let axes): "axes \(axes) repeat an axis"
    case .lengthsMismatch(let lengths, let axes): "\(lengths) lengths for \(axes) axes"
    }
  }
}

/// NumPy's `numpy.fft`: discrete Fourier transforms along any axis of any
/// layout, for `Float` and `Double` data (single precision stays single).
///
/// Every length works: mixed radix 4, 2, 3, 5 and other factors up to 31,
/// Rader's algorithm for primes whose predecessor is smooth, and
/// Bluestein's algorithm otherwise, so a prime length costs O(*n* log *n*).
/// Plans (factorizations and twiddles) are made once per length and kept,
/// up to 64 MiB, for every thread.
///
/// ```swift
/// let x: NDArray<Double> = [1, 2, 3, 4]
/// let spectrum = try FFT.rfft(x)          // np.fft.rfft(x)
/// let back = try FFT.irfft(spectrum)      // ≈ x
/// ```
public enum FFT {
  static func axis(_ axis: Int, _ rank: Int) throws(FFTError) -> Int {
    guard axis >= -rank && axis < rank else { throw .axisOutOfRange(axis: axis, rank: rank) }
    return axis < 0 ? axis + rank : axis
  }

  static func length(_ n: Int?, _ size: Int) throws(FFTError) -> Int {
    let n = n ?? size
    guard n >= 1 else { throw .invalidLength(n) }
    try reservePlan(n)
    return n
  }

  /// Checks that the memory for a plan of length `n` and its scratch can
  /// be had: plans hold their twiddles and chirps in Swift arrays.
  static func reservePlan(_ n: Int) throws(FFTError) {
    guard n > 1 << 16, !FFTPlans.cache.withLock({ $0.entries[n] != nil || $0.entries[~n] != nil }) else { return }
    // Bluestein's plan, the largest: a chirp and two kernels of up to
    // 4n complex values, and scratch as large.
    try FFTError.reserve(FFTError.checkedProduct(n, 16 * 16, "FFT"))
  }

  /// The lanes along `axis`, C-ordered with the axis last, cropped or
  /// zero-padded to `n`: a copy, or with `reading` the array itself when
  /// it is laid out so already (the transform then only reads it).
  static func lanes<E: NDElement>(_ a: NDArray<E>, axis: Int, n: Int, reading: Bool = false) throws(FFTError)
    -> NDArray<E>
  {
    let moved = a.movingAxis(from: axis, to: a.ndim - 1)
    let size = moved.shape[a.ndim - 1]
    if size == n && reading && moved.isCContiguous { return moved }
    var shape = moved.shape
    shape[a.ndim - 1] = n
    let result: NDArray<E> = try .allocated(shape, zeroed: size < n, "FFT", FFTError.self)
    if size == n {
      moved.copy(into: result)
      return result
    }
    let kept = Swift.min(size, n)
    moved.slice(0..<kept, axis: a.ndim - 1).copy(into: result.slice(0..<kept, axis: a.ndim - 1))
    return result
  }

  /// Calls `body(lanes, first)` for blocks of the lanes along `axis`, each
  /// C-ordered with the axis last and cropped or padded to `n`; `first` is
  /// the index of the block's first lane among all of them (C order).
  /// An array already laid out so is one block, read in place; otherwise
  /// blocks of about 4 MiB along the first other axis are copied one at a
  /// time, so the whole array is never copied at once.
  static func forEachLaneBlock<E: NDElement>(
    _ a: NDArray<E>, axis: Int, n: Int, _ body: (NDArray<E>, Int) -> Void
  ) throws(FFTError) {
    let last = a.ndim - 1
    let moved = a.movingAxis(from: axis, to: last)
    if a.ndim == 1 || (moved.shape[last] == n && moved.isCContiguous) {
      body(try lanes(moved, axis: last, n: n, reading: true), 0)
      return
    }
    let rows = moved.shape[0]
    let lanesPerRow = moved.shape.dropFirst().dropLast().reduce(1, &*)
    // Rows of more than 4 MiB go one at a time (the output, already
    // allocated, bounds the product).
    let (rowBytes, overflow) = (lanesPerRow &* n).multipliedReportingOverflow(by: MemoryLayout<E>.stride)
    let step = overflow ? 1 : Swift.max(1, (4 << 20) / Swift.max(1, rowBytes))
    var row = 0
    while row < rows {
      let end = Swift.min(rows, row + step)
      body(try lanes(moved.slice(row..<end, axis: 0), axis: last, n: n), row * lanesPerRow)
      row = end
    }
  }

  /// A complex transform along one axis.
  static func complex<R: NDComplexComponent>(
    _ a: NDArray<Complex<R>>, n: Int?, axis: Int, norm: FFTNormalization, inverse: Bool
  ) throws(FFTError) -> NDArray<Complex<R>> {
    guard a.ndim > 0 else { throw .axisOutOfRange(axis: axis, rank: 0) }
    let ax = try Self.axis(axis, a.ndim)
    let n = try length(n, a.shape[ax])
    let work = try lanes(a, axis: ax, n: n)
    let count = work.count / n
    if count > 0 {
      if R.self == Float.self {
        FFTKernel.complexLanes(work.contiguousBase, lanes: count, n: n, forward: !inverse,
                               scale: norm.scale(n, inverse: inverse) as Float)
      } else {
        FFTKernel.complexLanes(work.contiguousBase, lanes: count, n: n, forward: !inverse,
                               scale: norm.scale(n, inverse: inverse) as Double)
      }
    }
    return work.movingAxis(from: a.ndim - 1, to: ax)
  }

  /// The discrete Fourier transform along `axis`: Σ x_j·e^(−2πi·jk/n).
  /// With `n`, the axis is cropped or padded with zeros to `n` first.
  ///
  /// NumPy: `np.fft.fft(a, n, axis, norm)`.
  ///
  /// - Throws: ``FFTError/invalidLength(_:)`` for `n` below 1 (or an empty
  ///   axis without `n`), ``FFTError/axisOutOfRange(axis:rank:)``.
  /// - Complexity: O(*n* log *n*) per lane.
  public static func fft<R: NDComplexComponent>(
    _ a: NDArray<Complex<R>>, n: Int? = nil, axis: Int = -1, norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<Complex<R>> {
    try complex(a, n: n, axis: axis, norm: norm, inverse: false)
  }

  /// The transform of real data (a complex result of the same length).
  ///
  /// NumPy: `np.fft.fft(a, n, axis, norm)` of a real array.
  public static func fft<R: NDComplexComponent>(
    _ a: NDArray<R>, n: Int? = nil, axis: Int = -1, norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<Complex<R>> {
    try complex(a.mapElements { Complex($0, 0) }, n: n, axis: axis, norm: norm, inverse: false)
  }

  /// The inverse transform along `axis`: (1/n)·Σ X_k·e^(2πi·jk/n) with the
  /// default normalization.
  ///
  /// NumPy: `np.fft.ifft(a, n, axis, norm)`.
  ///
  /// - Throws: As ``fft(_:n:axis:norm:)-(NDArray<Complex<R>>,_,_,_)``.
  public static func ifft<R: NDComplexComponent>(
    _ a: NDArray<Complex<R>>, n: Int? = nil, axis: Int = -1, norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<Complex<R>> {
    try complex(a, n: n, axis: axis, norm: norm, inverse: true)
  }

  /// The transform of real data: the `n / 2 + 1` non-negative
  /// frequencies (the others are their conjugates).
  ///
  /// NumPy: `np.fft.rfft(a, n, axis, norm)`.
  ///
  /// - Throws: As ``fft(_:n:axis:norm:)-(NDArray<Complex<R>>,_,_,_)``.
  public static func rfft<R: NDComplexComponent>(
    _ a: NDArray<R>, n: Int? = nil, axis: Int = -1, norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<Complex<R>> {
    guard a.ndim > 0 else { throw .axisOutOfRange(axis: axis, rank: 0) }
    let ax = try Self.axis(axis, a.ndim)
    let n = try length(n, a.shape[ax])
    return try transformLanes(a, axis: ax, from: n, to: n / 2 + 1) { input, out, count in
      if R.self == Float.self {
        FFTKernel.realForward(input, out, lanes: count, n: n, scale: norm.scale(n, inverse: false) as Float)
      } else {
        FFTKernel.realForward(input, out, lanes: count, n: n, scale: norm.scale(n, inverse: false) as Double)
      }
    }
  }

  /// A new array whose lanes along `ax` are `outLength` long, made from
  /// `a`'s lanes there (`inLength` long): `kernel(input, output, lanes)`
  /// transforms each contiguous block of lanes into its place.
  static func transformLanes<In: NDElement, Out: NDElement>(
    _ a: NDArray<In>, axis ax: Int, from inLength: Int, to outLength: Int,
    _ kernel: (UnsafeRawPointer, UnsafeMutableRawPointer, Int) -> Void
  ) throws(FFTError) -> NDArray<Out> {
    var shape = a.movingAxis(from: ax, to: a.ndim - 1).shape
    shape[a.ndim - 1] = outLength
    let output: NDArray<Out> = try .allocated(shape, "FFT", FFTError.self)
    try forEachLaneBlock(a, axis: ax, n: inLength) { input, first in
      let count = input.count / inLength
      guard count > 0 else { return }
      kernel(input.contiguousBase, output.contiguousBase + first * outLength * MemoryLayout<Out>.stride, count)
    }
    return output.movingAxis(from: a.ndim - 1, to: ax)
  }

  /// The real signal of length `n` (by default `2·(m − 1)` for `m`
  /// coefficients) whose ``rfft(_:n:axis:norm:)`` is `a`.
  ///
  /// NumPy: `np.fft.irfft(a, n, axis, norm)`.
  ///
  /// - Throws: ``FFTError/invalidLength(_:)`` when the output length is
  ///   below 1; ``FFTError/axisOutOfRange(axis:rank:)``.
  public static func irfft<R: NDComplexComponent>(
    _ a: NDArray<Complex<R>>, n: Int? = nil, axis: Int = -1, norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<R> {
    guard a.ndim > 0 else { throw .axisOutOfRange(axis: axis, rank: 0) }
    let ax = try Self.axis(axis, a.ndim)
    let n = try length(n ?? 2 * (a.shape[ax] - 1), 0)
    return try transformLanes(a, axis: ax, from: n / 2 + 1, to: n) { input, out, count in
      if R.self == Float.self {
        FFTKernel.realInverse(input, out, lanes: count, n: n, scale: norm.scale(n, inverse: true) as Float)
      } else {
        FFTKernel.realInverse(input, out, lanes: count, n: n, scale: norm.scale(n, inverse: true) as Double)
      }
    }
  }

  /// The transform of a signal with Hermitian symmetry, given by its first
  /// half: a real spectrum of length `n` (by default `2·(m − 1)`).
  ///
  /// NumPy: `np.fft.hfft(a, n, axis, norm)`.
  public static func hfft<R: NDComplexComponent>(
    _ a: NDArray<Complex<R>>, n: Int? = nil, axis: Int = -1, norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<R> {
    try irfft(a.conjugated(), n: n, axis: axis, norm: norm.swapped)
  }

  /// The inverse of ``hfft(_:n:axis:norm:)``: the first half of the
  /// Hermitian signal whose transform is the real `a`.
  ///
  /// NumPy: `np.fft.ihfft(a, n, axis, norm)`.
  public static func ihfft<R: NDComplexComponent>(
    _ a: NDArray<R>, n: Int? = nil, axis: Int = -1, norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<Complex<R>> {
    try rfft(a, n: n, axis: axis, norm: norm.swapped).conjugated()
  }

  // MARK: Several axes

  /// The axes and lengths of a multi-axis transform, NumPy's way: `s`
  /// alone names the last `s.count` axes; no `axes` and no `s` is every
  /// axis.
  static func axesAndLengths<E: NDElement>(_ a: NDArray<E>, _ s: [Int]?, _ axes: [Int]?) throws(FFTError)
    -> [(axis: Int, n: Int?)]
  {
    let chosen: [Int]
    if let axes {
      chosen = try axes.map { (x) throws(FFTError) in try axis(x, a.ndim) }
    } else if let s {
      guard s.count <= a.ndim else { throw .lengthsMismatch(lengths: s.count, axes: a.ndim) }
      chosen = Array((a.ndim - s.count)..<a.ndim)
    } else {
      chosen = Array(0..<a.ndim)
    }
    guard Set(chosen).count == chosen.count else { throw .repeatedAxes(axes ?? chosen) }
    if let s, s.count != chosen.count { throw .lengthsMismatch(lengths: s.count, axes: chosen.count) }
    return chosen.enumerated().map { ($0.element, s?[$0.offset]) }
  }

  /// The transform over several axes (all of them by default), one axis
  /// after another, the last first, as NumPy does.
  ///
  /// NumPy: `np.fft.fftn(a, s, axes, norm)`.
  ///
  /// - Throws: ``FFTError/repeatedAxes(_:)``, ``FFTError/lengthsMismatch(lengths:axes:)``,
  ///   and as ``fft(_:n:axis:norm:)-(NDArray<Complex<R>>,_,_,_)``.
  public static func fftn<R: NDComplexComponent>(
    _ a: NDArray<Complex<R>>, s: [Int]? = nil, axes: [Int]? = nil, norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<Complex<R>> {
    var result = a
    for (axis, n) in try axesAndLengths(a, s, axes).reversed() {
      result = try complex(result, n: n, axis: axis, norm: norm, inverse: false)
    }
    return result
  }

  /// The inverse transform over several axes.
  ///
  /// NumPy: `np.fft.ifftn(a, s, axes, norm)`.
  public static func ifftn<R: NDComplexComponent>(
    _ a: NDArray<Complex<R>>, s: [Int]? = nil, axes: [Int]? = nil, norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<Complex<R>> {
    var result = a
    for (axis, n) in try axesAndLengths(a, s, axes).reversed() {
      result = try complex(result, n: n, axis: axis, norm: norm, inverse: true)
    }
    return result
  }

  /// The transform over the last two axes (or the given two).
  ///
  /// NumPy: `np.fft.fft2(a, s, axes, norm)`.
  public static func fft2<R: NDComplexComponent>(
    _ a: NDArray<Complex<R>>, s: [Int]? = nil, axes: [Int] = [-2, -1], norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<Complex<R>> {
    try fftn(a, s: s, axes: axes, norm: norm)
  }

  /// The inverse transform over the last two axes (or the given two).
  ///
  /// NumPy: `np.fft.ifft2(a, s, axes, norm)`.
  public static func ifft2<R: NDComplexComponent>(
    _ a: NDArray<Complex<R>>, s: [Int]? = nil, axes: [Int] = [-2, -1], norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<Complex<R>> {
    try ifftn(a, s: s, axes: axes, norm: norm)
  }

  /// The transform of real data over several axes: ``rfft(_:n:axis:norm:)``
  /// along the last of them, then complex transforms along the others.
  ///
  /// NumPy: `np.fft.rfftn(a, s, axes, norm)`.
  public static func rfftn<R: NDComplexComponent>(
    _ a: NDArray<R>, s: [Int]? = nil, axes: [Int]? = nil, norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<Complex<R>> {
    let plan = try axesAndLengths(a, s, axes)
    guard let last = plan.last else { return a.mapElements { Complex($0, 0) } }
    var result = try rfft(a, n: last.n, axis: last.axis, norm: norm)
    for (axis, n) in plan.dropLast().reversed() {
      result = try complex(result, n: n, axis: axis, norm: norm, inverse: false)
    }
    return result
  }

  /// The inverse of ``rfftn(_:s:axes:norm:)``: complex inverse transforms
  /// along all but the last axis, then ``irfft(_:n:axis:norm:)`` along it.
  ///
  /// NumPy: `np.fft.irfftn(a, s, axes, norm)`.
  public static func irfftn<R: NDComplexComponent>(
    _ a: NDArray<Complex<R>>, s: [Int]? = nil, axes: [Int]? = nil, norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<R> {
    let plan = try axesAndLengths(a, s, axes)
    guard let last = plan.last else { return a.mapElements { $0.rawStorage.x } }
    var result = a
    for (axis, n) in plan.dropLast().reversed() {
      result = try complex(result, n: n, axis: axis, norm: norm, inverse: true)
    }
    return try irfft(result, n: last.n, axis: last.axis, norm: norm)
  }

  /// ``rfftn(_:s:axes:norm:)`` over the last two axes.
  ///
  /// NumPy: `np.fft.rfft2(a, s, axes, norm)`.
  public static func rfft2<R: NDComplexComponent>(
    _ a: NDArray<R>, s: [Int]? = nil, axes: [Int] = [-2, -1], norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<Complex<R>> {
    try rfftn(a, s: s, axes: axes, norm: norm)
  }

  /// ``irfftn(_:s:axes:norm:)`` over the last two axes.
  ///
  /// NumPy: `np.fft.irfft2(a, s, axes, norm)`.
  public static func irfft2<R: NDComplexComponent>(
    _ a: NDArray<Complex<R>>, s: [Int]? = nil, axes: [Int] = [-2, -1], norm: FFTNormalization = .backward
  ) throws(FFTError) -> NDArray<R> {
    try irfftn(a, s: s, axes: axes, norm: norm)
  }

  // MARK: Frequencies and shifts

  /// The frequencies of the `n` coefficients of a transform with sample
  /// spacing `d`: 0, 1, …, ⌈n/2⌉ − 1, −⌊n/2⌋, …, −1, divided by `n·d`.
  ///
  /// NumPy: `np.fft.fftfreq(n, d)`.
  ///
  /// - Throws: ``FFTError/invalidLength(_:)`` for `n` below 1.
  public static func fftfreq(_ n: Int, d: Double = 1) throws(FFTError) -> NDArray<Double> {
    guard n >= 1 else { throw .invalidLength(n) }
    let scale = 1 / (Double(n) * d)
    let positive = (n - 1) / 2 + 1
    return try .allocated(count: n, zeroed: false, "fftfreq", FFTError.self) { out in
      for i in 0..<n { out[i] = Double(i < positive ? i : i - n) * scale }
    }
  }

  /// The frequencies of the `n / 2 + 1` coefficients of ``rfft(_:n:axis:norm:)``.
  ///
  /// NumPy: `np.fft.rfftfreq(n, d)`.
  public static func rfftfreq(_ n: Int, d: Double = 1) throws(FFTError) -> NDArray<Double> {
    guard n >= 1 else { throw .invalidLength(n) }
    let scale = 1 / (Double(n) * d)
    return try .allocated(count: n / 2 + 1, zeroed: false, "rfftfreq", FFTError.self) { out in
      for i in 0...(n / 2) { out[i] = Double(i) * scale }
    }
  }

  /// The array rolled so that frequency 0 is in the middle of each of
  /// `axes` (all axes by default).
  ///
  /// NumPy: `np.fft.fftshift(x, axes)`.
  public static func fftshift<E: NDElement>(_ x: NDArray<E>, axes: [Int]? = nil) throws(FFTError) -> NDArray<E> {
    let chosen = try (axes ?? Array(0..<x.ndim)).map { (a) throws(FFTError) in try axis(a, x.ndim) }
    return try! x.rolled(by: chosen.map { x.shape[$0] / 2 }, axes: chosen)
  }

  /// The inverse of ``fftshift(_:axes:)``.
  ///
  /// NumPy: `np.fft.ifftshift(x, axes)`.
  public static func ifftshift<E: NDElement>(_ x: NDArray<E>, axes: [Int]? = nil) throws(FFTError) -> NDArray<E> {
    let chosen = try (axes ?? Array(0..<x.ndim)).map { (a) throws(FFTError) in try axis(a, x.ndim) }
    return try! x.rolled(by: chosen.map { -(x.shape[$0] / 2) }, axes: chosen)
  }
}
