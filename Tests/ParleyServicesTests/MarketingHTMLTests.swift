import Foundation
import Testing

@testable import ParleyServices

/// A marketing email's text turned into HTML: paragraphs and lines kept, addresses made links
/// without the punctuation around them, everything else escaped.
@Suite("Marketing email HTML")
struct MarketingHTMLTests {
    func render(_ body: String, footer: String = "Unsubscribe: https://help.example/p/x/unsubscribe") throws -> String {
        let html = try MarketingHTML(templates: try MessageCatalogs().resources.appendingPathComponent("templates"))
        return try #require(
            html.render(
                subject: "Ki <b>", body: body, footer: footer, language: "pl", shop: "Kubki & Co", brand: ["color": "#123456"],
                pixel: "https://help.example/e/o/kubki/msg_1/sig", track: { "https://t.example/?u=" + $0 }))
    }

    @Test("addresses become links, through tracking in the text and as they are in the footer")
    func links() throws {
        let html = try render("See https://kubki.example/a, or (https://kubki.example/b). Also <https://kubki.example/c>!")
        #expect(
            html.contains(#"<a href="https://t.example/?u=https://kubki.example/a" style="color:#123456">https://kubki.example/a</a>, or"#))
        #expect(html.contains(#">https://kubki.example/b</a>)."#))
        #expect(html.contains(#"&lt;<a href="https://t.example/?u=https://kubki.example/c""#))
        #expect(html.contains(#"<a href="https://help.example/p/x/unsubscribe" style="color:#666">"#))
        #expect(html.contains(#"<img src="https://help.example/e/o/kubki/msg_1/sig" width="1" height="1" alt="""#))
        #expect(html.contains("<html lang=\"pl\">") && html.contains("<title>Ki &lt;b&gt;</title>") && html.contains("Kubki &amp; Co"))
    }

    @Test("blank lines part paragraphs, single breaks stay breaks, and markup is shown as text")
    func paragraphs() throws {
        let html = try render("Dzień dobry,\n\n- 2 × Kubek\n- 1 × <script>alert(1)</script>\n\n\n\nPozdrawiamy")
        #expect(html.contains("<p style=\"margin:0 0 16px\">Dzień dobry,</p>"))
        #expect(html.contains("- 2 × Kubek<br>- 1 × &lt;script&gt;alert(1)&lt;/script&gt;</p>"))
        #expect(html.contains(">Pozdrawiamy</p>") && !html.contains("<script>"))
    }
}
