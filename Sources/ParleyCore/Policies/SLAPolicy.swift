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

    /// The policy a shop's settings describe for a conversation of `priority`: `sla.first_response`,
    /// `sla.next_response` and `sla.resolution` (each a duration, optionally per priority:
    /// `8h; urgent 1h; high 4h`), counted in `inbox.business_hours` less `inbox.holidays` in the shop's
    /// time zone. `nil` when no target applies. Settings are validated when set; hours that still cannot
    /// be read count around the clock rather than stopping the clocks.
    public init?(settings: [String: String], timeZone: String, priority: ConversationPriority = .normal) {
        func seconds(_ key: ShopSetting.Key) -> TimeInterval? {
            settings[key].flatMap { SLATargetText.seconds($0, priority: priority) }.map(TimeInterval.init)
        }
        let first = seconds(.slaFirstResponse)
        let next = seconds(.slaNextResponse)
        let resolution = seconds(.slaResolution)
        guard first != nil || next != nil || resolution != nil else { return nil }
        self.init(
            firstResponse: first, nextResponse: next, resolution: resolution,
            businessHours: BusinessHours(settings: settings, timeZone: timeZone))
    }

    /// The settings that set targets; without any of them a shop tracks no SLA.
    public static let targetKeys = [ShopSetting.Key.slaFirstResponse, .slaNextResponse, .slaResolution].map(\.rawValue)
    /// Every setting the policy reads.
    public static let settingKeys = targetKeys + BusinessHours.settingKeys

    /// The business time allowed for `target`, `nil` when it is not tracked.
    public func duration(of target: SLAClock.Target) -> TimeInterval? {
        switch target {
        case .firstResponse: return firstResponse
        case .nextResponse: return nextResponse
        case .resolution: return resolution
        }
    }
}
