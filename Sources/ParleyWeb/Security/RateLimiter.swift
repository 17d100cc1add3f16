import Synchronization

/// Token buckets by key: each key may make `burst` requests at once and `rate` more per second.
final class RateLimiter: Sendable {
    struct Limit: Sendable {
        let burst: Double
        let rate: Double
        /// Only refused requests (401, 403, 404) take a token, and a client with none left is refused
        /// before its request is read. For platform webhooks: one address delivers a shop's bulk
        /// fulfilment at once, a platform that meets 429s gives up on a webhook (WooCommerce disables
        /// it after five failed deliveries), and a request that proves its signature costs no more than
        /// a refused one does to check.
        var refusalsOnly = false
    }

    private let buckets = Mutex([String: (tokens: Double, at: ContinuousClock.Instant)]())

    /// Takes a token for `key` if one is left.
    func allow(_ key: String, limit: Limit, now: ContinuousClock.Instant) -> Bool {
        take(key, limit: limit, now: now, consuming: true)
    }

    /// Whether `key` has a token left, without taking it.
    func hasToken(_ key: String, limit: Limit, now: ContinuousClock.Instant) -> Bool {
        take(key, limit: limit, now: now, consuming: false)
    }

    private func take(_ key: String, limit: Limit, now: ContinuousClock.Instant, consuming: Bool) -> Bool {
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
            buckets[key] = (consuming ? tokens - 1 : tokens, now)
            return true
        }
    }
}
