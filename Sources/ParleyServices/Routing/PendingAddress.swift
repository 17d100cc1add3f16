import Foundation
import ParleyCore
import ParleyStore

/// What a confirmation link names: the shop and the address waiting for proof.
public struct PendingAddress: Sendable, Equatable {
    public let shop: Shop
    public let address: String
    public let confirmed: Bool
}
