import Foundation
import ParleyCore
import ParleyStore

/// The named views of an agent's inbox.
public enum InboxView: String, Sendable, CaseIterable {
    case mine, unassigned, all
    /// Open, with an SLA deadline within the hour.
    case dueSoon = "due"
    /// Open, past an SLA deadline.
    case breached
}
