import Crypto
import Foundation
import ParleyMail
import Testing

@Suite("DKIM signer keys")
struct DKIMSignerKeyTests {
    @Test("keys written by OpenSSL load, and their DNS records match OpenSSL's public keys")
    func openSSLKeys() async throws {
        let ed25519 = try DKIMSigner(domain: "kubki.example", selector: "ed", privateKeyPEM: DKIMTestSupport.fixture("dkim-ed25519.pem"))
        #expect(ed25519.algorithm == .ed25519SHA256)
        #expect(ed25519.dnsRecordName == "ed._domainkey.kubki.example")
        #expect(ed25519.dnsRecordValue == "v=DKIM1; k=ed25519; p=hWFCCFx37dyb0plaSLFi2E2SR8vDhuRaYkJQsFW2LYQ=")

        // 1024 bits is the least RFC 8301 allows; older shops still publish such keys.
        let rsa = try DKIMSigner(domain: "kubki.example", selector: "rsa", privateKeyPEM: DKIMTestSupport.fixture("dkim-rsa1024-pkcs1.pem"))
        #expect(rsa.algorithm == .rsaSHA256)
        #expect(
            rsa.dnsRecordValue
                == "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDMWhKXMsF7HTlpey3VekklJfH6s6v21pgeUV/PXBpRjFgmOoyC7EEXolbnOSAWlValzWZVE7Q2"
                + "s9boOMgnEUeSYbxDn+galSTxcoLqIWJb9Djr0e+PrOix8W5OHd3yagTrIcLYjA3BelmZd4GbaDri0GU1i2gTHSu2m5f0c+p6owIDAQAB")

        for signer in [ed25519, rsa] {
            let signed = signer.sign(try DKIMSignerTests.Message.greekAlternative.bytes, at: DKIMSignerTests.signedAt)
            #expect(try await DKIMTestSupport.verifyWithDKIMPy(signed, publishedBy: signer) == "ok")
        }
    }

    @Test(
        "unusable keys are refused with the reason",
        arguments: [
            ("not a key", DKIMSignerError.notPEM),
            ("-----BEGIN PRIVATE KEY-----\nMIIE\n", .notPEM),
            ("-----BEGIN PRIVATE KEY-----\n***\n-----END PRIVATE KEY-----\n", .invalidBase64),
            ("-----BEGIN CERTIFICATE-----\nMIIE\n-----END CERTIFICATE-----\n", .unsupportedPEMType("CERTIFICATE")),
            (
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMIIE\n-----END RSA PRIVATE KEY-----\n",
                .unsupportedPEMType("encrypted RSA PRIVATE KEY")
            ),
            (P256.Signing.PrivateKey().pemRepresentation, .unsupportedKey),
        ])
    func refused(pem: String, error: DKIMSignerError) {
        #expect(throws: error) { try DKIMSigner(domain: "kubki.example", selector: "parley", privateKeyPEM: pem) }
    }

    @Test("RSA keys under 1024 bits are refused")
    func smallRSAKey() async throws {
        let pem = try DKIMTestSupport.fixture("dkim-rsa512.pem")
        let error = #expect(throws: DKIMSignerError.self) {
            try DKIMSigner(domain: "kubki.example", selector: "parley", privateKeyPEM: pem)
        }
        #expect(error == .rsaKeyTooSmall)
        #expect(error?.description.contains("1024 bits") == true)
    }

    @Test(
        "a domain or selector that could break out of its tag is refused",
        arguments: ["kubki.example; x=y", "", "kubki..example", "sel ector"])
    func badNames(name: String) async throws {
        let pem = try DKIMTestSupport.Key.ed25519.pem()
        #expect(throws: DKIMSignerError.invalidName(name)) { try DKIMSigner(domain: name, selector: "parley", privateKeyPEM: pem) }
        #expect(throws: DKIMSignerError.invalidName(name)) { try DKIMSigner(domain: "kubki.example", selector: name, privateKeyPEM: pem) }
    }
}
