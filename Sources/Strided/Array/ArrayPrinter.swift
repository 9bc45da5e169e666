import ComplexModule

/// Formats elements as NumPy prints them (`numpy/_core/arrayprint.py` and
/// its Dragon4 digits): for an array, one notation for all its elements and
/// columns of one width; for a 0-d array, the element as NumPy prints a
/// scalar.
///
/// A floating-point element prints with the shortest digits that read back
/// as it (in its own type: `Float(0.1)` is `0.1`), rounded to at most
/// ``PrintOptions/precision`` digits after the point. Rounding, and the
/// extra digits scientific notation pads with, come from the element's
/// exact binary value, as Dragon4's do: `2.675` prints as `2.67` at
/// precision 2, because the `Double` nearest 2.675 lies below it.
enum ArrayPrinter {
  /// A finite magnitude as decimal digits: 0.d₁d₂…dₙ × 10^exponent, with
  /// no trailing zeros; no digits for zero.
  struct Digits {
    var digits: [UInt8]
    var exponent: Int

    static let zero = Digits(digits: [], exponent: 0)
  }

  // MARK: Digits

  /// The shortest digits that read back as `magnitude` (finite, not
  /// negative), read from its `description`.
  static func shortestDigits<T: BinaryFloatingPoint & LosslessStringConvertible>(_ magnitude: T) -> Digits {
    if magnitude == 0 { return .zero }
    let text = magnitude.description
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...]) ?? 0
      mantissa = text[..<e]
    }
    var digits: [UInt8] = []
    var beforePoint = 0
    var afterPoint = false
    for character in mantissa {
      if character == "." {
        afterPoint = true
        continue
      }
      guard let value = character.wholeNumberValue else { continue }
      digits.append(UInt8(value))
      if !afterPoint { beforePoint += 1 }
    }
    let leadingZeros = digits.prefix(while: { $0 == 0 }).count
    digits.removeFirst(leadingZeros)
    while digits.last == 0 { digits.removeLast() }
    let described = Digits(digits: digits, exponent: beforePoint - leadingZeros + exponent)
    // `Float16`'s description prints integers up to its maximum in full
    // (65504.0), where the shortest digits that read back are fewer
    // (6.55e+04, as NumPy prints): find those by rounding.
    guard T.significandBitCount < 11, described.digits.count > 3 else { return described }
    let exact = exactDigits(Double(magnitude))
    for keep in 1..<described.digits.count {
      let candidate = roundedDigits(exact, keep: keep)
      let text = "0." + self.text(candidate.digits) + "e\(candidate.exponent)"
      if let back = T(text), back == magnitude { return candidate }
    }
    return described
  }

  /// 10⁹, the base of the limbs of ``exactDigits(_:)``.
  static let billion: UInt64 = 1_000_000_000

  /// Every decimal digit of a finite, non-negative `value`: a binary
  /// fraction has a finite decimal expansion (767 significant digits at
  /// most).
  static func exactDigits(_ value: Double) -> Digits {
    if value == 0 { return .zero }
    var significand = value.significandBitPattern
    var binaryExponent: Int
    if value.exponentBitPattern == 0 {
      binaryExponent = -1074
    } else {
      significand |= 1 << 52
      binaryExponent = Int(value.exponentBitPattern) - 1075
    }
    let zeroBits = significand.trailingZeroBitCount
    significand >>= zeroBits
    binaryExponent += zeroBits
    // value = significand × 2^binaryExponent = n × 10^decimalExponent, n in
    // base-10⁹ limbs, least significant first.
    var limbs: [UInt64] = [significand % billion, significand / billion]
    var decimalExponent = 0
    if binaryExponent >= 0 {
      multiply(&limbs, byPowerOf: 2, binaryExponent)
    } else {
      multiply(&limbs, byPowerOf: 5, -binaryExponent)
      decimalExponent = binaryExponent
    }
    while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
    var digits: [UInt8] = []
    for (i, limb) in limbs.reversed().enumerated() {
      var chunk = [UInt8](repeating: 0, count: 9)
      var rest = limb
      for j in stride(from: 8, through: 0, by: -1) {
        chunk[j] = UInt8(rest % 10)
        rest /= 10
      }
      digits += i == 0 ? chunk.drop(while: { $0 == 0 }) : chunk[...]
    }
    let count = digits.count
    while digits.last == 0 { digits.removeLast() }
    return Digits(digits: digits, exponent: count + decimalExponent)
  }

  /// Multiplies a number in base-10⁹ limbs by `base^power` (`base` is 2 or 5).
  static func multiply(_ limbs: inout [UInt64], byPowerOf base: UInt64, _ power: Int) {
    let step = base == 2 ? 29 : 12  // 2²⁹ and 5¹² are below 10⁹
    var left = power
    while left > 0 {
      let k = Swift.min(left, step)
      var factor: UInt64 = 1
      for _ in 0..<k { factor *= base }
      var carry: UInt64 = 0
      for i in limbs.indices {
        let product = limbs[i] * factor + carry
        limbs[i] = product % billion
        carry = product / billion
      }
      while carry > 0 {
        limbs.append(carry % billion)
        carry /= billion
      }
      left -= k
    }
  }

  /// `value` rounded half to even to `keep` significant digits: to nothing
  /// or a carry into one new leading digit when `keep` is 0, to zero when
  /// it is negative. Trailing zeros are removed.
  static func roundedDigits(_ value: Digits, keep: Int) -> Digits {
    if keep >= value.digits.count { return value }
    if keep < 0 { return .zero }
    var kept = Array(value.digits[..<keep])
    let first = value.digits[keep]
    let rest = value.digits[(keep + 1)...].contains { $0 != 0 }
    let lastIsOdd = (kept.last ?? 0) % 2 == 1
    var exponent = value.exponent
    if first > 5 || (first == 5 && (rest || lastIsOdd)) {
      var i = kept.count - 1
      while i >= 0 && kept[i] == 9 {
        kept[i] = 0
        i -= 1
      }
      if i < 0 {
        kept.insert(1, at: 0)
        exponent += 1
      } else {
        kept[i] += 1
      }
    }
    while kept.last == 0 { kept.removeLast() }
    return kept.isEmpty ? .zero : Digits(digits: kept, exponent: exponent)
  }

  /// The digits of `x` for fixed notation: the shortest, or, when those
  /// run past `fractionDigits` after the point, the exact value rounded
  /// there (Dragon4's `unique=True` with a precision).
  static func fixedDigits<T: BinaryFloatingPoint & LosslessStringConvertible>(_ x: T, fractionDigits: Int) -> Digits {
    let short = shortestDigits(x.magnitude)
    guard short.digits.count > short.exponent + fractionDigits else { return short }
    let exact = exactDigits(Double(x.magnitude))
    return roundedDigits(exact, keep: exact.exponent + fractionDigits)
  }

  /// The digits of `x` for scientific notation with at most
  /// `fractionDigits` after the point; with `exactly`, the exact value
  /// rounded to that many, as Dragon4 pads to a minimum number of digits.
  static func scientificDigits<T: BinaryFloatingPoint & LosslessStringConvertible>(
    _ x: T, fractionDigits: Int, exactly: Bool
  ) -> Digits {
    let short = shortestDigits(x.magnitude)
    guard !short.digits.isEmpty, exactly || short.digits.count > fractionDigits + 1 else { return short }
    return roundedDigits(exactDigits(Double(x.magnitude)), keep: fractionDigits + 1)
  }

  // MARK: Text

  /// Decimal digits as text.
  static func text<S: Sequence<UInt8>>(_ digits: S) -> String {
    String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
  }

  /// The integer and fraction parts of fixed notation.
  static func fixedParts(_ d: Digits) -> (integer: String, fraction: String) {
    let count = d.digits.count
    if count == 0 { return ("0", "") }
    if d.exponent <= 0 { return ("0", String(repeating: "0", count: -d.exponent) + text(d.digits)) }
    if d.exponent >= count { return (text(d.digits) + String(repeating: "0", count: d.exponent - count), "") }
    return (text(d.digits[..<d.exponent]), text(d.digits[d.exponent...]))
  }

  /// The leading digit, the fraction and the exponent of scientific
  /// notation.
  static func scientificParts(_ d: Digits) -> (lead: String, fraction: String, exponent: Int) {
    guard let first = d.digits.first else { return ("0", "", 0) }
    return (text([first]), text(d.digits.dropFirst()), d.exponent - 1)
  }

  /// `e+05`-style exponents: a sign and at least `digits` digits.
  static func exponentText(_ exponent: Int, digits: Int) -> String {
    let magnitude = String(exponent.magnitude)
    return (exponent < 0 ? "-" : "+") + String(repeating: "0", count: Swift.max(0, digits - magnitude.count)) + magnitude
  }

  /// `text` right-aligned in `width` characters.
  static func padded(_ text: String, toWidth width: Int) -> String {
    String(repeating: " ", count: Swift.max(0, width - text.count)) + text
  }

  /// `text` without its trailing spaces.
  static func trailingSpacesRemoved(_ text: String) -> String {
    var trimmed = text
    while trimmed.last == " " { trimmed.removeLast() }
    return trimmed
  }

  /// Where arrays of `T` turn to scientific notation: NumPy's
  /// `10 ** min(8, finfo(T).precision)`.
  static func scientificCutoff<T: BinaryFloatingPoint>(_: T.Type) -> Double {
    switch T.significandBitCount {
    case ...10: 1e3
    case ...23: 1e6
    default: 1e8
    }
  }

  /// Where a scalar of `T` turns to scientific notation.
  static func scalarCutoff<T: BinaryFloatingPoint>(_: T.Type) -> Double {
    switch T.significandBitCount {
    case ...10: 1e3
    case ...23: 1e6
    default: 1e16
    }
  }

  // MARK: Columns

  /// NumPy's `FloatingFormat` in its default mode (`floatmode="maxprec"`):
  /// one notation for the elements shown, padded to one width.
  struct RealFormat<T: BinaryFloatingPoint & LosslessStringConvertible> {
    let precision: Int
    /// Whether a sign is printed before non-negative values (the imaginary
    /// parts of complex numbers).
    let plusSign: Bool
    var scientific = false
    /// In scientific notation, the digits after the point of every element.
    var fractionDigits = 0
    var exponentDigits = 2
    var padLeft = 0
    var padRight = 0

    init(_ values: [T], precision: Int, suppressSmall: Bool, plusSign: Bool = false) {
      self.precision = precision
      self.plusSign = plusSign
      let finite = values.filter { $0.isFinite }
      let magnitudes = finite.filter { $0 != 0 }.map { $0.magnitude }
      if let largest = magnitudes.max(), let smallest = magnitudes.min() {
        // Compared in T, as NumPy compares them in the array's type.
        scientific =
          largest >= T(ArrayPrinter.scientificCutoff(T.self))
          || (!suppressSmall && (smallest < T(0.0001 as Double) || largest / smallest > T(1000 as Double)))
      }
      if scientific {
        for x in finite {
          let parts = ArrayPrinter.scientificParts(
            ArrayPrinter.scientificDigits(x, fractionDigits: precision, exactly: false))
          fractionDigits = Swift.max(fractionDigits, parts.fraction.count)
          exponentDigits = Swift.max(exponentDigits, String(parts.exponent.magnitude).count)
          padLeft = Swift.max(padLeft, sign(of: x).count + parts.lead.count)
        }
        padRight = exponentDigits + 2 + fractionDigits
      } else {
        for x in finite {
          let parts = ArrayPrinter.fixedParts(ArrayPrinter.fixedDigits(x, fractionDigits: precision))
          padLeft = Swift.max(padLeft, sign(of: x).count + parts.integer.count)
          padRight = Swift.max(padRight, parts.fraction.count)
        }
      }
      if finite.count != values.count {
        // Room for "nan" and "inf" (with its sign) in the same width.
        let negativeInfinity = plusSign || values.contains { $0.isInfinite && $0 < 0 }
        let offset = padRight + 1
        padLeft = Swift.max(padLeft, 3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset)
      }
    }

    func sign(of x: T) -> String { x.sign == .minus ? "-" : plusSign ? "+" : "" }

    func format(_ x: T) -> String {
      if !x.isFinite {
        let word = x.isNaN ? (plusSign ? "+nan" : "nan") : (x < 0 ? "-inf" : plusSign ? "+inf" : "inf")
        return ArrayPrinter.padded(word, toWidth: padLeft + padRight + 1)
      }
      if scientific {
        let parts = ArrayPrinter.scientificParts(
          ArrayPrinter.scientificDigits(x, fractionDigits: fractionDigits, exactly: true))
        return ArrayPrinter.padded(sign(of: x) + parts.lead, toWidth: padLeft) + "." + parts.fraction
          + String(repeating: "0", count: Swift.max(0, fractionDigits - parts.fraction.count))
          + "e" + ArrayPrinter.exponentText(parts.exponent, digits: exponentDigits)
      }
      let parts = ArrayPrinter.fixedParts(ArrayPrinter.fixedDigits(x, fractionDigits: precision))
      return ArrayPrinter.padded(sign(of: x) + parts.integer, toWidth: padLeft) + "." + parts.fraction
        + String(repeating: " ", count: Swift.max(0, padRight - parts.fraction.count))
    }
  }

  /// NumPy's `ComplexFloatingFormat`: the real parts in one column, the
  /// imaginary parts, signed, in another, then `j`.
  struct ComplexFormat<R: BinaryFloatingPoint & LosslessStringConvertible> {
    let real: RealFormat<R>
    let imaginary: RealFormat<R>

    init(_ values: [(R, R)], precision: Int, suppressSmall: Bool) {
      real = RealFormat(values.map { $0.0 }, precision: precision, suppressSmall: suppressSmall)
      imaginary = RealFormat(values.map { $0.1 }, precision: precision, suppressSmall: suppressSmall, plusSign: true)
    }

    func format(_ x: R, _ y: R) -> String {
      let padded = imaginary.format(y)
      let trimmed = ArrayPrinter.trailingSpacesRemoved(padded)
      // The j goes before the imaginary part's padding.
      return real.format(x) + trimmed + "j" + String(repeating: " ", count: padded.count - trimmed.count)
    }
  }

  /// How one element of an array whose shown elements are `values` prints:
  /// NumPy's format function for the array's type, its widths set by
  /// `values`.
  static func formatter<Element: NDElement>(for values: [Element], options: PrintOptions) -> (Element) -> String {
    let precision = options.precision
    let suppress = options.suppressSmall
    switch Element.scalarKind {
    case .bool:
      // NumPy pads True to the width of False.
      return { ($0 as! Bool) ? " True" : "False" }
    case .float16:
      let format = RealFormat(values.map { $0 as! Float16 }, precision: precision, suppressSmall: suppress)
      return { format.format($0 as! Float16) }
    case .float32:
      let format = RealFormat(values.map { $0 as! Float }, precision: precision, suppressSmall: suppress)
      return { format.format($0 as! Float) }
    case .float64:
      let format = RealFormat(values.map { $0 as! Double }, precision: precision, suppressSmall: suppress)
      return { format.format($0 as! Double) }
    case .complex64:
      let parts = values.map { value -> (Float, Float) in
        let z = (value as! Complex<Float>).rawStorage
        return (z.x, z.y)
      }
      let format = ComplexFormat(parts, precision: precision, suppressSmall: suppress)
      return { value in
        let z = (value as! Complex<Float>).rawStorage
        return format.format(z.x, z.y)
      }
    case .complex128:
      let parts = values.map { value -> (Double, Double) in
        let z = (value as! Complex<Double>).rawStorage
        return (z.x, z.y)
      }
      let format = ComplexFormat(parts, precision: precision, suppressSmall: suppress)
      return { value in
        let z = (value as! Complex<Double>).rawStorage
        return format.format(z.x, z.y)
      }
    default:
      // Integers: right-aligned in the widest one's width.
      let width = values.map { "\($0)".count }.max() ?? 0
      return { ArrayPrinter.padded("\($0)", toWidth: width) }
    }
  }

  // MARK: Scalars

  /// A floating-point value as NumPy prints a scalar: the shortest digits
  /// that read back as it, in fixed notation (`100.0`, `0.0001`) from 10⁻⁴
  /// up to 10¹⁶ (10³ for `Float16`, 10⁶ for `Float`), in scientific
  /// notation (`1e-05`, `1.5e+300`) outside.
  static func scalarText<T: BinaryFloatingPoint & LosslessStringConvertible>(_ x: T) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    let sign = x.sign == .minus ? "-" : ""
    let magnitude = Double(x.magnitude)
    let digits = shortestDigits(x.magnitude)
    if magnitude == 0 || (magnitude >= 0.0001 && magnitude < scalarCutoff(T.self)) {
      let parts = fixedParts(digits)
      return sign + parts.integer + "." + (parts.fraction.isEmpty ? "0" : parts.fraction)
    }
    let parts = scientificParts(digits)
    return sign + parts.lead + (parts.fraction.isEmpty ? "" : "." + parts.fraction) + "e"
      + exponentText(parts.exponent, digits: 2)
  }

  /// A complex value as NumPy prints a scalar: `(1+2j)`, or `2j` when the
  /// real part is +0.
  static func complexScalarText<R: BinaryFloatingPoint & LosslessStringConvertible>(_ x: R, _ y: R) -> String {
    if x == 0 && x.sign == .plus { return complexPartText(y, plusSign: false) + "j" }
    return "(" + complexPartText(x, plusSign: false) + complexPartText(y, plusSign: true) + "j)"
  }

  /// One part of a complex scalar: as a real scalar without a trailing
  /// `.0`.
  static func complexPartText<R: BinaryFloatingPoint & LosslessStringConvertible>(_ x: R, plusSign: Bool) -> String {
    if x.isNaN { return plusSign ? "+nan" : "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : plusSign ? "+inf" : "inf" }
    var text = scalarText(x)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return plusSign && !text.hasPrefix("-") ? "+" + text : text
  }

  /// The element of a 0-d array as NumPy's `str` prints it: as a scalar,
  /// at full precision whatever the print options.
  static func scalarText<Element: NDElement>(element value: Element) -> String {
    switch Element.scalarKind {
    case .bool: return (value as! Bool) ? "True" : "False"
    case .float16: return scalarText(value as! Float16)
    case .float32: return scalarText(value as! Float)
    case .float64: return scalarText(value as! Double)
    case .complex64:
      let z = (value as! Complex<Float>).rawStorage
      return complexScalarText(z.x, z.y)
    case .complex128:
      let z = (value as! Complex<Double>).rawStorage
      return complexScalarText(z.x, z.y)
    default: return "\(value)"
    }
  }
}

// MARK: Layout

extension ArrayPrinter {
  /// The positions along an axis of `size` whose values set the column
  /// widths: along a summarised axis longer than twice `edge`, the first
  /// and last `edge` (NumPy's `_leading_trailing`, which keeps the whole
  /// axis when `edge` is 0); otherwise all of them.
  static func kept(_ size: Int, summarize: Bool, edge: Int) -> [Int] {
    summarize && edge > 0 && size - edge > edge ? Array(0..<edge) + Array((size - edge)..<size) : Array(0..<size)
  }

  /// The byte offsets, from `start`, of the kept elements
  /// (``kept(_:summarize:edge:)`` along each axis) of a layout, in C order.
  static func keptOffsets(shape: [Int], strides: [Int], start: Int, summarize: Bool, edge: Int) -> [Int] {
    var offsets: [Int] = []
    func collect(_ axis: Int, _ offset: Int) {
      if axis == shape.count {
        offsets.append(offset)
        return
      }
      for i in kept(shape[axis], summarize: summarize, edge: edge) { collect(axis + 1, offset + i * strides[axis]) }
    }
    collect(0, start)
    return offsets
  }

  /// NumPy's `_formatArray` for `str`: the words of the kept elements
  /// (``kept(_:summarize:edge:)`` along each axis, in C order) separated by
  /// spaces, wrapped before a line (and its closing bracket) passes the
  /// line width, nested rows indented, and the middle of a summarised axis
  /// (longer than twice the edge items) replaced by `...`. Lengths count
  /// code points, as Python's `len` does.
  static func grid(_ words: [String], shape: [Int], summarize: Bool, options: PrintOptions) -> String {
    let edge = options.edgeItems
    let keptSizes = shape.map { kept($0, summarize: summarize, edge: edge).count }
    var strides = Array(repeating: 1, count: shape.count)
    for axis in stride(from: shape.count - 2, through: 0, by: -1) {
      strides[axis] = strides[axis + 1] * keptSizes[axis + 1]
    }
    func length(_ text: String) -> Int { text.unicodeScalars.count }
    func render(_ axis: Int, _ offset: Int, _ indent: String, _ width: Int) -> String {
      if axis == shape.count { return words[offset] }
      let size = shape[axis]
      let showSummary = summarize && size - edge > edge
      let leading = showSummary ? edge : 0
      let trailing = showSummary ? edge : size
      func element(_ i: Int) -> String {
        let position = showSummary && edge > 0 && i >= edge ? i - (size - 2 * edge) : i
        return render(axis + 1, offset + position * strides[axis], indent + " ", width - 1)
      }
      var text = ""
      if axis == shape.count - 1 {
        let elementWidth = width - 1
        var line = indent
        func extend(_ word: String) {
          if length(line) + length(word) > elementWidth && length(line) > length(indent) {
            text += trailingSpacesRemoved(line) + "\n"
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
        let separator = String(repeating: "\n", count: shape.count - axis - 1)
        for i in 0..<leading { text += indent + element(i) + separator }
        if showSummary { text += indent + "..." + separator }
        for i in stride(from: trailing, to: 1, by: -1) { text += indent + element(size - i) + separator }
        text += indent + element(size - 1)
      }
      return "[" + text.dropFirst(indent.count) + "]"
    }
    return render(0, 0, " ", options.lineWidth)
  }
}
