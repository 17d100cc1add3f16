import Foundation
import ParleyCore
import Testing

@Suite("snake_case keys on the wire")
struct SnakeCaseKeysTests {
    @Test(
        "Swift names become the keys the API documents, and those keys decode back to the same names",
        arguments: [
            ("publicID", "public_id"), ("trackingURL", "tracking_url"), ("bodyHTML", "body_html"), ("conversationIDs", "conversation_ids"),
            ("providerMessageID", "provider_message_id"), ("dkimDNSRecord", "dkim_dns_record"), ("smsSegments", "sms_segments"),
            ("csrfToken", "csrf_token"), ("upTo", "up_to"), ("id", "id"), ("resolutionPausedSeconds", "resolution_paused_seconds"),
        ])
    func roundTrip(name: String, key: String) {
        #expect(SnakeCaseKeys.snakeCase(name) == key)
        #expect(SnakeCaseKeys.camelCase(key) == name)
    }

    struct Shipment: Codable, Equatable {
        var trackingURL: String
        var orderIDs: [Int]
        var attributes: [String: String]
        var placedAt: Date
    }

    @Test("a value survives the encoder and decoder, and a dictionary's own keys are left as they are")
    func coders() throws {
        let shipment = Shipment(
            trackingURL: "https://track.example/1", orderIDs: [1, 2], attributes: ["UTM_Source": "news", "gift_wrap": "yes"],
            placedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let json = String(decoding: try SnakeCaseKeys.encoder().encode(shipment), as: UTF8.self)
        #expect(
            json == #"{"attributes":{"UTM_Source":"news","gift_wrap":"yes"},"order_ids":[1,2],"placed_at":"2027-01-15T08:00:00Z","#
                + #""tracking_url":"https://track.example/1"}"#)
        let back = try SnakeCaseKeys.decoder(dates: .iso8601).decode(Shipment.self, from: Data(json.utf8))
        #expect(back == shipment)
    }

    @Test("form field names are spelled for Swift, values and brackets untouched")
    func form() {
        #expect(
            SnakeCaseKeys.camelCaseForm("csrf_token=a_b&snooze_until=2026-12-07&tags[]=x_y&ids=1&empty=&lonely")
                == "csrfToken=a_b&snoozeUntil=2026-12-07&tags[]=x_y&ids=1&empty=&lonely")
    }

    /// A stored name such as `trackingUrl` would be written `tracking_url` but read back as
    /// `trackingURL`, so a client's value would be dropped without a word: every source file
    /// spells the known acronyms in capitals.
    @Test("no property in the sources spells a known acronym in lower case")
    func acronymsInCapitals() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources")
            .standardizedFileURL
        let acronyms = SnakeCaseKeys.acronyms.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "|")
        let pattern = try Regex(#"\b(?:let|var)\s+([a-z][A-Za-z0-9]*?(?:"# + acronyms + #")(?:[A-Z][A-Za-z0-9]*)?)\s*[:=]"#)
        var offenders: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                offenders.append("\(file.lastPathComponent): \(match.output[1].substring ?? "")")
            }
        }
        #expect(offenders.isEmpty, "spell these as the acronym in capitals: \(offenders)")
    }
}
