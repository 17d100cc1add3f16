import Foundation

/// Who a segment holds: customers meeting all (or any) of its conditions, judged at the moment it
/// is asked, so a segment is always current ("bought filters 60–90 days ago and none since").
public struct SegmentRule: Sendable, Equatable, Codable {
    public enum Match: String, Sendable, Codable, CaseIterable {
        case all, any
    }

    public var match: Match
    public var conditions: [SegmentCondition]

    public init(match: Match = .all, conditions: [SegmentCondition]) {
        self.match = match
        self.conditions = conditions
    }

    /// Conditions one segment may hold: enough for any audience a shop describes, few enough to read.
    public static let mostConditions = 20

    /// What is wrong with the rule, with the field to fix (`conditions[1].days`); nil when it may be saved.
    public func problem() -> (field: String, reason: String)? {
        if conditions.isEmpty { return ("conditions", "is empty; give at least one condition") }
        if conditions.count > Self.mostConditions {
            return ("conditions", "holds \(conditions.count) conditions; at most \(Self.mostConditions)")
        }
        for (index, condition) in conditions.enumerated() {
            if let (field, reason) = condition.problem() { return ("conditions[\(index)]\(field.isEmpty ? "" : ".")\(field)", reason) }
        }
        return nil
    }
}

/// One condition of a segment: a fact about the customer, optionally about one product, counted in
/// a window of days before now, or its negation.
public struct SegmentCondition: Sendable, Equatable, Codable {
    public enum Fact: String, Sendable, Codable, CaseIterable {
        /// Orders placed (cancelled and refunded ones do not count), of a product when one is named.
        case ordered
        /// The total of orders placed in `currency`, at least `amount`.
        case spent
        /// Product pages viewed, of a product when one is named.
        case viewed
        /// Searches, for words containing `product` when given.
        case searched
        /// Checkouts begun.
        case checkout
        /// Marketing consent given on `channel`.
        case consent
        /// The customer's language is `language` (the shop's when they have none).
        case language
        /// Conversations begun; with `open`, only those not yet resolved.
        case conversation
        /// The customer became known to the shop.
        case joined
    }

    public var fact: Fact
    /// "Not": the customer does not meet the rest.
    public var negated: Bool
    /// A product's SKU or words of its name; for `searched`, words of the search.
    public var product: String?
    /// How many times at least (1 when not given).
    public var atLeast: Int?
    /// For `spent`: a decimal amount such as `"500"` or `"249.99"`, in `currency`.
    public var amount: String?
    public var currency: String?
    /// The window, in days before now: `0-7` is the last week, `60-90` between two and three months ago; nil is ever.
    public var days: DayWindow?
    public var channel: Channel?
    public var language: String?
    public var open: Bool?

    /// The JSON names in Swift's spelling (the API writes `at_least`); "not" reads better than "negated".
    enum CodingKeys: String, CodingKey {
        case fact, negated = "not", product, atLeast, amount, currency, days, channel, language, open
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fact = try container.decode(Fact.self, forKey: .fact)
        negated = try container.decodeIfPresent(Bool.self, forKey: .negated) ?? false
        product = try container.decodeIfPresent(String.self, forKey: .product)
        atLeast = try container.decodeIfPresent(Int.self, forKey: .atLeast)
        amount = try container.decodeIfPresent(String.self, forKey: .amount)
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
        days = try container.decodeIfPresent(DayWindow.self, forKey: .days)
        channel = try container.decodeIfPresent(Channel.self, forKey: .channel)
        language = try container.decodeIfPresent(String.self, forKey: .language)
        open = try container.decodeIfPresent(Bool.self, forKey: .open)
    }

    public init(
        _ fact: Fact, negated: Bool = false, product: String? = nil, atLeast: Int? = nil, amount: String? = nil, currency: String? = nil,
        days: DayWindow? = nil, channel: Channel? = nil, language: String? = nil, open: Bool? = nil
    ) {
        self.fact = fact
        self.negated = negated
        self.product = product
        self.atLeast = atLeast
        self.amount = amount
        self.currency = currency
        self.days = days
        self.channel = channel
        self.language = language
        self.open = open
    }

    /// The least count the condition needs.
    public var threshold: Int { max(atLeast ?? 1, 1) }

    /// The spent amount in minor units of `currency`, when both are given and readable.
    public var amountMinor: Int64? {
        guard let amount, let currency else { return nil }
        return Currency.minorUnits(amount, code: currency)
    }

    /// What is wrong, with the field within the condition; nil when it is whole.
    public func problem() -> (field: String, reason: String)? {
        if let product, product.trimmingCharacters(in: .whitespaces).isEmpty || product.count > 200 {
            return ("product", "must be 1 to 200 characters")
        }
        if let atLeast, !(1...10_000).contains(atLeast) { return ("at_least", "must be from 1 to 10000") }
        if let days, let problem = days.problem() { return ("days", problem) }
        switch fact {
        case .spent:
            guard let currency, currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                return ("currency", "spent needs the currency of the orders, an ISO 4217 code such as PLN")
            }
            guard let minor = amountMinor, minor >= 0 else { return ("amount", "spent needs an amount such as 500 or 249.99") }
        case .consent:
            if channel == nil { return ("channel", "consent needs the channel: email or sms") }
        case .language:
            guard let language, (2...8).contains(language.count), language.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) else {
                return ("language", "language needs a language code such as pl or en")
            }
        case .ordered, .viewed, .searched, .checkout, .conversation, .joined:
            break
        }
        return nil
    }
}

/// A span of whole days before now: from `newest` days ago back to `oldest` days ago.
public struct DayWindow: Sendable, Equatable, Codable, CustomStringConvertible {
    public var newest: Int
    public var oldest: Int

    public init(newest: Int, oldest: Int) {
        self.newest = newest
        self.oldest = oldest
    }

    /// `7` (the last 7 days) or `60-90`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let first = Int(parts[0]) else { return nil }
        if parts.count == 1 {
            self.init(newest: 0, oldest: first)
        } else {
            guard let second = Int(parts[1]) else { return nil }
            self.init(newest: first, oldest: second)
        }
    }

    public var description: String { newest == 0 ? String(oldest) : "\(newest)-\(oldest)" }

    public func problem() -> String? {
        guard newest >= 0, oldest > newest, oldest <= 3650 else {
            return "must be a number of days such as 7 (the last week) or a span such as 60-90, up to 3650"
        }
        return nil
    }

    /// The moments it spans at `now`: on or after `start`, and before `end` when there is one (a
    /// window reaching today has none, so a platform clock a little ahead still counts).
    public func span(at now: Date) -> (start: Date, end: Date?) {
        (now - TimeInterval(oldest) * 86400, newest == 0 ? nil : now - TimeInterval(newest) * 86400)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = (try? container.decode(String.self)) ?? (try? container.decode(Int.self)).map(String.init) ?? ""
        guard let window = DayWindow(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "days must be like 7 or 60-90")
        }
        self = window
    }
}
