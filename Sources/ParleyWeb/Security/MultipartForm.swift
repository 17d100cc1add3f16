import Foundation
import Hummingbird

/// The fields of a `multipart/form-data` body (RFC 7578), by name: enough for the settings' file
/// upload, and safe on any bytes. (MultipartKit 4.7 traps on a header byte above 127, which a
/// fuzzer found: one request could stop the server.)
struct MultipartForm {
    struct Field {
        let filename: String?
        let data: [UInt8]
    }

    let fields: [String: Field]

    /// Nil when `body` is not a form with this boundary.
    init?(body: [UInt8], boundary: String) {
        guard !boundary.isEmpty, boundary.utf8.count <= 200 else { return nil }
        let delimiter = Array("--\(boundary)".utf8)
        var fields: [String: Field] = [:]
        var starts = Self.positions(of: delimiter, in: body)
        guard starts.count >= 2 else { return nil }
        starts.append(body.count)
        for (start, end) in zip(starts, starts.dropFirst()) where end <= body.count {
            var part = Array(body[(start + delimiter.count)..<end])
            // The closing delimiter, `--boundary--`, ends the form.
            if part.starts(with: Array("--".utf8)) { break }
            guard part.starts(with: [13, 10]) else { continue }
            part.removeFirst(2)
            guard let split = Self.positions(of: [13, 10, 13, 10], in: part).first else { continue }
            let headers = String(decoding: part[..<split], as: UTF8.self)
            var data = Array(part[(split + 4)...])
            // The CRLF before the next delimiter belongs to it, not to the field.
            if data.suffix(2) == [13, 10] { data.removeLast(2) }
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                let name = Self.parameter("name", in: String(disposition))
            else { continue }
            fields[name] = Field(filename: Self.parameter("filename", in: String(disposition)), data: data)
        }
        self.fields = fields
    }

    /// The `multipart/form-data` body of `request`, up to `limit` bytes; `what` names the upload in errors.
    static func read(_ request: Request, limit: Int, what: String) async throws -> MultipartForm {
        guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = contentType.split(separator: ";").lazy.map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst("boundary=".count)
        else { throw HTTPError(.unsupportedMediaType, message: "send \(what) as multipart/form-data") }
        var request = request
        let body = try await request.collectBody(limit: limit)
        guard let form = MultipartForm(body: Array(body.readableBytesView), boundary: String(boundary).trimmingCharacters(in: ["\""]))
        else { throw HTTPError(.badRequest, message: "the form could not be read as multipart/form-data with its boundary") }
        return form
    }

    func text(_ name: String) -> String? {
        fields[name].map { String(decoding: $0.data, as: UTF8.self) }
    }

    /// `name="value"` (or unquoted) in a header's parameters.
    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            return pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2
                ? String(pair[1].dropFirst().dropLast()) : pair[1]
        }
        return nil
    }

    private static func positions(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return [] }
        var found: [Int] = []
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) {
                found.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }
}
