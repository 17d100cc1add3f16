import Foundation
import ParleyMail
import Testing

/// Feedback-loop reports (RFC 5965) as mailbox providers send them when a recipient presses "this is
/// spam": the message complained about is found by its Message-ID, from a returned message or only
/// its headers; a bounce is no complaint.
@Suite("Feedback-loop reports")
struct FeedbackReportTests {
    static func mail(_ folder: String, _ file: String) throws -> ParsedMail {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(folder)/\(file)")
        return MailParser.parse(Array(try Data(contentsOf: url)))
    }

    @Test("Yahoo's report returns the whole message: its Message-ID and the recipient are read")
    func yahoo() throws {
        let report = try #require(FeedbackReport.read(try Self.mail("complaints", "yahoo-arf.eml")))
        #expect(report.feedbackType == "abuse" && report.isComplaint)
        #expect(report.originalRecipients == ["zofia.nowak@yahoo.example"])
        #expect(report.originalMessageIDs.first == "msg_campaign7.zofia@kubki.example")
    }

    @Test("Mail.ru's report returns only the headers, with a folded Message-ID")
    func headersOnly() throws {
        let report = try #require(FeedbackReport.read(try Self.mail("complaints", "mailru-arf-headers.eml")))
        #expect(report.isComplaint && report.originalRecipients == ["anna.smirnova@mail.example"])
        #expect(report.originalMessageIDs == ["msg_cart42.anna@kubki.example"])
    }

    @Test("a bounce and an ordinary email are no feedback report; a not-spam report is no complaint")
    func notComplaints() throws {
        #expect(FeedbackReport.read(try Self.mail("bounces", "postfix-rfc822.eml")) == nil)
        let notSpam = FeedbackReport(feedbackType: "not-spam", originalRecipients: [], originalMessageIDs: ["x@y"])
        #expect(!notSpam.isComplaint)
    }
}
