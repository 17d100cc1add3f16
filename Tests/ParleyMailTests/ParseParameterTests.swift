import ParleyMail
import Testing

@Suite("MIME parameters: RFC 2231, RFC 2047 in quotes, and sloppy syntax")
struct ParseParameterTests {
    private func attachmentName(_ headers: String) -> String? {
        mail("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nbody\n--b\n\(headers)\n\nDATA\n--b--\n").attachments.first?.filename
    }

    @Test(
        "file names as mail programs write them",
        arguments: [
            ("Content-Disposition: attachment; filename*=UTF-8''%C5%BC%C3%B3%C5%82w.pdf", "żółw.pdf"),
            ("Content-Disposition: attachment; filename*=iso-8859-2'pl'%BF%F3%B3w.pdf", "żółw.pdf"),
            (
                "Content-Disposition: attachment;\n filename*0*=UTF-8''%D0%A1%D1%87%D1%91%D1%82;\n filename*1*=%20%E2%84%961.pdf",
                "Счёт №1.pdf"
            ),
            ("Content-Disposition: attachment; filename*0=\"long file \"; filename*1=\"name.txt\"", "long file name.txt"),
            ("Content-Disposition: attachment; filename=\"=?UTF-8?B?0YTQvtGC0L4uanBn?=\"", "фото.jpg"),
            ("Content-Type: image/png; name=\"=?windows-1251?Q?=F4=EE=F2=EE.png?=\"", "фото.png"),
            ("Content-Disposition: attachment; filename=my scan.pdf;", "my scan.pdf"),
            ("Content-Disposition: attachment; filename = \"spaced.pdf\" ; size=5", "spaced.pdf"),
            ("Content-Disposition: attachment; filename=\"say \\\"hi\\\".txt\"", "say \"hi\".txt"),
            ("Content-Disposition: attachment; filename=\"first.pdf\"; filename=\"second.pdf\"", "first.pdf"),
            ("Content-Disposition: attachment; filename=\"C:\\\\Users\\\\zofia\\\\faktura.pdf\"", "faktura.pdf"),
            ("Content-Disposition: attachment; filename=\"x.pdf\"; filename*=UTF-8''pe%C5%82ny.pdf", "pełny.pdf"),
            ("Content-Disposition: attachment; filename=\"unterminated.pdf", "unterminated.pdf"),
        ])
    func filenames(headers: String, expected: String) {
        #expect(attachmentName(headers) == expected)
    }

    @Test("a quoted boundary with spaces around the equals sign and a comment on the charset")
    func contentTypeSyntax() {
        let parsed = mail(
            "Content-Type: multipart/alternative ; boundary = \"==b 1==\"\n\n--==b 1==\nContent-Type: text/plain; charset=utf-8 (Unicode)\n\n\u{0141}\n--==b 1==--\n"
        )
        #expect(parsed.text == "Ł")
    }
}
