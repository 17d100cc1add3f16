import Foundation
import ParleyCore

/// Work to do later, at least once, by whichever worker claims it first.
public struct NewJob: Sendable {
    public var shop: ShopID
    /// Which handler runs it (`message.send`).
    public var kind: String
    /// The handler's input, usually JSON.
    public var payload: String
    /// Not before this time: delays ("3 days after delivery") are jobs, not timers.
    public var runAt: Date
    /// A second job of the same kind with the same key in the shop is not enqueued again.
    public var idempotencyKey: String?
    public var maxAttempts: Int

    public init(shop: ShopID, kind: String, payload: String, runAt: Date, idempotencyKey: String? = nil, maxAttempts: Int = 8) {
        self.shop = shop
        self.kind = kind
        self.payload = payload
        self.runAt = runAt
        self.idempotencyKey = idempotencyKey
        self.maxAttempts = maxAttempts
    }
}
