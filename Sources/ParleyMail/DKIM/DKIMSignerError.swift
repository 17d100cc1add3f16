/// Why a `DKIMSigner` could not be made; each case says what to fix in the configuration.
public enum DKIMSignerError: Error, Equatable, CustomStringConvertible {
    /// No `-----BEGIN …-----` / `-----END …-----` block was found.
    case notPEM
    /// The text between the PEM markers is not base64.
    case invalidBase64
    /// A PEM block of another kind, for example a certificate or an encrypted key.
    case unsupportedPEMType(String)
    /// The key decodes but is neither an RSA nor an Ed25519 private key.
    case unsupportedKey
    /// RSA keys under 1024 bits are refused: RFC 8301 forbids verifiers to accept them.
    case rsaKeyTooSmall
    /// The `d=` domain or `s=` selector is not a dot-separated list of ASCII letters, digits and hyphens.
    case invalidName(String)

    /// A sentence for the log or the settings page.
    public var description: String {
        switch self {
        case .notPEM: "DKIM private key is not PEM: no \"-----BEGIN PRIVATE KEY-----\" … \"-----END PRIVATE KEY-----\" block"
        case .invalidBase64: "DKIM private key PEM block does not contain valid base64"
        case .unsupportedPEMType(let type):
            "DKIM private key PEM block is \"\(type)\"; expected \"PRIVATE KEY\" (PKCS#8) or \"RSA PRIVATE KEY\" (PKCS#1), unencrypted"
        case .unsupportedKey: "DKIM private key is neither RSA nor Ed25519"
        case .rsaKeyTooSmall: "DKIM RSA key is shorter than 1024 bits (RFC 8301); generate one of 2048 bits"
        case .invalidName(let name): "\"\(name)\" is not a valid DKIM domain or selector (ASCII letters, digits, hyphens, dots)"
        }
    }
}
