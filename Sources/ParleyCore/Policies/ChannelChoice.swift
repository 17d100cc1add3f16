/// Which channels a message to a customer goes out on.
///
/// Transactional messages (order updates) need no marketing consent, but a channel the customer
/// closed (an SMS `STOP`) stays closed. Marketing needs marketing consent granted on the channel,
/// and leaving marketing (an unsubscribe link) does not close the channel to order updates.
/// Within what is allowed, the customer's preference decides; with no preference, email comes first.
/// An email address that bounced for good (`suppressed`) is not an address to send to.
public enum ChannelChoice {
    public typealias Purpose = Consent.Purpose

    public enum Decision: Equatable, Sendable {
        case send([Channel])
        /// Nothing can be sent; the reason is shown to staff on the order.
        case unreachable(String)
    }

    /// The channels for `customer`, among those the shop sends on (`enabled`), avoiding the
    /// `suppressed` email addresses (lower case).
    public static func channels(for customer: Customer, purpose: Purpose, enabled: Set<Channel>, suppressed: Set<String> = [])
        -> Decision
    {
        let usable = Channel.allCases.filter { channel in
            enabled.contains(channel) && customer.address(for: channel, avoiding: suppressed) != nil
                && allowed(channel, customer: customer, purpose: purpose)
        }
        guard !usable.isEmpty else {
            return .unreachable(reason(customer, purpose: purpose, enabled: enabled, suppressed: suppressed))
        }
        switch customer.preferredChannel {
        case .both: return .send(usable)
        case .sms: return .send([usable.contains(.sms) ? .sms : usable[0]])
        case .email, nil: return .send([usable.contains(.email) ? .email : usable[0]])
        }
    }

    private static func allowed(_ channel: Channel, customer: Customer, purpose: Purpose) -> Bool {
        switch purpose {
        case .transactional: customer.consent(channel, for: .transactional) != .revoked
        case .marketing: customer.allowsMarketing(on: channel)
        }
    }

    private static func reason(_ customer: Customer, purpose: Purpose, enabled: Set<Channel>, suppressed: Set<String>) -> String {
        let reachable = Channel.allCases.filter { enabled.contains($0) && customer.address(for: $0, avoiding: suppressed) != nil }
        if enabled.isEmpty { return "the shop sends this message on no channel" }
        if reachable.isEmpty, enabled.contains(.email), customer.address(for: .email) != nil {
            let phone = enabled.contains(.sms) && customer.address(for: .sms) == nil ? " and there is no phone number" : ""
            return "the customer's email address bounced" + phone
        }
        if reachable.isEmpty {
            return "the customer has no "
                + Channel.allCases.filter(enabled.contains).map { $0 == .email ? "email address" : "phone number" }
                .joined(separator: " or ")
        }
        return purpose == .marketing
            ? "the customer has not consented to marketing on " + reachable.map(\.rawValue).joined(separator: " or ")
            : "the customer closed " + reachable.map(\.rawValue).joined(separator: " and ")
    }
}

extension Customer {
    /// Where a message on `channel` goes: the first email address or phone number not in `avoiding`.
    public func address(for channel: Channel, avoiding: Set<String> = []) -> String? {
        let kind: Identity.Kind = channel == .email ? .email : .phone
        return identities.first { $0.kind == kind && !avoiding.contains($0.value.lowercased()) }?.value
    }
}
