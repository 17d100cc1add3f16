import ParleyCore
import Testing

/// An article becomes the passages an answer quotes, readable without Markdown.
@Suite("Markdown passages")
struct MarkdownPassagesTests {
    @Test("paragraphs and whole lists under their heading, Markdown marks gone")
    func split() {
        let passages = MarkdownPassages.split(
            """
            Intro with **bold**, _stress_, `code` and a [link](https://example.com/a).

            ## Returns ##
            1. Pack it.
            2. Print the \\*label\\*.

            > Quoted ![photo](a.png) tip.
            ---
            * one
            * two
            """)
        #expect(
            passages == [
                MarkdownPassage(heading: nil, text: "Intro with bold, stress, code and a link."),
                MarkdownPassage(heading: "Returns", text: "1. Pack it.\n2. Print the *label*."),
                MarkdownPassage(heading: "Returns", text: "Quoted tip."),
                MarkdownPassage(heading: "Returns", text: "- one\n- two"),
            ])
    }

    @Test("code blocks stay as written; Windows line ends are line ends")
    func code() {
        #expect(MarkdownPassages.split("```\nlet x = *y*\n```") == [MarkdownPassage(heading: nil, text: "let x = *y*")])
        #expect(MarkdownPassages.split("a\r\n\r\nb").map(\.text) == ["a", "b"])
    }
}
