/// An address range in CIDR notation: `10.0.0.0/8`, `fc00::/7`, or one address (`127.0.0.1`).
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    public let address: IPAddress
    public let prefixLength: Int

    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parsing: parts[0]) else { return nil }
        let bits = address.bytes.count * 8
        let length = parts.count == 2 ? Int(parts[1]) : bits
        guard let length, (0...bits).contains(length) else { return nil }
        self.address = address
        prefixLength = length
    }

    /// Whether `candidate` is in the range; an IPv4-mapped IPv6 address counts as its IPv4 address.
    public func contains(_ candidate: IPAddress) -> Bool {
        if candidate.bytes.count != address.bytes.count {
            guard let unmapped = candidate.unmappedV4, unmapped.bytes.count == address.bytes.count else { return false }
            return contains(unmapped)
        }
        var remaining = prefixLength
        for (mine, theirs) in zip(address.bytes, candidate.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xff : ~(0xff >> UInt8(remaining))
            guard mine & mask == theirs & mask else { return false }
            remaining -= 8
        }
        return true
    }

    public var description: String { "\(address)/\(prefixLength)" }
}
