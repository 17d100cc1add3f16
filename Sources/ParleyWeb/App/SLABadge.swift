import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// The SLA state of a conversation in words and a tone: never colour alone.
struct SLABadge {
    let text: String
    /// `ok`, `soon` (within the hour) or `late`.
    let tone: String
    let exact: String

    init?(_ conversation: Conversation, format: AgentFormat, texts: Texts) {
        guard conversation.status == .open, let due = conversation.sla?.nextDeadline else { return nil }
        let left = due.timeIntervalSince(format.now)
        let time = format.duration(left)
        text = left > 0 ? texts.format("app.sla.left", ["time": time]) : texts.format("app.sla.overdue", ["time": time])
        tone = left <= 0 ? "late" : left <= ReadInbox.soon ? "soon" : "ok"
        exact = format.exact(due)
    }
}
