import Foundation
import Synchronization

/// Limits failed sign-ins in a sliding window, so passwords cannot be guessed quickly: per address
/// and email (one account from one place), and per address range across every account (one network
/// trying many emails: IPv4 /24, IPv6 /64). Kept per node: with several nodes an attacker gains a
/// factor of the node count, no more.
public final class LoginThrottle: Sendable {
    private let limit: Int
    private let rangeLimit: Int
    private let window: TimeInterval
    private let failures = Mutex([String: [Date]]())

    public init(limit: Int = 5, rangeLimit: Int = 20, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.rangeLimit = rangeLimit
        self.window = window
    }

    /// When `client` may try `email` again, or nil if it may try now.
    public func retryAfter(client: String, email: String, now: Date) -> Date? {
        failures.withLock { state in
            [(Self.accountKey(client, email), limit), (Self.rangeKey(client), rangeLimit)].compactMap { key, limit in
                let recent = (state[key] ?? []).filter { now.timeIntervalSince($0) < window }
                state[key] = recent.isEmpty ? nil : recent
                guard recent.count >= limit, let oldest = recent.first else { return nil }
                return oldest.addingTimeInterval(window)
            }.max()
        }
    }

    public func recordFailure(client: String, email: String, now: Date) {
        failures.withLock { state in
            // Bound the memory an attacker can make us use with many keys.
            if state.count > 100_000 { state.removeAll() }
            state[Self.accountKey(client, email), default: []].append(now)
            state[Self.rangeKey(client), default: []].append(now)
        }
    }

    /// Clears the account's failures; the range's stay, so one good password does not reset a guesser.
    public func recordSuccess(client: String, email: String) {
        failures.withLock { _ = $0.removeValue(forKey: Self.accountKey(client, email)) }
    }

    private static func accountKey(_ client: String, _ email: String) -> String { "account|\(client)|\(email)" }

    private static func rangeKey(_ client: String) -> String { "range|\(addressRange(client))" }

    /// The network an address belongs to, as far as one attacker usually controls it: IPv4 /24, IPv6 /64.
    public static func addressRange(_ address: String) -> String {
        if address.contains(":") {
            let halves = address.lowercased().components(separatedBy: "::")
            let head = halves[0].split(separator: ":").map(String.init)
            let tail = halves.count > 1 ? halves[1].split(separator: ":").map(String.init) : []
            let groups = head + Array(repeating: "0", count: max(0, 8 - head.count - tail.count)) + tail
            return groups.prefix(4).map { String(Int($0, radix: 16) ?? 0, radix: 16) }.joined(separator: ":") + "::/64"
        }
        let octets = address.split(separator: ".")
        guard octets.count == 4 else { return address }
        return octets.prefix(3).joined(separator: ".") + ".0/24"
    }
}
