// libFuzzer over NPZFuzzing.run; see Shared/FuzzEntry.swift.
fuzz { bytes throws(FuzzFailure) in try NPZFuzzing.run(bytes) }
