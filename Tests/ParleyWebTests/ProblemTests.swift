import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("Errors are problem+json")
struct ProblemTests {
    @Test(
        "no key, a wrong key, an unknown route, bad JSON, a wrong field and a huge body each say what is wrong",
        arguments: TestDatabase.available)
    func problems(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            try await client.execute(uri: "/api/v1/customers", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect((response.json["detail"] as? String)?.contains("Authorization: Bearer") == true)
            }
            try await client.execute(uri: "/api/v1/customers", method: .get, headers: .bearer("prl_wrong_key")) { response in
                #expect(response.status == .unauthorized)
                #expect(response.json["detail"] as? String == "the API key is unknown")
            }
            try await client.execute(uri: "/api/v1/nothing-here", method: .get, headers: .bearer(key)) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.json["status"] as? Int == 404)
            }
            try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: "{\"identities\": [")
            ) {
                response in
                #expect(response.status == .badRequest)
                #expect((response.json["detail"] as? String)?.hasPrefix("the body is not valid JSON") == true)
            }
            let wrongType = #"{"identities":[{"kind":"email","value":"a@b.pl"}],"locale":5}"#
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: wrongType)) {
                response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "locale")
                #expect(response.json["detail"] as? String == "locale: expected a string")
            }
            let missing = #"{"identities":[{"kind":"email"}]}"#
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: missing)) {
                response in
                #expect(response.json["field"] as? String == "identities[0].value")
            }
            let unknownKind = #"{"identities":[{"kind":"fax","value":"1"}]}"#
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: unknownKind)) {
                response in
                #expect(response.json["detail"] as? String == "identities[0].kind: must be one of email, phone, external, visitor")
            }
            let huge = "{\"name\":\"" + String(repeating: "x", count: 2 << 20) + "\"}"
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: huge)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }
}
