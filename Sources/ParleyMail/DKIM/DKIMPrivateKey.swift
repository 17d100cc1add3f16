import Crypto
import Foundation
import _CryptoExtras

/// A DKIM signing key read from PEM, with what DKIM needs to know about it.
enum DKIMPrivateKey: Sendable {
    case rsa(_RSA.Signing.PrivateKey)
    /// Kept as the 32-byte seed because swift-crypto's Ed25519 key is not `Sendable` on Linux.
    case ed25519(seed: Data)

    /// Reads an unencrypted PKCS#8 (`PRIVATE KEY`, RSA or Ed25519) or PKCS#1 (`RSA PRIVATE KEY`) PEM block.
    init(pem: String) throws(DKIMSignerError) {
        let (type, der) = try Self.decode(pem)
        switch type {
        case "RSA PRIVATE KEY": self = .rsa(try Self.rsa(der))
        case "PRIVATE KEY":
            if let seed = Self.ed25519Seed(der) {
                self = .ed25519(seed: seed)
            } else {
                self = .rsa(try Self.rsa(der))
            }
        default: throw .unsupportedPEMType(type)
        }
    }

    var algorithm: DKIMSigner.Algorithm {
        switch self {
        case .rsa: .rsaSHA256
        case .ed25519: .ed25519SHA256
        }
    }

    /// The `k=` and `p=` of the DNS key record. RSA publishes SubjectPublicKeyInfo, as OpenSSL's
    /// `-pubout`, OpenDKIM and every verifier do; Ed25519 the bare 32 bytes (RFC 8463 §4).
    var publicKeyRecord: (type: String, data: Data) {
        switch self {
        case .rsa(let key): ("rsa", key.publicKey.derRepresentation)
        case .ed25519(let seed): ("ed25519", Self.ed25519(seed).publicKey.rawRepresentation)
        }
    }

    /// RSA signs the hash with PKCS#1 v1.5 (RFC 6376 §3.3.1); Ed25519 signs the 32 hash bytes as its
    /// message (RFC 8463 §3).
    func signature(for digest: SHA256Digest) -> Data {
        // Cannot fail with a key that loaded: BoringSSL reports errors here only when allocation fails.
        switch self {
        case .rsa(let key): try! key.signature(for: digest, padding: .insecurePKCS1v1_5).rawRepresentation
        case .ed25519(let seed): try! Self.ed25519(seed).signature(for: Data(digest))
        }
    }

    private static func ed25519(_ seed: Data) -> Curve25519.Signing.PrivateKey {
        // Cannot fail: any 32 bytes are an Ed25519 seed, and `ed25519Seed` returns exactly 32.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    private static func decode(_ pem: String) throws(DKIMSignerError) -> (type: String, der: Data) {
        let lines = pem.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----") }) else { throw .notPEM }
        let type = String(lines[begin].dropFirst("-----BEGIN ".count).dropLast("-----".count))
        guard let end = lines[begin...].firstIndex(of: "-----END \(type)-----") else { throw .notPEM }
        // Encrypted PKCS#1 keys carry `Proc-Type:` headers inside the block; they are not supported.
        guard !lines[(begin + 1)..<end].contains(where: { $0.contains(":") }) else { throw .unsupportedPEMType("encrypted " + type) }
        guard let der = Data(base64Encoded: lines[(begin + 1)..<end].joined()), !der.isEmpty else { throw .invalidBase64 }
        return (type, der)
    }

    /// Loads RSA keys down to 1024 bits, the least RFC 8301 lets verifiers accept, because many shops
    /// still publish such keys; swift-crypto's checked initializers refuse anything under 2048.
    private static func rsa(_ der: Data) throws(DKIMSignerError) -> _RSA.Signing.PrivateKey {
        do {
            return try _RSA.Signing.PrivateKey(unsafeDERRepresentation: der)
        } catch CryptoKitError.incorrectParameterSize {
            throw .rsaKeyTooSmall
        } catch {
            throw .unsupportedKey
        }
    }

    /// The 32-byte seed of a PKCS#8 Ed25519 key (RFC 8410 §7): version 0, or 1 when the public key
    /// follows, then the id-Ed25519 algorithm and the seed as a nested OCTET STRING.
    private static func ed25519Seed(_ der: Data) -> Data? {
        let bytes = [UInt8](der)
        let algorithmAndSeedHeader: [UInt8] = [0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
        guard bytes.count >= 48, bytes[0] == 0x30, bytes[2..<4] == [0x02, 0x01], bytes[4] <= 1,
            bytes[5..<16].elementsEqual(algorithmAndSeedHeader)
        else { return nil }
        return Data(bytes[16..<48])
    }
}
