import ParleyCore

/// Why a segment could not be read or changed.
public enum SegmentError: UseCaseError, Equatable {
    case segmentNotFound(String)
    case nameTaken(String)
    /// A scheduled or sending campaign goes to it, or a flow is kept to it.
    case inUse(String)

    public var refusal: Refusal {
        switch self {
        case .segmentNotFound: .notFound
        case .nameTaken, .inUse: .conflict
        }
    }

    public var description: String {
        switch self {
        case .segmentNotFound(let id): "no segment \(id) in this shop"
        case .nameTaken(let name): "another segment is named \(name); choose another name"
        case .inUse(let user): "\(user) uses this segment; choose it another audience first"
        }
    }
}
