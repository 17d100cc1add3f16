/// Which addresses a webhook may be sent to: public ones only, unless the operator allows a network.
///
/// A shop's agent types the URL, so without this a webhook could reach the server's own services
/// (`127.0.0.1:5432`, a cloud's metadata at `169.254.169.254`) and the delivery log would show
/// their answers. Every address a host resolves to is checked, and the delivery then connects to
/// an address that passed, so a name cannot resolve to a public address for the check and a private
/// one for the connection.
public struct NetworkAddressPolicy: Sendable, Equatable {
    /// Networks the operator allows although they are not public (`127.0.0.0/8` in tests, an
    /// intranet CRM at `10.1.2.3/32`).
    public var allowed: [IPNetwork]

    public init(allowed: [IPNetwork] = []) {
        self.allowed = allowed
    }

    /// Why `address` may not be called, or nil when it may.
    public func refusal(for address: IPAddress) -> String? {
        if allowed.contains(where: { $0.contains(address) }) { return nil }
        guard let range = Self.reserved.first(where: { $0.network.contains(address) }) else { return nil }
        return "\(address) is \(range.name); webhooks go to public addresses only"
    }

    /// Special-purpose ranges (IANA's IPv4 and IPv6 registries) no public service answers on.
    static let reserved: [(network: IPNetwork, name: String)] = [
        ("0.0.0.0/8", "this network"), ("10.0.0.0/8", "a private address"), ("100.64.0.0/10", "a carrier-grade NAT address"),
        ("127.0.0.0/8", "a loopback address"), ("169.254.0.0/16", "a link-local address"),
        ("172.16.0.0/12", "a private address"), ("192.0.0.0/24", "reserved for protocol assignments"),
        ("192.0.2.0/24", "a documentation address"), ("192.88.99.0/24", "a relay address"),
        ("192.168.0.0/16", "a private address"), ("198.18.0.0/15", "a benchmarking address"),
        ("198.51.100.0/24", "a documentation address"), ("203.0.113.0/24", "a documentation address"),
        ("224.0.0.0/4", "a multicast address"), ("240.0.0.0/4", "a reserved address"),
        ("::/128", "the unspecified address"), ("::1/128", "a loopback address"),
        ("::ffff:0:0/96", "an IPv4-mapped address"), ("64:ff9b:1::/48", "a local translation address"),
        ("100::/64", "a discard address"), ("2001:db8::/32", "a documentation address"), ("fc00::/7", "a private address"),
        ("fe80::/10", "a link-local address"), ("ff00::/8", "a multicast address"),
    ].map { (IPNetwork(parsing: $0.0)!, $0.1) }
}
