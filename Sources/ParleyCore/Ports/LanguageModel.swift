import Foundation

/// One request to a chat-completions language model.
public struct CompletionRequest: Sendable, Equatable {
    public struct Message: Sendable, Equatable {
        /// `system` or `user`.
        public var role: String
        public var content: String

        public init(role: String, content: String) {
            self.role = role
            self.content = content
        }
    }

    /// The API's base URL, such as `https://api.openai.com/v1`; `/chat/completions` is added.
    public var endpoint: String
    public var key: String?
    public var model: String
    public var messages: [Message]

    public init(endpoint: String, key: String?, model: String, messages: [Message]) {
        self.endpoint = endpoint
        self.key = key
        self.model = model
        self.messages = messages
    }
}

/// A language model the assistant may ask to phrase its answers: any server that speaks the
/// OpenAI chat-completions wire format.
public protocol LanguageModel: Sendable {
    /// The model's reply to `request`; throws when it cannot be reached or answers nothing usable.
    func complete(_ request: CompletionRequest) async throws -> String
}
