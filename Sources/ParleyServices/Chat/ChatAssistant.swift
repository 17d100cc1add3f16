import Foundation
import ParleyCore
import ParleyStore

/// The assistant in a live chat: it answers each message at once from the help articles, asks the
/// visitor to prove an order is theirs before telling its status (a signed-in customer already
/// has), and hands the chat to a person when it does not know or the proofs keep failing.
public struct ChatAssistant: Sendable {
    /// Wrong proofs before a person takes over: enough for typos, too few for guessing.
    static let proofTries = 3
    private let chat: LiveChat
    private let assistant: Assistant
    private let database: ParleyDatabase
    /// Where the help articles it links to are, without a trailing slash.
    private let publicURL: String

    public init(chat: LiveChat, assistant: Assistant, database: ParleyDatabase, publicURL: String) {
        self.chat = chat
        self.assistant = assistant
        self.database = database
        self.publicURL = publicURL
    }

    /// Answers `line`, the visitor's newest message, while the assistant handles the chat.
    public func reply(to session: ChatSession, line: ChatLine) async throws {
        guard let conversationID = session.thread?.conversationID else { return }
        let shop = session.shop
        let (stored, signedIn) = try await database.withConnection { sql -> (ChatThread?, Int64?) in
            let thread = try await ChatRepository(sql).thread(shop: shop.id, conversationID: conversationID)
            var signedIn: Int64?
            // A customer the shop signed in has proved who they are: their own orders need no more proof.
            if let customerID = session.visitor.customerID,
                let customer = try await CustomerRepository(sql).find(shop: shop.id, id: customerID),
                customer.identities.contains(where: { $0.kind == .external })
            {
                signedIn = customerID
            }
            return (thread, signedIn)
        }
        guard var thread = stored, thread.handledBy == .assistant else { return }
        var proof: OrderProof?
        if let awaiting = thread.awaitingOrder {
            let given = OrderProofText(line.text, knownNumber: awaiting.isEmpty ? nil : awaiting)
            let number = given.number ?? (awaiting.isEmpty ? nil : awaiting)
            // A postcode alone is a proof only in a short reply: "500 ml" in a new question is not one.
            let short = line.text.split(whereSeparator: \.isWhitespace).count <= 4
            if let number, given.email != nil || (given.postcode != nil && short) {
                proof = OrderProof(number: number, email: given.email, postcode: given.postcode)
            }
        }
        if proof == nil, let signedIn,
            let number = OrderQuestion.detect(line.text)?.number ?? thread.awaitingOrder.flatMap({ $0.isEmpty ? nil : $0 })
        {
            proof = OrderProof(number: number, customerID: signedIn)
        }
        let answer = try await assistant.answer(shop: shop.id, question: line.text, locale: session.visitor.locale, order: proof)
        var text = answer.text
        var handOver = false
        switch answer.kind {
        case .article(let article):
            text += "\n\n" + publicURL + article.path
            thread.awaitingOrder = nil
        case .orderStatus:
            thread.awaitingOrder = nil
            thread.proofAttempts = 0
        case .needsOrderVerification(let number):
            if proof != nil { thread.proofAttempts += 1 }
            thread.awaitingOrder = number ?? thread.awaitingOrder ?? ""
            handOver = thread.proofAttempts >= Self.proofTries
        case .unknown:
            handOver = true
        }
        let updated = thread
        try await database.withConnection { sql in
            try await ChatRepository(sql).setAssistantState(
                shop: shop.id, conversationID: conversationID, awaitingOrder: updated.awaitingOrder, proofAttempts: updated.proofAttempts)
        }
        _ = try await chat.assistantSays(session, text: text)
        if handOver { _ = try await chat.handOver(session, reason: "the assistant could not answer") }
    }
}
