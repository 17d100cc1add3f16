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
