/// A charset of one byte per character whose lower half is ASCII; the upper half comes from a generated table.
enum SingleByteCharset: Hashable, CaseIterable {
    case iso8859n2, iso8859n3, iso8859n4, iso8859n5, iso8859n7, iso8859n9, iso8859n10, iso8859n13, iso8859n14, iso8859n15
    case iso8859n16
    case cp1250, cp1251, cp1252, cp1253, cp1254, cp1255, cp1256, cp1257, cp1258
    case koi8r, koi8u, cp866, macCyrillic

    /// Unicode scalars for bytes 0x80...0xFF.
    var highHalf: [UInt16] {
        switch self {
        case .iso8859n2: SingleByteTables.iso8859n2
        case .iso8859n3: SingleByteTables.iso8859n3
        case .iso8859n4: SingleByteTables.iso8859n4
        case .iso8859n5: SingleByteTables.iso8859n5
        case .iso8859n7: SingleByteTables.iso8859n7
        case .iso8859n9: SingleByteTables.iso8859n9
        case .iso8859n10: SingleByteTables.iso8859n10
        case .iso8859n13: SingleByteTables.iso8859n13
        case .iso8859n14: SingleByteTables.iso8859n14
        case .iso8859n15: SingleByteTables.iso8859n15
        case .iso8859n16: SingleByteTables.iso8859n16
        case .cp1250: SingleByteTables.cp1250
        case .cp1251: SingleByteTables.cp1251
        case .cp1252: SingleByteTables.cp1252
        case .cp1253: SingleByteTables.cp1253
        case .cp1254: SingleByteTables.cp1254
        case .cp1255: SingleByteTables.cp1255
        case .cp1256: SingleByteTables.cp1256
        case .cp1257: SingleByteTables.cp1257
        case .cp1258: SingleByteTables.cp1258
        case .koi8r: SingleByteTables.koi8r
        case .koi8u: SingleByteTables.koi8u
        case .cp866: SingleByteTables.cp866
        case .macCyrillic: SingleByteTables.macCyrillic
        }
    }

    func decode(_ bytes: some Sequence<UInt8>) -> String {
        let table = highHalf
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = byte < 0x80 ? UInt32(byte) : UInt32(table[Int(byte) - 0x80])
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}

/// The generated high halves, one file per family (`SingleByteTables+ISO8859.swift`, …).
enum SingleByteTables {}
