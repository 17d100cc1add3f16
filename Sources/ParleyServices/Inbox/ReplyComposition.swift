import Foundation
import ParleyCore

/// What a customer receives when an agent answers by email: the agent's words, the shop's signature,
/// and the customer's last message quoted below a header in the customer's language, so the answer
/// reads on its own in any mail program. An SMS carries the words alone.
public struct ReplyComposition: Sendable, Equatable {
    public let channel: ConversationChannel
    public let recipient: String
    public let subject: String?
    public let body: String

    /// The email body: `text`, then `signature` after the `-- ` line mail programs recognise, then
    /// the quoted message (`> ` lines) under "On {date}, {name} wrote:".
    static func emailBody(
        text: String, signature: String?, quoting: ConversationMessage?, customerName: String?, entries: [String: String],
        language: String, timeZone: TimeZone
    ) throws -> String {
        var parts = [text]
        if let signature = signature?.trimmingCharacters(in: .whitespacesAndNewlines), !signature.isEmpty {
            parts.append("-- \n" + signature)
        }
        if let quoting, !quoting.text.isEmpty {
            var style = Date.FormatStyle(date: .abbreviated, time: .shortened)
            style.locale = Locale(identifier: language)
            style.timeZone = timeZone
            let name = customerName ?? quoting.sender ?? ""
            let header = try MessageCatalogs.words(
                "inbox.quoteHeader", in: entries, values: ["date": quoting.createdAt.formatted(style), "name": name])
            let quoted = (quoting.bodyText ?? quoting.text).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
            parts.append(header + "\n" + quoted)
        }
        return parts.joined(separator: "\n\n")
    }
}
