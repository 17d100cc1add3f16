import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// A form that carries the session's CSRF token.
protocol CSRFProtected {
    var csrfToken: String? { get }
}
