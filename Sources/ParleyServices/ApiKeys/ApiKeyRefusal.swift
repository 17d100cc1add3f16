import Foundation
import ParleyCore
import ParleyStore

/// Why a presented key does not open the API.
public enum ApiKeyRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case unknown
    case revoked
    case expired

    public var description: String {
        switch self {
        case .unknown: "the API key is unknown"
        case .revoked: "the API key was revoked"
        case .expired: "the API key has expired"
        }
    }
}
