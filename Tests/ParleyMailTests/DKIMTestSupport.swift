import Crypto
import Foundation
import ParleyMail
import ParleyTestSupport
import Testing
import _CryptoExtras

/// Keys and an independent verifier for the DKIM tests.
enum DKIMTestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    enum Key: String, CaseIterable, CustomTestStringConvertible {
        case rsaPKCS8, rsaPKCS1, ed25519

        var testDescription: String { rawValue }

        /// A fresh key each time, as swift-crypto exports it (Ed25519 by hand: swift-crypto 3 has no PEM for it).
        func pem() throws -> String {
            switch self {
            case .rsaPKCS8: try _RSA.Signing.PrivateKey(keySize: .bits2048).pkcs8PEMRepresentation
            case .rsaPKCS1: try _RSA.Signing.PrivateKey(keySize: .bits2048).pemRepresentation
            case .ed25519: ed25519PEM(Curve25519.Signing.PrivateKey())
            }
        }
    }

    /// PKCS#8 as RFC 8410 §7 spells it: version 0, id-Ed25519, the seed in a nested OCTET STRING.
    static func ed25519PEM(_ key: Curve25519.Signing.PrivateKey) -> String {
        let prefix: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
        let base64 = Data(prefix + key.rawRepresentation).base64EncodedString(options: .lineLength64Characters)
        return "-----BEGIN PRIVATE KEY-----\n\(base64)\n-----END PRIVATE KEY-----\n"
    }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    /// dkimpy's verdict on `message`, with `signer`'s public key as the only DNS record: "ok", or
    /// "fail" and dkimpy's reasoning.
    static func verifyWithDKIMPy(_ message: [UInt8], publishedBy signer: DKIMSigner) async throws -> String {
        let data = try await ChildProcess.python(
            fixtures.appendingPathComponent("dkim_verify.py").path, [signer.dnsRecordName, signer.dnsRecordValue], input: Data(message))
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
