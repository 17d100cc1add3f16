import Foundation
import ParleyCore
import ParleyServices

/// The body of `POST /api/v1/customers/{id}/consents`.
struct ConsentRequest: Decodable {
    let channel: String
    let status: String
    let source: String
}
