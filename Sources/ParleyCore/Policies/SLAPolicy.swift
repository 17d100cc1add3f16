import Foundation

/// How fast a shop promises to answer and resolve, in business time (``BusinessHours``).
///
/// A target left `nil` is not tracked.
public struct SLAPolicy: Sendable, Equatable, Codable {
    /// From the customer's first message to the shop's first reply.
    public var firstResponse: TimeInterval?
    /// From a customer's message, after the shop has answered before, to the shop's next reply.
    public var nextResponse: TimeInterval?
    /// From the customer's first message to resolved, not counting time waiting for the customer.
    public var resolution: TimeInterval?
    /// The hours the targets count in.
    public var businessHours: BusinessHours

    /// A policy; without business hours the targets count around the clock.
    public init(
        firstResponse: TimeInterval? = nil, nextResponse: TimeInterval? = nil, resolution: TimeInterval? = nil,
        businessHours: BusinessHours = .alwaysOpen
    ) {
        self.firstResponse = firstResponse
        self.nextResponse = nextResponse
        self.resolution = resolution
        self.businessHours = businessHours
    }

    /// The business time allowed for `target`, `nil` when it is not tracked.
    public func duration(of target: SLAClock.Target) -> TimeInterval? {
        switch target {
        case .firstResponse: return firstResponse
        case .nextResponse: return nextResponse
        case .resolution: return resolution
        }
    }
}
