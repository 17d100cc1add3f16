/// When a webhook delivery that failed is tried again: the Standard Webhooks (Svix) schedule,
/// spread over a bit more than a day, so a receiver down for a night's maintenance still gets every
/// event, and one gone for good is found out within a day.
public struct WebhookRetrySchedule: Sendable, Equatable {
    /// The wait before each retry; the delivery fails for good after the last.
    public var delays: [Duration]

    public init(
        delays: [Duration] = [
            .seconds(5), .seconds(5 * 60), .seconds(30 * 60), .seconds(2 * 3600), .seconds(5 * 3600), .seconds(10 * 3600),
            .seconds(10 * 3600),
        ]
    ) {
        self.delays = delays
    }

    /// The wait after attempt `attempt` (1-based) failed, or nil when it was the last.
    ///
    /// Up to a tenth more is added from `unit`, a draw from `0..<1`, so that a receiver back after an
    /// outage does not get every waiting delivery in the same second.
    public func delay(afterAttempt attempt: Int, unit: Double) -> Duration? {
        guard attempt >= 1, attempt <= delays.count else { return nil }
        return delays[attempt - 1] * (1 + 0.1 * min(max(unit, 0), 1))
    }

    /// How many attempts a delivery gets in all.
    public var attempts: Int { delays.count + 1 }
}
