import ParleyMail
import Testing

@Suite("Clean reply: HTML structure")
struct CleanHTMLTests {
    @Test("answers typed between Gmail's split quotes are kept")
    func gmailInterleaved() {
        let html = """
            <div dir="ltr">See my answers below.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 3 Mar 2025 at \
            10:14, Parley Shop &lt;<a href="mailto:s@shop.example">s@shop.example</a>&gt; wrote:<br></div><blockquote class="gmail_quote" \
            style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">Which size?</blockquote><div>XL.</div>\
            <blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">Which colour?</blockquote><div>Green.</div></div>
            """
        let reply = ReplyCleaner.clean(html: html)
        #expect(reply.text == "See my answers below.\n\nXL.\n\nGreen.")
        #expect(reply.quoted?.contains("> Which size?") == true)
    }

    @Test("an attribution in a language the text rules do not know is cut by its class")
    func unknownLanguageAttribution() {
        let html = """
            <div dir="ltr">Asante!</div><div class="gmail_quote"><div class="gmail_attr">Jumatatu, 3 Machi 2025, Duka aliandika:</div>\
            <blockquote class="gmail_quote">Agizo lako limetumwa.</blockquote></div>
            """
        #expect(
            ReplyCleaner.clean(html: html)
                == CleanReply(text: "Asante!", quoted: "Jumatatu, 3 Machi 2025, Duka aliandika:\n\n> Agizo lako limetumwa."))
    }

    @Test("a Gmail forward with a note keeps the note only")
    func gmailForward() {
        let html = """
            <div dir="ltr">Please look at this.<br><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">\
            ---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">DPD</strong> \
            <span dir="auto">&lt;info@dpd.example&gt;</span><br>Date: Mon, 3 Mar 2025 at 10:14<br>Subject: Parcel<br>To: &lt;anna@example.pl&gt;<br>\
            </div><br><br><div>Your parcel was returned.</div></div></div>
            """
        let reply = ReplyCleaner.clean(html: html)
        #expect(reply.text == "Please look at this.")
        #expect(reply.quoted?.hasSuffix("Your parcel was returned.") == true)
    }

    @Test("an Apple Mail forward with nothing above it is kept whole")
    func appleForward() {
        let html = """
            <div dir="ltr"></div><div dir="ltr"><br><div dir="ltr">Begin forwarded message:</div><br><blockquote type="cite">\
            <div dir="ltr"><b>From:</b> DPD &lt;info@dpd.example&gt;<br><b>Date:</b> 3 March 2025 at 10:14:00 CET<br><b>Subject:</b> Parcel\
            <br></div></blockquote><blockquote type="cite"><div dir="ltr">Your parcel was returned.</div></blockquote></div>
            """
        let reply = ReplyCleaner.clean(html: html)
        #expect(reply.text.hasPrefix("Begin forwarded message:"))
        #expect(reply.text.hasSuffix("> Your parcel was returned."))
        #expect(reply.quoted == nil)
    }

    @Test("Gmail's and Apple Mail's indent is not a quote")
    func indentIsNotQuote() {
        let html = """
            <div>Address:</div><blockquote style="margin:0 0 0 40px;border:none;padding:0px"><div>ul. Długa 5</div><div>Kraków</div></blockquote>
            """
        #expect(ReplyCleaner.clean(html: html).text == "Address:\n\nul. Długa 5\nKraków")
    }

    @Test("an Outlook reply with nothing written falls back to the whole text")
    func outlookEmpty() {
        let html = """
            <div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><b>From:</b> Shop<br>\
            <b>Sent:</b> Monday<br><b>To:</b> Anna</div><div>Shipped.</div>
            """
        #expect(ReplyCleaner.clean(html: html).text == "From: Shop\nSent: Monday\nTo: Anna\nShipped.")
    }

    @Test("Outlook 2010 header box and a Thunderbird signature")
    func olderMarkup() {
        let outlook = """
            <p class=MsoNormal>Bitte stornieren.</p><div style='border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0cm 0cm 0cm'>\
            <p class=MsoNormal><b>Von:</b> Shop<br><b>Gesendet:</b> Montag</p></div><p>Alt.</p>
            """
        #expect(ReplyCleaner.clean(html: outlook).text == "Bitte stornieren.")
        let thunderbird = "<p>Danke.</p><pre class=\"moz-signature\" cols=\"72\">-- \nKlaus Meyer\nBerlin</pre>"
        #expect(ReplyCleaner.clean(html: thunderbird) == CleanReply(text: "Danke.", signature: "Klaus Meyer\nBerlin"))
    }
}
