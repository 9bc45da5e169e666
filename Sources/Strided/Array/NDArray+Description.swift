import ComplexModule

extension NDArray: CustomStringConvertible, CustomDebugStringConvertible {
  /// The elements in NumPy's `str` style: nested brackets, one row per
  /// line, elements aligned in columns. Arrays of more than 1,000 elements
  /// are summarised with `...`, showing three elements at each edge.
  ///
  /// ```
  /// [[0. 1. 2.]
  ///  [3. 4. 5.]]
  /// ```
  public var description: String {
    guard count > 0 else { return "[]" }
    let summarize = count > ArrayPrinter.threshold
    var values: [Element] = []
    collect(axis: 0, offset: 0, summarize: summarize, into: &values)
    let strings = ArrayPrinter.format(values)
    var next = 0
    return render(axis: 0, summarize: summarize, strings: strings, next: &next, indent: " ", width: ArrayPrinter.lineWidth)
  }

  public var debugDescription: String {
    "NDArray<\(Element.self)>(shape: \(shape), strides: \(strides)\(isReadOnly ? ", read-only" : ""))\n"
      + description
  }

  /// The indices shown along an axis of `size` elements.
  private static func shown(_ size: Int, summarize: Bool) -> (head: Range<Int>, tail: Range<Int>) {
    let edge = ArrayPrinter.edgeItems
    if summarize && size > 2 * edge { return (0..<edge, (size - edge)..<size) }
    return (0..<size, size..<size)
  }

  private func collect(axis: Int, offset: Int, summarize: Bool, into values: inout [Element]) {
    if axis == ndim {
      values.append(load(at: offset))
      return
    }
    let (head, tail) = Self.shown(shape[axis], summarize: summarize)
    for i in head { collect(axis: axis + 1, offset: offset + i * strides[axis], summarize: summarize, into: &values) }
    for i in tail { collect(axis: axis + 1, offset: offset + i * strides[axis], summarize: summarize, into: &values) }
  }

  /// NumPy's `_formatArray` for `str`: elements separated by spaces,
  /// wrapped at ``ArrayPrinter/lineWidth`` characters, nested rows indented.
  private func render(axis: Int, summarize: Bool, strings: [String], next: inout Int, indent: String, width: Int)
    -> String
  {
    if axis == ndim {
      defer { next += 1 }
      return strings[next]
    }
    let nextIndent = indent + " "
    let nextWidth = width - 1
    let (head, tail) = Self.shown(shape[axis], summarize: summarize)
    let axesLeft = ndim - axis
    var text = ""
    if axesLeft == 1 {
      let elementWidth = width - 1
      var line = indent
      func extend(_ word: String, _ limit: Int) {
        if line.count + word.count > limit && line.count > indent.count {
          text += String(line.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
          line = indent
        }
        line += word
      }
      let words = (head.map { _ in render(axis: axis + 1, summarize: summarize, strings: strings, next: &next, indent: nextIndent, width: nextWidth) },
        tail.map { _ in render(axis: axis + 1, summarize: summarize, strings: strings, next: &next, indent: nextIndent, width: nextWidth) })
      var all = words.0
      if !tail.isEmpty { all.append("...") }
      all += words.1
      for (i, word) in all.enumerated() {
        extend(word, i == all.count - 1 ? width : elementWidth)
        if i < all.count - 1 { line += " " }
      }
      text += line
    } else {
      let separator = "\n" + String(repeating: "\n", count: axesLeft - 2)
      var parts: [String] = head.map { _ in
        render(axis: axis + 1, summarize: summarize, strings: strings, next: &next, indent: nextIndent, width: nextWidth)
      }
      if !tail.isEmpty { parts.append("...") }
      parts += tail.map { _ in
        render(axis: axis + 1, summarize: summarize, strings: strings, next: &next, indent: nextIndent, width: nextWidth)
      }
      text = parts.map { indent + $0 }.joined(separator: separator)
    }
    return "[" + text.dropFirst(indent.count) + "]"
  }
}

/// Formats elements the way NumPy prints them.
enum ArrayPrinter {
  /// Arrays with more elements than this are summarised.
  static let threshold = 1000
  /// Elements shown at each edge of a summarised axis.
  static let edgeItems = 3
  /// Digits after the point, at most.
  static let precision = 8
  /// The widest line before wrapping.
  static let lineWidth = 75

  /// One string per value, padded to a common width.
  static func format<Element: NDElement>(_ values: [Element]) -> [String] {
    let strings: [String]
    switch Element.scalarKind {
    case .float16: strings = formatReals(values.map { Double($0 as! Float16) })
    case .float32: strings = formatReals(values.map { Double($0 as! Float) })
    case .float64: strings = formatReals(values.map { $0 as! Double })
    case .complex64:
      strings = formatComplex(values.map { let z = $0 as! Complex<Float>; return (Double(z.rawStorage.x), Double(z.rawStorage.y)) })
    case .complex128:
      strings = formatComplex(values.map { let z = $0 as! Complex<Double>; return z.rawStorage })
    default:
      strings = values.map { "\($0)" }
    }
    let width = strings.map(\.count).max() ?? 0
    return strings.map { String(repeating: " ", count: width - $0.count) + $0 }
  }

  /// A real number split at its point: sign and integer digits, fraction
  /// digits, and an exponent for scientific notation.
  struct Parts {
    var integer: String
    var fraction: String
    var exponent: String
  }

  static func formatReals(_ values: [Double]) -> [String] {
    let finite = values.filter(\.isFinite)
    let magnitudes = finite.map(\.magnitude).filter { $0 != 0 }
    let scientific: Bool
    if let largest = magnitudes.max(), let smallest = magnitudes.min() {
      scientific = largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1e3
    } else {
      scientific = false
    }
    let parts = values.map { $0.isFinite ? split($0, scientific: scientific) : nil }
    let integerWidth = parts.compactMap { $0?.integer.count }.max() ?? 0
    let fractionWidth = parts.compactMap { $0?.fraction.count }.max() ?? 0
    let exponentWidth = parts.compactMap { $0?.exponent.count }.max() ?? 0
    return zip(values, parts).map { value, parts in
      guard let parts else {
        return value.isNaN ? "nan" : value < 0 ? "-inf" : "inf"
      }
      let integer = String(repeating: " ", count: integerWidth - parts.integer.count) + parts.integer
      if scientific {
        // NumPy pads the mantissa's fraction with zeros in this mode.
        let fraction = parts.fraction + String(repeating: "0", count: fractionWidth - parts.fraction.count)
        return integer + "." + fraction + "e" + parts.exponent
          + String(repeating: " ", count: exponentWidth - parts.exponent.count)
      }
      return integer + "." + parts.fraction + String(repeating: " ", count: fractionWidth - parts.fraction.count)
    }
  }

  static func formatComplex(_ values: [(Double, Double)]) -> [String] {
    let reals = formatReals(values.map(\.0))
    let imaginaries = formatReals(values.map(\.1)).map { s -> String in
      var trimmed = String(s.drop(while: { $0 == " " }))
      while trimmed.hasSuffix(" ") { trimmed.removeLast() }
      return trimmed.hasPrefix("-") ? trimmed : "+" + trimmed
    }
    let width = imaginaries.map(\.count).max() ?? 0
    return zip(reals, imaginaries).map { re, im in re + im + "j" + String(repeating: " ", count: width - im.count) }
  }

  /// Splits a finite value into printable parts with at most `precision`
  /// digits after the point, trailing zeros removed.
  static func split(_ value: Double, scientific: Bool) -> Parts {
    let sign = value.sign == .minus ? "-" : ""
    var (digits, exponent) = decimalDigits(value.magnitude)
    if scientific {
      // One digit before the point.
      let mantissa = digits
      var fraction = String(mantissa.dropFirst())
      if fraction.count > precision {
        (digits, exponent) = round(digits: mantissa, keep: precision + 1, exponent: exponent)
        fraction = String(digits.dropFirst())
      }
      while fraction.hasSuffix("0") { fraction.removeLast() }
      let e = exponent - 1
      let exponentText = (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
      return Parts(integer: sign + String(digits.prefix(1)), fraction: fraction, exponent: exponentText)
    }
    // Fixed notation: digits × 10^(exponent - digits.count) with the point
    // after `exponent` digits.
    let keep = exponent + precision
    if keep < digits.count {
      if keep <= 0 {
        return Parts(integer: sign + "0", fraction: "", exponent: "")
      }
      (digits, exponent) = round(digits: digits, keep: keep, exponent: exponent)
    }
    var integer: String
    var fraction: String
    if exponent <= 0 {
      integer = "0"
      fraction = String(repeating: "0", count: -exponent) + digits
    } else if exponent >= digits.count {
      integer = digits + String(repeating: "0", count: exponent - digits.count)
      fraction = ""
    } else {
      integer = String(digits.prefix(exponent))
      fraction = String(digits.dropFirst(exponent))
    }
    while fraction.hasSuffix("0") { fraction.removeLast() }
    if integer.isEmpty { integer = "0" }
    return Parts(integer: sign + integer, fraction: fraction, exponent: "")
  }

  /// The shortest decimal digits that read back as `value` (non-negative),
  /// and the position of the point: value = 0.d1d2d3… × 10^exponent.
  static func decimalDigits(_ value: Double) -> (String, Int) {
    if value == 0 { return ("0", 1) }
    let text = value.description  // shortest round-trip form
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...]) ?? 0
      mantissa = text[..<e]
    }
    let point = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
    let integerPart = mantissa[..<point]
    let fractionPart = point < mantissa.endIndex ? mantissa[mantissa.index(after: point)...] : ""
    var digits = String(integerPart) + String(fractionPart)
    var position = integerPart.count + exponent
    while digits.hasPrefix("0") && digits.count > 1 {
      digits.removeFirst()
      position -= 1
    }
    while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
    return (digits, position)
  }

  /// Rounds a digit string to `keep` digits, half to even.
  static func round(digits: String, keep: Int, exponent: Int) -> (String, Int) {
    var d = digits.map { Int($0.asciiValue! - 48) }
    let rest = Array(d[keep...])
    d = Array(d[..<keep])
    let first = rest.first ?? 0
    let tail = rest.dropFirst().contains { $0 != 0 }
    let up = first > 5 || (first == 5 && (tail || (d.last ?? 0) % 2 == 1))
    var exponent = exponent
    if up {
      var i = d.count - 1
      while i >= 0 {
        if d[i] == 9 {
          d[i] = 0
          i -= 1
        } else {
          d[i] += 1
          break
        }
      }
      if i < 0 {
        d.insert(1, at: 0)
        d.removeLast()
        exponent += 1
      }
    }
    return (d.map(String.init).joined(), exponent)
  }
}
