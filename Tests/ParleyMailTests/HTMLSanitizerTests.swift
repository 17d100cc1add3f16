import ParleyMail
import Testing

@Suite("HTMLSanitizer: safe HTML for the agent app")
struct HTMLSanitizerTests {
    /// Filter-evasion vectors in the style of the OWASP XSS Filter Evasion Cheat Sheet.
    static let vectors = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<img src=`javascript:alert(1)`>",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
        "<a href=\" &#14;  javascript:alert(1)\">x</a>",
        "<a href=\"java\u{0}script:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<svg/onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<iframe src=javascript:alert(1)>",
        "<math><mi//xlink:href=\"data:x,<script>alert(4)</script>\">",
        "<style>@import 'https://xss.example/xss.css';</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<!--[if IE]><script>alert(1)</script><![endif]-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<BODY ONLOAD=alert('XSS')>",
        "<body onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object><embed src=javascript:alert(1)>",
        "<form action=javascript:alert(1)><input type=submit onfocus=alert(1) autofocus></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1);\"><base href=\"javascript:alert(1)//\"><link rel=stylesheet href=\"javascript:alert(1)\">",
        "<a href=\"https://ok.example\" onmouseover=\"alert(1)\" ONCLICK=alert(1) style=\"x\">ok</a>",
        "<p title=\"x\" onclick=alert(1)>p</p>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<table background=\"javascript:alert(1)\"><tr><td onmouseover=alert(1)>c</td></tr></table>",
        "<img src=\"https://ok.example/a.png\" alt=\"\" onerror=\"alert(1)\" /><img\nsrc=x\nonerror=alert(1)>",
        "<a href=\"https://ok.example\"title=\"x\"onclick=\"alert(1)\">joined</a>",
        "<template><script>alert(1)</script></template><xmp><script>alert(1)</script></xmp>",
        "<img src=\"cid:logo@shop\" onload=alert(1)>",
        "\"><script>alert(1)</script>",
        "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    ]

    @Test("filter-evasion vectors leave nothing that runs", arguments: vectors)
    func vector(_ html: String) {
        let output = HTMLSanitizer.sanitize(html)
        let lowered = output.lowercased()
        #expect(!lowered.contains("<script"))
        #expect(!lowered.contains("javascript:") && !lowered.contains("vbscript:") && !lowered.contains("data:"))
        for tag in Self.tags(in: output) {
            #expect(Self.allowedTags.contains(tag.name), "unexpected element \(tag.name) in \(output)")
            for attribute in tag.attributes {
                #expect(Self.allowedAttributes.contains(attribute), "unexpected attribute \(attribute) in \(output)")
            }
        }
        #expect(Self.isBalanced(output), "not well formed: \(output)")
    }

    @Test("text of dropped elements is gone; text of unknown elements stays, escaped")
    func readable() {
        #expect(HTMLSanitizer.sanitize("<p>Hi<script>steal()</script><style>p{}</style> there</p>") == "<p>Hi there</p>")
        #expect(HTMLSanitizer.sanitize("<custom-tag>kept</custom-tag> <blink>too</blink>") == "kept too")
        #expect(HTMLSanitizer.sanitize("1 < 2 & 3 > 2") == "1 &lt; 2 &amp; 3 &gt; 2")
        #expect(HTMLSanitizer.sanitize("<scr<script>ipt>alert(1)</scr</script>ipt>") == "ipt&gt;alert(1)ipt&gt;")
        #expect(HTMLSanitizer.sanitize("<a href=\"javascript:alert(1)\">Click</a>") == "Click")
    }

    @Test("benign mail HTML keeps its structure")
    func benign() {
        let html = """
            <div dir="ltr" style="font-family:Arial"><P>Dzień <B>dobry</B>,<BR>proszę o <font color=red>zwrot</font>.</P>\
            <ul><li>koszulka<li>spodnie</ul><table border=1><tr><td colspan="2" width=100>Suma</td><td>99,00 zł</td></tr></table>\
            <a href="https://sklep.pl/zamowienia/1043?x=1&amp;y=2" class="btn">Zamówienie</a> <a href="mailto:obsluga@sklep.pl">napisz</a>\
            <img src="https://sklep.pl/logo.png" alt="Logo" width="10"><img src="cid:ii_abc123"><hr><blockquote type="cite">cytat</blockquote></div>
            """
        #expect(
            HTMLSanitizer.sanitize(html) == """
                <div><p>Dzień <b>dobry</b>,<br />proszę o <span>zwrot</span>.</p>\
                <ul><li>koszulka</li><li>spodnie</li></ul><table><tr><td colspan="2">Suma</td><td>99,00 zł</td></tr></table>\
                <a href="https://sklep.pl/zamowienia/1043?x&#61;1&amp;y&#61;2" rel="noopener noreferrer nofollow" target="_blank">Zamówienie</a> \
                <a href="mailto:obsluga@sklep.pl" rel="noopener noreferrer nofollow" target="_blank">napisz</a>\
                <img src="https://sklep.pl/logo.png" alt="Logo" /><img src="cid:ii_abc123" /><hr /><blockquote>cytat</blockquote></div>
                """)
    }

    @Test("unclosed and misnested tags are closed in order")
    func wellFormed() {
        #expect(HTMLSanitizer.sanitize("<div><p><b>bold <i>both</b> italic") == "<div><p><b>bold <i>both</i></b> italic</p></div>")
        #expect(HTMLSanitizer.sanitize("</div></p>text<br/>") == "text<br />")
        #expect(HTMLSanitizer.sanitize("<p>one<p>two") == "<p>one</p><p>two</p>")
    }

    // MARK: A small reader for the sanitizer's own output, which is regular enough to check by hand.

    static let allowedTags: Set<String> = [
        "p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "blockquote", "pre", "code", "ul", "ol", "li", "table", "thead",
        "tbody", "tfoot", "caption", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "hr", "sub", "sup", "small",
        "dl", "dt", "dd",
    ]
    static let allowedAttributes: Set<String> = ["href", "rel", "target", "src", "alt", "title", "colspan", "rowspan"]

    struct Tag {
        var name: String
        var attributes: [String]
        var isEnd: Bool
        var isVoid: Bool
    }

    /// The tags in `html`. The sanitizer writes every attribute as `name="value"` and escapes every other `<`,
    /// `>` and `"`, so splitting at `<` and reading quoted values is exact for its output.
    static func tags(in html: String) -> [Tag] {
        html.split(separator: "<", omittingEmptySubsequences: false).dropFirst().compactMap { piece in
            guard let close = piece.firstIndex(of: ">") else { return nil }
            var inside = piece[..<close]
            let isEnd = inside.hasPrefix("/")
            if isEnd { inside = inside.dropFirst() }
            let isVoid = inside.hasSuffix(" /")
            let name = inside.prefix { $0 != " " && $0 != "/" }
            var rest = inside.dropFirst(name.count)
            var attributes: [String] = []
            while let equals = rest.firstIndex(of: "=") {
                attributes.append(rest[..<equals].trimmingCharacters(in: " "))
                let value = rest[rest.index(after: equals)...].dropFirst()  // the opening quote
                guard let end = value.firstIndex(of: "\"") else { break }
                rest = value[value.index(after: end)...]
            }
            return Tag(name: String(name), attributes: attributes, isEnd: isEnd, isVoid: isVoid)
        }
    }

    static func isBalanced(_ html: String) -> Bool {
        var stack: [String] = []
        for tag in tags(in: html) where !tag.isVoid {
            if tag.isEnd {
                guard stack.popLast() == tag.name else { return false }
            } else {
                stack.append(tag.name)
            }
        }
        return stack.isEmpty
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
