import Foundation
import ParleyCore
import ParleyStore

/// A key that was just created: the key itself, shown this once, and how it is listed from now on.
public struct CreatedApiKey: Sendable {
    public let key: String
    public let info: ApiKey
}
