import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// One entry of the thread as the agent reads it.
struct ThreadItem {
    struct File {
        let name: String
        let href: String
        let detail: String
    }

    let anchor: String
    /// A customer's message, which an agent may split off into a new conversation.
    let splittable: Bool
    /// `incoming`, `reply`, `note` or `auto_reply`: how it looks.
    let kind: String
    let kindLabel: String
    let isNote: Bool
    /// "Inbound call · 5 min · answered", for a logged call.
    let callSummary: String?
    let author: String
    let channel: String
    let time: String
    let exactTime: String
    let text: String
    let quoted: String?
    let signature: String?
    let originalHref: String?
    /// The sanitized HTML as the sender formatted it, shown in a sandboxed frame on request.
    let htmlHref: String?
    let files: [File]
    let delivery: String?
    let failed: Bool
    let failure: String?
    /// The message to try again, when it failed.
    let retryID: String?
    let flag: String?

    init(_ details: ConversationMessageDetails, agents: [Int64: String], customerName: String, agent: SignedInAgent, texts: Texts) {
        let message = details.message
        anchor = message.publicID
        splittable = message.kind == .incoming
        kind = message.kind.rawValue
        kindLabel = texts["app.kinds.\(message.kind.rawValue)"]
        isNote = message.kind == .note
        callSummary = details.call.map { call in
            [
                texts["app.calls.directions.\(call.direction.rawValue)"],
                call.durationSeconds > 0 ? agent.format.duration(TimeInterval(call.durationSeconds)) : "",
                texts["app.calls.outcomes.\(call.outcome.rawValue)"],
            ].filter { !$0.isEmpty }.joined(separator: " · ")
        }
        author =
            switch message.kind {
            case .incoming: message.sender ?? customerName
            case .reply, .note: message.agentID.flatMap { agents[$0] } ?? texts["app.conversation.someAgent"]
            case .autoReply: texts["app.kinds.auto_reply"]
            case .assistant: texts["app.kinds.assistant"]
            case .call: message.agentID.flatMap { agents[$0] } ?? texts["app.conversation.someAgent"]
            }
        channel = texts["app.channels.\(message.channel.rawValue)"]
        time = agent.format.relative(message.createdAt)
        exactTime = agent.format.exact(message.createdAt)
        text = message.text.isEmpty ? (message.bodyText ?? "") : message.text
        quoted = message.quoted.flatMap { $0.isEmpty ? nil : $0 }
        signature = message.signature.flatMap { $0.isEmpty ? nil : $0 }
        originalHref = details.original.map { "/app/emails/\($0)" }
        htmlHref = message.bodyHTML.map { _ in "/app/messages/\(message.publicID)/original.html" }
        files = details.attachments.filter { !$0.isInline || $0.filename != nil }.map {
            File(
                name: $0.filename ?? texts["app.conversation.attachment"], href: "/app/attachments/\($0.publicID)",
                detail: "\($0.contentType), \(agent.format.bytes($0.size))")
        }
        if let delivery = details.delivery {
            self.delivery = texts["app.delivery.\(delivery.status.rawValue)"]
            failed = delivery.status == .failed || delivery.status == .bounced || delivery.status == .unreachable
            failure =
                delivery.waitingForSetting.map { texts.format("app.delivery.waiting", ["setting": $0]) } ?? delivery.lastError
            retryID = failed ? delivery.publicID : nil
        } else {
            delivery = nil
            failed = false
            failure = nil
            retryID = nil
        }
        flag = message.flag.map { $0.hasPrefix("unknown_sender") ? texts["app.flags.unknownSender"] : $0 }
    }
}
