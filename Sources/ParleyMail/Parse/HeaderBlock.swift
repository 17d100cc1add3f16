/// A header block as bytes: the fields unfolded, and where the body starts.
struct HeaderBlock {
    struct Field {
        var name: String
        /// Unfolded, leading and trailing whitespace removed, still bytes: 8-bit text is decoded later,
        /// once the body's charset is known.
        var value: [UInt8]
    }

    var fields: [Field] = []
    var bodyStart: Int

    private static let maximumFields = 5_000

    /// Reads fields from the start of `bytes` up to the blank line (or the first line that cannot be a header).
    static func parse(_ bytes: ArraySlice<UInt8>, log: inout DefectLog) -> HeaderBlock {
        var block = HeaderBlock(bodyStart: bytes.endIndex)
        var current: Field?
        var reportedLongLine = false
        var index = bytes.startIndex
        func flush() {
            guard var field = current else { return }
            current = nil
            while let last = field.value.last, Bytes.isWhitespace(last) { field.value.removeLast() }
            if block.fields.count < maximumFields {
                block.fields.append(field)
            } else if block.fields.count == maximumFields {
                log.add(.tooManyHeaders, "more than \(maximumFields) header fields")
            }
        }
        while index < bytes.endIndex {
            let (contentEnd, next) = Bytes.line(in: bytes, from: index)
            let line = bytes[index..<contentEnd]
            if line.count > 998 && !reportedLongLine {
                reportedLongLine = true
                log.add(.lineTooLong, "a header line of \(line.count) bytes")
            }
            guard let first = line.first else {
                flush()
                block.bodyStart = next
                return block
            }
            if first == Bytes.space || first == Bytes.tab {
                if current != nil {
                    current?.value.append(contentsOf: line)
                } else if block.fields.isEmpty {
                    // Indented text before any field is body text of a part sent without headers.
                    block.bodyStart = index
                    return block
                } else {
                    log.add(.malformedHeader, "a folded line after a dropped field")
                }
            } else if let (nameEnd, colon) = nameAndColon(line) {
                flush()
                let value = line[(colon + 1)...].drop { $0 == Bytes.space || $0 == Bytes.tab }
                current = Field(name: String(decoding: line[..<nameEnd], as: UTF8.self), value: Array(value))
            } else if next < bytes.endIndex, nameAndColon(bytes[next..<Bytes.line(in: bytes, from: next).contentEnd]) != nil {
                // One stray line among real fields (a broken fold): skip it and keep the fields after it.
                log.add(.malformedHeader, String(decoding: line.prefix(80), as: UTF8.self))
            } else {
                flush()
                if !block.fields.isEmpty {
                    log.add(.missingHeaderBodySeparator, String(decoding: line.prefix(80), as: UTF8.self))
                }
                block.bodyStart = index
                return block
            }
            index = next
        }
        flush()
        return block
    }

    /// Where a field name ends and its colon is, if `line` starts with `name:` (obsolete `name :` allowed).
    static func nameAndColon(_ line: ArraySlice<UInt8>) -> (nameEnd: Int, colon: Int)? {
        var index = line.startIndex
        while index < line.endIndex, line[index] > 32, line[index] < 127, line[index] != UInt8(ascii: ":") { index += 1 }
        let nameEnd = index
        guard nameEnd > line.startIndex else { return nil }
        while index < line.endIndex, line[index] == Bytes.space || line[index] == Bytes.tab { index += 1 }
        guard index < line.endIndex, line[index] == UInt8(ascii: ":") else { return nil }
        return (nameEnd, index)
    }
}
