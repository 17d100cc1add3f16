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

    @Test(
        "conversations opened at the same moment get ticket numbers of their own, one after another, per shop",
        arguments: TestDatabase.available)
    func ticketNumbers(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let other = try await database.transaction { sql in
                try await ShopRepository(sql).insert(
                    slug: "other", name: "Other", defaultLocale: "en", timeZone: "UTC", now: world.clock.now())
            }
            let numbers = try await withThrowingTaskGroup(of: (ShopID, Int64).self) { group in
                for index in 0..<40 {
                    let shop = index % 4 == 0 ? other.id : world.shop.id
                    group.addTask {
                        try await database.transaction { sql in
                            let conversation = try await ConversationRepository(sql).insert(
                                shop: shop, publicID: "cnv_n\(index)", replyToken: "n\(index)",
                                NewConversation(customerID: nil, channel: .email, subject: "Kubek \(index)", normalizedSubject: "kubek"),
                                now: world.clock.now())
                            return (shop, conversation.number)
                        }
                    }
                }
                var numbers: [ShopID: [Int64]] = [:]
                for try await (shop, number) in group { numbers[shop, default: []].append(number) }
                return numbers
            }
            #expect(numbers[world.shop.id]?.sorted() == Array(1...30))
            #expect(numbers[other.id]?.sorted() == Array(1...10))
        }
    }
}
