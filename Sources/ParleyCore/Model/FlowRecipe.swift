import Foundation

/// An automation a shop switches on, ready-made: what starts it, how long it waits, what it sends.
public enum FlowRecipe: String, Sendable, CaseIterable, Codable {
    /// A checkout begun and not completed: one reminder with the cart's items and the link back to it.
    case abandonedCart = "abandoned_cart"

    /// How long the recipe waits after its trigger unless the shop says otherwise.
    public var defaultWait: TimeInterval {
        switch self {
        case .abandonedCart: 3600
        }
    }

    /// After this long from its trigger the message is worth nothing.
    public var lifetime: TimeInterval {
        switch self {
        case .abandonedCart: 3 * 86400
        }
    }
}

/// A recipe as a shop set it.
public struct FlowSettings: Sendable, Equatable {
    public var recipe: FlowRecipe
    public var enabled: Bool
    public var wait: TimeInterval

    public init(recipe: FlowRecipe, enabled: Bool = false, wait: TimeInterval? = nil) {
        self.recipe = recipe
        self.enabled = enabled
        self.wait = wait ?? recipe.defaultWait
    }
}
