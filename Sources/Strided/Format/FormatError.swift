/// The reason a string is not a format Strided can use, and where.
///
/// ```swift
/// do { _ = try Format(parsing: "T{d:x") } catch {
///   print(error)  // invalid format "T{d:x" at position 3: field name is not closed by ':'
/// }
/// ```
public struct FormatError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What is wrong.
  public enum Reason: Hashable, Sendable, CustomStringConvertible {
    /// The string ended where more was needed; names what was expected.
    case unexpectedEnd(expected: String)
    /// A character appeared where something else was expected.
    case unexpectedCharacter(Character, expected: String)
    /// A character that is no PEP 3118 type code.
    case unknownCode(Character)
    /// A valid PEP 3118 code that Strided does not support, and why.
    case unsupportedCode(String, why: String)
    /// A code that exists only with native sizes (`n`, `N`, `P`) used after
    /// `=`, `<`, `>` or `!`.
    case nativeOnlyCode(Character)
    /// A repeat count not directly followed by a type code.
    case countWithoutCode
    /// A `:name:` with nothing between the colons.
    case emptyFieldName
    /// A field name opened with `:` and never closed.
    case unterminatedFieldName
    /// Two fields of one record share a name.
    case duplicateFieldName(String)
    /// A `}` with no `T{` open.
    case unbalancedBrace
    /// A sub-array shape `( … )` that is not a list of non-negative integers.
    case invalidShape(String)
    /// A count, shape or size too large to represent.
    case sizeOverflow
    /// Records nested more than 64 deep (a sequence of several items at the
    /// top level counts as a record).
    case nestingTooDeep
    /// A byte-order prefix directly after another one.
    case repeatedPrefix

    public var description: String {
      switch self {
      case .unexpectedEnd(let expected): "unexpected end of format, expected \(expected)"
      case .unexpectedCharacter(let c, let expected): "unexpected '\(c)', expected \(expected)"
      case .unknownCode(let c): "'\(c)' is not a PEP 3118 type code"
      case .unsupportedCode(let code, let why): "'\(code)' is not supported: \(why)"
      case .nativeOnlyCode(let c):
        "'\(c)' exists only with native sizes ('@' or '^'), not after '=', '<', '>' or '!'"
      case .countWithoutCode: "repeat count given without a type code directly after it"
      case .emptyFieldName: "empty field name '::'"
      case .unterminatedFieldName: "field name is not closed by ':'"
      case .duplicateFieldName(let name): "duplicate field name '\(name)'"
      case .unbalancedBrace: "'}' without a matching 'T{'"
      case .invalidShape(let text): "sub-array shape '(\(text))' is not a list of non-negative integers"
      case .sizeOverflow: "count or size too large"
      case .nestingTooDeep: "records nested more than \(FormatParser.maximumDepth) deep"
      case .repeatedPrefix: "a byte-order prefix directly after another one"
      }
    }
  }

  /// The format string that failed to parse.
  public let format: String
  /// The position, in characters from 0, where the problem was found.
  public let position: Int
  /// What is wrong.
  public let reason: Reason

  public var description: String {
    "invalid format \"\(format)\" at position \(position): \(reason)"
  }
}
