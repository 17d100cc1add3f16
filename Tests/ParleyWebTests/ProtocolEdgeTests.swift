import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// Requests real clients and fuzzers send that are not what a route expects: each gets a clear
/// 4xx that names the problem, never a 500, and nothing is stored cut short.
@Suite("Protocol edges")
struct ProtocolEdgeTests {
    @Test("a wrong method is 405 with Allow; a body over the limit names the real limit", arguments: TestDatabase.available)
    func methodsAndLimits(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            for (uri, method, allow) in [
                ("/health", HTTPRequest.Method.delete, "GET"), ("/api/v1/customers", .put, "GET, POST"),
                ("/api/v1/api-keys/prl_abc", .get, "DELETE"), ("/hooks/shopify/acme", .get, "POST"),
            ] {
                try await client.execute(uri: uri, method: method, headers: .bearer(key)) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == allow, "\(method) \(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            try await client.execute(uri: "/nowhere/at/all", method: .delete) { #expect($0.status == .notFound) }
            let huge = "{\"name\":\"" + String(repeating: "x", count: 2 << 20) + "\"}"
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: huge)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.json["detail"] as? String == "the request body is larger than this route's limit of 1048576 bytes (1 MiB)")
            }
        }
    }

    @Test("a form field sent twice is 400; a NUL in JSON, a path or a query is refused, never cut", arguments: TestDatabase.available)
    func malformed(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            for body in ["email=a%40b.example&email=c%40d.example&password=x", "csrf_token=a&csrf_token=b"] {
                for path in ["/app/login", "/app/logout"] {
                    try await client.execute(
                        uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                        body: ByteBuffer(string: body)
                    ) { response in
                        #expect(response.status == .badRequest, "\(path) \(body)")
                        #expect((response.json["detail"] as? String)?.hasPrefix("the form could not be read") == true)
                    }
                }
            }
            let nul = #"{"identities":[{"kind":"email","value":"zofia@example.pl"}],"name":"Zofia\u0000 Nowak"}"#
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: nul)) { response in
                #expect(response.status == .unprocessableContent)
                #expect((response.json["detail"] as? String)?.contains("NUL") == true)
            }
            // An escaped backslash before "u0000" is text, not a NUL.
            let text = #"{"identities":[{"kind":"email","value":"zofia@example.pl"}],"name":"C:\\u0000 Zofia"}"#
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: text)) { response in
                #expect(response.status == .created)
                #expect(response.json["name"] as? String == #"C:\u0000 Zofia"#)
            }
            for uri in ["/api/v1/customers/cus_%00abc", "/api/v1/customers?cursor=%00", "/t/acme/ord_%00/x"] {
                try await client.execute(uri: uri, method: .get, headers: .bearer(key)) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                }
            }
            let long = #"{"identities":[{"kind":"email","value":"a@b.example"}],"name":"\#(String(repeating: "ż", count: 201))"}"#
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: long)) { response in
                #expect(response.status == .unprocessableContent && response.json["field"] as? String == "name")
            }
            let customers = try await ReadCustomers(database: world.database).list(shop: world.shop.id, cursor: nil, limit: 10)
            #expect(customers.items.map(\.name) == [#"C:\u0000 Zofia"#])
        }
    }

    @Test(
        "SMS callbacks to an unknown shop, to a shop with another provider and with a bad signature answer alike",
        arguments: TestDatabase.available)
    func smsHooksAlike(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            var details: [String] = []
            let body = #"{"type":"inbound","from":"+48601234567","to":"Kubki","body":"STOP"}"#
            let headers: HTTPFields = [.contentType: "application/json", HTTPField.Name("X-Parley-Signature")!: "sha256=00"]
            for (uri, setUp) in [
                ("/hooks/sms/webhook/nobody", nil), ("/hooks/sms/webhook/acme", nil),
                ("/hooks/sms/twilio/acme", #"{"sms.provider":"webhook","sms.url":"https://sms.example/send","sms.secret":"s3cret-value"}"#),
                ("/hooks/sms/webhook/acme", nil),
            ] {
                if let setUp {
                    try await client.execute(uri: "/api/v1/shop", method: .patch, headers: .bearer(key), body: .init(json: setUp)) {
                        #expect($0.status == .ok)
                    }
                }
                try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                    details.append(response.json["detail"] as? String ?? "")
                }
            }
            #expect(Set(details).count == 1, "\(details)")
        }
    }
}
