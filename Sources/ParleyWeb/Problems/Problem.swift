import Foundation
import Hummingbird
import NIOCore

/// An RFC 9457 problem document: what every 4xx and 5xx answer of Parley's HTTP surface carries.
struct Problem: Encodable, Sendable {
    var type: String = "about:blank"
    var title: String
    var status: Int
    /// What was wrong, in words that help fix it.
    var detail: String
    /// The field at fault, for invalid input (`identities[0].value`).
    var field: String?
    var instance: String?

    init(status: HTTPResponse.Status, detail: String, field: String? = nil, type: String? = nil) {
        self.status = Int(status.code)
        self.title = status.reasonPhrase
        self.detail = detail
        self.field = field
        if let type { self.type = type }
    }

    static let contentType = "application/problem+json"

    func response(headers extra: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(self)) ?? Data("{\"status\":\(status)}".utf8)
        var headers = extra
        headers[.contentType] = Self.contentType
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
