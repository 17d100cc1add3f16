import ParleyCore

/// Why a campaign could not be read or changed.
public enum CampaignError: UseCaseError, Equatable {
    case campaignNotFound(String)
    /// It has begun sending (or was sent, or cancelled): its text and audience are what they were.
    case notEditable(String, Campaign.Status)
    /// Scheduling needs an audience and a text.
    case incomplete(String)

    public var refusal: Refusal {
        switch self {
        case .campaignNotFound: .notFound
        case .notEditable, .incomplete: .conflict
        }
    }

    public var description: String {
        switch self {
        case .campaignNotFound(let id): "no campaign \(id) in this shop"
        case .notEditable(let id, let status): "campaign \(id) is \(status.rawValue); only a draft or a scheduled campaign changes"
        case .incomplete(let reason): reason
        }
    }
}
