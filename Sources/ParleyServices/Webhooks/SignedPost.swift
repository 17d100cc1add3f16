import Foundation
import ParleyCore

/// Signed POSTs of a body to a receiver, as Standard Webhooks asks, and when to try again: what both
/// outgoing webhooks and API channels' replies send.
struct SignedPost: Sendable {
    let clock: any WallClock
    let sender: any WebhookSender
    let schedule: WebhookRetrySchedule

    /// What an attempt's `error` starts with when the address may never be called: retrying cannot help.
    static let refusedPrefix = "refused: "

    /// Posts `body` to `url` under the id `id` (the same on every attempt), signed now with every
    /// secret `signer` has in use.
    func attempt(_ body: [UInt8], to url: String, id: String, signedBy signer: some RotatingSecret) async -> WebhookAttempt {
        let now = clock.now()
        let timestamp = Int64(now.timeIntervalSince1970)
        let secrets = signer.signingSecrets(at: now)
        let request = WebhookRequest(
            url: url,
            headers: [
                ("Content-Type", "application/json"), ("User-Agent", "Parley-Webhooks/1"), ("webhook-id", id),
                ("webhook-timestamp", String(timestamp)),
                ("webhook-signature", StandardWebhookSignature.header(id: id, timestamp: timestamp, body: body, secrets: secrets)),
            ],
            body: body)
        let started = ContinuousClock.now
        do {
            let response = try await sender.send(request)
            let error = (200..<300).contains(response.status) ? nil : "the webhook answered \(response.status)"
            return WebhookAttempt(
                attemptedAt: now, statusCode: response.status, response: String(response.body.prefix(2048)), error: error,
                duration: ContinuousClock.now - started)
        } catch {
            let text: String
            switch error {
            case .refused(let why): text = Self.refusedPrefix + why
            case .unreachable(let why): text = why
            }
            return WebhookAttempt(attemptedAt: now, statusCode: nil, response: nil, error: text, duration: ContinuousClock.now - started)
        }
    }

    /// How long to wait before the attempt after `attempt` (from 1), jittered; nil after the last.
    func retryDelay(after attempt: Int) -> TimeInterval? {
        schedule.delay(afterAttempt: attempt, unit: Double.random(in: 0..<1)).map {
            Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18
        }
    }
}

extension WebhookAttempt {
    /// The address was refused: no later attempt can do better.
    var wasRefused: Bool { statusCode == nil && error?.hasPrefix(SignedPost.refusedPrefix) == true }
}
