import Foundation
import ParleyCore
import ParleyServices

/// The body of `POST /api/v1/customers/{id}/consents`, and each of a customer's `consents` when it is made.
struct ConsentRequest: Decodable {
    let channel: String
    /// `marketing` when absent: what an unsubscribe or a newsletter box is about.
    let purpose: String?
    let status: String
    let source: String
}
