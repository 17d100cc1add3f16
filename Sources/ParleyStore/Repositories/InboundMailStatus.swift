import Foundation
import ParleyCore

/// Where a received message stands: stored, then turned into a conversation message or set aside.
public enum InboundMailStatus: String, Sendable, Codable {
    /// Stored, waiting for the `email.receive` job.
    case received
    /// Now part of a conversation.
    case threaded
    /// Deliberately not made a conversation message (a duplicate delivery, a bounce about nothing Parley sent).
    case ignored
    /// Set aside because its sender wrote too fast (a mail loop, a flood); kept until an agent releases it.
    case held
}
