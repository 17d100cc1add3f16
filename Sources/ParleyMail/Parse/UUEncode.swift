/// uuencoded content (`Content-Transfer-Encoding: x-uuencode`, or `begin 644 name` blocks of old mail).
enum UUEncode {
    /// The bytes between `begin` and `end`; whether the block was cut short or malformed.
    static func decode(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], filename: String?, malformed: Bool) {
        var output: [UInt8] = []
        var filename: String?
        var started = false
        var malformed = false
        var index = input.startIndex
        while index < input.endIndex {
            let (contentEnd, next) = Bytes.line(in: input, from: index)
            let line = input[index..<contentEnd]
            index = next
            if !started {
                if line.starts(with: "begin ".utf8) {
                    started = true
                    let words = line.split(separator: Bytes.space, maxSplits: 2)
                    if words.count == 3 { filename = String(decoding: words[2], as: UTF8.self) }
                }
                continue
            }
            if line.starts(with: "end".utf8) { return (output, filename, malformed) }
            guard let first = line.first else { continue }
            let length = Int((first &- 0x20) & 0x3F)
            var chunk: [UInt8] = []
            var quantum: [UInt8] = []
            for byte in line.dropFirst() {
                quantum.append((byte &- 0x20) & 0x3F)
                if quantum.count == 4 {
                    chunk.append(quantum[0] << 2 | quantum[1] >> 4)
                    chunk.append(quantum[1] << 4 | quantum[2] >> 2)
                    chunk.append(quantum[2] << 6 | quantum[3])
                    quantum.removeAll(keepingCapacity: true)
                }
            }
            if chunk.count < length { malformed = true }
            output.append(contentsOf: chunk.prefix(length))
        }
        return (output, filename, true)
    }
}
