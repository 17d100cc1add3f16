/// The Unicode encodings other than UTF-8 that mail still carries: UTF-16 (Outlook's "unicode") and UTF-7.
enum UnicodeDecoding {
    /// UTF-16 with or without a byte-order mark; without one, the order a label gives, else a guess from
    /// which half of each pair holds the zero bytes of Latin text.
    static func utf16(_ bytes: [UInt8], bigEndian declared: Bool?) -> Charset.Decoded {
        var start = 0
        var bigEndian = declared ?? true
        if bytes.count >= 2 && declared == nil {
            if bytes[0] == 0xFE && bytes[1] == 0xFF {
                start = 2
            } else if bytes[0] == 0xFF && bytes[1] == 0xFE {
                bigEndian = false
                start = 2
            } else {
                var evenZeros = 0
                var oddZeros = 0
                for (offset, byte) in bytes.prefix(512).enumerated() where byte == 0 {
                    if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
                }
                bigEndian = evenZeros >= oddZeros
            }
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = start
        while index + 1 < bytes.count {
            let high = UInt16(bytes[bigEndian ? index : index + 1])
            let low = UInt16(bytes[bigEndian ? index + 1 : index])
            units.append(high << 8 | low)
            index += 2
        }
        let oddByte = index < bytes.count
        if let text = String(validating: units, as: UTF16.self), !oddByte { return .init(text: Charset.stripBOM(text), isKnown: true) }
        let text = String(decoding: units, as: UTF16.self) + (oddByte ? "\u{FFFD}" : "")
        return .init(text: Charset.stripBOM(text), isKnown: true, hadInvalidBytes: true)
    }

    /// UTF-7 (RFC 2152): ASCII, with `+…-` runs of modified base64 holding UTF-16 big-endian.
    static func utf7(_ bytes: [UInt8]) -> Charset.Decoded {
        var units: [UInt16] = []
        var invalid = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "+") else {
                if byte >= 0x80 { invalid = true }
                units.append(byte < 0x80 ? UInt16(byte) : 0xFFFD)
                continue
            }
            if index < bytes.count && bytes[index] == UInt8(ascii: "-") {
                units.append(UInt16(ascii: "+"))
                index += 1
                continue
            }
            var bits: UInt32 = 0
            var bitCount = 0
            while index < bytes.count, let value = Base64.value(of: bytes[index]) {
                bits = (bits << 6 | UInt32(value)) & 0xFF_FFFF
                bitCount += 6
                if bitCount >= 16 {
                    bitCount -= 16
                    units.append(UInt16(truncatingIfNeeded: bits >> UInt32(bitCount)))
                }
                index += 1
            }
            if index < bytes.count && bytes[index] == UInt8(ascii: "-") { index += 1 }
        }
        if let text = String(validating: units, as: UTF16.self), !invalid { return .init(text: text, isKnown: true) }
        return .init(text: String(decoding: units, as: UTF16.self), isKnown: true, hadInvalidBytes: true)
    }
}

extension UInt16 {
    fileprivate init(ascii scalar: Unicode.Scalar) { self = UInt16(scalar.value) }
}
