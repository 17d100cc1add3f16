import Foundation

/// RFC 5322 dates, including the obsolete forms old mail programs send: two-digit years, named zones,
/// no seconds, no weekday, comments, and the asctime order of mbox lines.
enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map { Array($0.utf8) }
    private static let zones: [[UInt8]: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
        "pst": -480, "pdt": -420, "bst": 60, "cet": 60, "cest": 120, "met": 60, "mest": 120, "eet": 120, "eest": 180,
        "msk": 180, "msd": 240, "ist": 330, "jst": 540,
    ].reduce(into: [:]) { $0[Array($1.key.utf8)] = $1.value }

    /// Read as bytes: a date is ASCII, and reading it by characters cost a tenth of parsing a message.
    static func parse(_ raw: String) -> Date? {
        var text: [UInt8] = []
        var depth = 0
        for byte in raw.utf8.prefix(200) {
            if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")") {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                text.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte)
            }
        }
        let separators: Set<UInt8> = [0x20, 0x09, UInt8(ascii: ","), 0x0A, 0x0B, 0x0C, 0x0D]
        let words = text.split(whereSeparator: separators.contains)
        var day: Int?
        var month: Int?
        var year: Int?
        var time: (Int, Int, Int)?
        var offsetMinutes = 0
        for word in words {
            if let index = months.firstIndex(where: { word.starts(with: $0) }), month == nil, word.count <= 9 {
                month = index + 1
            } else if word.contains(UInt8(ascii: ":")), time == nil {
                let parts = word.split(separator: UInt8(ascii: ":")).map { number($0.prefix(2)) }
                guard parts.count >= 2, let hour = parts[0], let minute = parts[1] else { continue }
                time = (hour, minute, parts.count > 2 ? parts[2] ?? 0 : 0)
            } else if let sign = word.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), word.count >= 5 {
                let digits = word.dropFirst().filter(isDigit)
                guard digits.count == 4, let value = number(digits[...]) else { continue }
                offsetMinutes = (value / 100 * 60 + value % 100) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else if let zone = zones[Array(word)] {
                offsetMinutes = zone
            } else if word.count <= 4, let number = number(word) {
                if day == nil, word.count <= 2, year == nil || month != nil {
                    day = number
                } else if year == nil {
                    year = word.count == 4 ? number : word.count == 3 ? number + 1900 : number < 50 ? 2000 + number : 1900 + number
                }
            }
        }
        guard let day, let month, let year, (1...31).contains(day), (1...9999).contains(year) else { return nil }
        let (hour, minute, second) = time ?? (0, 0, 0)
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second - offsetMinutes * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// The value of ASCII digits, all of them digits and at least one; nil otherwise.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
