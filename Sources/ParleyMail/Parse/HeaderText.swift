/// Header bytes to text: ASCII as it is, raw 8-bit as UTF-8 when valid, else in the message's charset,
/// else windows-1252 (what senders without any declaration almost always meant).
enum HeaderText {
    static func decode(_ bytes: [UInt8], fallbackCharset: String?, log: inout DefectLog, context: String) -> String {
        var bytes = bytes
        if bytes.contains(0) {
            log.add(.nulByte, "header \(context)")
            bytes.removeAll { $0 == 0 }
        }
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        log.add(.undeclared8BitHeader, "header \(context)")
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if let fallbackCharset, let charset = KnownCharset(label: fallbackCharset), charset != .utf8, charset != .usASCII {
            return charset.decode(bytes).text
        }
        return SingleByteCharset.cp1252.decode(bytes)
    }

    /// Enough to read a Content-Type's boundary and charset before the message's charset is known.
    static func provisional(_ bytes: [UInt8]) -> String {
        String(validating: bytes, as: UTF8.self) ?? SingleByteCharset.cp1252.decode(bytes)
    }

    static func field(_ field: HeaderBlock.Field, fallbackCharset: String?, log: inout DefectLog) -> MailHeaderField {
        let raw = decode(field.value, fallbackCharset: fallbackCharset, log: &log, context: field.name)
        return MailHeaderField(name: field.name, rawValue: raw, value: EncodedWord.decode(raw, log: &log))
    }
}
