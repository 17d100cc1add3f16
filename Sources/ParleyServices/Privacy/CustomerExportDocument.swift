import Foundation
import ParleyCore
import ParleyStore

/// `customer.json` in a customer's export: everything Parley holds about them, in plain names a
/// person can read, with files named by their path in the archive.
struct CustomerExportDocument: Encodable {
    struct Profile: Encodable {
        let id: String
        let name: String?
        let locale: String?
        let timeZone: String?
        let preferredChannel: String?
        let createdAt: Date
        let identities: [[String: String]]
        let consents: [Consent]
        let erasedAt: Date?
    }

    struct OrderRecord: Encodable {
        let id: String
        let number: String
        let stage: String
        let currency: String
        let totalMinor: Int64
        let placedAt: Date
        let carrier: String?
        let trackingNumber: String?
        let items: [OrderItem]
        let history: [[String: String]]
    }

    struct MessageRecord: Encodable {
        let id: String
        let kind: String
        let channel: String
        let at: Date
        let from: String?
        let subject: String?
        let text: String
        let attachments: [[String: String]]
        /// The received email as it arrived, `originals/eml_….eml`.
        let original: String?
    }

    struct ConversationRecord: Encodable {
        let id: String
        let number: Int64
        let subject: String
        let channel: String
        let status: String
        let createdAt: Date
        let messages: [MessageRecord]
    }

    struct SentRecord: Encodable {
        let id: String
        let channel: String?
        let topic: String
        let recipient: String?
        let subject: String?
        let text: String
        let status: String
        let createdAt: Date
        let sentAt: Date?
    }

    struct Event: Encodable {
        let kind: String
        let at: Date
        let summary: String
        let data: [String: String]
    }

    /// A page, product or cart the customer's browser recorded after they consented.
    struct BrowsingRecord: Encodable {
        let type: String
        let at: Date
        let url: String?
        let title: String?
        let productID: String?
        let details: CustomerEvent.Details
    }

    let exportedAt: Date
    let shop: [String: String]
    let customer: Profile
    let orders: [OrderRecord]
    let conversations: [ConversationRecord]
    let messagesSent: [SentRecord]
    let timeline: [Event]
    let browsing: [BrowsingRecord]

    /// Snake-case keys and ISO 8601 times, as the API writes them.
    static func encoded(_ document: CustomerExportDocument) throws -> Data {
        try SnakeCaseKeys.encoder(pretty: true).encode(document)
    }
}
