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

@Suite("Inbox API")
struct InboxAPITests {
    static func email(from sender: String, subject: String) -> ByteBuffer {
        ByteBuffer(
            string:
                "From: <\(sender)>\r\nTo: support@acme.example\r\nSubject: \(subject)\r\nMessage-ID: <\(UUID().uuidString)@loop.example>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nWe received your message.\r\n")
    }

    static var headers: (String) -> HTTPFields {
        { key in [.authorization: "Bearer \(key)", .contentType: "message/rfc822"] }
    }

    /// Files every received email, as the worker would.
    static func file(_ world: World) async throws {
        let filer = FileIncomingEmail(
            database: world.database, clock: world.clock, catalogs: try MessageCatalogs(), fallbackDomain: "acme.example",
            events: InboxEvents(bus: LocalEventBus()))
        let queue = JobQueue(database: world.database)
        while let job = try await queue.claim(
            workerID: "test", kinds: [FileIncomingEmail.kind], now: world.clock.now(), lease: .seconds(60))
        {
            try await filer.perform(job)
            _ = try await queue.complete(job, now: world.clock.now())
        }
    }

    @Test(
        "a sender writing faster than 30 emails an hour is held, not filed or answered; an agent lists held mail and releases it",
        arguments: TestDatabase.available)
    func hold(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            for index in 0...SenderHoldPolicy.defaultHourlyLimit {
                try await client.execute(
                    uri: "/api/v1/inbound/email", method: .post, headers: Self.headers(key),
                    body: Self.email(from: "Robot@Loop.example", subject: "Ticket \(index) received")
                ) { #expect($0.status == .accepted) }
                world.clock.advance(by: 60)
            }
            try await client.execute(
                uri: "/api/v1/inbound/email", method: .post, headers: Self.headers(key),
                body: Self.email(from: "anna@example.pl", subject: "Pytanie")
            ) { #expect($0.status == .accepted) }
            try await Self.file(world)

            let held = try await client.execute(uri: "/api/v1/inbound/email?status=held", method: .get, headers: .bearer(key)) {
                response in
                let items = response.json["data"] as? [[String: Any]] ?? []
                #expect(items.count == 1)
                #expect(items.first?["sender"] as? String == "robot@loop.example")
                #expect((items.first?["detail"] as? String)?.contains("more than 30 emails within an hour") == true)
                return try #require(items.first?["id"] as? String)
            }
            try await client.execute(uri: "/api/v1/conversations?limit=100", method: .get, headers: .bearer(key)) { response in
                #expect((response.json["data"] as? [[String: Any]])?.count == SenderHoldPolicy.defaultHourlyLimit + 1)
            }
            try await client.execute(uri: "/api/v1/inbound/email/\(held)/release", method: .post, headers: .bearer(key)) { response in
                #expect(response.status == .accepted)
                #expect(response.json["status"] as? String == "received")
            }
            try await client.execute(uri: "/api/v1/inbound/email/\(held)/release", method: .post, headers: .bearer(key)) { response in
                #expect(response.status == .conflict)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await Self.file(world)
            try await client.execute(uri: "/api/v1/inbound/email/\(held)", method: .get, headers: .bearer(key)) { response in
                #expect(response.json["status"] as? String == "threaded")
                #expect(response.json["conversation"] as? String != nil)
            }
            try await client.execute(uri: "/api/v1/inbound/email?status=held", method: .get, headers: .bearer(key)) { response in
                #expect((response.json["data"] as? [[String: Any]])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/inbound/email?status=lost", method: .get, headers: .bearer(key)) { response in
                #expect(response.status == .badRequest || response.status == .unprocessableContent)
            }
        }
    }

    @Test("a conversation shows its SLA due times once the shop sets targets", arguments: TestDatabase.available)
    func sla(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key),
                body: ByteBuffer(string: #"{"sla.first_response":"1h","sla.resolution":"1d","inbox.business_hours":"24/7"}"#)
            ) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/api/v1/inbound/email", method: .post, headers: Self.headers(key),
                body: Self.email(from: "anna@example.pl", subject: "Gdzie paczka?")
            ) { _ in }
            try await Self.file(world)
            try await client.execute(uri: "/api/v1/conversations", method: .get, headers: .bearer(key)) { response in
                let conversation = try #require((response.json["data"] as? [[String: Any]])?.first)
                let sla = try #require(conversation["sla"] as? [String: Any])
                let due = sla["due"] as? [[String: Any]] ?? []
                #expect(due.compactMap { $0["target"] as? String } == ["first_response", "resolution"])
                #expect(due.allSatisfy { $0["breached"] as? Bool == false })
                #expect(sla["next_due_at"] as? String == due.first?["due_at"] as? String)
                #expect((sla["achieved"] as? [Any])?.isEmpty == true)
            }
        }
    }
}
