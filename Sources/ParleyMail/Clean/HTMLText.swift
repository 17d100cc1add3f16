/// Readable plain text from HTML, laid out as a browser shows it.
///
/// ```swift
/// HTMLText.render("<p>Dzień dobry,</p><ul><li>2 × koszulka</li></ul><a href=\"https://sklep.pl/z/12\">zamówienie</a>")
/// // "Dzień dobry,\n\n- 2 × koszulka\n\nzamówienie (https://sklep.pl/z/12)"
/// ```
public enum HTMLText {
    /// Readable plain text from HTML: block elements on their own lines, `<br>` as a line break, a blank line
    /// around paragraphs, list items as `- ` or `1. `, links as `text (url)` when the text is not the address,
    /// table cells separated by ` | `, quotes (`<blockquote>`) marked with `> `; `<script>`, `<style>`, `<head>`
    /// contents and comments dropped; character references decoded; whitespace collapsed as a browser does,
    /// at most one blank line in a row and none at the start or end. Lines end with `\n`.
    public static func render(_ html: String) -> String {
        HTMLRenderer.lines(html).map(\.display).joined(separator: "\n")
    }
}
