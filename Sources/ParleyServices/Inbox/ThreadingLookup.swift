import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// Looks up, inside the filing transaction, every conversation an incoming email could belong to,
/// for `ThreadingPolicy` to choose from.
///
/// It keeps each conversation it reads: one conversation is often named several ways (its reply
/// address, In-Reply-To, the subject), and the filing reads the chosen one again.
final class ThreadingLookup {
    let sql: DatabaseSession
    let shop: ShopID
    private var loaded: [Int64: Conversation] = [:]

    init(sql: DatabaseSession, shop: ShopID) {
        self.sql = sql
        self.shop = shop
    }

    /// The conversation with row id `id`, as this transaction read it.
    func conversation(_ id: Int64) async throws -> Conversation? {
        if let known = loaded[id] { return known }
        let found = try await ConversationRepository(sql).find(shop: shop, id: id)
        loaded[id] = found
        return found
    }

    private func keep(_ conversations: [Conversation]) -> [Conversation] {
        conversations.map(keep)
    }

    private func keep(_ conversation: Conversation) -> Conversation {
        loaded[conversation.id] = conversation
        return conversation
    }

    /// The evidence, strongest first: reply address, In-Reply-To / References, shared references, `[#N]`, subject.
    func evidence(mail: ParsedMail, recipients: [String], customerID: Int64?, normalizedSubject: String) async throws
        -> ThreadingEvidence
    {
        let conversations = ConversationRepository(sql)
        var byReplyAddress: ThreadCandidate?
        for token in ReplyAddress.tokens(in: recipients) {
            if let found = try await conversations.find(shop: shop, replyToken: token) {
                byReplyAddress = try await candidate(keep(found))
                break
            }
        }
        // In-Reply-To names the message answered; References lists the thread oldest first.
        var named: [String] = []
        for id in mail.inReplyTo + mail.references.reversed() where !named.contains(id) { named.append(id) }
        let found = try await conversations.byMessageIDs(shop: shop, named)
        var byHeaders: [ThreadCandidate] = []
        for id in named {
            guard let conversationID = found[id], let conversation = try await self.conversation(conversationID),
                let resolved = try await candidate(conversation),
                !byHeaders.contains(where: { $0.conversationID == resolved.conversationID })
            else { continue }
            byHeaders.append(resolved)
        }
        var bySharedReference: [ThreadCandidate] = []
        let own = mail.messageID.map { [$0] } ?? []
        for conversationID in try await MailReferenceRepository(sql).byReferences(shop: shop, own + named) {
            guard let conversation = try await self.conversation(conversationID),
                let resolved = try await candidate(conversation),
                !(byHeaders + bySharedReference).contains(where: { $0.conversationID == resolved.conversationID })
            else { continue }
            bySharedReference.append(resolved)
        }
        var bySubjectToken: ThreadCandidate?
        if let number = SubjectLine.ticketNumber(in: mail.subject ?? ""),
            let conversation = try await conversations.find(shop: shop, number: number)
        {
            bySubjectToken = try await candidate(keep(conversation))
        }
        var bySubject: [ThreadCandidate] = []
        if let customerID, !normalizedSubject.isEmpty {
            for conversation in keep(
                try await conversations.withSubject(shop: shop, customerID: customerID, normalizedSubject: normalizedSubject))
            {
                if let resolved = try await candidate(conversation) { bySubject.append(resolved) }
            }
        }
        return ThreadingEvidence(
            byReplyAddress: byReplyAddress, byHeaders: byHeaders, bySharedReference: bySharedReference, bySubjectToken: bySubjectToken,
            bySubject: bySubject)
    }

    /// The conversation as the policy sees it, after following merges to where its messages live now.
    func candidate(_ start: Conversation) async throws -> ThreadCandidate? {
        var conversation = start
        var hops = 0
        while let target = conversation.mergedIntoID, hops < 20 {
            guard let next = try await self.conversation(target) else { return nil }
            conversation = next
            hops += 1
        }
        return ThreadCandidate(
            conversationID: conversation.id, customerID: conversation.customerID,
            participants: try await ConversationRepository(sql).participants(shop: shop, conversationID: conversation.id),
            status: conversation.status, normalizedSubject: SubjectLine.normalized(conversation.subject),
            lastMessageAt: conversation.lastMessageAt, mergedIntoID: conversation.mergedIntoID)
    }
}
