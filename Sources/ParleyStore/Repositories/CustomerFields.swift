import Foundation
import ParleyCore

/// The fields of a customer that can be written directly.
public struct CustomerFields: Sendable, Equatable {
    public var name: String?
    public var locale: String?
    public var timeZone: String?
    public var preferredChannel: PreferredChannel?

    public init(name: String? = nil, locale: String? = nil, timeZone: String? = nil, preferredChannel: PreferredChannel? = nil) {
        self.name = name
        self.locale = locale
        self.timeZone = timeZone
        self.preferredChannel = preferredChannel
    }
}
