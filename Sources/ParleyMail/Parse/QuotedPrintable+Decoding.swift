extension QuotedPrintable {
    /// Quoted-printable content decoded: soft line breaks removed, `=XX` (either case) turned into bytes,
    /// and an `=` that starts neither kept as it is.
    public static func decode(_ input: some Collection<UInt8>) -> [UInt8] {
        decodeReportingInvalid(Array(input)[...], keepTrailingWhitespace: false).bytes
    }

    /// Also says whether a stray `=` was kept. Trailing whitespace on a line was added in transit
    /// (RFC 2045 §6.7) and is removed, except where `format=flowed` gives it meaning.
    static func decodeReportingInvalid(_ input: ArraySlice<UInt8>, keepTrailingWhitespace: Bool) -> (bytes: [UInt8], hadInvalid: Bool) {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var hadInvalid = false
        var index = input.startIndex
        while index < input.endIndex {
            let byte = input[index]
            if byte == UInt8(ascii: "=") {
                // A soft break: "=" then optional transport whitespace then the line break (or the end).
                var after = index + 1
                while after < input.endIndex, input[after] == Bytes.space || input[after] == Bytes.tab { after += 1 }
                if after == input.endIndex {
                    index = after
                    continue
                }
                if input[after] == Bytes.lf || (input[after] == Bytes.cr && after + 1 < input.endIndex && input[after + 1] == Bytes.lf) {
                    index = input[after] == Bytes.lf ? after + 1 : after + 2
                    continue
                }
                if index + 2 < input.endIndex, let high = Bytes.hexValue(input[index + 1]), let low = Bytes.hexValue(input[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                hadInvalid = true
                output.append(byte)
                index += 1
                continue
            }
            if (byte == Bytes.space || byte == Bytes.tab) && !keepTrailingWhitespace {
                var after = index
                while after < input.endIndex, input[after] == Bytes.space || input[after] == Bytes.tab { after += 1 }
                if after == input.endIndex || input[after] == Bytes.lf || input[after] == Bytes.cr {
                    index = after
                    continue
                }
                output.append(contentsOf: input[index..<after])
                index = after
                continue
            }
            output.append(byte)
            index += 1
        }
        return (output, hadInvalid)
    }
}
