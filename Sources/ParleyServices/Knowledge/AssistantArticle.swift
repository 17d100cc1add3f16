import ParleyCore

/// The article an answer quotes.
public struct AssistantArticle: Sendable, Equatable {
    /// The article's public id (`art_…`).
    public let id: String
    public let title: String
    /// Where the help page shows it, `/help/{shop}/{article}`.
    public let path: String
    /// The passage that answers, in plain text.
    public let passage: String

    public init(id: String, title: String, path: String, passage: String) {
        self.id = id
        self.title = title
        self.path = path
        self.passage = passage
    }
}
