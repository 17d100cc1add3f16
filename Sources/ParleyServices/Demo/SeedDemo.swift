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
        let orders: [DemoOrder]
    }

    /// An order as a shop's platform would have reported it: its lines, how far it got, and the parcel.
    private struct DemoOrder {
        let stage: OrderStage
        let items: [OrderItem]
        var carrier: String?
        var trackingNumber: String?
        var trackingURL: String?

        init(_ stage: OrderStage, _ items: [(String, Int, Int64)], parcel: (String, String, String)? = nil) {
            self.stage = stage
            self.items = items.map { OrderItem(sku: nil, name: $0.0, quantity: $0.1, unitPriceMinor: $0.2) }
            carrier = parcel?.0
            trackingNumber = parcel?.1
            trackingURL = parcel.map { "\($0.2)\($0.1)" }
        }

        var total: Int64 { items.reduce(0) { $0 + $1.unitPriceMinor * Int64($1.quantity) } }
    }

    private static let people = [
        Person(
            name: "Emily Carter", email: "emily.carter@example.com", phone: "+44 7700 900123", locale: "en-GB",
            timeZone: "Europe/London", preferred: .email, currency: "GBP",
            orders: [
                DemoOrder(
                    .delivered, [("Ceramic mug \u{201C}Tortoise\u{201D}", 2, 1_250), ("Loose-leaf black tea, 100 g", 1, 2_099)],
                    parcel: ("Royal Mail", "RM482913570GB", "https://www.royalmail.com/track-your-item#/tracking-results/")),
                DemoOrder(.paid, [("Cast-iron teapot, 1.2 l", 1, 12_900)]),
            ]),
        Person(
            name: "Zofia Wójcik", email: "zofia.wojcik@example.pl", phone: "+48 601 234 567", locale: "pl-PL",
            timeZone: "Europe/Warsaw", preferred: .both, currency: "PLN",
            orders: [
                DemoOrder(
                    .delivered, [("Czajnik elektryczny 1,7 l", 1, 24_999)],
                    parcel: ("InPost", "620114785230416019245871", "https://inpost.pl/sledzenie-przesylek?number=")),
                DemoOrder(
                    .shipped, [("Filtry do czajnika, 3 szt.", 1, 3_950), ("Kubek termiczny 350 ml", 1, 5_000)],
                    parcel: ("InPost", "620114785230416019301122", "https://inpost.pl/sledzenie-przesylek?number=")),
            ]),
        Person(
            name: "Γιώργος Παπαδόπουλος", email: "g.papadopoulos@example.gr", phone: "+30 691 234 5678", locale: "el-GR",
            timeZone: "Europe/Athens", preferred: .sms, currency: "EUR",
            orders: [
                DemoOrder(
                    .delivered, [("Κεραμική κούπα", 2, 1_850), ("Τσάι του βουνού, 50 g", 1, 3_000)],
                    parcel: ("ACS Courier", "7401258963", "https://www.acscourier.net/el/track-and-trace?trackingNumber="))
            ]),
        Person(
            name: "Анна Смирнова", email: "anna.smirnova@example.ru", phone: "+7 912 345-67-89", locale: "ru-RU",
            timeZone: "Europe/Moscow", preferred: .email, currency: "EUR",
            orders: [
                DemoOrder(
                    .delivered, [("Заварочный чайник из стекла", 1, 15_300)],
                    parcel: ("DHL Express", "1234567890", "https://www.dhl.com/track?tracking-id=")),
                DemoOrder(.paid, [("Фильтры для чайника", 1, 2_990)]),
            ]),
        Person(
            name: "प्रिया शर्मा", email: "priya.sharma@example.in", phone: "+91 98765 43210", locale: "hi-IN",
            timeZone: "Asia/Kolkata", preferred: .sms, currency: "INR",
            orders: [
                DemoOrder(
                    .delivered, [("इलेक्ट्रिक केतली 1.5 लीटर", 1, 249_900)],
                    parcel: ("Delhivery", "1490821734562", "https://www.delhivery.com/track/package/"))
            ]),
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
            for (index, demo) in person.orders.enumerated() {
                let placedAt = clock.now().addingTimeInterval(-Double(person.orders.count - index) * 5 * 86_400)
                let number = "#\(orderNumber)"
                orderNumber += 1
                try await database.transaction { sql in
                    let orders = OrderRepository(sql)
                    let order = try await orders.insert(
                        shop: shop, customerID: customer.id, publicID: OpaqueToken.make(prefix: "ord_"), externalID: "demo:\(number)",
                        number: number, stage: demo.stage, currency: person.currency, totalMinor: demo.total,
                        placedAt: placedAt, now: clock.now())
                    try await orders.replaceItems(shop: shop, orderID: order.id, items: demo.items)
                    try await TimelineRepository(sql).append(
                        shop: shop, customerID: customer.id, kind: .orderPlaced, at: placedAt, summary: "Order \(number) placed",
                        data: ["order": order.publicID, "number": number])
                    try await seedJourney(demo, of: order, placedAt: placedAt, repository: orders)
                }
            }
        }
    }

    /// The stages the order went through, hours apart as a parcel's really are, and its parcel; an
    /// order on its way is expected tomorrow.
    private func seedJourney(_ demo: DemoOrder, of order: Order, placedAt: Date, repository orders: OrderRepository) async throws {
        let hoursAfterPlacing: [OrderStage: Double] = [
            .accepted: 0, .paid: 0.2, .packed: 26, .shipped: 30, .outForDelivery: 48, .delivered: 52,
        ]
        let journey: [OrderStage] = OrderStage.journey.filter { $0 <= demo.stage }
        let shipment = demo.carrier.map { carrier in
            Shipment(
                carrier: carrier, trackingNumber: demo.trackingNumber, trackingURL: demo.trackingURL,
                expectedDeliveryAt: demo.stage < .delivered ? clock.now().addingTimeInterval(86_400) : nil)
        }
        for stage in journey {
            try await orders.appendStage(
                shop: order.shopID, orderID: order.id, stage: stage,
                occurredAt: placedAt.addingTimeInterval((hoursAfterPlacing[stage] ?? 0) * 3_600),
                applied: true, source: "demo", shipment: stage == .shipped ? shipment : nil, now: clock.now())
        }
        if let shipment { try await orders.setShipment(shop: order.shopID, orderID: order.id, shipment: shipment, now: clock.now()) }
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
