import Foundation
import ParleyCore

/// A shop's uploaded logo: the image's bytes and type.
public struct ShopLogo: Sendable, Equatable {
    public let contentType: String
    public let data: [UInt8]
    public let updatedAt: Date
}
