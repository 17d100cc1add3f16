import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// The inbox query in a URL: `view=mine&status=open&channel=sms&priority=urgent&tag=refund`.
enum InboxQueryParameters {
    static func decode(_ parameters: [String: String]) -> InboxQuery {
        var query = InboxQuery()
        query.view = parameters["view"].flatMap(InboxView.init(rawValue:)) ?? .all
        if let status = parameters["status"] { query.status = ConversationStatus(rawValue: status) }
        query.channel = parameters["channel"].flatMap(ConversationChannel.init(rawValue:))
        query.priority = parameters["priority"].flatMap(ConversationPriority.init(rawValue:))
        query.tag = parameters["tag"].flatMap { $0.isEmpty ? nil : $0 }
        query.team = parameters["team"].flatMap { $0.isEmpty ? nil : $0 }
        query.search = parameters["q"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : String($0.prefix(200)) }
        // A search looks through every status unless one is chosen.
        if query.search != nil, parameters["status"] == nil { query.status = nil }
        return query
    }

    static func encode(_ query: InboxQuery, cursor: String? = nil) -> String {
        var items = [URLQueryItem(name: "view", value: query.view.rawValue)]
        if query.status != .open, !(query.search != nil && query.status == nil) {
            items.append(URLQueryItem(name: "status", value: query.status?.rawValue ?? "any"))
        }
        if let channel = query.channel { items.append(URLQueryItem(name: "channel", value: channel.rawValue)) }
        if let priority = query.priority { items.append(URLQueryItem(name: "priority", value: priority.rawValue)) }
        if let tag = query.tag { items.append(URLQueryItem(name: "tag", value: tag)) }
        if let team = query.team { items.append(URLQueryItem(name: "team", value: team)) }
        if let search = query.search { items.append(URLQueryItem(name: "q", value: search)) }
        if let cursor { items.append(URLQueryItem(name: "cursor", value: cursor)) }
        var components = URLComponents()
        components.queryItems = items
        return components.percentEncodedQuery ?? ""
    }
}
