import Foundation

/// A one-off marketing email to a segment, written in the shop's languages and sent at a chosen
/// moment: each customer in the segment then, with marketing consent, gets it in their language,
/// when the contact-pressure budget lets it go.
public struct Campaign: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Being written: nothing goes.
        case draft
        /// Waiting for `scheduledAt`.
        case scheduled
        /// Its audience is being turned into messages.
        case sending
        /// Every member's message is queued (each then goes when the budget allows).
        case sent
        case cancelled
    }

    /// One language's text.
    public struct Content: Sendable, Equatable, Codable {
        public var subject: String
        public var body: String

        public init(subject: String, body: String) {
            self.subject = subject
            self.body = body
        }
    }

    public let id: Int64
    public let publicID: String
    public var name: String
    /// The audience; nil once its segment was deleted.
    public var segmentID: Int64?
    /// The text by language (`pl`, `en`…).
    public var contents: [String: Content]
    public var status: Status
    public var scheduledAt: Date?
    public var finishedAt: Date?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, publicID: String, name: String, segmentID: Int64?, contents: [String: Content], status: Status, scheduledAt: Date?,
        finishedAt: Date?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.publicID = publicID
        self.name = name
        self.segmentID = segmentID
        self.contents = contents
        self.status = status
        self.scheduledAt = scheduledAt
        self.finishedAt = finishedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// How long after its moment a campaign's message is still worth sending, however long the
    /// budget holds it: news of a week ago is no news.
    public static let lifetime: TimeInterval = 7 * 86400

    /// The language a customer gets and its text: theirs, else the shop's, else English, else the
    /// first the campaign was written in.
    public func content(for locale: String?, shopDefault: String) -> (language: String, content: Content)? {
        for language in LocaleFallback.chain(for: locale, shopDefault: shopDefault) {
            if let content = contents[language] { return (language, content) }
        }
        return contents.keys.sorted().first.flatMap { language in contents[language].map { (language, $0) } }
    }
}
