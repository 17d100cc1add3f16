/// Base64 as mail carries it: folded into lines, sometimes without padding, sometimes with junk.
enum Base64 {
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        return table
    }()

    static func value(of byte: UInt8) -> UInt8? {
        let value = values[Int(byte)]
        return value == 0xFF ? nil : value
    }

    /// The decoded bytes; whitespace is skipped, other characters outside the alphabet are skipped and
    /// reported. `=` ends a quantum, so base64 blocks pasted one after another still decode.
    static func decode(_ input: some Collection<UInt8>) -> (bytes: [UInt8], hadJunk: Bool, hadLeftover: Bool) {
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 * 3 + 3)
        var quantum: UInt32 = 0
        var count = 0
        var hadJunk = false
        var hadLeftover = false
        func finishQuantum() {
            switch count {
            case 2: output.append(UInt8(truncatingIfNeeded: quantum >> 4))
            case 3:
                output.append(UInt8(truncatingIfNeeded: quantum >> 10))
                output.append(UInt8(truncatingIfNeeded: quantum >> 2))
            case 1: hadLeftover = true
            default: break
            }
            quantum = 0
            count = 0
        }
        for byte in input {
            let value = values[Int(byte)]
            if value == 0xFF {
                if byte == UInt8(ascii: "=") {
                    finishQuantum()
                } else if !Bytes.isWhitespace(byte) {
                    hadJunk = true
                }
                continue
            }
            quantum = quantum << 6 | UInt32(value)
            count += 1
            if count == 4 {
                output.append(UInt8(truncatingIfNeeded: quantum >> 16))
                output.append(UInt8(truncatingIfNeeded: quantum >> 8))
                output.append(UInt8(truncatingIfNeeded: quantum))
                quantum = 0
                count = 0
            }
        }
        finishQuantum()
        return (output, hadJunk, hadLeftover)
    }
}
