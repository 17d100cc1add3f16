import Foundation
import Synchronization

/// Limits failed sign-ins per key (address and email) in a sliding window, so passwords cannot be guessed
/// quickly. Kept per node: with several nodes an attacker gains a factor of the node count, no more.
public final class LoginThrottle: Sendable {
    private let limit: Int
    private let window: TimeInterval
    private let failures = Mutex([String: [Date]]())

    public init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// When `key` may try again, or nil if it may try now.
    public func retryAfter(_ key: String, now: Date) -> Date? {
        failures.withLock { state in
            let recent = (state[key] ?? []).filter { now.timeIntervalSince($0) < window }
            state[key] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return oldest.addingTimeInterval(window)
        }
    }

    public func recordFailure(_ key: String, now: Date) {
        failures.withLock { state in
            // Bound the memory an attacker can make us use with many keys.
            if state.count > 100_000 { state.removeAll() }
            state[key, default: []].append(now)
        }
    }

    public func recordSuccess(_ key: String) {
        failures.withLock { _ = $0.removeValue(forKey: key) }
    }
}
