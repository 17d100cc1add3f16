import Foundation
import SnapshotTesting
import Testing

@testable import ParleyServices

/// Every text Parley writes to customers outside the order updates (the acknowledgement of an
/// email, the assistant's answers, the chat's follow-up and transcript, the confirmation of a
/// support address, callbacks, the contact form), rendered in each of the five languages with every
/// value given and with the optional ones missing, kept in `__Snapshots__`: a translator's change to
/// a catalog shows up in review as what customers read. Order updates have `OrderMessageSnapshotTests`.
@Suite("Customer text snapshots", .snapshots(record: .missing))
struct CustomerTextSnapshotTests {
    /// A value for every placeholder the catalogs use, as the code that sends each text fills it:
    /// dates in the customer's language, the assistant's order answer around its stage sentence.
    static func values(_ key: String, language: String, entries: [String: String]) throws -> [String: String] {
        let day = { (date: Date) in
            date.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: language), timeZone: .gmt))
        }
        var values = [
            "shop": "Kubki & Co", "name": "Alex", "number": "#1042", "count": "3", "address": "help@kubki.example",
            "title": "Returns", "passage": "Write to us within 30 days.", "carrier": "DHL", "trackingNumber": "JD0146000038",
            "trackingPage": "https://parley.example/t/kubki/ord_1/s", "expected": day(Date(timeIntervalSince1970: 1_795_996_800)),
            "date": day(Date(timeIntervalSince1970: 1_795_737_600)), "phone": "+48 601 234 567",
            "window": "10:00–12:00", "summary": "A broken mug",
            "link": key.hasPrefix("addressConfirmation")
                ? "https://parley.example/confirm/kubki/7/signature" : "https://parley.example/t/kubki/ord_1/s",
        ]
        values["stage"] = try MessageCatalogs.words("assistant.stages.shipped", in: entries, values: ["number": "#1042"])
        values["responseTime"] = try ResponseTime.phrase(seconds: 4 * 3600, language: language, entries: entries)
        // The acknowledgement names the ticket by its own number, which it writes after a `#`.
        if key.hasPrefix("inbox.") { values["number"] = "57" }
        // The contact form gives the order number as the customer typed it.
        if key.hasPrefix("contactForm.") { values["number"] = "1042" }
        // The abandoned-cart reminder: the cart's lines as the flow writes them, and the links back.
        if key.hasPrefix("marketing.") {
            values["name"] = key.hasSuffix(".item") ? "Kubek zielony" : "Alex"
            values.merge(
                [
                    "quantity": "2", "price": "49.00 PLN", "items": "- 2 × Kubek zielony (49.00 PLN)", "total": "98.00 PLN",
                    "url": "https://kubki.example/checkouts/c-1", "preferences": "https://parley.example/p/kubki/cus_1/s",
                    "unsubscribe": "https://parley.example/p/kubki/cus_1/s/unsubscribe",
                ], uniquingKeysWith: { $1 })
        }
        return values
    }

    @Test("each customer text, with all its values and without those it may lack", arguments: ["en", "pl", "el", "ru", "hi"])
    func texts(language: String) throws {
        let catalogs = try MessageCatalogs()
        let entries = try #require(catalogs.catalogs[language])
        var dump = ""
        for key in entries.keys.sorted() where !key.hasPrefix("stages.") {
            let values = try Self.values(key, language: language, entries: entries)
            let full = try MessageCatalogs.words(key, in: entries, values: values)
            #expect(!full.contains("{{") && !full.contains("}}"), "\(language) \(key) leaves a placeholder: \(full)")
            dump += "═══ \(key)\n\(full)\n"
            // What a text may lack is what it puts in a section (`{{#carrier}}…{{/carrier}}`).
            let template = entries[key] ?? ""
            let optional = values.keys.filter { template.contains("{{#\($0)}}") || template.contains("{{^\($0)}}") }.sorted()
            if !optional.isEmpty {
                let sparse = try MessageCatalogs.words(key, in: entries, values: values.filter { !optional.contains($0.key) })
                dump += "─── without \(optional.joined(separator: ", "))\n\(sparse)\n"
            }
            dump += "\n"
        }
        assertSnapshot(of: dump, as: .lines, named: language)
    }

    /// Plural forms differ by language (Polish counts in one, few and many), so a text is known by
    /// its key without the plural category.
    static func text(_ key: String) -> String {
        let plural: Set<Substring> = ["zero", "one", "two", "few", "many", "other"]
        guard let last = key.split(separator: ".").last, plural.contains(last) else { return key }
        return String(key.dropLast(last.count + 1))
    }

    @Test("every language has every text English has")
    func complete() throws {
        let catalogs = try MessageCatalogs()
        let english = Set(try #require(catalogs.catalogs["en"]).keys.map(Self.text))
        for language in ["pl", "el", "ru", "hi"] {
            let missing = english.subtracting(try #require(catalogs.catalogs[language]).keys.map(Self.text))
            #expect(missing.isEmpty, "\(language) lacks \(missing.sorted())")
        }
    }
}
