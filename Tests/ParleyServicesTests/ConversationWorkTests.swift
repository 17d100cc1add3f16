import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// What agents do with conversations: merge a duplicate and take it back, split a new matter off
/// and put it back, tag, and answer with a canned response.
@Suite("Working on conversations")
struct ConversationWorkTests {
    typealias Inbox = ConversationSLATests.Inbox

    static func conversations(_ inbox: Inbox) async throws -> [ConversationSummary] {
        try await ReadConversations(database: inbox.world.database).list(
            shop: inbox.world.shop.id, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 50
        ).items
    }

    static func texts(_ inbox: Inbox, _ conversation: String) async throws -> [String] {
        try await ReadConversations(database: inbox.world.database).messages(shop: inbox.world.shop.id, conversation: conversation)
            .filter { $0.message.kind == .incoming }.map { $0.message.subject ?? "" }
    }

    @Test(
        "a likely duplicate is suggested; merging moves messages and tags and closes it; undo puts everything back",
        arguments: TestDatabase.available)
    func mergeAndUndo(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await ConversationSLATests.shop(database))
            let shop = inbox.world.shop.id
            let update = UpdateConversation(database: database, clock: inbox.world.clock)
            try await inbox.receive("Paczka")
            inbox.world.clock.advance(by: 600)
            try await inbox.receive("Zamówienie 1042")
            try await inbox.receive("Inna sprawa", from: "jan@example.pl")
            let all = try await Self.conversations(inbox)
            let first = try #require(all.first { $0.conversation.subject == "Paczka" }).conversation.publicID
            let second = try #require(all.first { $0.conversation.subject == "Zamówienie 1042" }).conversation.publicID
            _ = try await update(shop: shop, conversation: first, ConversationChanges(tags: ["Dostawa"]), agentID: nil)
            _ = try await update(shop: shop, conversation: second, ConversationChanges(tags: ["vip"]), agentID: nil)

            let suggested = try await ReadConversations(database: database).duplicates(shop: shop, conversation: second)
            #expect(suggested.map(\.conversation.publicID) == [first])

            let merge = MergeConversations(database: database, clock: inbox.world.clock)
            let into = try await merge(shop: shop, merge: first, into: second, agentID: nil).conversation
            #expect(into.publicID == second)
            #expect(try await Self.texts(inbox, second) == ["Paczka", "Zamówienie 1042"])
            let merged = try await ReadConversations(database: database).conversation(shop: shop, publicID: first)
            #expect(merged.mergedIntoPublicID == second && merged.conversation.status == .resolved)
            #expect(try await ReadConversations(database: database).conversation(shop: shop, publicID: second).tags == ["dostawa", "vip"])
            await #expect(throws: ReplyError.merged(first)) {
                _ = try await ReplyToConversation(database: database, clock: inbox.world.clock, fallbackDomain: "acme.example")(
                    shop: shop, conversation: first, agentID: nil, text: "Odpowiedź")
            }
            await #expect(throws: MergeError.intoItself) { _ = try await merge(shop: shop, merge: second, into: second, agentID: nil) }

            let restored = try await merge.undo(shop: shop, merged: first, agentID: nil).conversation
            #expect(restored.status == .open && restored.mergedIntoID == nil)
            #expect(try await Self.texts(inbox, first) == ["Paczka"])
            #expect(try await Self.texts(inbox, second) == ["Zamówienie 1042"])
            // The resolution clock paused by the merge runs again with the conversation.
            #expect(restored.sla?.due.map(\.target).contains(.resolution) == true)
            await #expect(throws: MergeError.notMerged(first)) { _ = try await merge.undo(shop: shop, merged: first, agentID: nil) }
            let history = try await inbox.events(restored).map { $0.split(separator: " ").first.map(String.init) ?? "" }
            #expect(history == ["tags.changed", "merged", "unmerged"])
        }
    }

    @Test(
        "a second matter split off becomes its own conversation with its own clock; undo brings it back",
        arguments: TestDatabase.available)
    func splitAndUndo(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await ConversationSLATests.shop(database))
            let shop = inbox.world.shop.id
            try await inbox.receive("Zwrot")
            let opened = try await inbox.only()
            inbox.world.clock.advance(by: 1800)
            try await inbox.receive("Re: [#\(opened.number)] Zwrot — i jeszcze faktura")
            let messages = try await ReadConversations(database: database).messages(shop: shop, conversation: opened.publicID)
            let later = try #require(messages.last { $0.message.kind == .incoming })
            let split = SplitConversation(database: database, clock: inbox.world.clock)
            let created = try await split(shop: shop, conversation: opened.publicID, messages: [later.message.publicID], agentID: nil)
                .conversation
            #expect(created.subject == "Re: [#\(opened.number)] Zwrot — i jeszcze faktura")
            #expect(created.number != opened.number)
            #expect(try await Self.texts(inbox, created.publicID) == [created.subject])
            #expect(try await Self.texts(inbox, opened.publicID) == ["Zwrot"])
            let clock = try #require(
                try await ReadConversations(database: database).conversation(shop: shop, publicID: created.publicID).conversation.sla)
            #expect(clock.due.first?.startedAt == later.message.createdAt)
            await #expect(throws: SplitError.nothingLeft) {
                _ = try await split(shop: shop, conversation: created.publicID, messages: [later.message.publicID], agentID: nil)
            }

            let original = try await split.undo(shop: shop, split: created.publicID, agentID: nil).conversation
            #expect(original.publicID == opened.publicID)
            #expect(try await Self.texts(inbox, opened.publicID) == ["Zwrot", created.subject])
            let gone = try await ReadConversations(database: database).conversation(shop: shop, publicID: created.publicID)
            #expect(gone.conversation.status == .resolved && gone.mergedIntoPublicID == opened.publicID)
        }
    }

    @Test("a canned response is written out with the customer's name, the ticket number and the agent", arguments: TestDatabase.available)
    func cannedResponse(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await ConversationSLATests.shop(database))
            let shop = inbox.world.shop.id
            let (agent, _) = try await AddAgent(database: database, clock: inbox.world.clock)(
                shop: shop, email: "ola@acme.example", name: "Ola Kowalska", role: .agent, password: "correct horse battery")
            try await inbox.receive("Paczka")
            let conversation = try await inbox.only()
            let canned = CannedResponses(database: database, clock: inbox.world.clock)
            _ = try await canned.create(
                shop: shop, shortcut: "Gdzie",
                title: "Where is my order",
                body: "Dzień dobry {{customer.first_name}}{{^customer.first_name}}Państwu{{/customer.first_name}}, "
                    + "sprawa #{{conversation.number}} jest w toku.\n{{agent.name}}, {{shop.name}}")
            let text = try await canned.render(shop: shop, shortcut: "gdzie", conversation: conversation.publicID, agentID: agent.id)
            #expect(text == "Dzień dobry Zofia, sprawa #\(conversation.number) jest w toku.\nOla Kowalska, Acme")
            await #expect(throws: InvalidInput.self) {
                _ = try await canned.create(shop: shop, shortcut: "zły skrót", title: "x", body: "y")
            }
            await #expect(throws: InvalidInput.self) {
                _ = try await canned.create(shop: shop, shortcut: "broken", title: "x", body: "{{#customer}}unclosed")
            }
            await #expect(throws: CannedResponseError.noSuchShortcut("missing")) {
                _ = try await canned.render(shop: shop, shortcut: "missing", conversation: conversation.publicID, agentID: nil)
            }
        }
    }
}
