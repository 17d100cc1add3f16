import Foundation
import Testing

@testable import ParleyServices

/// RFC 6238 appendix B's SHA-1 vectors, the last six digits of each, and RFC 4648's base32 vectors.
@Suite("TOTP and base32")
struct TOTPTests {
    @Test(
        "the RFC 6238 test vectors",
        arguments: [
            (59.0, "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"), (1_234_567_890, "005924"),
            (2_000_000_000, "279037"), (20_000_000_000, "353130"),
        ])
    func vectors(time: Double, code: String) {
        #expect(TOTP(secret: Array("12345678901234567890".utf8)).code(at: Date(timeIntervalSince1970: time)) == code)
    }

    @Test("a code is taken one step either way, not two; spaces do not matter")
    func window() {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        let now = Date(timeIntervalSince1970: 1_111_111_111)
        let step = TOTP.step(at: now)
        #expect(totp.matchingStep(totp.code(step: step - 1), at: now) == step - 1)
        #expect(totp.matchingStep("050 471", at: now) == step)
        #expect(totp.matchingStep(totp.code(step: step + 2), at: now) == nil)
        #expect(totp.matchingStep("", at: now) == nil)
    }

    @Test(
        "base32 both ways",
        arguments: [("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("foobar", "MZXW6YTBOI")])
    func base32(plain: String, encoded: String) {
        #expect(Base32.encode(Array(plain.utf8)) == encoded)
        #expect(Base32.decode(encoded.lowercased()) == Array(plain.utf8))
    }
}
