/// One line of text rendered from HTML, with what the mail structure says about it.
struct RenderedLine: Equatable, Sendable {
    /// What the HTML structure says a line is, before any text rule looks at it.
    enum Role: Equatable, Sendable {
        /// Ordinary content.
        case body
        /// Inside a quote attribution element (`div.gmail_attr`, `div.moz-cite-prefix`).
        case attribution
        /// After an Outlook reply separator (`#appendonsend`, `#divRplyFwdMsg`, the `border-top` header box).
        case afterSeparator
        /// A `-- ` line standing for the start of a signature element (`div.gmail_signature`, `#Signature`).
        case signatureMark
    }

    /// The text, without quote markers; trailing whitespace removed.
    var text: String
    /// How many quotes (`<blockquote>`, `div.yahoo_quoted`) the line is inside.
    var depth: Int
    var role: Role

    /// The line as a reader sees it: `> ` once per quote level.
    var display: String {
        guard depth > 0 else { return text }
        // Past twenty levels the markers stop growing, so pathological nesting cannot blow up the output.
        let marker = String(repeating: "> ", count: min(depth, 20))
        return text.isEmpty ? String(marker.dropLast()) : marker + text
    }
}
