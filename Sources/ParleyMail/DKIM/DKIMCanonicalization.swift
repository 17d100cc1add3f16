/// The "relaxed" canonicalization of RFC 6376 §3.4.2 and §3.4.4, which survives the whitespace and
/// folding changes relays commonly make.
public enum DKIMCanonicalization {
    /// One header field (`Name: value`, folded lines included, without the final CRLF) as
    /// `name:value`: lower-case name, unfolded, runs of whitespace as one space, none around the colon
    /// or at the end. The caller appends the CRLF, because the signature header itself is hashed without one.
    public static func relaxedHeader(_ field: some Collection<UInt8>) -> [UInt8] {
        let colon = field.firstIndex(of: UInt8(ascii: ":")) ?? field.endIndex
        let name = field[..<colon].filter { !isWhitespace($0) }.map(lowercased)
        let value = field[colon...].dropFirst().filter { $0 != cr && $0 != lf }
        return name + [UInt8(ascii: ":")] + collapsingWhitespace(value, keepingLeadingSpace: false)
    }

    /// The body with whitespace runs as one space, none at line ends, no empty lines at the end, and
    /// a final CRLF unless the body is empty (RFC 6376 errata 3192 keeps an empty body empty).
    public static func relaxedBody(_ body: some Collection<UInt8>) -> [UInt8] {
        var lines = Array(body).split(separator: lf, omittingEmptySubsequences: false).map {
            collapsingWhitespace($0.last == cr ? $0.dropLast() : $0, keepingLeadingSpace: true)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.flatMap { $0 + [cr, lf] }
    }

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    /// Runs of spaces and tabs as one space and none at the end; a body line keeps its indent as one
    /// space, a header value loses it.
    private static func collapsingWhitespace(_ bytes: some Collection<UInt8>, keepingLeadingSpace: Bool) -> [UInt8] {
        var result: [UInt8] = []
        var pendingSpace = false
        for byte in bytes {
            if isWhitespace(byte) {
                pendingSpace = keepingLeadingSpace || !result.isEmpty
            } else {
                if pendingSpace { result.append(UInt8(ascii: " ")) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return result
    }
}
