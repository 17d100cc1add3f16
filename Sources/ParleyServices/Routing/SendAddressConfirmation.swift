import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// Mails the confirmation link of a support address that waits for proof, in the shop's language,
/// through the shop's own mail server. Runs as the job `address.confirm`; a claim confirmed or
/// replaced meanwhile is not mailed.
public struct SendAddressConfirmation: JobHandler {
    public static let kind = "address.confirm"
    public var kind: String { Self.kind }

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let catalogs: MessageCatalogs
    private let confirmations: AddressConfirmations
    private let transports: any MessageTransports
    private let fallbackDomain: String

    public init(
        database: ParleyDatabase, clock: any WallClock, catalogs: MessageCatalogs, confirmations: AddressConfirmations,
        transports: any MessageTransports, fallbackDomain: String
    ) {
        self.database = database
        self.clock = clock
        self.catalogs = catalogs
        self.confirmations = confirmations
        self.transports = transports
        self.fallbackDomain = fallbackDomain
    }

    public func perform(_ job: ClaimedJob) async throws {
        guard let id = Int64(job.payload) else { throw PermanentJobFailure("address.confirm payload \(job.payload) is no claim id") }
        let found = try await database.transaction { sql -> (Shop, RoutingIdentifier, [String: String], String)? in
            guard let claim = try await RoutingRepository(sql).find(shop: job.shop, id: id), claim.status == .pending,
                let shop = try await ShopRepository(sql).find(id: job.shop)
            else { return nil }
            return (
                shop, claim, try await ShopSettingsRepository(sql).all(shop: job.shop),
                try await confirmations.link(shop: shop, claim: claim, on: sql)
            )
        }
        guard let (shop, claim, settings, link) = found else { return }
        let (_, entries) = try catalogs.catalog(for: nil, shopDefault: shop.defaultLocale)
        let values: [String: Any] = ["address": claim.value, "shop": shop.name, "link": link]
        let sender = try MailSender(settings: settings, shopName: shop.name, fallbackDomain: fallbackDomain)
        let mail = OutgoingMail(
            from: sender.from, to: [try EmailAddress(parsing: claim.value)],
            subject: try MessageCatalogs.words("addressConfirmation.subject", in: entries, values: values),
            text: try MessageCatalogs.words("addressConfirmation.body", in: entries, values: values),
            messageID: sender.messageID(for: "confirm-\(claim.id)"), date: clock.now(), extraHeaders: [("Auto-Submitted", "auto-generated")]
        )
        let bytes = Array(MailComposer.compose(mail).utf8)
        _ = try await transports.email(settings: settings, shop: shop).send(
            MailEnvelope(
                from: sender.bounceAddress, recipients: [claim.value],
                message: try SendMessage.dkimSigner(settings: settings)?.sign(bytes, at: clock.now()) ?? bytes))
    }
}
