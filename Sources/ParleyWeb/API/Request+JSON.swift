import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import ParleyCore
import ParleyServices

extension Request {
    /// Decodes the JSON body, turning every decoding failure into an error that names the field.
    ///
    /// `plainText` also takes JSON labelled `text/plain`, as browsers send it cross-origin without
    /// asking first (`navigator.sendBeacon`, a simple `fetch`).
    mutating func decodeJSON<T: Decodable>(
        _ type: T.Type, context: some RequestContext, dates: JSONDecoder.DateDecodingStrategy = .deferredToDate, limit: Int? = nil,
        plainText: Bool = false
    ) async throws -> T {
        let buffer = try await collectBody(limit: limit ?? context.maxUploadSize)
        if let contentType = headers[.contentType]?.lowercased(), !contentType.contains("json"),
            !(plainText && contentType.hasPrefix("text/plain"))
        {
            // `curl -d '{…}'` labels JSON as a form; take it rather than make every first try fail.
            let looksLikeJSON = buffer.readableBytesView.first(where: { !" \t\r\n".utf8.contains($0) }) == UInt8(ascii: "{")
            guard contentType.hasPrefix("application/x-www-form-urlencoded") && looksLikeJSON else {
                throw HTTPError(.unsupportedMediaType, message: "send the body as application/json, not \(contentType)")
            }
        }
        guard buffer.readableBytes > 0 else { throw HTTPError(.badRequest, message: "the request has no body; send a JSON object") }
        if Self.holdsNUL(buffer.readableBytesView) {
            // PostgreSQL refuses NUL in text and SQLite's readers stop at it: refuse it rather than lose what follows.
            throw InvalidInput(field: "body", reason: "a string holds the NUL character (\\u0000), which Parley does not store")
        }
        do {
            return try SnakeCaseKeys.decoder(dates: dates).decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw Self.describe(error)
        }
    }

    /// Whether a JSON text has `\u0000` inside a string (a raw NUL byte is not JSON at all).
    static func holdsNUL(_ bytes: some Collection<UInt8>) -> Bool {
        let json = Array(bytes)
        var inString = false
        var index = 0
        while index < json.count {
            switch (inString, json[index]) {
            case (true, UInt8(ascii: "\\")):
                if json[index...].dropFirst().starts(with: Array("u0000".utf8)) { return true }
                index += 1  // the escaped character, whatever it is
            case (_, UInt8(ascii: "\"")):
                inString.toggle()
            default:
                break
            }
            index += 1
        }
        return false
    }

    private static func describe(_ error: DecodingError) -> any Error {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return HTTPError(.badRequest, message: "the body is not valid JSON: \(underlying ?? context.debugDescription)")
        case .dataCorrupted(let context):
            return InvalidInput(field: path(context.codingPath), reason: context.debugDescription)
        case .keyNotFound(let key, let context):
            return InvalidInput(field: path(context.codingPath + [key]), reason: "is required")
        case .typeMismatch(let type, let context):
            return InvalidInput(field: path(context.codingPath), reason: "expected \(jsonName(type))")
        case .valueNotFound(let type, let context):
            return InvalidInput(field: path(context.codingPath), reason: "expected \(jsonName(type)), not null")
        @unknown default:
            return HTTPError(.badRequest, message: "the body could not be read: \(error)")
        }
    }

    /// `identities[0].value`, as a client would write it.
    static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce(into: "") { path, key in
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                let name = SnakeCaseKeys.snakeCase(key.stringValue)
                path += path.isEmpty ? name : "." + name
            }
        }.nonEmpty ?? "body"
    }

    private static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// Encodes API resources: snake_case keys (`SnakeCaseKeys`), dates as ISO 8601.
enum APIJSON {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) throws -> Response {
        let encoder = SnakeCaseKeys.encoder()
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// ISO 8601 timestamps, with or without fractions of a second (`2026-11-21T10:15:00.250+01:00`).
    static let dates = JSONDecoder.DateDecodingStrategy.custom { decoder in
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        for style in [Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true)] {
            if let date = try? style.parse(text) { return date }
        }
        throw DecodingError.dataCorruptedError(
            in: container, debugDescription: "\"\(text)\" is not an ISO 8601 time such as 2026-11-21T10:15:00Z")
    }

    /// `value` as a case of `T`, or an `InvalidInput` listing the allowed values.
    static func parse<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ value: String, field: String) throws -> T
    where T.RawValue == String {
        guard let parsed = T(rawValue: value) else {
            throw InvalidInput(field: field, reason: "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
    }
}
