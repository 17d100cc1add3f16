/// What the HTML tools need to know about element names.
enum HTMLElements {
    /// Elements that never have contents or an end tag.
    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    ]

    /// Elements whose contents are never shown as text.
    static let hidden: Set<String> = [
        "script", "style", "title", "template", "iframe", "object", "applet", "noembed", "noframes", "frameset", "svg", "math",
    ]

    /// Elements that start and end a line.
    static let block: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot",
        "thead", "tr", "ul", "xmp", "plaintext",
    ]

    /// Block elements with a margin, shown as a blank line before and after.
    static let paragraph: Set<String> = [
        "blockquote", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p", "pre", "ul", "xmp", "plaintext",
    ]

    /// Start tags that close an open `<p>`, as in the HTML5 tree builder.
    static let closesParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu",
        "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
    ]

    // The elements implied end tags look for, innermost first.
    static let paragraphScope: Set<String> = ["p", "table", "td", "th", "li"]
    static let listScope: Set<String> = ["li", "ul", "ol"]
    static let definitionScope: Set<String> = ["dt", "dd", "dl"]
    static let tableScope: Set<String> = ["td", "th", "tr", "table"]
}
