import Foundation
import ParleyCore
import ParleyServices

/// A timeline event as the API shows it.
struct TimelineEventResource: Encodable {
    let id: String
    let kind: String
    let occurredAt: Date
    let summary: String
    let data: [String: String]

    init(_ event: TimelineEvent) {
        id = Cursor.encode(event.id)
        kind = event.kind.rawValue
        occurredAt = event.occurredAt
        summary = event.summary
        data = event.data
    }
}
