import Synchronization

/// How arrays print: NumPy's print options (`np.set_printoptions`).
///
/// ``NDArray/description`` prints with ``current``: the options of the
/// innermost ``withPrintOptions(_:_:)`` on this task (or thread), else the
/// process-wide options that ``setPrintOptions(precision:threshold:edgeItems:lineWidth:suppressSmall:)``
/// sets. The defaults are NumPy's.
///
/// ```swift
/// let a: NDArray<Double> = [1.0 / 3, 1e-9, 2]
/// print(a)                                   // [3.33333333e-01 1.00000000e-09 2.00000000e+00]
/// withPrintOptions(precision: 3, suppressSmall: true) {
///   print(a)                                 // [0.333 0.    2.   ]
/// }
/// setPrintOptions(threshold: 10, edgeItems: 2)
/// print(NDArray<Int>.arange(to: 100))        // [ 0  1 ... 98 99]
/// ```
///
/// A 0-d array prints its element as NumPy prints a scalar, at full
/// precision whatever the options (`0.30000000000000004`).
public struct PrintOptions: Sendable, Hashable {
  /// The most digits printed after the point of a floating-point element
  /// (NumPy's `precision`, 8 by default); an element that needs fewer
  /// digits to be read back exactly prints only those.
  public var precision: Int
  /// Arrays of more elements than this print summarised: `...` in place of
  /// all but ``edgeItems`` rows and columns at each end of every long axis
  /// (NumPy's `threshold`, 1,000 by default). `Int.max` never summarises.
  public var threshold: Int
  /// The elements shown at each end of a summarised axis (NumPy's
  /// `edgeitems`, 3 by default).
  public var edgeItems: Int
  /// The widest line, in characters, before elements wrap to the next line
  /// (NumPy's `linewidth`, 75 by default).
  public var lineWidth: Int
  /// Whether floating-point elements too small to show at ``precision``
  /// print as zero rather than turning the array to scientific notation
  /// (NumPy's `suppress`, `false` by default).
  public var suppressSmall: Bool

  /// Print options; each defaults to NumPy's.
  ///
  /// NumPy: `np.set_printoptions(precision=8, threshold=1000, edgeitems=3,
  /// linewidth=75, suppress=False)`.
  ///
  /// - Precondition: `precision >= 0` and `edgeItems >= 0` (NumPy raises
  ///   `ValueError` for a negative precision).
  public init(
    precision: Int = 8, threshold: Int = 1000, edgeItems: Int = 3, lineWidth: Int = 75, suppressSmall: Bool = false
  ) {
    self.precision = precision
    self.threshold = threshold
    self.edgeItems = edgeItems
    self.lineWidth = lineWidth
    self.suppressSmall = suppressSmall
    check("PrintOptions")
  }

  /// The options arrays print with now: those of the innermost
  /// ``withPrintOptions(_:_:)`` on this task (or thread), else the
  /// process-wide ones. Setting it sets the process-wide options (which a
  /// ``withPrintOptions(_:_:)`` around the caller still overrides).
  ///
  /// NumPy: `np.get_printoptions()`, and `np.set_printoptions(...)` when set.
  ///
  /// - Precondition: A new value has `precision >= 0` and `edgeItems >= 0`.
  public static var current: PrintOptions {
    get { scoped ?? global.withLock { $0 } }
    set {
      newValue.check("PrintOptions.current")
      global.withLock { $0 = newValue }
    }
  }

  /// The process-wide options.
  static let global = Mutex(PrintOptions())

  /// The options of the innermost ``withPrintOptions(_:_:)``.
  @TaskLocal static var scoped: PrintOptions?

  /// Traps on options NumPy rejects.
  func check(_ api: String) {
    precondition(precision >= 0, "\(api): precision must be >= 0, not \(precision)")
    precondition(edgeItems >= 0, "\(api): edgeItems must be >= 0, not \(edgeItems)")
  }
}

/// Sets the process-wide print options that are given, leaving the others
/// as they are.
///
/// ```swift
/// setPrintOptions(precision: 3, suppressSmall: true)
/// ```
///
/// NumPy: `np.set_printoptions(precision=…, threshold=…, edgeitems=…,
/// linewidth=…, suppress=…)`. Unlike NumPy 2, whose options are local to a
/// Python context, these are shared by every thread and task; for options
/// local to a piece of code, use ``withPrintOptions(_:_:)``. Thread-safe.
///
/// - Precondition: `precision` and `edgeItems`, when given, are not negative.
public func setPrintOptions(
  precision: Int? = nil, threshold: Int? = nil, edgeItems: Int? = nil, lineWidth: Int? = nil,
  suppressSmall: Bool? = nil
) {
  PrintOptions.global.withLock { options in
    var updated = options
    if let precision { updated.precision = precision }
    if let threshold { updated.threshold = threshold }
    if let edgeItems { updated.edgeItems = edgeItems }
    if let lineWidth { updated.lineWidth = lineWidth }
    if let suppressSmall { updated.suppressSmall = suppressSmall }
    updated.check("setPrintOptions")
    options = updated
  }
}

/// Runs `body` with arrays printing by `options`, and restores the options
/// that were in force when it returns or throws.
///
/// The options hold for `body` and for the child tasks it starts (they are
/// a task-local value, and outside any task, local to the thread); other
/// threads and tasks keep theirs.
///
/// NumPy: `with np.printoptions(...):`.
///
/// - Precondition: `options.precision >= 0` and `options.edgeItems >= 0`.
public func withPrintOptions<Result>(_ options: PrintOptions, _ body: () throws -> Result) rethrows -> Result {
  options.check("withPrintOptions")
  return try PrintOptions.$scoped.withValue(options) { try body() }
}

/// Runs `body` with the given print options changed from ``PrintOptions/current``,
/// and restores them when it returns or throws.
///
/// ```swift
/// withPrintOptions(precision: 2) { print(a) }
/// ```
///
/// NumPy: `with np.printoptions(precision=…, …):`.
///
/// - Precondition: `precision` and `edgeItems`, when given, are not negative.
public func withPrintOptions<Result>(
  precision: Int? = nil, threshold: Int? = nil, edgeItems: Int? = nil, lineWidth: Int? = nil,
  suppressSmall: Bool? = nil, _ body: () throws -> Result
) rethrows -> Result {
  var options = PrintOptions.current
  if let precision { options.precision = precision }
  if let threshold { options.threshold = threshold }
  if let edgeItems { options.edgeItems = edgeItems }
  if let lineWidth { options.lineWidth = lineWidth }
  if let suppressSmall { options.suppressSmall = suppressSmall }
  return try withPrintOptions(options, body)
}
