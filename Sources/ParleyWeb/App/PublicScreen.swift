import Foundation
import Hummingbird
import Mustache
import NIOCore

/// What a page outside the app's frame receives: the strings and the page's own model.
struct PublicScreen<Model> {
    let t: [String: any Sendable]
    let locale: String
    let page: Model
}
