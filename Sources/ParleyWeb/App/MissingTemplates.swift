import Foundation
import Hummingbird
import Mustache
import NIOCore

/// Templates a page names but the resources lack: the server does not start without them.
struct MissingTemplates: Error, CustomStringConvertible {
    let names: [String]
    var description: String { "the page templates \(names.joined(separator: ", ")) are missing from Resources/templates" }
}
