import Foundation
import ParleyMail
import Testing

@Suite("HTMLText: HTML to readable text")
struct HTMLTextTests {
    @Test("named and numeric character references are decoded")
    func entities() {
        #expect(HTMLText.render("Fish &amp; chips &lt;3 &gt; &quot;ok&quot; &apos;x&apos;") == "Fish & chips <3 > \"ok\" 'x'")
        #expect(HTMLText.render("a&nbsp;b &ndash; c &mdash; d&hellip; 5&euro;") == "a b – c — d… 5€")
        #expect(HTMLText.render("&laquo;x&raquo; &bdquo;y&rdquo; &ldquo;z&rdquo; &lsquo;w&rsquo;") == "«x» „y” “z” ‘w’")
        #expect(HTMLText.render("&copy; &reg; &trade; &eacute;&Oacute;&szlig;&ntilde; &alpha;&Omega;&sigmaf;") == "© ® ™ éÓßñ αΩς")
        #expect(HTMLText.render("&#322;&#x105;&#X119; &#150; &#0; &#x110000;") == "łąę – \u{FFFD} \u{FFFD}")
        #expect(HTMLText.render("&copy 2025 &amp x &unknown; & alone &#") == "© 2025 & x &unknown; & alone &#")
        #expect(HTMLText.render("co&shy;operation") == "cooperation")
    }

    @Test("whitespace collapses as in a browser")
    func whitespace() {
        #expect(HTMLText.render("  Hello\n\t  <b>big</b>   world  ") == "Hello big world")
        #expect(HTMLText.render("<p>  one  </p>\n\n   <p> two </p>") == "one\n\ntwo")
        #expect(HTMLText.render("a<br>b<br><br>c<br><br><br><br>d") == "a\nb\n\nc\n\nd")
        #expect(HTMLText.render("<div>a</div><div><br></div><div>b</div>") == "a\n\nb")
        #expect(HTMLText.render("<pre>  keep\n    this</pre>after") == "  keep\n    this\n\nafter")
    }

    @Test("blocks and paragraphs")
    func blocks() {
        #expect(
            HTMLText.render("<h1>Title</h1><p>Para <i>one</i>.</p><p>Para two.</p><div>div</div>")
                == "Title\n\nPara one.\n\nPara two.\n\ndiv")
        #expect(HTMLText.render("<p>unclosed<p>next<div>block") == "unclosed\n\nnext\n\nblock")
    }

    @Test("lists are marked, numbered and nested")
    func lists() {
        #expect(HTMLText.render("<ul><li>one</li><li>two</ul>") == "- one\n- two")
        #expect(HTMLText.render("<ol start=3><li>c<li>d</ol>") == "3. c\n4. d")
        #expect(HTMLText.render("<ul><li>a<ul><li>a1</li></ul></li><li><p>b</p></li></ul>") == "- a\n  - a1\n- b")
    }

    @Test("links show their address when the text does not")
    func links() {
        #expect(HTMLText.render(#"<a href="https://sklep.pl/z/12">zamówienie</a>"#) == "zamówienie (https://sklep.pl/z/12)")
        #expect(HTMLText.render(#"<a href="https://sklep.pl/">sklep.pl</a>"#) == "sklep.pl")
        #expect(HTMLText.render(#"<a href="mailto:a@b.pl">a@b.pl</a>"#) == "a@b.pl")
        #expect(HTMLText.render(##"<a href="javascript:x()">click</a> <a href="#top">top</a>"##) == "click top")
        #expect(HTMLText.render(#"<a href="https://x.example/p"><img src="cid:1"></a>"#) == "")
    }

    @Test("table cells are separated and rows are lines")
    func tables() {
        let html = "<table><tr><th>Produkt</th><th>Ilość</th></tr><tr><td>Koszulka</td><td>2</td></tr><tr><td></td><td>x</td></tr></table>"
        #expect(HTMLText.render(html) == "Produkt | Ilość\nKoszulka | 2\nx")
    }

    @Test("script, style, head, title and comments are dropped")
    func hidden() {
        let html = """
            <html><head><title>T</title><style>p{color:red}</style><script>var a = "<p>x</p>";</script></head>
            <body><!-- comment <p>no</p> --><p>Shown</p><div style="display: none">preview</div><![CDATA[x]]></body></html>
            """
        #expect(HTMLText.render(html) == "Shown")
        #expect(HTMLText.render("<p>a</p><!--[if mso]><p>outlook only</p><![endif]--><p>b</p>") == "a\n\nb")
    }

    @Test("nested blockquotes are marked per level")
    func blockquotes() {
        let html = "<p>New</p><blockquote type=cite>Old<blockquote>Older</blockquote>Old again</blockquote>"
        #expect(HTMLText.render(html) == "New\n\n> Old\n>\n> > Older\n>\n> Old again")
    }

    @Test("malformed markup and < in text")
    func malformed() {
        #expect(HTMLText.render("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2")
        #expect(HTMLText.render("<b>bold <i>both</b> italic</i>") == "bold both italic")
        #expect(HTMLText.render("x <a href='https://a.example' title=\"t>\" >y</a") == "x y (https://a.example)")
        #expect(HTMLText.render("</>text</ 3><?php x ?>") == "text")
        #expect(HTMLText.render("<p title=unclosed") == "")
    }

    // Speed is measured by the benchmark, not asserted here: this checks that large and deeply
    // nested documents come through whole.
    @Test("a megabyte of HTML and pathological nesting render completely")
    func large() {
        let chunk =
            "<div class=\"x\"><p>Zamówienie &amp; <b>dostawa</b> <a href=\"https://s.example/\(1)\">link</a></p><ul><li>a</li></ul></div>"
        let html = String(repeating: chunk, count: 1_000_000 / chunk.utf8.count)
        let pathological =
            String(repeating: "<div>", count: 100_000) + String(repeating: "</span>", count: 100_000)
            + String(repeating: "<li><ul>", count: 20_000) + "<!--" + String(repeating: "-", count: 200_000)
        let rendered = HTMLText.render(html)
        #expect(rendered.hasPrefix("Zamówienie & dostawa link (https://s.example/1)"))
        #expect(rendered.components(separatedBy: "Zamówienie").count - 1 == 1_000_000 / chunk.utf8.count)
        #expect(HTMLText.render(String(repeating: "<div>", count: 100_000) + "<p>end</p>" + pathological) == "end")
    }
}
