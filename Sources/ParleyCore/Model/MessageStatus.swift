import Foundation

/// Where an outgoing message stands. `queued → sent → delivered`, or `bounced` / `failed`; a
/// message that had no channel at all is `unreachable`, kept so staff see why a customer heard nothing.
public enum MessageStatus: String, Sendable, Codable, CaseIterable {
    case queued, sent, delivered, bounced, failed, unreachable

    /// Later reports never move a message back (a late "sent" after "delivered").
    public func accepts(_ next: MessageStatus) -> Bool {
        switch (self, next) {
        case (.queued, _): return next != .queued
        case (.sent, .delivered), (.sent, .bounced), (.sent, .failed): return true
        case (.failed, .sent), (.failed, .delivered): return true  // a provider may report success after a transient error
        default: return false
        }
    }
}
