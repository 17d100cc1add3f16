import Foundation

extension DKIMSigner {
    /// Where the public key is published: `parley._domainkey.kubki.example`.
    public var dnsRecordName: String { "\(selector)._domainkey.\(domain)" }

    /// The TXT record the shop owner publishes at `dnsRecordName`: `v=DKIM1; k=rsa; p=MIIBIjAN…`.
    /// A 2048-bit RSA key makes a value longer than 255 bytes, which DNS providers split into several
    /// strings of one record on their own.
    public var dnsRecordValue: String {
        let publicKey = key.publicKeyRecord
        return "v=DKIM1; k=\(publicKey.type); p=\(publicKey.data.base64EncodedString())"
    }
}
