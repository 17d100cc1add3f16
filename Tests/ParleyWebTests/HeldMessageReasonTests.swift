import Foundation
import ParleyCore
import Testing

@testable import ParleyWeb

/// Why the marketing budget holds a message, as the customer panel says it in the agent's language.
@Suite("Held messages in the customer panel")
struct HeldMessageReasonTests {
    @Test(
        "each reason reads as a phrase in the agent's language, with the limit and its period",
        arguments: [
            ("pl", ContactPressure.Reason.cap(.init(2, per: .day)), "limit sklepu: 2 na dzień"),
            ("en", .chosenFrequency(.init(1, per: .week)), "the customer wants at most 1 a week"),
            ("hi", .quietHours, "ग्राहक के समय क्षेत्र में रात"),
            ("ru", .supportConversationOpen, "идёт обращение в поддержку"),
            ("el", .paused, "ο πελάτης έκανε παύση στο μάρκετινγκ"),
        ])
    func phrase(language: String, reason: ContactPressure.Reason, expected: String) throws {
        let localizer = try #require(TimelineSentenceTests.localizer)
        #expect(CustomerPanelModel.reason(reason, texts: localizer.texts(language)) == expected)
    }

    @Test("every reason has its phrase in every language")
    func complete() throws {
        let localizer = try #require(TimelineSentenceTests.localizer)
        let reasons: [ContactPressure.Reason] = [
            .noMarketingConsent, .paused, .supportConversationOpen, .recentOrderUpdate, .minimumGap, .cap(.init(3, per: .month)),
            .chosenFrequency(.init(1, per: .month)), .quietHours,
        ]
        for language in ["en", "pl", "el", "ru", "hi"] {
            for reason in reasons {
                let phrase = CustomerPanelModel.reason(reason, texts: localizer.texts(language))
                #expect(!phrase.hasPrefix("app.") && !phrase.contains("{"), "\(language) \(reason.code): \(phrase)")
            }
        }
    }
}
