import Foundation
import Strided
import Testing

@Suite("DateTime64 and TimeDelta64")
struct DateTime64Tests {
  let nat = Int64.min

  func seconds(_ texts: [String]) throws -> NDArray<DateTime64<Seconds>> {
    try NDArray<DateTime64<Seconds>>(parsing: texts)
  }

  @Test func parsingAndPrinting() throws {
    let a = try DateTime64<Seconds>(parsing: "2020-01-01T12:00:00")
    #expect(a.count == 1_577_880_000)
    #expect(a.description == "2020-01-01T12:00:00")
    #expect(try DateTime64<Days>(parsing: "2020-02-03T04").description == "2020-02-03")
    #expect(try DateTime64<Milliseconds>(parsing: "1969-12-31T23:59:59.9").count == -100)
    #expect(try DateTime64<Days>(parsing: "-0001-01-01").description == "-001-01-01")
    #expect(try DateTime64<Days>(parsing: "10000-01-01").description == "10000-01-01")
    #expect(try DateTime64<Days>(parsing: "NaT").isNaT)
    #expect(try DateTime64<Days>(parsing: "nat").isNaT)
    #expect(try DateTime64<Days>(parsing: "").isNaT)
    #expect(try DateTime64<Minutes>(parsing: "2020-02-03 04:05").description == "2020-02-03T04:05")
    #expect(DateTime64<Days>(count: -800_000).description == "-221-09-04")
    #expect(DateTime64<Days>(count: 3_000_000).description == "10183-09-21")
    #expect(DateTime64<Attoseconds>(count: 1).description == "1970-01-01T00:00:00.000000000000000001")
    #expect(DateTime64<Nanoseconds>(count: -1).description == "1969-12-31T23:59:59.999999999")
    #expect(DateTime64<Weeks>(count: 2608).description == "2019-12-26")
    #expect(DateTime64<Months>(count: -1).description == "1969-12")
    #expect(DateTime64<Years>(count: -1).description == "1969")
    #expect(TimeDelta64<Seconds>(count: 5).description == "5 seconds")
    #expect(TimeDelta64<Seconds>.notATime.description == "NaT")
  }

  @Test(arguments: [
    ("2020-1-01", 5), ("abc", 0), ("2020x", 4), ("2020-01x", 7), ("2020-01-01x", 10),
    ("2020-01-01T1", 11), ("2020-01-01T12:0", 14), ("2020-01-01T12:00:0", 17), ("2020-", 5), ("-", 1),
    ("2020-01-01 ", 11), ("2020 ", 4), ("2020-01-01t12", 10), ("2020-01-01T12:00:00Zx", 20),
    ("2020-01-01T12:00:00.1234567890123456789", 38),
  ])
  func malformedTextNamesThePosition(text: String, position: Int) {
    #expect(throws: DateTimeError.malformed(text: text, position: position)) {
      try DateTime64<Seconds>(parsing: text)
    }
  }

  @Test(arguments: [
    ("2020-13-01", "Month"), ("2020-00", "Month"), ("2019-02-29", "Day"), ("2020-02-30", "Day"),
    ("2020-02-03T25", "Hours"), ("2020-02-03T04:60", "Minutes"), ("2020-02-03T04:05:60", "Seconds"),
  ])
  func fieldsOutOfRange(text: String, field: String) {
    #expect(throws: DateTimeError.fieldOutOfRange(text: text, field: field)) {
      try DateTime64<Seconds>(parsing: text)
    }
  }

  @Test func differenceOfDates() throws {
    let a = try seconds(["2020-01-01T12:00:00", "1969-12-31T23:59:59", "NaT", "2000-02-29T00:00:01"])
    let b = try seconds(["2021-03-01", "1970-01-01", "2020-01-01", "NaT"])
    let d: NDArray<TimeDelta64<Seconds>> = b - a
    #expect(d.counts.elements == [36_676_800, 1, nat, nat])
    // Through a reversed (negative-stride) view and a broadcast scalar.
    let reversed = b[.slice(by: -1)] - a[.slice(by: -1)]
    #expect(reversed.counts.elements == [nat, nat, 1, 36_676_800])
    let fromEpoch = a - DateTime64<Seconds>(count: 0)
    #expect(fromEpoch.counts.elements == [1_577_880_000, -1, nat, 951_782_401])
    let back = a + d
    #expect(back.counts.elements == [b[item: 0].count, b[item: 1].count, nat, nat])
    #expect((back - d).counts.elements == [a[item: 0].count, a[item: 1].count, nat, nat])
  }

  @Test func durationArithmetic() {
    let d = NDArray<TimeDelta64<Seconds>>(counts: NDArray<Int64>([-7, 7, Int64.min, 5]))
    #expect((d / 2).counts.elements == [-3, 3, nat, 2])
    #expect((d / 0).counts.elements == [nat, nat, nat, nat])
    #expect((d * 3).counts.elements == [-21, 21, nat, 15])
    #expect((-d).counts.elements == [7, -7, nat, -5])
    #expect((d + d).counts.elements == [-14, 14, nat, 10])
    let ratio = d / NDArray<TimeDelta64<Seconds>>(counts: NDArray<Int64>([2, 2, 2, 0]))
    #expect(ratio[item: 0] == -3.5 && ratio[item: 2].isNaN && ratio[item: 3] == .infinity)
  }

  @Test func comparisonsFollowNaT() {
    let a = NDArray<DateTime64<Days>>(counts: NDArray<Int64>([Int64.min, 1, 2]))
    let b = NDArray<DateTime64<Days>>(counts: NDArray<Int64>([Int64.min, 1, 3]))
    #expect((a .== b).elements == [false, true, false])
    #expect((a .!= b).elements == [true, false, true])
    #expect((a .< b).elements == [false, false, true])
    #expect((a .<= b).elements == [false, true, true])
    #expect((a .> b).elements == [false, false, false])
    #expect(a.isNaT().elements == [true, false, false])
    #expect(DateTime64<Days>.notATime != DateTime64<Days>.notATime)
  }

  @Test func sortingPutsNaTLast() {
    let a = NDArray<DateTime64<Years>>(counts: NDArray<Int64>([50, Int64.min, 49, -10]))
    #expect(a.sorted().counts.elements == [-10, 49, 50, nat])
  }

  @Test func unitConversions() throws {
    let a = try seconds(["2020-01-01T12:00:00", "1969-12-31T23:59:59", "NaT", "2000-02-29T00:00:01"])
    #expect(try a.converted(to: Days.self).counts.elements == [18262, -1, nat, 11016])
    #expect(try a.converted(to: Months.self).counts.elements == [600, -1, nat, 361])
    #expect(try a.converted(to: Years.self).counts.elements == [50, -1, nat, 30])
    #expect(try a.converted(to: Weeks.self).counts.elements == [2608, -1, nat, 1573])
    #expect(try a.converted(to: Milliseconds.self).counts.elements == [1_577_880_000_000, -1000, nat, 951_782_401_000])
    let months = NDArray<DateTime64<Months>>(counts: NDArray<Int64>([602, -2]))
    #expect(try months.converted(to: Hours.self).counts.elements == [439_728, -1464])
    let hours = NDArray<TimeDelta64<Hours>>(counts: NDArray<Int64>([-7, 7, Int64.min, 5]))
    #expect(try hours.converted(to: Days.self).counts.elements == [-1, 0, nat, 0])
    let monthly = NDArray<TimeDelta64<Months>>(counts: NDArray<Int64>([5]))
    #expect(throws: DateTimeError.ambiguousUnitCast(from: .months, to: .days)) {
      try monthly.converted(to: Days.self)
    }
    #expect(try monthly.converted(to: Years.self).counts.elements == [0])
    #expect(throws: DateTimeError.conversionOverflow(from: .days, to: .picoseconds)) {
      try DateTime64<Days>(count: 1).converted(to: Picoseconds.self)
    }
  }

  @Test func arangeOfDates() throws {
    let start = try DateTime64<Days>(parsing: "2020-01-30")
    let up = try NDArray<DateTime64<Days>>.arange(from: start, to: try DateTime64<Days>(parsing: "2020-02-05"), by: TimeDelta64(count: 2))
    #expect(up.counts.elements == [18291, 18293, 18295])
    let down = try NDArray<DateTime64<Days>>.arange(from: start, to: try DateTime64<Days>(parsing: "2020-01-25"), by: TimeDelta64(count: -2))
    #expect(down.counts.elements == [18291, 18289, 18287])
    #expect(throws: DateTimeError.notATime(operation: "arange")) {
      try NDArray<DateTime64<Days>>.arange(from: .notATime, to: start)
    }
    #expect(throws: DateTimeError.invalidRange("the step cannot be zero")) {
      try NDArray<DateTime64<Days>>.arange(from: start, to: start, by: TimeDelta64(count: 0))
    }
  }

  @Test func emptyAndZeroDimensional() throws {
    let empty = try seconds([])
    #expect((empty - empty).count == 0)
    let zero = NDArray<DateTime64<Seconds>>(scalar: DateTime64(count: 10))
    #expect((zero - zero)[].count == 0)
  }

  @Test func npyRoundTripInMemory() throws {
    let a = try seconds(["2020-01-01T12:00:00", "NaT"])
    let data = try a.npyData()
    let text = String(decoding: data.prefix(80), as: UTF8.self)
    #expect(text.contains("'descr': '<M8[s]'"))
    let back = try NDArray<DateTime64<Seconds>>(npyData: data)
    #expect(back.counts.elements == a.counts.elements)
    #expect(throws: NPYError.self) { try NDArray<DateTime64<Days>>(npyData: data) }
    #expect(throws: NPYError.self) { try NDView(npyData: data) }
  }

  @Test func npyRoundTripWithNumPy() throws {
    guard Python.hasNumPy else { return }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strided-dates-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let ours = directory.appendingPathComponent("ours.npy")
    let theirs = directory.appendingPathComponent("theirs.npy")
    try NDArray<TimeDelta64<Milliseconds>>(counts: NDArray<Int64>([5, -3, Int64.min])).writeNPY(to: ours)
    let script = """
      import numpy as np, sys
      a = np.load(sys.argv[1])
      assert a.dtype == np.dtype('m8[ms]'), a.dtype
      assert a.view('i8').tolist() == [5, -3, -2**63], a
      texts = ['2020-02-03T04:05:06.789', '1969-12-31', 'NaT', '-0001-01-01', '2000-02-29T23:59']
      b = np.array(texts, 'M8[us]')
      np.save(sys.argv[2], b.astype('>M8[us]'))
      print(','.join(str(x) for x in b.view('i8')))
      print('|'.join(str(x) for x in b))
      """
    let output = String(decoding: try Python.run(["-c", script, ours.path, theirs.path]), as: UTF8.self)
    let lines = output.split(separator: "\n").map(String.init)
    let expected = lines[0].split(separator: ",").map { Int64($0)! }
    let loaded = try NDArray<DateTime64<Microseconds>>(contentsOfNPY: theirs)
    #expect(loaded.counts.elements == expected)
    let parsed = try NDArray<DateTime64<Microseconds>>(parsing: [
      "2020-02-03T04:05:06.789", "1969-12-31", "NaT", "-0001-01-01", "2000-02-29T23:59",
    ])
    #expect(parsed.counts.elements == expected)
    #expect(parsed.elements.map(\.description).joined(separator: "|") == lines[1])
  }

  @Test("the numeric conversion refuses dates and durations, naming the unit conversion")
  func numericConversionOfDatesTraps() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let seconds = NDArray<DateTime64<Seconds>>(counts: NDArray<Int64>([86_400]))
      _ = seconds.converted(to: DateTime64<Days>.self)
    }.map { result in
      #expect(String(decoding: result.standardErrorContent, as: UTF8.self).contains("converted(to: Days.self)"))
    }
    await #expect(processExitsWith: .failure) {
      _ = NDArray<Int64>([1]).converted(to: TimeDelta64<Seconds>.self)
    }
  }
}
