import ParleyMail
import Testing

@Suite("format=flowed (RFC 3676)")
struct ParseFlowedTests {
    private func flowed(_ text: String, delsp: Bool = false) -> String? {
        mail("Content-Type: text/plain; charset=utf-8; format=flowed\(delsp ? "; delsp=yes" : "")\n\n" + text, lineEnds: "\r\n").text
    }

    @Test("soft breaks join, hard breaks stay")
    func joins() {
        #expect(flowed("This line flows \ninto this one.\nThis one does not.\n") == "This line flows into this one.\nThis one does not.\n")
    }

    @Test("DelSp=yes removes the space that marked the break")
    func delsp() {
        #expect(flowed("Это дли\u{0020}\nнное слово.\n", delsp: true) == "Это длинное слово.\n")
        #expect(flowed("Это дли \nнное слово.\n") == "Это дли нное слово.\n")
    }

    @Test("space-stuffing is removed and the signature separator does not flow")
    func stuffing() {
        #expect(flowed(" From the shop.\n -- \n-- \nJan\n") == "From the shop.\n-- \n-- \nJan\n")
    }

    @Test("quoted flowed lines join within their depth only")
    func quoted() {
        #expect(flowed("> Quoted that \n> flows.\n>> Deeper \n>> too.\nReply.\n") == "> Quoted that flows.\n>> Deeper too.\nReply.\n")
        #expect(flowed("> ends flowed \nnot quoted\n") == "> ends flowed \nnot quoted\n")
    }

    @Test("Thunderbird's flowed message reads as paragraphs")
    func thunderbird() throws {
        let parsed = try MIMEFixture.parse("thunderbird-flowed-rfc2231.eml")
        #expect(
            parsed.text == """
                Hello,

                this paragraph is long enough that Thunderbird wrapped it at seventy-two characters with a trailing space, so it flows back into one line.

                > Quoted text from the shop that also flows.
                >> Deeper quote.

                From the desk of a customer (space-stuffed).
                --\u{20}
                Jan

                """)
    }
}
