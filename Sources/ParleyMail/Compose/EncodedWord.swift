import Foundation

/// RFC 2047 encoded words, so that header text in any language survives 7-bit mail transport.
public enum EncodedWord {
    /// `text` as it may stand in an unstructured header (`Subject`): unchanged when it is plain
    /// printable ASCII, otherwise `=?UTF-8?B?…?=` words of at most 75 characters, split only between
    /// characters and joined by folding whitespace.
    ///
    /// ```swift
    /// EncodedWord.encode("Zamówienie #1001") // "=?UTF-8?B?WmFtw7N3aWVuaWUgIzEwMDE=?="
    /// ```
    public static func encode(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value > 0x7E }) || text.contains("=?") else { return text }
        // 36 bytes (a multiple of 3) make 48 base64 characters, a 60-character word: with `Subject: ` or
        // `From: ` before it, the line stays under the 78 characters RFC 5322 asks for.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 36 && !chunk.isEmpty {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    /// A display name for an address header: plain, quoted when it holds specials, encoded when not ASCII.
    public static func phrase(_ name: String) -> String {
        let clean = name.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.unicodeScalars.contains(where: { $0.value > 0x7E || $0.value < 0x20 }) { return encode(clean) }
        let specials = Set("()<>[]:;@\\,.\"")
        guard clean.contains(where: { specials.contains($0) }) else { return clean }
        return "\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }
}
