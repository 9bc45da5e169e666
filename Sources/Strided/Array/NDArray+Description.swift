extension NDArray: CustomStringConvertible, CustomDebugStringConvertible {
  /// The elements as NumPy's `str` prints them, with the print options in
  /// force (``PrintOptions/current``): nested brackets, one row per line,
  /// elements aligned in columns, long rows wrapped, and arrays of more than
  /// ``PrintOptions/threshold`` elements summarised with `...`.
  ///
  /// ```
  /// [[0. 1. 2.]
  ///  [3. 4. 5.]]
  /// ```
  ///
  /// Floating-point elements print with the fewest digits that read back
  /// as them, at most ``PrintOptions/precision`` after the point, in
  /// scientific notation when their magnitudes are far apart; `Bool`
  /// elements as `True` and `False`. A 0-d array prints its element as
  /// NumPy prints a scalar, at full precision: `0.30000000000000004`,
  /// `(1+2j)`, `True`.
  ///
  /// NumPy: `str(a)`.
  public var description: String { description(options: .current) }

  /// The elements as NumPy prints them with `options` in force.
  ///
  /// NumPy: `np.array2string(a, precision=…, threshold=…, edgeitems=…,
  /// max_line_width=…, suppress_small=…)`; a 0-d array prints as `str(a)`
  /// prints it, at full precision.
  ///
  /// - Precondition: `options.precision >= 0` and `options.edgeItems >= 0`.
  /// - Complexity: O(*n*) for the *n* elements shown.
  public func description(options: PrintOptions) -> String {
    options.check("NDArray.description(options:)")
    if ndim == 0 { return ArrayPrinter.scalarText(element: load(at: 0)) }
    guard count > 0 else { return "[]" }
    // Typed rather than through the view's bytes, so element types that
    // print themselves (dates, durations) keep their words.
    let summarize = count > options.threshold
    let offsets = ArrayPrinter.keptOffsets(
      shape: Array(shape), strides: Array(strides), start: 0, summarize: summarize, edge: options.edgeItems)
    let values = offsets.map { load(at: $0) }
    let format = ArrayPrinter.formatter(for: values, options: options)
    return ArrayPrinter.grid(values.map(format), shape: Array(shape), summarize: summarize, options: options)
  }

  public var debugDescription: String {
    "NDArray<\(Element.self)>(shape: \(shape), strides: \(strides)\(isReadOnly ? ", read-only" : ""))\n"
      + description
  }
}
