/// What the markup of a mail program says an element is: the quote, the line introducing it, the separator
/// above a quoted Outlook message, or the sender's signature. Class names and styles are the ones each
/// program writes (see `Tests/ParleyMailTests/Fixtures/replies`).
struct MailStructure {
    /// `<blockquote>` (Apple Mail and Thunderbird `type="cite"`, Gmail `class="gmail_quote"`, mail.ru and Yandex
    /// plain or styled) except the `border:none` indent Gmail and Apple Mail use for indenting text, and Yahoo's
    /// `div.yahoo_quoted`.
    let isQuote: Bool
    /// Gmail's `div.gmail_attr` and Thunderbird's `div.moz-cite-prefix`: "On …, Anna wrote:".
    let isAttribution: Bool
    /// Outlook's start of the quoted message: `#appendonsend`, `#divRplyFwdMsg`, the mobile apps' reference
    /// message container, the header box with `border-top:solid #E1E1E1` (or `#B5C4DF`, Outlook 2007–2010),
    /// `<hr style="display:inline-block;width:98%">` and Outlook 2003's `div.OutlookMessageHeader`.
    let isSeparator: Bool
    /// Gmail's `div.gmail_signature`, Thunderbird's `.moz-signature`, Outlook's `#Signature` and
    /// `#ms-outlook-mobile-signature`.
    let isSignature: Bool
    /// `display:none`, which mail programs use for preview text.
    let isHidden: Bool

    init(name: String, attributes: [HTMLAttribute]) {
        guard !attributes.isEmpty else {
            isQuote = name == "blockquote"
            (isAttribution, isSeparator, isSignature, isHidden) = (false, false, false, false)
            return
        }
        let classes = Set((attributes["class"] ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init))
        let id = (attributes["id"] ?? "").lowercased()
        let style = String((attributes["style"] ?? "").lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
        let type = (attributes["type"] ?? "").lowercased()
        let indentOnly = style.contains("border:none") && type != "cite" && !classes.contains("gmail_quote")
        isQuote =
            (name == "blockquote" && !indentOnly) || classes.contains { $0.contains("yahoo_quoted") }
            || id.hasPrefix("yahoo_quoted")
        isAttribution = classes.contains("gmail_attr") || classes.contains("moz-cite-prefix")
        isSeparator =
            Self.separatorIDs.contains(id)
            || classes.contains("ms-outlook-mobile-reference-message") || classes.contains("outlookmessageheader")
            || style.contains("border-top:solid#e1e1e1") || style.contains("border-top:solid#b5c4df")
            || (name == "hr" && style.contains("display:inline-block") && style.contains("width:98%"))
        isSignature =
            classes.contains("gmail_signature") || classes.contains("moz-signature") || id == "signature"
            || id == "ms-outlook-mobile-signature"
        isHidden = style.contains("display:none")
    }

    private static let separatorIDs: Set<String> = ["appendonsend", "divrplyfwdmsg", "mail-editor-reference-message-container"]
}

/// A link's address as the text rendering shows it after the link text: only web and mail addresses,
/// and only when the link text does not already say it.
struct LinkAddress {
    /// The address to show.
    let text: String

    init?(_ href: String) {
        let lowered = href.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:") else { return nil }
        text = href
    }

    /// Whether `shown` is this address already (ignoring the scheme, `mailto:`, `www.` and a trailing slash).
    func isShown(by shown: String) -> Bool {
        Self.comparable(shown) == Self.comparable(text)
    }

    private static func comparable(_ address: String) -> String {
        var value = address.lowercased().trimmingSpaces[...]
        for prefix in ["mailto:", "https://", "http://", "www."] where value.hasPrefix(prefix) { value = value.dropFirst(prefix.count) }
        while value.hasSuffix("/") { value = value.dropLast() }
        return String(value)
    }
}
