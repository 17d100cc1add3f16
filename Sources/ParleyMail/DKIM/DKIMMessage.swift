import Foundation

/// A raw message split the way DKIM sees it: header fields as they were written, and the body.
struct DKIMMessage {
    /// Each field with its folded continuation lines, without the CRLF that ends it.
    var fields: [ArraySlice<UInt8>] = []
    var body: ArraySlice<UInt8> = []

    init(_ message: [UInt8]) {
        var start = message.startIndex
        while start < message.endIndex {
            let end = message[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? message.endIndex
            let line = message[start..<end]
            let withoutLF = line.last == UInt8(ascii: "\n") ? line.dropLast() : line
            let content = withoutLF.last == UInt8(ascii: "\r") ? withoutLF.dropLast() : withoutLF
            if content.isEmpty {
                body = message[end...]
                return
            }
            if content.first == UInt8(ascii: " ") || content.first == UInt8(ascii: "\t"), let last = fields.indices.last {
                fields[last] = message[fields[last].startIndex..<content.endIndex]
            } else {
                fields.append(content)
            }
            start = end
        }
    }

    /// The fields to sign and their names for `h=`: every instance of each name, the last first, as
    /// RFC 6376 §5.4.2 pairs repeated names with instances from the bottom up.
    func fields(named names: [String]) -> (names: [String], fields: [ArraySlice<UInt8>]) {
        var selected: (names: [String], fields: [ArraySlice<UInt8>]) = ([], [])
        for name in names {
            let instances = fields.filter { Self.name(of: $0) == name }
            selected.names += Array(repeating: name, count: instances.count)
            selected.fields += instances.reversed()
        }
        return selected
    }

    private static func name(of field: ArraySlice<UInt8>) -> String {
        let colon = field.firstIndex(of: UInt8(ascii: ":")) ?? field.endIndex
        return String(decoding: field[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
    }
}
