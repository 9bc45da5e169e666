// libFuzzer over ViewFuzzing.run; see Shared/FuzzEntry.swift.
fuzz { bytes throws(FuzzFailure) in try ViewFuzzing.run(bytes) }
