import ParleyCore
import ParleyServices
import Testing

/// The check of a shop's texts alone, without a database: what may be written, and the placeholder
/// suggested for what shops reach for from other platforms.
@Suite("Checking a shop's order-update texts")
struct TemplateIssueTests {
    @Test(
        "placeholders as values, triple or ampersand, with spaces, as sections and inverted sections, and comments are accepted",
        arguments: [
            "{{number}}", "{{{name}}}", "{{& shop }}", "{{#carrier}}with {{carrier}}{{/carrier}}{{^carrier}}by courier{{/carrier}}",
            "{{#trackingPage}}{{#trackingNumber}}{{trackingNumber}}{{/trackingNumber}}{{/trackingPage}}", "{{! note to self }}Hi",
            "No placeholder at all", "",
        ])
    func accepted(text: String) {
        #expect(TemplateIssue.first(in: OrderMessageTexts(body: text)) == nil)
    }

    @Test(
        "an unknown name suggests the placeholder meant",
        arguments: [
            ("orderNumber", "number"), ("order_number", "number"), ("Number", "number"), ("shipment.carrier", "carrier"),
            ("tracking_url", "trackingPage"), ("customer_name", "name"), ("store", "shop"), ("courier", "carrier"),
        ])
    func suggestion(name: String, meant: String) {
        let issue = TemplateIssue.first(in: OrderMessageTexts(subject: "Order {{\(name)}}"))
        #expect(issue == TemplateIssue(field: .subject, kind: .unknownPlaceholder(name, suggestion: meant)))
        #expect(issue?.reason == "unknown placeholder {{\(name)}}; use {{\(meant)}}")
    }

    @Test("a name with nothing like it lists every placeholder")
    func noSuggestion() {
        #expect(
            TemplateIssue.first(in: OrderMessageTexts(sms: "{{weather}}"))?.description
                == "sms: unknown placeholder {{weather}}; use one of {{shop}}, {{number}}, {{name}}, {{carrier}}, {{trackingNumber}}, {{trackingPage}}"
        )
    }

    @Test("sections must close in order; partials and delimiter changes are not for shops")
    func structure() {
        #expect(TemplateIssue.first(in: .init(body: "{{#carrier}}{{#name}}x{{/carrier}}{{/name}}"))?.kind == .unclosedSection("name"))
        #expect(TemplateIssue.first(in: .init(body: "{{=<% %>=}}"))?.kind == .unsupportedTag("{{=<% %>=}}"))
        #expect(TemplateIssue.first(in: .init(body: "{{<base}}{{/base}}"))?.kind == .unsupportedTag("{{<base}}"))
        #expect(TemplateIssue.first(in: .init(subject: "Tab\tis fine", body: "A bell \u{07}"))?.kind == .controlCharacter)
    }
}
