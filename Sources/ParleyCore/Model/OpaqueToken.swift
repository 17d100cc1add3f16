/// Random, URL-safe tokens for ids and secrets that leave Parley.
public enum OpaqueToken {
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// `prefix` followed by `length` base-62 characters from the system's secure generator
    /// (22 characters carry about 131 bits).
    ///
    /// ```swift
    /// OpaqueToken.make(prefix: "cus_") // "cus_4GqT0xk…"
    /// ```
    public static func make(prefix: String, length: Int = 22) -> String {
        var generator = SystemRandomNumberGenerator()
        var token = prefix
        for _ in 0..<length {
            token.append(alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))])
        }
        return token
    }
}
