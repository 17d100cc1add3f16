import Foundation

/// Decodes the bytes of mail text in the charset its `charset=` label names, as mail programs do:
/// tolerant of odd spellings of the label and of text that does not match it.
///
/// ```swift
/// Charset.decode([0xE6, 0x70, 0x73], label: "ISO-8859-2").text  // "ćps"
/// Charset.decode([0xF0, 0xD2, 0xC9], label: "koi8r").text      // "При"
/// Charset.decode("Zoë".utf8, label: "x-unknown").isKnown     // false, decoded as UTF-8
/// ```
public enum Charset {
    /// `bytes` as text in the charset `label` names (case-insensitive, with the usual aliases).
    ///
    /// ISO-8859-1 and US-ASCII are read as windows-1252, as browsers and mail programs read them; 8-bit bytes
    /// in US-ASCII (or without a label) are UTF-8 when they form valid UTF-8. An unknown label gives
    /// `isKnown == false`, and the text is decoded as UTF-8 when valid, else as windows-1252.
    /// Invalid sequences become U+FFFD; this function never fails.
    public static func decode(_ bytes: some Collection<UInt8>, label: String?) -> (text: String, isKnown: Bool) {
        let result = decodeDetailed(Array(bytes), label: label)
        return (result.text, result.isKnown)
    }

    /// What decoding found besides the text, so the parser can report defects.
    struct Decoded {
        var text: String
        var isKnown: Bool
        /// Bytes that were not valid in the charset became U+FFFD.
        var hadInvalidBytes = false
        /// 8-bit bytes appeared where the label promised 7-bit text (US-ASCII or no label).
        var hadUndeclared8Bit = false
    }

    static func decodeDetailed(_ bytes: [UInt8], label: String?) -> Decoded {
        guard let label, !label.unicodeScalars.allSatisfy(\.isSpaceOrTab) else { return decodeUndeclared(bytes, isKnown: true) }
        guard let charset = KnownCharset(label: label) else { return decodeUndeclared(bytes, isKnown: false) }
        return charset.decode(bytes)
    }

    /// Text with no usable label: UTF-8 when it is valid, else windows-1252, the most common legacy charset.
    static func decodeUndeclared(_ bytes: [UInt8], isKnown: Bool) -> Decoded {
        if bytes.allSatisfy({ $0 < 0x80 }) { return Decoded(text: String(decoding: bytes, as: UTF8.self), isKnown: isKnown) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: stripBOM(text), isKnown: isKnown, hadUndeclared8Bit: true)
        }
        return Decoded(text: SingleByteCharset.cp1252.decode(bytes), isKnown: isKnown, hadUndeclared8Bit: true)
    }

    static func stripBOM(_ text: String) -> String {
        text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    }
}
