import ParleyMail
import Testing

@Suite("Charset labels and the Unicode encodings")
struct CharsetLabelTests {
    @Test(
        "labels as senders spell them",
        arguments: [
            ("latin2", "ISO-8859-2"), ("iso8859-2", "ISO-8859-2"), ("iso_8859-2", "ISO-8859-2"), ("L2", "ISO-8859-2"),
            ("ISO_8859-2:1987", "ISO-8859-2"), ("cp1250", "windows-1250"), ("win-1250", "windows-1250"), ("x-cp1251", "windows-1251"),
            ("koi8r", "KOI8-R"), ("csKOI8R", "KOI8-R"), ("\"windows-1251\"", "windows-1251"), ("cp866", "IBM866"), ("greek", "ISO-8859-7"),
        ])
    func aliases(alias: String, canonical: String) {
        let bytes = (UInt8(0x80)...UInt8(0xFF)).map { $0 }
        let viaAlias = Charset.decode(bytes, label: alias)
        #expect(viaAlias.isKnown)
        #expect(viaAlias.text == Charset.decode(bytes, label: canonical).text)
    }

    @Test("UTF-8 aliases, and invalid UTF-8 becomes replacement characters")
    func utf8() {
        for label in ["utf8", "UTF-8", "unicode-1-1-utf-8"] { #expect(Charset.decode("Łódź".utf8, label: label) == ("Łódź", true)) }
        #expect(Charset.decode([0x61, 0xC3, 0x28, 0x62], label: "utf-8").text == "a\u{FFFD}(b")
        #expect(Charset.decode([0xEF, 0xBB, 0xBF, 0x61], label: "utf-8").text == "a")
    }

    @Test("ISO-8859-1 is read as windows-1252, as mail programs do")
    func latin1IsWindows1252() {
        #expect(Charset.decode([0x93, 0x48, 0x69, 0x94, 0x20, 0x80, 0xE9], label: "ISO-8859-1").text == "\u{201C}Hi\u{201D} €é")
        #expect(Charset.decode([0xE9], label: "latin1").text == "é")
    }

    @Test("8-bit bytes under US-ASCII or no label: UTF-8 when valid, else windows-1252")
    func undeclared8Bit() {
        for label in ["us-ascii", "ascii", "ANSI_X3.4-1968", nil] as [String?] {
            #expect(Charset.decode("Zoë".utf8, label: label).text == "Zoë")
            #expect(Charset.decode([0x5A, 0x6F, 0xEB], label: label).text == "Zoë")
        }
    }

    @Test("an unknown label is reported and decoded as UTF-8, else windows-1252")
    func unknown() {
        #expect(Charset.decode("Łódź".utf8, label: "x-klingon") == ("Łódź", false))
        #expect(Charset.decode([0xE9], label: "unknown-8bit") == ("é", false))
    }

    @Test("UTF-16 with either byte-order mark, or none")
    func utf16() {
        let text = "Привет, Zoë"
        let bigEndian = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let littleEndian = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(Charset.decode([0xFE, 0xFF] + bigEndian, label: "utf-16").text == text)
        #expect(Charset.decode([0xFF, 0xFE] + littleEndian, label: "UTF-16").text == text)
        #expect(Charset.decode(littleEndian, label: "utf-16le").text == text)
        #expect(Charset.decode(bigEndian, label: "UTF-16BE").text == text)
        #expect(Charset.decode(Array("Hi".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), label: "utf-16").text == "Hi")
        #expect(Charset.decode([0x00, 0x41, 0x00], label: "utf-16be").text == "A\u{FFFD}")
    }

    @Test("UTF-7 (RFC 2152 examples)")
    func utf7() {
        #expect(Charset.decode("Hi Mom -+Jjo--!".utf8, label: "utf-7").text == "Hi Mom -☺-!")
        #expect(Charset.decode("A+ImIDkQ.".utf8, label: "UTF-7").text == "A≢Α.")
        #expect(Charset.decode("1 +- 1".utf8, label: "utf-7").text == "1 + 1")
    }

    @Test("East Asian charsets through Foundation where this platform has them")
    func eastAsian() {
        #expect(Charset.decode([0x82, 0xA0], label: "Shift_JIS").text == "あ")
        #expect(Charset.decode([0x1B, 0x24, 0x42, 0x24, 0x22, 0x1B, 0x28, 0x42], label: "iso-2022-jp").text == "あ")
        #expect(Charset.decode([0xC4, 0xE3], label: "gb2312").text == "你")
        #expect(Charset.decode([0xB0, 0xA1], label: "ks_c_5601-1987").text == "가")
        // Whatever the platform lacks still gives readable ASCII and never fails.
        #expect(Charset.decode("Order 12".utf8, label: "euc-jp").text == "Order 12")
    }
}
