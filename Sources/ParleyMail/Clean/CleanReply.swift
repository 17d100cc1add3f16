/// The customer's new words in a reply, separated from what they quoted and their signature.
///
/// ```swift
/// let reply = ReplyCleaner.clean(plain: "Dziękuję!\n\nW dniu 3.03.2025 o 10:14, Sklep <s@sklep.pl> pisze:\n> Paczka wysłana.")
/// reply.text    // "Dziękuję!"
/// reply.quoted  // "W dniu 3.03.2025 o 10:14, Sklep <s@sklep.pl> pisze:\n> Paczka wysłana."
/// ```
public struct CleanReply: Sendable, Equatable {
    /// The new text, trimmed; never empty if the message had any non-quoted text. When everything looks
    /// quoted, the whole text rather than nothing.
    public var text: String
    /// The quoted history that was cut (nil when none).
    public var quoted: String?
    /// The signature that was cut (nil when none).
    public var signature: String?

    /// A reply with the given parts.
    public init(text: String, quoted: String? = nil, signature: String? = nil) {
        self.text = text
        self.quoted = quoted
        self.signature = signature
    }
}
