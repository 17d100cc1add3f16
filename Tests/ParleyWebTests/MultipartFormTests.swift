import Foundation
import Testing

@testable import ParleyWeb

/// The upload form's parser reads what browsers send and never traps on what they do not.
@Suite("multipart/form-data")
struct MultipartFormTests {
    static let body = Array(
        """
        --b0undary\r
        Content-Disposition: form-data; name="csrf_token"\r
        \r
        abc123\r
        --b0undary\r
        Content-Disposition: form-data; name="logo"; filename="kubek logo.png"\r
        Content-Type: image/png\r
        \r
        \u{1}\u{2}\r\n--x\r
        --b0undary--\r

        """.utf8)

    @Test("fields by name, a file with its name and exact bytes, CRLFs inside the file kept")
    func fields() throws {
        let form = try #require(MultipartForm(body: Self.body, boundary: "b0undary"))
        #expect(form.text("csrf_token") == "abc123")
        #expect(form.fields["logo"]?.filename == "kubek logo.png")
        #expect(form.fields["logo"]?.data == [1, 2, 13, 10, 45, 45, 120])
        #expect(MultipartForm(body: Self.body, boundary: "other") == nil, "another boundary is no form")
    }

    @Test("any bytes, cut or changed anywhere, give a form or nil and never stop the server")
    func anyBytes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var bytes = Self.body
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: index)
                default: bytes = Array(bytes[..<index])
                }
                if bytes.isEmpty { break }
            }
            _ = MultipartForm(body: bytes, boundary: "b0undary")
        }
    }
}
