import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@testable import ParleyServices

/// Segments counted by the database agree with the same rules judged by hand over the same
/// generated history, on both databases: orders (with products, cancelled ones), views, searches,
/// consents, languages and conversations, in day windows, negated, all or any.
@Suite("Segment queries")
struct SegmentQueryTests {
    static let day: TimeInterval = 86400
    static let products = [("KAWA-1KG", "Kawa ziarnista 1 kg"), ("FILTR-10", "Filtry papierowe"), ("KUB-01", "Kubek zielony")]

    /// What one generated customer did, as the oracle reads it.
    struct Person {
        var email: String
        var locale: String?
        var consent: Bool
        var orders: [(at: Date, stage: OrderStage, skus: [String], total: Int64)] = []
        var views: [(at: Date, sku: String)] = []
        var searches: [(at: Date, query: String)] = []
        var conversations: [(at: Date, open: Bool)] = []
        var id: Int64 = 0
    }

    /// One thing to do at a moment of the history.
    enum Act {
        case order(Int, OrderStage, [String], Int64)
        case view(Int, String)
        case search(Int, String)
        case conversation(Int, Bool)
    }

    static func history(seed: UInt64) -> (people: [Person], acts: [(day: Double, act: Act)]) {
        var random = SplitMix64(seed: seed)
        var people: [Person] = []
        var acts: [(day: Double, act: Act)] = []
        for index in 0..<36 {
            people.append(
                Person(
                    email: "p\(index)@example.pl", locale: [nil, "pl", "pl-PL", "en", "el"].randomElement(using: &random)!,
                    consent: Bool.random(using: &random)))
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let skus = Array(products.map(\.0).shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random)))
                let stage: OrderStage = [.accepted, .delivered, .delivered, .cancelled].randomElement(using: &random)!
                acts.append(
                    (
                        Double.random(in: 0...119, using: &random),
                        .order(index, stage, skus, Int64.random(in: 1...60, using: &random) * 1000)
                    ))
            }
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                acts.append((Double.random(in: 90...119, using: &random), .view(index, products.randomElement(using: &random)!.0)))
            }
            for _ in 0..<Int.random(in: 0...1, using: &random) {
                acts.append(
                    (
                        Double.random(in: 100...119, using: &random),
                        .search(index, ["czajnik elektryczny", "kubek"].randomElement(using: &random)!)
                    ))
            }
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                acts.append((Double.random(in: 60...119, using: &random), .conversation(index, Bool.random(using: &random))))
            }
        }
        return (people, acts.sorted { $0.day < $1.day })
    }

    /// The history made through the use cases, the clock moving with it; returns the people with their ids.
    static func make(_ world: World, seed: UInt64) async throws -> [Person] {
        var (people, acts) = history(seed: seed)
        let start = world.clock.now()
        for index in people.indices {
            let customer = try await UpsertCustomer(database: world.database, clock: world.clock)(
                shop: world.shop.id,
                CustomerInput(
                    identities: [.init(kind: .email, value: people[index].email)], name: nil, locale: people[index].locale,
                    consents: people[index].consent ? [.init(channel: .email, status: .granted, source: "test")] : [])
            ).customer
            people[index].id = customer.id
        }
        for (number, (day, act)) in acts.enumerated() {
            let at = start + day * Self.day
            world.clock.advance(by: at.timeIntervalSince(world.clock.now()))
            switch act {
            case .order(let who, let stage, let skus, let total):
                let items = skus.map { sku in
                    OrderItem(sku: sku, name: products.first { $0.0 == sku }!.1, quantity: 1, unitPriceMinor: total)
                }
                for step in stage == .cancelled ? [OrderStage.accepted, .cancelled] : [stage] {
                    _ = try await IngestOrderEvent(database: world.database, clock: world.clock)(
                        shop: world.shop.id,
                        OrderEvent(
                            source: "api", eventID: "e\(number)\(step)", externalOrderID: "o\(number)", number: "#\(number)", stage: step,
                            occurredAt: at, customer: OrderCustomer(email: people[who].email), currency: "PLN", totalMinor: total,
                            items: items, shipment: nil))
                }
                people[who].orders.append((at, stage, skus, total))
            case .view(let who, let sku):
                try await record(
                    world, who: people[who], .init(type: "product", id: sku, name: products.first { $0.0 == sku }!.1), id: number)
                people[who].views.append((at, sku))
            case .search(let who, let query):
                try await record(world, who: people[who], .init(type: "search", query: query), id: number)
                people[who].searches.append((at, query))
            case .conversation(let who, let open):
                try await world.database.withConnection { sql in
                    _ = try await ConversationRepository(sql).insert(
                        shop: world.shop.id, publicID: "cnv_\(number)", replyToken: "r\(number)",
                        NewConversation(
                            customerID: people[who].id, channel: .email, subject: "Pytanie", normalizedSubject: "pytanie",
                            status: open ? .open : .resolved), now: at)
                }
                people[who].conversations.append((at, open))
            }
        }
        world.clock.advance(by: (start + 120 * Self.day).timeIntervalSince(world.clock.now()))
        return people
    }

    static func record(_ world: World, who: Person, _ event: CustomerEventInput, id: Int) async throws {
        _ = try await RecordCustomerActivity(database: world.database, clock: world.clock)(
            shop: world.shop.id, [.init(eventID: "ev\(id)", customer: .init(id: nil, email: who.email), event: event)])
    }

    /// The rule judged by hand for one person at `now`.
    static func oracle(_ rule: SegmentRule, _ person: Person, now: Date) -> Bool {
        func inside(_ at: Date, _ days: DayWindow?) -> Bool {
            guard let days else { return true }
            let span = days.span(at: now)
            return at >= span.start && span.end.map { at < $0 } ?? true
        }
        func holds(_ condition: SegmentCondition) -> Bool {
            func named(_ sku: String) -> Bool {
                guard let product = condition.product?.lowercased() else { return true }
                let name = products.first { $0.0 == sku }!.1.lowercased()
                return sku == condition.product || name.contains(product)
            }
            let placed = person.orders.filter { $0.stage != .cancelled && inside($0.at, condition.days) }
            switch condition.fact {
            case .ordered: return placed.filter { $0.skus.contains(where: named) }.count >= condition.threshold
            case .spent: return (condition.currency == "PLN" ? placed.map(\.total).reduce(0, +) : 0) >= condition.amountMinor ?? 0
            case .viewed: return person.views.filter { inside($0.at, condition.days) && named($0.sku) }.count >= condition.threshold
            case .searched:
                return person.searches.filter { inside($0.at, condition.days) && $0.query.contains(condition.product?.lowercased() ?? "") }
                    .count >= condition.threshold
            case .checkout: return false
            case .consent: return condition.channel == .email && person.consent
            case .language:
                let locale = (person.locale ?? "pl").lowercased()
                return locale == condition.language || locale.hasPrefix((condition.language ?? "") + "-")
            case .conversation:
                return person.conversations.filter { inside($0.at, condition.days) && (condition.open != true || $0.open) }.count
                    >= condition.threshold
            case .joined: return inside(now - 120 * day, condition.days)
            }
        }
        let results = rule.conditions.map { holds($0) != $0.negated }
        return rule.match == .all ? results.allSatisfy { $0 } : results.contains(true)
    }

    /// Conditions a shop would write, to be combined.
    static let conditions: [SegmentCondition] = [
        .init(.ordered), .init(.ordered, atLeast: 2), .init(.ordered, days: DayWindow("30")),
        .init(.ordered, product: "FILTR-10", days: DayWindow("60-90")), .init(.ordered, product: "filtr", days: DayWindow("60")),
        .init(.ordered, product: "kawa", atLeast: 2), .init(.spent, amount: "500", currency: "PLN"),
        .init(.spent, amount: "250.50", currency: "PLN", days: DayWindow("45")), .init(.spent, amount: "1", currency: "EUR"),
        .init(.viewed, product: "KUB-01", atLeast: 2, days: DayWindow("7")), .init(.viewed, days: DayWindow("14")),
        .init(.searched, product: "czajnik"), .init(.consent, channel: .email), .init(.consent, channel: .sms),
        .init(.language, language: "pl"), .init(.language, language: "el"), .init(.conversation, open: true),
        .init(.conversation, days: DayWindow("20-50")), .init(.joined, days: DayWindow("200")), .init(.joined, days: DayWindow("7")),
    ]

    @Test("every rule counts and lists exactly the customers the same rule judged by hand finds", arguments: TestDatabase.available)
    func agreesWithOracle(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let people = try await Self.make(world, seed: 17)
            let now = world.clock.now()
            var random = SplitMix64(seed: 99)
            var rules = Self.conditions.flatMap { [SegmentRule(conditions: [$0])] + [SegmentRule(conditions: [Self.negated($0)])] }
            for _ in 0..<40 {
                let picked = (0..<Int.random(in: 2...3, using: &random)).map { _ in
                    var condition = Self.conditions.randomElement(using: &random)!
                    condition.negated = Bool.random(using: &random)
                    return condition
                }
                rules.append(SegmentRule(match: Bool.random(using: &random) ? .all : .any, conditions: picked))
            }
            var nonEmpty = 0
            for rule in rules {
                let expected = Set(people.filter { Self.oracle(rule, $0, now: now) }.map(\.id))
                let (count, members) = try await database.withConnection { sql in
                    let segments = SegmentRepository(sql)
                    return (
                        try await segments.count(shop: world.shop.id, rule: rule, defaultLocale: "pl", now: now),
                        try await segments.members(shop: world.shop.id, rule: rule, defaultLocale: "pl", now: now, after: nil, limit: 100)
                    )
                }
                #expect(count == expected.count, "\(rule)")
                #expect(Set(members.map(\.id)) == expected, "\(rule)")
                if !expected.isEmpty && expected.count < people.count { nonEmpty += 1 }
            }
            #expect(nonEmpty > rules.count / 2, "the history is varied enough that most rules split the customers")
        }
    }

    static func negated(_ condition: SegmentCondition) -> SegmentCondition {
        var condition = condition
        condition.negated = true
        return condition
    }
}
