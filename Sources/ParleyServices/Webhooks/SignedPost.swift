import Foundation
import ParleyCore

/// One signed POST of a body to a receiver, as Standard Webhooks asks, and how it went: what both
/// outgoing webhooks and API channels' replies send.
enum SignedPost {
    /// What an attempt's `error` starts with when the address may never be called: retrying cannot help.
    static let refusedPrefix = "refused: "

    /// Posts `body` to `url` under the id `id` (the same on every attempt), signed with `secrets` at `now`.
    static func attempt(
        _ body: [UInt8], to url: String, id: String, secrets: [String], sender: any WebhookSender, now: Date
    ) async -> WebhookAttempt {
        let timestamp = Int64(now.timeIntervalSince1970)
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
            case .refused(let why): text = refusedPrefix + why
            case .unreachable(let why): text = why
            }
            return WebhookAttempt(attemptedAt: now, statusCode: nil, response: nil, error: text, duration: ContinuousClock.now - started)
        }
    }
}

extension WebhookAttempt {
    /// The address was refused: no later attempt can do better.
    var wasRefused: Bool { statusCode == nil && error?.hasPrefix(SignedPost.refusedPrefix) == true }
}
