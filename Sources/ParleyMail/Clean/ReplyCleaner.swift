/// Separates the customer's new words in a reply from the history they quoted and their signature, for mail
/// from Gmail, Outlook (desktop, web, mobile), Apple Mail, iOS and Android mail, Thunderbird, Yahoo, mail.ru and
/// Yandex, in Polish, Greek, Russian, Ukrainian, Hindi, English, German, French, Spanish, Czech and more.
///
/// ```swift
/// let reply = ReplyCleaner.clean(text: mail.text, html: mail.html)
/// ticket.body = reply.text
/// ```
///
/// How a reply is split (the full original is stored elsewhere, so a wrong cut hides words but never loses them):
/// 1. Lines: plain text split at any line end; HTML rendered by `HTMLRenderer`, which also records what the
///    markup says (quote depth, attribution elements, the Outlook separator, signature elements).
/// 2. Kinds (`ReplyLineKind`): quoted lines, forward and "Original Message" separators, Outlook header blocks,
///    quote headers of one to three lines (`QuoteHeader`), and any short dated paragraph ending with a colon
///    right above quoted lines.
/// 3. Walk (`ReplySplitter`): quoted lines are dropped wherever they are, so interleaved and bottom-posted
///    answers stay; a header, Outlook block or forward followed by unquoted text cuts everything below, but
///    only when the customer wrote something above it (a forward with no note is the content).
/// 4. Signature (`SignatureCut`): from `-- ` (or a bare `--` with few lines after it), plus mobile footers as
///    the last lines. Names and greetings are never guessed: a wrong guess hides a sentence.
/// 5. If nothing is left, everything looked quoted, and the whole text is returned instead.
public enum ReplyCleaner {
    /// The reply in a message with a text part `text` and an HTML part `html`. Prefers `text`; uses `html`
    /// when there is no text part or it is only whitespace.
    public static func clean(text: String?, html: String?) -> CleanReply {
        if let text, !text.trimmingSpaces.isEmpty { return clean(plain: text) }
        if let html { return clean(html: html) }
        return CleanReply(text: "")
    }

    /// The reply in a plain-text body: quote headers (1–3 lines), Outlook header blocks and "Original Message"
    /// or "Forwarded message" separators cut when the customer wrote above them, `>` lines dropped anywhere,
    /// then the `-- ` signature and mobile footers moved to `signature`.
    public static func clean(plain: String) -> CleanReply {
        var text = Substring(plain)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // "\r\n" is one Character, so this splits CR LF, LF and CR line ends alike.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map {
            RenderedLine(text: String($0), depth: 0, role: .body)
        }
        return ReplySplitter.split(lines)
    }

    /// The reply in an HTML body. The structure mail programs give a reply is used first: `<blockquote>`
    /// (`type="cite"`, `class="gmail_quote"`, mail.ru's and Yandex's), `div.yahoo_quoted`, Gmail's `gmail_attr`
    /// and Thunderbird's `moz-cite-prefix` headers, Outlook's `#appendonsend`, `#divRplyFwdMsg` and
    /// `border-top:solid #E1E1E1` separators, signature elements; then the text rules of ``clean(plain:)``.
    public static func clean(html: String) -> CleanReply {
        var source = html
        if source.hasPrefix("\u{FEFF}") { source.removeFirst() }
        return ReplySplitter.split(HTMLRenderer.lines(source))
    }
}
