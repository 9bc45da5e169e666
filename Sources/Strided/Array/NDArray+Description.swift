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
    let summarize = count > options.threshold
    var values: [Element] = []
    collect(axis: 0, offset: 0, summarize: summarize, edge: options.edgeItems, into: &values)
    let format = ArrayPrinter.formatter(for: values, options: options)
    return render(
      axis: 0, offset: 0, indent: " ", width: options.lineWidth, summarize: summarize, edge: options.edgeItems,
      format: format)
  }

  public var debugDescription: String {
    "NDArray<\(Element.self)>(shape: \(shape), strides: \(strides)\(isReadOnly ? ", read-only" : ""))\n"
      + description
  }

  /// The elements whose widths set the columns: along a summarised axis
  /// the first and last `edge` (NumPy's `_leading_trailing`, which keeps
  /// the whole axis when `edge` is 0).
  private func collect(axis: Int, offset: Int, summarize: Bool, edge: Int, into values: inout [Element]) {
    if axis == ndim {
      values.append(load(at: offset))
      return
    }
    let size = shape[axis]
    let indices: [Int]
    if summarize && edge > 0 && size - edge > edge {
      indices = Array(0..<edge) + Array((size - edge)..<size)
    } else {
      indices = Array(0..<size)
    }
    for i in indices {
      collect(axis: axis + 1, offset: offset + i * strides[axis], summarize: summarize, edge: edge, into: &values)
    }
  }

  /// NumPy's `_formatArray` for `str`: elements separated by spaces,
  /// wrapped before a line (and its closing bracket) passes `width`,
  /// nested rows indented, and the middle of a summarised axis (longer
  /// than twice `edge`) replaced by `...`.
  private func render(
    axis: Int, offset: Int, indent: String, width: Int, summarize: Bool, edge: Int, format: @escaping (Element) -> String
  ) -> String {
    if axis == ndim { return format(load(at: offset)) }
    let size = shape[axis]
    let showSummary = summarize && size - edge > edge
    let leading = showSummary ? edge : 0
    let trailing = showSummary ? edge : size
    let nextIndent = indent + " "
    func element(_ i: Int) -> String {
      render(
        axis: axis + 1, offset: offset + i * strides[axis], indent: nextIndent, width: width - 1,
        summarize: summarize, edge: edge, format: format)
    }
    var text = ""
    if axis == ndim - 1 {
      let elementWidth = width - 1
      var line = indent
      func extend(_ word: String) {
        if line.count + word.count > elementWidth && line.count > indent.count {
          text += ArrayPrinter.trailingSpacesRemoved(line) + "\n"
          line = indent
        }
        line += word
      }
      for i in 0..<leading {
        extend(element(i))
        line += " "
      }
      if showSummary {
        extend("...")
        line += " "
      }
      for i in stride(from: trailing, to: 1, by: -1) {
        extend(element(size - i))
        line += " "
      }
      extend(element(size - 1))
      text += line
    } else {
      let separator = String(repeating: "\n", count: ndim - axis - 1)
      for i in 0..<leading { text += indent + element(i) + separator }
      if showSummary { text += indent + "..." + separator }
      for i in stride(from: trailing, to: 1, by: -1) { text += indent + element(size - i) + separator }
      text += indent + element(size - 1)
    }
    return "[" + text.dropFirst(indent.count) + "]"
  }
}
