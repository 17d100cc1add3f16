import Foundation

/// The channel a conversation started on. Every channel shares the same conversation model.
public enum ConversationChannel: String, Sendable, Codable, CaseIterable {
    case email, chat, sms, form, phone
    /// A messenger the shop connects through its own bridge (an API channel): WhatsApp, Telegram, a marketplace.
    case api
}
