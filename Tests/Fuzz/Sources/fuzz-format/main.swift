// libFuzzer over FormatFuzzing.run; see Shared/FuzzEntry.swift.
fuzz { bytes throws(FuzzFailure) in try FormatFuzzing.run(bytes) }
