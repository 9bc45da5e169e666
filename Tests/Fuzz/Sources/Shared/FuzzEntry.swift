// The entry point every fuzz target shares: libFuzzer runs the harness on
// each input; a broken invariant traps with its description, which
// libFuzzer reports as a crash and saves the input.
#if canImport(Glibc)
  import Glibc
#endif
import FuzzDriver

/// The harness of this target; set once, before libFuzzer starts.
nonisolated(unsafe) private var harness: (([UInt8]) throws(FuzzFailure) -> Void)?

/// Runs libFuzzer over `body` with the process's arguments, then exits.
func fuzz(_ body: @escaping ([UInt8]) throws(FuzzFailure) -> Void) -> Never {
  harness = body
  let status = strided_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv) { data, size in
    do {
      try harness!(Array(UnsafeBufferPointer(start: data, count: size)))
    } catch {
      fatalError("\(error)")
    }
    return 0
  }
  exit(status)
}
