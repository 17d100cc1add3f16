import HTTPTypes
import ParleyServices

extension Refusal {
    /// The HTTP status of a use case's refusal, for the API's problems and the agent app's pages alike.
    var status: HTTPResponse.Status {
        switch self {
        case .invalid: .unprocessableContent
        case .notFound: .notFound
        case .conflict: .conflict
        }
    }
}
