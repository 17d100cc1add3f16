import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// What every agent-application template receives: the strings, the frame and the page's own model.
struct AppScreen<Model> {
    let t: [String: any Sendable]
    let locale: String
    /// The assets' version, in their URLs.
    let version: String
    let chrome: AppChrome
    let page: Model
}
