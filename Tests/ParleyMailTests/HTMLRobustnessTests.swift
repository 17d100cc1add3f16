import ParleyMail
import ParleyTestSupport
import Testing

@Suite("HTML tools: any input, no crash, bounded time")
struct HTMLRobustnessTests {
    /// Pieces that exercise every tokenizer state, glued at random into broken documents.
    static let pieces = [
        "<", ">", "</", "<!--", "-->", "<!", "<?", "<![CDATA[", "]]>", "&", "&#", "&#x", "&amp", "&#99999999999;", "\"", "'", "=",
        "<p", "<div class=gmail_quote>", "<blockquote type=cite>", "</blockquote>", "<script>", "</script>", "<style>", "<pre>",
        "<textarea>", "<plaintext>", "<a href=", "https://x.example", "<td>", "<tr>", "<li>", "<ol start=99999999999999999999>",
        "<br/>", "\u{0}", "\r", "\n", " ", "ł", "😀", "\u{FEFF}", "-- ", "> ", "On 3 Mar 2025 10:14, A <a@b> wrote:",
        "<div id=appendonsend>", "<hr style=\"display:inline-block;width:98%\">", "<div class=\"gmail_signature\">",
    ]

    @Test("thousands of random broken documents render, sanitize and clean")
    func randomDocuments() {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<3_000 {
            let count = Int(generator.next() % 40)
            let html = (0..<count).map { _ in Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }.joined()
            let text = HTMLText.render(html)
            #expect(!text.hasPrefix("\n") && !text.hasSuffix("\n"))
            let safe = HTMLSanitizer.sanitize(html)
            #expect(!safe.lowercased().contains("<script"))
            let reply = ReplyCleaner.clean(text: html, html: html)
            #expect(reply.text == reply.text.trimmingSpacesForTest)
        }
    }

    @Test("an attribute cut off by the end of input drops the tag, as a browser does")
    func truncated() {
        #expect(HTMLText.render("ok <a href=\"https://x.example") == "ok")
        #expect(HTMLSanitizer.sanitize("ok <img src='https://x.example/a.png") == "ok ")
        #expect(HTMLText.render("ok <!-- never closed <p>hidden") == "ok")
    }
}

extension String {
    fileprivate var trimmingSpacesForTest: String {
        var result = Substring(self)
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return String(result)
    }
}
