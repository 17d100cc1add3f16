import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// Where the built-in SMTP listener hands mail: a recipient is taken when it is the confirmed
/// `support.email` of a shop, in any spelling, with or without a sub-address (`sklep+token@…`); the
/// message is stored for every shop it is addressed to before the listener says 250. An address no
/// shop has confirmed reaches nobody, so typing another shop's address into the settings takes nothing.
public struct SMTPInbox: InboundMailSink {
    private let database: ParleyDatabase
    private let receive: ReceiveEmail

    public init(database: ParleyDatabase, receive: ReceiveEmail) {
        self.database = database
        self.receive = receive
    }

    public func checkRecipient(_ address: String) async -> RecipientDecision {
        do {
            return try await shops(for: address).isEmpty ? .reject("no mailbox <\(address)> here") : .accept
        } catch {
            // A database hiccup must not bounce mail: refusing is permanent, so accept and let
            // delivery (which answers 451 on failure) decide.
            return .accept
        }
    }

    public func deliver(_ envelope: InboundEnvelope, message: [UInt8]) async throws -> String {
        var byShop: [(ShopID, [String])] = []
        for recipient in envelope.recipients {
            for shop in try await shops(for: recipient) {
                if let index = byShop.firstIndex(where: { $0.0 == shop }) {
                    byShop[index].1.append(recipient)
                } else {
                    byShop.append((shop, [recipient]))
                }
            }
        }
        guard !byShop.isEmpty else { throw ShopError.noShopForRecipients(envelope.recipients) }
        var ids: [String] = []
        for (shop, recipients) in byShop {
            let stored = try await receive(
                shop: shop,
                NewInboundMail(
                    source: "smtp", envelopeFrom: envelope.mailFrom, envelopeTo: recipients, remoteAddress: envelope.remoteAddress,
                    raw: message))
            ids.append(stored.publicID)
        }
        return ids.joined(separator: ",")
    }

    /// The shop whose confirmed support address this is, ignoring a sub-address.
    private func shops(for recipient: String) async throws -> [ShopID] {
        guard let address = try? EmailAddress(parsing: recipient), let value = RoutingIdentifier.Kind.email.normalized(address.addrSpec)
        else { return [] }
        return try await database.withConnection { sql in
            try await RoutingRepository(sql).holder(kind: .email, value: value).map { [$0] } ?? []
        }
    }
}
