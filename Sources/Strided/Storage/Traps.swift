// Traps that print their message in every build.
//
// The standard library's `precondition` and `preconditionFailure` print
// their message only in unoptimised builds: an optimised program (`swift
// build -c release`, what users ship) stops with "Illegal instruction" and
// nothing else. Strided's traps are its error messages for programmer
// errors ("shapes [2] and [3] do not broadcast", "write a.asDouble ** 0.5"),
// so these two functions, declared in the module, take the place of the
// standard library's in all of its code: they stop the program through
// `fatalError`, which prints the message and the source line in every
// build. The condition costs what the standard library's does; the message
// is built only on the way to the trap.

/// Stops the program with `message`, printed in every build, unless
/// `condition` holds.
@inlinable @inline(__always)
func precondition(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = String(),
  file: StaticString = #fileID, line: UInt = #line
) {
  if _slowPath(!condition()) { trap(message(), file: file, line: line) }
}

/// Stops the program with `message`, printed in every build.
@inlinable @inline(__always)
func preconditionFailure(
  _ message: @autoclosure () -> String = String(), file: StaticString = #fileID, line: UInt = #line
) -> Never {
  trap(message(), file: file, line: line)
}

@usableFromInline @inline(never)
func trap(_ message: String, file: StaticString, line: UInt) -> Never {
  fatalError(message, file: file, line: line)
}
