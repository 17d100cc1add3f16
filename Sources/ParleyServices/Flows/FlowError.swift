import ParleyCore

/// Why a flow could not be changed.
public enum FlowError: UseCaseError, Equatable {
    case unknownRecipe(String)

    public var refusal: Refusal { .notFound }

    public var description: String {
        switch self {
        case .unknownRecipe(let name):
            "no flow \(name); the flows are " + FlowRecipe.allCases.map(\.rawValue).joined(separator: ", ")
        }
    }
}
