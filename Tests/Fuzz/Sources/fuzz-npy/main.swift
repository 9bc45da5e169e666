// libFuzzer over NPYFuzzing.run; see Shared/FuzzEntry.swift.
fuzz { bytes throws(FuzzFailure) in try NPYFuzzing.run(bytes) }
