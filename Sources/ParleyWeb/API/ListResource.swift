import Foundation
import ParleyCore
import ParleyServices

/// A page of a list, with the cursor of the next page (null on the last).
struct ListResource<Item: Encodable>: Encodable {
    let data: [Item]
    let nextCursor: String?
    enum CodingKeys: CodingKey { case data, nextCursor }

    // The contract promises `next_cursor` on every list, null on the last page; a synthesized
    // encoder would leave it out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
