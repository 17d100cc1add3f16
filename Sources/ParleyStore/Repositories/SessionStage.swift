import Foundation
import ParleyCore

/// How far a session got: a password is not enough when the agent uses two-step sign-in (the code
/// is next) or their shop requires it and they have not set it up (setting it up is all they may do).
public enum SessionStage: String, Sendable {
    case complete
    case secondFactor = "second_factor"
    case enroll
}
