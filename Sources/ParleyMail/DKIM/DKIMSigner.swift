import Crypto
import Foundation

/// Signs outgoing mail with DKIM (RFC 6376; Ed25519 keys by RFC 8463), so that receivers can tell
/// it comes from the shop's domain and was not changed on the way.
///
/// ```swift
/// let signer = try DKIMSigner(domain: "kubki.example", selector: "parley", privateKeyPEM: pem)
/// let signed = signer.sign(Array(MailComposer.compose(mail).utf8), at: clock.now)
/// print(signer.dnsRecordName, signer.dnsRecordValue) // what the shop owner publishes
/// ```
public struct DKIMSigner: Sendable {
    /// The `a=` tag, chosen by the key.
    public enum Algorithm: String, Sendable {
        /// RSA PKCS#1 v1.5 over SHA-256, which every receiver verifies.
        case rsaSHA256 = "rsa-sha256"
        /// Ed25519 over SHA-256 (RFC 8463): short keys and signatures, not yet verified everywhere.
        case ed25519SHA256 = "ed25519-sha256"
    }

    /// The header fields signed when the message has them: those that say who sent what to whom,
    /// how it threads, how it is read, and how to unsubscribe (RFC 8058 requires the last two signed).
    public static let signedHeaders = [
        "from", "to", "cc", "subject", "date", "message-id", "reply-to", "mime-version", "content-type",
        "content-transfer-encoding", "list-unsubscribe", "list-unsubscribe-post", "in-reply-to", "references",
    ]

    /// The `d=` domain, whose DNS publishes the public key.
    public let domain: String
    /// The `s=` selector: the key's record is `<selector>._domainkey.<domain>`.
    public let selector: String
    let key: DKIMPrivateKey

    /// Follows from the key: `rsa-sha256` or `ed25519-sha256`.
    public var algorithm: Algorithm { key.algorithm }

    /// A signer for `domain` with the key in `privateKeyPEM`: unencrypted PKCS#8 (`BEGIN PRIVATE KEY`,
    /// RSA or Ed25519) or PKCS#1 (`BEGIN RSA PRIVATE KEY`), RSA of at least 1024 bits.
    public init(domain: String, selector: String, privateKeyPEM: String) throws(DKIMSignerError) {
        for name in [domain, selector] where !Self.isDomainName(name) { throw .invalidName(name) }
        self.domain = domain
        self.selector = selector
        self.key = try DKIMPrivateKey(pem: privateKeyPEM)
    }

    /// `message` (CRLF line ends, as `MailComposer` writes it) with a `DKIM-Signature` field in front,
    /// relaxed/relaxed, timestamped `date`.
    public func sign(_ message: [UInt8], at date: Date) -> [UInt8] {
        let parsed = DKIMMessage(message)
        let bodyHash = SHA256.hash(data: DKIMCanonicalization.relaxedBody(parsed.body))
        let signed = parsed.fields(named: Self.signedHeaders)
        var field = DKIMSignatureField()
        for tag in [
            "v=1", "a=\(algorithm.rawValue)", "c=relaxed/relaxed", "d=\(domain)", "s=\(selector)",
            "t=\(Int(date.timeIntervalSince1970))", "bh=\(Data(bodyHash).base64EncodedString())",
        ] {
            field.append(tag + ";")
        }
        // One `from` more than the message has, so that a From added on the way breaks the signature
        // instead of being shown to the reader (RFC 6376 §8.15).
        field.append(tag: "h", list: signed.names + ["from"])
        field.append("b=")
        // The signature field is hashed with an empty `b=` and without its final CRLF (RFC 6376 §3.7).
        let hashed =
            signed.fields.flatMap { DKIMCanonicalization.relaxedHeader($0) + Array("\r\n".utf8) }
            + DKIMCanonicalization.relaxedHeader(Array(field.text.utf8))
        field.append(base64: key.signature(for: SHA256.hash(data: hashed)).base64EncodedString())
        return Array((field.text + "\r\n").utf8) + message
    }

    /// Dot-separated labels of ASCII letters, digits and hyphens: anything else could break out of its tag.
    private static func isDomainName(_ name: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { !$0.isEmpty && $0.allSatisfy(allowed.contains) }
    }
}
