import Foundation
import Synchronization

/// A charset Parley can decode, found from a label however the sender spelled it.
enum KnownCharset: Hashable {
    case utf8
    case usASCII
    case utf16(bigEndian: Bool?)
    case utf7
    case singleByte(SingleByteCharset)
    /// A multi-byte East Asian charset, decoded by Foundation (`String.Encoding` raw value).
    case foundation(UInt)

    init?(label: String) {
        // Every part of every message names a charset, nearly always one of a handful of labels.
        let known: KnownCharset?
        if let resolved = Self.resolved.withLock({ $0[label] }) {
            known = resolved
        } else {
            known = Self.lookUp(label)
            Self.resolved.withLock { resolved in
                // Labels are the sender's to choose: a bound on what a flood of odd ones could keep.
                if resolved.count >= 256 { resolved.removeAll() }
                resolved[label] = known
            }
        }
        guard let known else { return nil }
        self = known
    }

    private static let resolved = Mutex<[String: KnownCharset?]>([:])

    private static func lookUp(_ label: String) -> KnownCharset? {
        // Separators and case vary freely between senders ("ISO_8859-2", "iso8859-2", "Latin-2"); a
        // trailing ":1987" year is common in old mail.
        var key = label.trimming { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" }.lowercased()
        if let colon = key.firstIndex(of: ":") { key = String(key[..<colon]) }
        key.removeAll { $0 == "-" || $0 == "_" || $0 == " " || $0 == "." }
        if key.hasPrefix("x") && key.count > 3, let charset = Self.aliases[String(key.dropFirst())] {
            return charset
        }
        return Self.aliases[key]
    }

    func decode(_ bytes: [UInt8]) -> Charset.Decoded {
        switch self {
        case .utf8:
            if let text = String(validating: bytes, as: UTF8.self) { return .init(text: Charset.stripBOM(text), isKnown: true) }
            return .init(text: Charset.stripBOM(String(decoding: bytes, as: UTF8.self)), isKnown: true, hadInvalidBytes: true)
        case .usASCII:
            return Charset.decodeUndeclared(bytes, isKnown: true)
        case .utf16(let bigEndian):
            return UnicodeDecoding.utf16(bytes, bigEndian: bigEndian)
        case .utf7:
            return UnicodeDecoding.utf7(bytes)
        case .singleByte(let charset):
            return .init(text: charset.decode(bytes), isKnown: true)
        case .foundation(let rawValue):
            if let text = String(bytes: bytes, encoding: String.Encoding(rawValue: rawValue)) { return .init(text: text, isKnown: true) }
            // Foundation on Linux lacks some of these (EUC-JP) and refuses the whole text over one bad byte.
            let fallback = Charset.decodeUndeclared(bytes, isKnown: false)
            return .init(text: fallback.text, isKnown: false, hadInvalidBytes: true)
        }
    }

    private static let aliases: [String: KnownCharset] = {
        var table: [String: KnownCharset] = [:]
        func add(_ charset: KnownCharset, _ names: String) {
            for name in names.split(separator: " ") { table[String(name)] = charset }
        }
        add(.utf8, "utf8 unicode11utf8 unicode20utf8 utf8mb4")
        add(.usASCII, "ascii usascii ansix341968 ansix341986 iso646us us cp367 ibm367 csascii isoir6 646 default")
        add(.utf16(bigEndian: nil), "utf16 ucs2 unicode csunicode iso10646ucs2")
        add(.utf16(bigEndian: false), "utf16le unicodelittleunmarked")
        add(.utf16(bigEndian: true), "utf16be unicodebigunmarked unicodefffe")
        add(.utf7, "utf7 unicode11utf7 csunicode11utf7")
        let singleByte: [(SingleByteCharset, String)] = [
            // Declared ISO-8859-1 is read as its superset windows-1252, as every browser does.
            (.cp1252, "iso88591 latin1 l1 cp819 ibm819 isoir100 csisolatin1 windows1252 cp1252 win1252 ms1252 ansi"),
            (.iso8859n2, "iso88592 latin2 l2 isoir101 csisolatin2"),
            (.iso8859n3, "iso88593 latin3 l3 isoir109 csisolatin3"),
            (.iso8859n4, "iso88594 latin4 l4 isoir110 csisolatin4"),
            (.iso8859n5, "iso88595 cyrillic isoir144 csisolatincyrillic"),
            (.iso8859n7, "iso88597 greek greek8 elot928 ecma118 isoir126 csisolatingreek"),
            (.iso8859n9, "iso88599 latin5 l5 isoir148 csisolatin5 turkish"),
            (.iso8859n10, "iso885910 latin6 l6 isoir157 csisolatin6"),
            (.iso8859n13, "iso885913 latin7 l7 baltic"),
            (.iso8859n14, "iso885914 latin8 l8 isoceltic"),
            (.iso8859n15, "iso885915 latin9 l9 latin0 csisolatin9"),
            (.iso8859n16, "iso885916 latin10 l10 isoir226"),
            (.cp1250, "windows1250 cp1250 win1250 msee"),
            (.cp1251, "windows1251 cp1251 win1251 mscyrl wincyrillic"),
            (.cp1253, "windows1253 cp1253 win1253 msgreek"),
            (.cp1254, "windows1254 cp1254 win1254 msturk"),
            (.cp1255, "windows1255 cp1255 win1255"),
            (.cp1256, "windows1256 cp1256 win1256"),
            (.cp1257, "windows1257 cp1257 win1257 winbaltrim"),
            (.cp1258, "windows1258 cp1258 win1258"),
            (.koi8r, "koi8r koi8 cskoi8r"),
            (.koi8u, "koi8u koi8ru cskoi8u"),
            (.cp866, "ibm866 cp866 866 csibm866 dos866 alt"),
            (.macCyrillic, "maccyrillic macukrainian cp10007"),
        ]
        for (charset, names) in singleByte { add(.singleByte(charset), names) }
        add(.foundation(0x8000_0632), "gb2312 csgb2312 euccn gbk cp936 ms936 windows936 gb18030 chinese")
        add(.foundation(0x8000_0A03), "big5 csbig5 cp950 big5tw")
        add(.foundation(0x8000_0A06), "big5hkscs")
        add(.foundation(0x8000_0A01), "shiftjis sjis mskanji cp932 windows31j csshiftjis")
        add(.foundation(0x8000_0920), "eucjp cseucpkdfmtjapanese")
        add(.foundation(String.Encoding.iso2022JP.rawValue), "iso2022jp csiso2022jp")
        add(.foundation(0x8000_0422), "euckr cseuckr ksc56011987 ksc5601 cp949 uhc windows949 korean")
        return table
    }()
}
