import ParleyMail
import Testing

/// Expected values come from Python's codecs (`bytes([b]).decode(codec, errors="replace")`), computed once at
/// development time: a hash of the 128 scalars each table gives for 0x80...0xFF, and sentences encoded there.
@Suite("Single-byte charsets agree with Python's codecs")
struct CharsetTableTests {
    /// FNV-1a (64-bit) over the little-endian UTF-32 of each decoded byte 0x80...0xFF, one byte at a time.
    static let highHalfHashes: [(label: String, hash: UInt64)] = [
        ("iso-8859-2", 0x15DD93976FE998CA),
        ("ISO_8859-3", 0x707DADE9FEBD4C23),
        ("iso8859-4", 0xF0B5D36AAB27B23C),
        ("ISO-8859-5", 0xAC92A43EB69C8F9A),
        ("iso-8859-7", 0xCDAAE3D55ED19818),
        ("latin5", 0xC52EF5376BA1A944),
        ("iso-8859-10", 0x233BDB423408493B),
        ("ISO-8859-13", 0x3A4F3B5B04C42A4A),
        ("iso-8859-14", 0x75B35CF60953A41F),
        ("iso-8859-15", 0xEC2DF6E172F1BED8),
        ("iso-8859-16", 0x5FAEACFF2300A1EC),
        ("windows-1250", 0x38A3DA711472704E),
        ("cp1251", 0x023A1784A7305657),
        ("windows-1252", 0x1C1638F2EBD0A172),
        ("ISO-8859-1", 0x1C1638F2EBD0A172),
        ("win-1253", 0x03E5F57963B4E464),
        ("windows-1254", 0xEA8F517331DF34C4),
        ("windows-1255", 0x21FD41251BD79E57),
        ("windows-1256", 0xEA1CE6FBD2270C30),
        ("windows-1257", 0x15E4F140AC7417D0),
        ("windows-1258", 0x8B1918A76E0C4630),
        ("KOI8-R", 0x79B9C995AC090B16),
        ("koi8-u", 0xC84D10ECAB0D6AD3),
        ("IBM866", 0x96319DCF1D929585),
        ("x-mac-cyrillic", 0xE4A36C3EC0BAB6CB),
    ]

    static let sentences: [(label: String, hex: String, text: String)] = [
        ("iso-8859-2", "5a61bff3b3e62067eab66cb1206a61bcf1", "Zażółć gęślą jaźń"),
        (
            "ISO-8859-5", "c1ead5e8ec20d6d520d5e9f120ede2d8e520dcefd3dad8e520e4e0d0dde6e3d7e1dad8e520d1e3dbdeda",
            "Съешь же ещё этих мягких французских булок"
        ),
        ("iso-8859-7", "cae1ebe7ecddf1e12c20f8f5f7eff6e8fcf1e1", "Καλημέρα, ψυχοφθόρα"),
        ("ISO-8859-13", "5a61fdf3f9e32067e6fa6ce0206a61eaf1", "Zażółć gęślą jaźń"),
        ("iso-8859-16", "5a61bff3b3e52067fdf76ca2206a61aef1", "Zażółć gęślą jaźń"),
        ("windows-1250", "5a61bff3b3e62067ea9c6cb9206a619ff1", "Zażółć gęślą jaźń"),
        (
            "cp1251", "d1fae5f8fc20e6e520e5f9b820fdf2e8f520ecffe3eae8f520f4f0e0edf6f3e7f1eae8f520e1f3ebeeea",
            "Съешь же ещё этих мягких французских булок"
        ),
        ("cp1251", "a5e0e2e020bff1f2fc20baedeef2e02c20b320afe6e0ea20f2e5e6", "Ґава їсть єнота, і Їжак теж"),
        ("win-1253", "cae1ebe7ecddf1e12c20f8f5f7eff6e8fcf1e1", "Καλημέρα, ψυχοφθόρα"),
        ("windows-1257", "5a61fdf3f9e32067e6fa6ce0206a61eaf1", "Zażółć gęślą jaźń"),
        (
            "KOI8-R", "f3dfc5dbd820d6c520c5dda320dcd4c9c820cdd1c7cbc9c820c6d2c1cec3d5dad3cbc9c820c2d5cccfcb",
            "Съешь же ещё этих мягких французских булок"
        ),
        (
            "koi8-u", "f3dfc5dbd820d6c520c5dda320dcd4c9c820cdd1c7cbc9c820c6d2c1cec3d5dad3cbc9c820c2d5cccfcb",
            "Съешь же ещё этих мягких французских булок"
        ),
        ("koi8-u", "bdc1d7c120a7d3d4d820a4cecfd4c12c20a620b7d6c1cb20d4c5d6", "Ґава їсть єнота, і Їжак теж"),
        (
            "IBM866", "91eaa5e8ec20a6a520a5e9f120ede2a8e520acefa3aaa8e520e4e0a0ade6e3a7e1aaa8e520a1e3abaeaa",
            "Съешь же ещё этих мягких французских булок"
        ),
        (
            "x-mac-cyrillic", "91fae5f8fc20e6e520e5f9de20fdf2e8f520ecdfe3eae8f520f4f0e0edf6f3e7f1eae8f520e1f3ebeeea",
            "Съешь же ещё этих мягких французских булок"
        ),
        ("x-mac-cyrillic", "a2e0e2e020bbf1f2fc20b9edeef2e02c20b420bae6e0ea20f2e5e6", "Ґава їсть єнота, і Їжак теж"),
    ]

    @Test("every byte 0x80...0xFF of every table", arguments: highHalfHashes.map(\.label))
    func highHalf(label: String) throws {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in UInt8(0x80)...UInt8(0xFF) {
            let decoded = Charset.decode([byte], label: label)
            #expect(decoded.isKnown)
            let scalars = Array(decoded.text.unicodeScalars)
            try #require(scalars.count == 1, "byte \(byte) in \(label)")
            for shift in stride(from: 0, to: 32, by: 8) {
                hash ^= UInt64((scalars[0].value >> UInt32(shift)) & 0xFF)
                hash = hash &* 0x100_0000_01B3
            }
        }
        #expect(hash == Self.highHalfHashes.first { $0.label == label }?.hash)
    }

    @Test("Polish, Greek, Russian and Ukrainian sentences", arguments: sentences.map { [$0.label, $0.hex, $0.text] })
    func sentence(fields: [String]) {
        let hex = Array(fields[1].utf8)
        let bytes = stride(from: 0, to: hex.count - 1, by: 2).compactMap {
            UInt8(String(decoding: hex[$0...($0 + 1)], as: UTF8.self), radix: 16)
        }
        #expect(Charset.decode(bytes, label: fields[0]).text == fields[2])
    }

    @Test("ASCII bytes stay ASCII in every table", arguments: highHalfHashes.map(\.label))
    func lowHalf(label: String) {
        let ascii = (UInt8(0x00)...UInt8(0x7F)).map { $0 }
        #expect(Charset.decode(ascii, label: label).text == String(decoding: ascii, as: UTF8.self))
    }
}
