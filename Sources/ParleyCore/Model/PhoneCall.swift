import Foundation

/// A phone call with a customer, as an agent logs it.
public struct PhoneCall: Sendable, Equatable {
    public enum Direction: String, Sendable, CaseIterable {
        /// The customer called the shop.
        case inbound
        /// The shop called the customer.
        case outbound
    }

    public enum Outcome: String, Sendable, CaseIterable {
        case answered
        case voicemail
        case noAnswer = "no_answer"
        case busy
        case callbackRequested = "callback_requested"
    }

    public var direction: Direction
    public var durationSeconds: Int
    public var outcome: Outcome

    public init(direction: Direction, durationSeconds: Int, outcome: Outcome) {
        self.direction = direction
        self.durationSeconds = durationSeconds
        self.outcome = outcome
    }
}
