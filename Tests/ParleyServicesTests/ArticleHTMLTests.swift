import ParleyServices
import Testing

/// Articles are Markdown, and Markdown lets raw HTML through: what reaches a page must be only the
/// safe formatting, whatever an article's author typed.
@Suite("Article HTML: Markdown rendered, then sanitized")
struct ArticleHTMLTests {
    @Test("formatting, lists, tables, links and HTTPS images are kept")
    func formatting() {
        let html = ArticleHTML.render(
            """
            # Returns

            You have **30 days** and *no questions*. See [the form](https://shop.example/returns) or [mail us](mailto:help@shop.example).

            - one
            - two

            | Where | Days |
            |---|---|
            | PL | 1 |

            ![Parcel](https://shop.example/parcel.png)

            > Keep the receipt.
            """)
        #expect(html.contains("<h1>Returns</h1>"))
        #expect(html.contains("<strong>30 days</strong>") && html.contains("<em>no questions</em>"))
        #expect(html.contains(#"<a href="https://shop.example/returns" rel="noopener noreferrer nofollow""#))
        #expect(html.contains(#"href="mailto:help@shop.example""#))
        #expect(html.contains("<ul><li>one</li><li>two</li></ul>"))
        #expect(html.contains("<table>") && html.contains("<th>Where</th>") && html.contains("<td>PL</td>"))
        #expect(html.contains(#"<img src="https://shop.example/parcel.png" alt="Parcel" />"#))
        #expect(html.contains("<blockquote>"))
    }

    @Test(
        "scripts, event handlers, styles, frames and script URLs never get through",
        arguments: [
            "<script>alert(1)</script>Hello", "<img src=x onerror=alert(1)>Hello", "[Hello](javascript:alert(1))",
            "<iframe src=\"https://evil.example\"></iframe>Hello",
            "<p style=\"background:url(javascript:alert(1))\" onclick=\"x()\">Hello</p>",
            "<a href=\"jav&#x09;ascript:alert(1)\">Hello</a>", "![Hello](javascript:alert(1))", "<svg onload=alert(1)><circle/></svg>Hello",
            "<object data=\"x.swf\"></object><embed src=\"x\">Hello", "[Hello](data:text/html;base64,PHNjcmlwdD4=)",
            "<form action=\"https://evil.example\"><input name=p></form>Hello", "<img src=\"http://plain.example/x.png\">Hello",
        ])
    func hostile(markdown: String) {
        let html = ArticleHTML.render(markdown).lowercased()
        for banned in [
            "<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "style=", "<svg", "<object", "<embed", "data:", "<form",
            "<input", "http://",
        ] {
            #expect(!html.contains(banned), "\(markdown) → \(html)")
        }
    }

    @Test("an excerpt is the text of the article's beginning, cut at a word")
    func excerpt() {
        #expect(ArticleHTML.excerpt("# Zwroty\n\nMasz **30 dni** & <b>więcej</b>.") == "Zwroty Masz 30 dni & więcej.")
        let long = ArticleHTML.excerpt(String(repeating: "słowo ", count: 100), length: 20)
        #expect(long == "słowo słowo słowo…")
    }
}
