// libFuzzer runs NPYFuzzing.run on each input; a broken invariant traps
// with its description, which libFuzzer reports as a crash.
#if canImport(Glibc)
  import Glibc
#endif
import FuzzDriver

let status = strided_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv) { data, size in
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  do {
    try NPYFuzzing.run(bytes)
  } catch {
    fatalError("\(error)")
  }
  return 0
}
exit(status)
