import Foundation

/// When a failed job runs again: exponential backoff with jitter, so a burst of failures does not retry in lockstep.
public struct RetryPolicy: Sendable, Equatable {
    /// The delay after the first failure.
    public var base: Duration
    /// No delay grows beyond this.
    public var cap: Duration

    public init(base: Duration = .seconds(5), cap: Duration = .seconds(3600)) {
        self.base = base
        self.cap = cap
    }

    /// The delay before attempt `attempt + 1`, after `attempt` (1-based) has failed.
    ///
    /// "Equal jitter": half of the exponential step is kept, the other half drawn at random, so retries
    /// spread out yet never come sooner than half the nominal delay.
    /// `unit` is a draw from `0..<1`; tests pass fixed draws.
    public func delay(afterAttempt attempt: Int, unit: Double) -> Duration {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let nominal = min(seconds(base) * pow(2, exponent), seconds(cap))
        let clampedUnit = min(max(unit, 0), 1)
        return .milliseconds(Int64((nominal / 2 + nominal / 2 * clampedUnit) * 1000))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
