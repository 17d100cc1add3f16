import Synchronization

/// Token buckets by key: each key may make `burst` requests at once and `rate` more per second.
final class RateLimiter: Sendable {
    struct Limit: Sendable {
        let burst: Double
        let rate: Double
    }

    private let buckets = Mutex([String: (tokens: Double, at: ContinuousClock.Instant)]())

    /// Takes a token for `key` if one is left.
    func allow(_ key: String, limit: Limit, now: ContinuousClock.Instant) -> Bool {
        buckets.withLock { buckets in
            // Bound the memory many addresses can make us use.
            if buckets.count > 100_000 { buckets.removeAll() }
            let previous = buckets[key] ?? (limit.burst, now)
            let elapsed = now - previous.at
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let tokens = min(limit.burst, previous.tokens + seconds * limit.rate)
            guard tokens >= 1 else {
                buckets[key] = (tokens, now)
                return false
            }
            buckets[key] = (tokens - 1, now)
            return true
        }
    }
}
