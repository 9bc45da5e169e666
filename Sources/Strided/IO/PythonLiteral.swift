/// The Python literals a `.npy` header uses: dicts, lists, tuples, strings,
/// integers, `True`, `False` and `None`. Parsing is bounded: nesting deeper
/// than 32 levels and integers beyond 64 bits are errors, not crashes.
indirect enum PythonLiteral: Equatable {
  case dict([(PythonLiteral, PythonLiteral)])
  case list([PythonLiteral])
  case tuple([PythonLiteral])
  case string(String)
  case integer(Int)
  case bool(Bool)
  case none

  static func == (a: PythonLiteral, b: PythonLiteral) -> Bool {
    switch (a, b) {
    case (.dict(let x), .dict(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.integer(let x), .integer(let y)): x == y
    case (.bool(let x), .bool(let y)): x == y
    case (.none, .none): true
    default: false
    }
  }

  struct ParseError: Error {
    var message: String
  }

  struct Parser {
    let scalars: [Unicode.Scalar]
    var position = 0
    var depth = 0
    static let maximumDepth = 32

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    func fail(_ what: String) -> ParseError { ParseError(message: "\(what) at character \(position)") }

    mutating func skipSpace() {
      while position < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[position]) { position += 1 }
    }

    mutating func parseAll() throws(ParseError) -> PythonLiteral {
      let value = try parseValue()
      skipSpace()
      guard position == scalars.count else { throw fail("unexpected text after the value") }
      return value
    }

    mutating func expect(_ c: Unicode.Scalar) throws(ParseError) {
      skipSpace()
      guard position < scalars.count, scalars[position] == c else { throw fail("expected '\(c)'") }
      position += 1
    }

    mutating func parseValue() throws(ParseError) -> PythonLiteral {
      skipSpace()
      guard position < scalars.count else { throw fail("unexpected end") }
      switch scalars[position] {
      case "{":
        return .dict(try parseSequence(open: "{", close: "}") { (p: inout Parser) throws(ParseError) in
          let key = try p.parseValue()
          try p.expect(":")
          return (key, try p.parseValue())
        })
      case "[": return .list(try parseSequence(open: "[", close: "]") { (p: inout Parser) throws(ParseError) in try p.parseValue() })
      case "(": return .tuple(try parseSequence(open: "(", close: ")") { (p: inout Parser) throws(ParseError) in try p.parseValue() })
      case "'", "\"": return .string(try parseString())
      case "-", "0"..."9": return .integer(try parseInteger())
      default:
        for (word, value) in [("True", PythonLiteral.bool(true)), ("False", .bool(false)), ("None", .none)] {
          let w = Array(word.unicodeScalars)
          if position + w.count <= scalars.count, Array(scalars[position..<(position + w.count)]) == w {
            position += w.count
            return value
          }
        }
        throw fail("unexpected '\(scalars[position])'")
      }
    }

    mutating func parseSequence<T>(
      open: Unicode.Scalar, close: Unicode.Scalar, _ element: (inout Parser) throws(ParseError) -> T
    ) throws(ParseError) -> [T] {
      depth += 1
      defer { depth -= 1 }
      guard depth <= Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth) levels") }
      try expect(open)
      var items: [T] = []
      while true {
        skipSpace()
        guard position < scalars.count else { throw fail("unexpected end, expected '\(close)'") }
        if scalars[position] == close {
          position += 1
          return items
        }
        items.append(try element(&self))
        skipSpace()
        guard position < scalars.count else { throw fail("unexpected end, expected '\(close)'") }
        if scalars[position] == "," {
          position += 1
        } else if scalars[position] != close {
          throw fail("expected ',' or '\(close)'")
        }
      }
    }

    mutating func parseString() throws(ParseError) -> String {
      let quote = scalars[position]
      position += 1
      var result = String.UnicodeScalarView()
      while position < scalars.count {
        let c = scalars[position]
        position += 1
        if c == quote { return String(result) }
        if c == "\\" {
          guard position < scalars.count else { break }
          let escaped = scalars[position]
          position += 1
          switch escaped {
          case "n": result.append("\n")
          case "t": result.append("\t")
          case "r": result.append("\r")
          case "0": result.append("\0")
          case "\\", "'", "\"": result.append(escaped)
          case "x", "u", "U":
            let digits = escaped == "x" ? 2 : escaped == "u" ? 4 : 8
            guard position + digits <= scalars.count,
              let value = UInt32(String(String.UnicodeScalarView(scalars[position..<(position + digits)])), radix: 16),
              let decoded = Unicode.Scalar(value)
            else { throw fail("invalid escape '\\\(escaped)'") }
            position += digits
            result.append(decoded)
          default: throw fail("unsupported escape '\\\(escaped)'")
          }
        } else {
          result.append(c)
        }
      }
      throw fail("unterminated string")
    }

    mutating func parseInteger() throws(ParseError) -> Int {
      var negative = false
      if scalars[position] == "-" {
        negative = true
        position += 1
      }
      var value = 0
      var digits = 0
      while position < scalars.count, ("0"..."9").contains(scalars[position]) {
        let d = Int(scalars[position].value) - 48
        let (times, o1) = value.multipliedReportingOverflow(by: 10)
        let (plus, o2) = times.addingReportingOverflow(d)
        guard !o1 && !o2 else { throw fail("integer beyond 64 bits") }
        value = plus
        digits += 1
        position += 1
      }
      guard digits > 0 else { throw fail("expected digits") }
      if position < scalars.count, scalars[position] == "L" { position += 1 }  // Python 2 longs
      return negative ? -value : value
    }
  }
}
