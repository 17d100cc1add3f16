import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// A setting that keeps the shop's messages from going out until it is fixed.
public struct SettingWarning: Sendable, Equatable {
    public let setting: String
    /// How many messages wait for it.
    public let messages: Int
    /// What went wrong, in the words of the latest attempt.
    public let detail: String
}
