import Foundation

/// A page of results and the cursor of the next one.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    /// Nil on the last page.
    public let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// The first `limit` of `found`, which was fetched one longer to learn whether a next page
    /// exists; the cursor is the last item's `position`.
    init(fetched found: [Item], limit: Int, position: (Item) -> Int64) {
        let items = Array(found.prefix(limit))
        self.init(items: items, nextCursor: found.count > limit ? items.last.map { Cursor.encode(position($0)) } : nil)
    }
}
