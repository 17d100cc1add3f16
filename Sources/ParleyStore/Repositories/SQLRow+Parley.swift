import Foundation
import ParleyCore
import SQLKit

extension SQLRow {
    /// The value of `column`, or a `StoreError` naming the column when it is missing or of another type.
    func value<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        do {
            return try decode(column: column, as: T.self)
        } catch {
            throw StoreError.undecodable(column: column, underlying: String(describing: error))
        }
    }

    var shopID: ShopID {
        get throws { ShopID(try value("shop_id", as: Int64.self)) }
    }

    /// The agent in a row of `agents` (alone or joined).
    func agent() throws -> Agent {
        guard let role = AgentRole(rawValue: try value("role")) else {
            throw StoreError.undecodable(column: "role", underlying: "unknown role")
        }
        return Agent(
            id: try value("id"), shopID: try shopID, email: try value("email"), name: try value("name"), role: role,
            createdAt: try value("created_at"), locale: try value("locale"), timeZone: try value("time_zone"))
    }
}

/// A failure of the store itself, not of the caller's input.
public enum StoreError: Error, CustomStringConvertible {
    case undecodable(column: String, underlying: String)
    case missingRow(String)

    public var description: String {
        switch self {
        case .undecodable(let column, let underlying): "cannot read column \(column): \(underlying)"
        case .missingRow(let what): "expected a row: \(what)"
        }
    }
}
