import Foundation
import ParleyMail
import Testing

@Suite("DKIM signer")
struct DKIMSignerTests {
    static let signedAt = Date(timeIntervalSince1970: 1_795_000_100)

    enum Message: String, CaseIterable, CustomTestStringConvertible {
        case polishPlainText, greekAlternative, unsubscribeHeaders, untidyWhitespace, emptyBody

        var testDescription: String { rawValue }

        var bytes: [UInt8] {
            get throws {
                switch self {
                case .polishPlainText:
                    return try compose(subject: "Zamówienie #1001 jest w drodze", text: "Dzień dobry,\nzażółć gęślą jaźń.\n\n\n", html: nil)
                case .greekAlternative:
                    let text = "Γεια σας,\nη παραγγελία σας στάλθηκε."
                    return try compose(subject: "Η παραγγελία #1001 είναι καθ' οδόν", text: text, html: "<p>\(text)</p>")
                case .unsubscribeHeaders:
                    return try compose(
                        subject: "Nowości w sklepie", text: "Kubki wróciły.", html: "<p>Kubki wróciły.</p>",
                        extraHeaders: [
                            ("List-Unsubscribe", "<https://kubki.example/u/abc>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                        ])
                // Written by hand: MailComposer never leaves whitespace at a line's end, other programs do.
                case .untidyWhitespace:
                    return Array(
                        ("From: Sklep <sklep@kubki.example>\r\nTo: zofia@example.pl\r\nCC: a@example.pl,\r\n\t b@example.pl\r\n"
                            + "Subject:  Folded \t subject\r\n  with tabs \r\nDate: Sun, 22 Nov 2026 23:15:06 +0000\r\n"
                            + "Message-ID: <w1@kubki.example>\r\nX-Unsigned: yes\r\n\r\n"
                            + "Trailing spaces   \r\n\tindented\t and   spaced \t\r\n \r\n\r\nlast line\r\n\r\n\r\n \t\r\n").utf8)
                case .emptyBody:
                    return Array("From: sklep@kubki.example\r\nTo: zofia@example.pl\r\nSubject: empty\r\n\r\n".utf8)
                }
            }
        }

        private func compose(subject: String, text: String, html: String?, extraHeaders: [(String, String)] = []) throws -> [UInt8] {
            var mail = try MailComposerTests.mail(subject: subject, text: text, html: html)
            mail.extraHeaders = extraHeaders
            return Array(MailComposer.compose(mail).utf8)
        }
    }

    @Test("dkimpy verifies every signed message", arguments: DKIMTestSupport.Key.allCases, Message.allCases)
    func dkimpyVerifies(key: DKIMTestSupport.Key, message: Message) async throws {
        let signer = try DKIMSigner(domain: "kubki.example", selector: "parley", privateKeyPEM: key.pem())
        let signed = signer.sign(try message.bytes, at: Self.signedAt)
        #expect(try await DKIMTestSupport.verifyWithDKIMPy(signed, publishedBy: signer) == "ok")
    }

    @Test("the signature field is prepended, 7-bit, folded under 78 columns, and says what it signs")
    func fieldShape() async throws {
        let signer = try DKIMSigner(domain: "kubki.example", selector: "parley", privateKeyPEM: DKIMTestSupport.Key.rsaPKCS8.pem())
        let message = try Message.unsubscribeHeaders.bytes
        let signed = signer.sign(message, at: Self.signedAt)
        #expect(Array(signed.suffix(message.count)) == message)
        let field = String(decoding: signed.dropLast(message.count), as: UTF8.self)
        #expect(field.hasSuffix("\r\n") && field.utf8.allSatisfy { $0 < 128 })
        let lines = field.dropLast(2).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        let unfolded = lines.joined()
        #expect(unfolded.hasPrefix("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=kubki.example; s=parley; t=1795000100;"))
        #expect(
            unfolded.replacingOccurrences(of: " ", with: "").contains(
                "h=from:to:subject:date:message-id:reply-to:mime-version:content-type:list-unsubscribe:list-unsubscribe-post:"
                    + "in-reply-to:references:from;"))
    }

    enum Change: String, CaseIterable, CustomTestStringConvertible {
        case bodyText, subject, secondFrom, removedSignedHeader

        var testDescription: String { rawValue }

        func apply(_ message: String) -> String {
            switch self {
            case .bodyText: message.replacingOccurrences(of: "Kubki wr", with: "Kubki WR")
            case .subject: message.replacingOccurrences(of: "\r\nSubject: ", with: "\r\nSubject: Re: ")
            // Above the signed one: mail programs show the first From.
            case .secondFrom: message.replacingOccurrences(of: "\r\nDate: ", with: "\r\nFrom: <ceo@kubki.example>\r\nDate: ")
            case .removedSignedHeader: message.replacingOccurrences(of: "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", with: "")
            }
        }
    }

    @Test("a message changed after signing fails verification", arguments: DKIMTestSupport.Key.allCases, Change.allCases)
    func changedMessageFails(key: DKIMTestSupport.Key, change: Change) async throws {
        let signer = try DKIMSigner(domain: "kubki.example", selector: "parley", privateKeyPEM: key.pem())
        let signed = String(decoding: signer.sign(try Message.unsubscribeHeaders.bytes, at: Self.signedAt), as: UTF8.self)
        let changed = change.apply(signed)
        #expect(changed != signed)
        #expect(try await DKIMTestSupport.verifyWithDKIMPy(Array(changed.utf8), publishedBy: signer).hasPrefix("fail"))
    }

    @Test("relaxed canonicalization survives what relays do to whitespace and unsigned headers")
    func relaxedSurvivesRelays() async throws {
        let signer = try DKIMSigner(domain: "kubki.example", selector: "parley", privateKeyPEM: DKIMTestSupport.Key.ed25519.pem())
        let signed = String(decoding: signer.sign(try Message.untidyWhitespace.bytes, at: Self.signedAt), as: UTF8.self)
        let relayed =
            "Received: from mx.kubki.example\r\n"
            + signed.replacingOccurrences(of: "Subject:  Folded \t subject\r\n  with tabs", with: "Subject: Folded subject with tabs")
            .replacingOccurrences(of: "last line\r\n", with: "last line  \r\n\r\n")
        #expect(try await DKIMTestSupport.verifyWithDKIMPy(Array(relayed.utf8), publishedBy: signer) == "ok")
    }

    @Test("a signature naming another selector finds no key and fails")
    func otherSelectorFails() async throws {
        let pem = try DKIMTestSupport.Key.ed25519.pem()
        let signer = try DKIMSigner(domain: "kubki.example", selector: "parley", privateKeyPEM: pem)
        let other = try DKIMSigner(domain: "kubki.example", selector: "old", privateKeyPEM: pem)
        let signed = other.sign(try Message.polishPlainText.bytes, at: Self.signedAt)
        #expect(try await DKIMTestSupport.verifyWithDKIMPy(signed, publishedBy: signer).hasPrefix("fail"))
    }
}
