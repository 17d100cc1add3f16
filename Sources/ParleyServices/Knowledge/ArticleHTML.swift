import Foundation
import Ink
import ParleyMail

/// An article's Markdown as HTML that is safe to put into a page.
///
/// Ink passes raw HTML in Markdown through untouched, so its output goes through the same
/// ``HTMLSanitizer`` as the HTML of incoming mail: an article is written by a shop's staff, but a
/// stolen or careless account must not be able to script the help page or the agent app.
///
/// ```swift
/// ArticleHTML.render("**30 days** <script>steal()</script>[x](javascript:alert(1))")
/// // "<p><strong>30 days</strong> x</p>"
/// ```
public enum ArticleHTML {
    public static func render(_ markdown: String) -> String {
        HTMLSanitizer.sanitize(MarkdownParser().html(from: markdown))
    }
}

extension ArticleHTML {
    /// The beginning of an article as plain text, for a list of search results: its first
    /// `length` characters or so, cut at a space.
    public static func excerpt(_ markdown: String, length: Int = 180) -> String {
        let html = render(String(markdown.prefix(length * 8)))
        // Blocks part words; inline elements sit inside them ("<b>more</b>.").
        let text = html.replacingOccurrences(
            of: "</?(p|h[1-6]|li|ul|ol|blockquote|pre|table|tr|td|th|div|br|hr)( [^>]*)?/?>", with: " ", options: .regularExpression
        )
        .replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&amp;", with: "&")
        .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard text.count > length else { return text }
        let cut = text.prefix(length)
        return String(cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut) + "…"
    }
}
