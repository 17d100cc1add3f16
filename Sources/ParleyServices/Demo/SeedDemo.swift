import Foundation
import ParleyCore
import ParleyStore

/// What `parley serve --demo` prints so a new user can sign in and call the API at once.
public struct DemoCredentials: Sendable {
    public let shop: Shop
    public let ownerEmail: String
    public let ownerPassword: String
    public let apiKey: String
}

/// Creates, if absent, the `demo` shop with customers in every shipped language, their orders, and
/// their emails to the shop in the mail programs and charsets they really use (filed by the running
/// server's workers like any mail); and issues a fresh owner password and API key at each start
/// (only their hashes are stored, so old ones cannot be shown). A new demo shop has help articles in English and Polish.
public struct SeedDemo: Sendable {
    public static let slug = "demo"
    public static let ownerEmail = "owner@demo.parley.test"
    public static let supportEmail = "help@demo.parley.test"

    let database: ParleyDatabase
    let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func callAsFunction() async throws -> DemoCredentials {
        let shop: Shop
        if let existing = try await database.withConnection({ sql in try await ShopRepository(sql).find(slug: Self.slug) }) {
            shop = existing
        } else {
            shop = try await CreateShop(database: database, clock: clock)(
                slug: Self.slug, name: "Parley Demo Shop", defaultLocale: "en", timeZone: "Europe/Warsaw")
            try await seedCustomers(shop: shop.id)
            try await seedInbox(shop: shop.id)
            try await seedArticles(shop: shop.id)
        }
        let password = OpaqueToken.make(prefix: "", length: 16)
        _ = try await AddAgent(database: database, clock: clock)(
            shop: shop.id, email: Self.ownerEmail, name: "Demo Owner", role: .owner, password: password)
        let keys = ApiKeys(database: database, clock: clock)
        try await keys.revoke(shop: shop.id, name: "demo")
        let key = try await keys.create(shop: shop.id, name: "demo").key
        return DemoCredentials(shop: shop, ownerEmail: Self.ownerEmail, ownerPassword: password, apiKey: key)
    }

    private struct Person {
        let name, email, phone, locale, timeZone: String
        let preferred: PreferredChannel
        let currency: String
        let totals: [Int64]
    }

    private static let people = [
        Person(
            name: "Emily Carter", email: "emily.carter@example.com", phone: "+44 7700 900123", locale: "en-GB",
            timeZone: "Europe/London", preferred: .email, currency: "GBP", totals: [4_599, 12_900]),
        Person(
            name: "Zofia Wójcik", email: "zofia.wojcik@example.pl", phone: "+48 601 234 567", locale: "pl-PL",
            timeZone: "Europe/Warsaw", preferred: .both, currency: "PLN", totals: [24_999, 8_950]),
        Person(
            name: "Γιώργος Παπαδόπουλος", email: "g.papadopoulos@example.gr", phone: "+30 691 234 5678", locale: "el-GR",
            timeZone: "Europe/Athens", preferred: .sms, currency: "EUR", totals: [6_700]),
        Person(
            name: "Анна Смирнова", email: "anna.smirnova@example.ru", phone: "+7 912 345-67-89", locale: "ru-RU",
            timeZone: "Europe/Moscow", preferred: .email, currency: "EUR", totals: [15_300, 2_990]),
        Person(
            name: "प्रिया शर्मा", email: "priya.sharma@example.in", phone: "+91 98765 43210", locale: "hi-IN",
            timeZone: "Asia/Kolkata", preferred: .sms, currency: "INR", totals: [249_900]),
    ]

    private func seedCustomers(shop: ShopID) async throws {
        let upsert = UpsertCustomer(database: database, clock: clock)
        var orderNumber = 1001
        for person in Self.people {
            let (customer, _) = try await upsert(
                shop: shop,
                CustomerInput(
                    identities: [.init(kind: .email, value: person.email), .init(kind: .phone, value: person.phone)],
                    name: person.name, locale: person.locale, timeZone: person.timeZone, preferredChannel: person.preferred,
                    consents: [
                        .init(channel: .email, status: .granted, source: "checkout"),
                        .init(channel: .sms, status: person.preferred == .email ? .revoked : .granted, source: "checkout"),
                    ]))
            for (index, total) in person.totals.enumerated() {
                let placedAt = clock.now().addingTimeInterval(-Double(person.totals.count - index) * 5 * 86_400)
                let number = "#\(orderNumber)"
                orderNumber += 1
                try await database.transaction { sql in
                    let order = try await OrderRepository(sql).insert(
                        shop: shop, customerID: customer.id, publicID: OpaqueToken.make(prefix: "ord_"), externalID: "demo:\(number)",
                        number: number, stage: index == 0 ? .delivered : .paid, currency: person.currency, totalMinor: total,
                        placedAt: placedAt, now: clock.now())
                    try await TimelineRepository(sql).append(
                        shop: shop, customerID: customer.id, kind: .orderPlaced, at: placedAt, summary: "Order \(number) placed",
                        data: ["order": order.publicID, "number": number])
                }
            }
        }
    }

    /// A support address and response targets, and one email from each customer, queued for filing.
    private func seedInbox(shop: ShopID) async throws {
        _ = try await ShopSettings(database: database, clock: clock).update(
            shop: shop, ["support.email": Self.supportEmail, "sla.first_response": "4h; urgent 1h", "sla.resolution": "3d"])
        guard let folder = Bundle.module.resourceFolder(containing: "demo-mail")?.appendingPathComponent("demo-mail") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted()
        let receive = ReceiveEmail(database: database, clock: clock)
        for name in names {
            let raw = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            _ = try await receive(
                shop: shop,
                NewInboundMail(source: "demo", envelopeFrom: nil, envelopeTo: [Self.supportEmail], remoteAddress: nil, raw: raw))
        }
    }
}
