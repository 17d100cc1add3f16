import Foundation

/// An opaque page cursor: the position after which the next page starts, in a form clients do not parse.
public enum Cursor {
    /// The cursor for position `id`.
    public static func encode(_ id: Int64) -> String {
        Data("c:\(id)".utf8).base64URLEncoded
    }

    /// The position in `cursor`; throws `InvalidInput` for anything Parley did not hand out.
    public static func decode(_ cursor: String, field: String = "cursor") throws(InvalidInput) -> Int64 {
        guard let data = Data(base64URL: cursor), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("c:"), let id = Int64(text.dropFirst(2)), id >= 0
        else { throw InvalidInput(field: field, reason: "is not a cursor this server handed out") }
        return id
    }
}

/// How many items one page of a list may hold.
public enum PageSize {
    public static let maximum = 200

    /// `limit` when a list accepts it.
    public static func checked(_ limit: Int) throws(InvalidInput) -> Int {
        guard (1...maximum).contains(limit) else { throw InvalidInput(field: "limit", reason: "must be between 1 and \(maximum)") }
        return limit
    }
}

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

extension Page {
    /// The page of a list that starts after `cursor`: the cursor decoded, `limit` checked, and
    /// `fetch(after, count)` asked for one item more than the page holds, to learn whether a next page exists.
    static func read(
        cursor: String?, limit: Int, position: @escaping (Item) -> Int64, _ fetch: (_ after: Int64?, _ count: Int) async throws -> [Item]
    ) async throws -> Page {
        let after = try cursor.map { try Cursor.decode($0) }
        let size = try PageSize.checked(limit)
        return Page(fetched: try await fetch(after, size + 1), limit: size, position: position)
    }
}
