import Foundation
import ParleyCore
import ParleyStore

/// Why a received email was not taken.
public enum ReceiveEmailError: Error, Equatable, CustomStringConvertible {
    /// Larger than the installation accepts; the sender is told the limit.
    case tooLarge(size: Int, limit: Int)
    case empty

    public var description: String {
        switch self {
        case .tooLarge(let size, let limit): "the message is \(size) bytes; this server accepts at most \(limit) bytes"
        case .empty: "the message is empty"
        }
    }
}
