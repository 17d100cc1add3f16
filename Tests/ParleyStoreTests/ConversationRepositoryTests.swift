import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Conversations in the store")
struct ConversationRepositoryTests {
    @Test(
        "a save writes only what changed since the conversation was read, so another writer's change to other fields stays",
        arguments: TestDatabase.available)
    func saveWritesOnlyChanges(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let now = world.clock.now()
            let later = now.addingTimeInterval(60)
            try await database.transaction { sql in
                let conversations = ConversationRepository(sql)
                let read = try await conversations.insert(
                    shop: world.shop.id, publicID: "cnv_kubek", replyToken: "kubek",
                    NewConversation(customerID: nil, channel: .chat, subject: "Kubek", normalizedSubject: "kubek"), now: now)
                // Meanwhile an agent hands it to the returns team.
                var theirs = read
                theirs.team = "returns"
                try await conversations.update(theirs, was: read, now: now)
                // A writer that read it before then stores the customer's next message on it.
                var ours = read
                ours.lastMessageAt = later
                ours.setStatus(.pending, at: later)
                try await conversations.update(ours, was: read, now: later)

                let saved = try #require(try await conversations.find(shop: world.shop.id, id: read.id))
                #expect(saved.team == "returns", "a field this writer did not change is not written back")
                #expect(saved.status == .pending && saved.lastMessageAt == later && saved.updatedAt == later)
                #expect(saved.subject == "Kubek" && saved.assigneeID == nil)

                // Without what was read, every field is written, as the caller has it.
                try await conversations.update(ours, now: later)
                #expect(try await conversations.find(shop: world.shop.id, id: read.id)?.team == nil)
            }
        }
    }
}
