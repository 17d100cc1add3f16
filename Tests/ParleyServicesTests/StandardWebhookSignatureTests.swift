import Foundation
import ParleyServices
import Testing

@Suite("Standard Webhooks signatures")
struct StandardWebhookSignatureTests {
    @Test("the signature of the Standard Webhooks specification's example is reproduced")
    func specificationExample() {
        // standard-webhooks/spec: secret, id, timestamp and payload of its example, with the signature it gives.
        let header = StandardWebhookSignature.header(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8),
            secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        #expect(header == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test("new secrets are whsec_ and 32 random bytes in base64, never the same twice")
    func secrets() {
        let secrets = (0..<20).map { _ in StandardWebhookSignature.newSecret() }
        #expect(Set(secrets).count == 20)
        #expect(secrets.allSatisfy { $0.hasPrefix("whsec_") && Data(base64Encoded: String($0.dropFirst(6)))?.count == 32 })
    }
}
