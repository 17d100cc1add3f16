import ParleyCore
import Testing

@Suite("Subject lines")
struct SubjectLineTests {
    /// Subjects as real mail programs write them, and what threading compares.
    static let normalized: [(String, String)] = [
        ("Gdzie jest moja paczka?", "gdzie jest moja paczka?"),
        ("Re: Gdzie jest moja paczka?", "gdzie jest moja paczka?"),
        ("RE: RE: Re: re: Gdzie jest moja paczka?", "gdzie jest moja paczka?"),
        ("Re:Re:Gdzie", "gdzie"),
        ("RE : Gdzie", "gdzie"),
        ("Re[2]: Gdzie", "gdzie"),
        ("Re(3): Gdzie", "gdzie"),
        ("Re [12] : Gdzie", "gdzie"),
        ("Fwd[2]: Gdzie", "gdzie"),
        ("Fwd: FW: Fw: Gdzie", "gdzie"),
        ("Odp: ODP: Gdzie jest moja paczka?", "gdzie jest moja paczka?"),
        ("PD: Zamówienie 1043", "zamówienie 1043"),
        ("Przekaz: Zamówienie", "zamówienie"),
        ("Przekaż: Zamówienie", "zamówienie"),
        ("AW: WG: Bestellung 1043", "bestellung 1043"),
        ("Antw: Doorst: Bestelling", "bestelling"),
        ("ΑΠ: ΣΧΕΤ: Παραγγελία", "παραγγελία"),
        ("Απ: ΠΡΘ: Παραγγελία", "παραγγελία"),
        ("Ответ: Отв: Заказ", "заказ"),
        ("Пересл: Заказ", "заказ"),
        ("SV: VS: Beställning", "beställning"),
        ("TR: RV: R: Rif: I: Commande", "commande"),
        ("Vá: Továbbítás: Rendelés", "rendelés"),
        ("回复: 转发: 答复: 订单", "订单"),
        ("回复：订单", "订单"),
        ("ＲＥ：Ｇｄｚｉｅ", "gdzie"),
        ("[EXTERNAL] Re: Gdzie", "gdzie"),
        ("Re: [EXTERNAL] Re: Gdzie", "gdzie"),
        ("Re: [PILNE] Kubek", "[pilne] kubek"),
        ("[PILNE] Kubek", "[pilne] kubek"),
        ("[#42] Gdzie", "gdzie"),
        ("Re: [#42] Gdzie", "gdzie"),
        ("AW: [Kubki #42] Gdzie", "gdzie"),
        ("Gdzie [#42] paczka", "gdzie paczka"),
        ("Gdzie paczka (fwd)", "gdzie paczka"),
        ("Gdzie paczka (FWD) (fwd)", "gdzie paczka"),
        ("  Gdzie \t\n  paczka  ", "gdzie paczka"),
        ("Straße", "strasse"),
        ("Re:", ""),
        ("Re: [#42]", ""),
        ("", ""),
        // Not prefixes: no colon, or a longer word.
        ("Re-order of mugs", "re-order of mugs"),
        ("Reklamacja: kubek", "reklamacja: kubek"),
        ("Fwd-facing camera", "fwd-facing camera"),
        ("Ответственный за заказ", "ответственный за заказ"),
        ("Info: Re: order", "info: re: order"),
        ("Ticket #42 broken", "ticket #42 broken"),
        ("[#0] Gdzie", "[#0] gdzie"),
        ("Re[x]: Gdzie", "re[x]: gdzie"),
    ]

    @Test("reply and forward prefixes, tokens, width and case are removed for matching", arguments: normalized)
    func normalizes(subject: String, expected: String) {
        #expect(SubjectLine.normalized(subject) == expected)
        // Normalizing twice changes nothing: stored subjects can be compared with new ones.
        #expect(SubjectLine.normalized(expected) == expected)
    }

    @Test("a reply matches the subject the customer started with")
    func replyMatchesOriginal() {
        let original = SubjectLine.normalized("Gdzie jest moja paczka?")
        for reply in ["Re: [#42] Gdzie jest moja paczka?", "AW: Gdzie jest moja PACZKA?", "[EXTERNAL] RE: Gdzie  jest moja paczka?"] {
            #expect(SubjectLine.normalized(reply) == original)
        }
    }

    @Test("any chain of prefixes, gateway tags and tokens before the last prefix reduces to the customer's words")
    func combinations() {
        let prefixes = ["Re:", "RE[2]:", "Fwd:", "AW:", "Odp:", "ΑΠ:", "Отв:", "回复：", "SV:"]
        let anything = prefixes + ["[EXTERNAL]", "[#42]", "[Kubki #7]", ""]
        let bodies = ["Gdzie jest moja paczka?", "Re-order of mugs", "[PILNE] kubek", "Ответственный", "Ticket #5"]
        for body in bodies {
            let expected = SubjectLine.normalized(body)
            for first in anything {
                for second in anything {
                    for last in prefixes {
                        let subject = "\(first) \(second)\(last) \(body)"
                        #expect(SubjectLine.normalized(subject) == expected, "\(subject)")
                        let written = SubjectLine.withTicketToken(subject, number: 99, reply: true)
                        #expect(written == "Re: [#99] " + body, "\(subject)")
                    }
                }
            }
        }
    }

    static let numbers: [(String, Int64?)] = [
        ("Re: [#42] Gdzie paczka?", 42),
        ("[Kubki #42] Gdzie", 42),
        ("[Kubki-PL 7 #42] Gdzie", 42),
        ("[#7] Re: [#42] Gdzie", 42),
        ("Gdzie paczka? [#42]", 42),
        ("［＃４２］ Gdzie", 42),
        ("[#0042] Gdzie", 42),
        ("[#9223372036854775807]", Int64.max),
        ("[#9223372036854775808]", nil),
        ("[#42] and [#99999999999999999999]", 42),
        ("[#0] Gdzie", nil),
        ("[#-1] Gdzie", nil),
        ("[# 42] Gdzie", nil),
        ("[#42 ] Gdzie", nil),
        ("Ticket #42", nil),
        ("#42", nil),
        ("[A very long shop name beyond thirty #42]", nil),
        ("[Shop_name #42]", nil),
        ("Gdzie paczka?", nil),
    ]

    @Test("the ticket number in a subject; the last token wins", arguments: numbers)
    func ticketNumber(subject: String, expected: Int64?) {
        #expect(SubjectLine.ticketNumber(in: subject) == expected)
    }

    static let outgoing: [(String, Int64, Bool, String)] = [
        ("Gdzie jest moja paczka?", 42, false, "[#42] Gdzie jest moja paczka?"),
        ("Gdzie jest moja paczka?", 42, true, "Re: [#42] Gdzie jest moja paczka?"),
        ("Re: AW: [#42] Gdzie jest moja paczka?", 42, true, "Re: [#42] Gdzie jest moja paczka?"),
        ("Re: [#41] Gdzie", 42, false, "[#42] Gdzie"),
        ("[Kubki #41] Odp: Zamówienie", 42, true, "Re: [#42] Zamówienie"),
        ("回复：订单", 7, true, "Re: [#7] 订单"),
        ("[EXTERNAL] RE: Kubek  \t pęknięty (fwd)", 42, false, "[#42] Kubek pęknięty"),
        ("Re: [PILNE] Kubek", 42, false, "[#42] [PILNE] Kubek"),
        ("Re-order of mugs", 42, true, "Re: [#42] Re-order of mugs"),
        ("", 42, false, "[#42]"),
        ("Re:", 42, true, "Re: [#42]"),
    ]

    @Test("outgoing subjects keep the customer's words and carry exactly one token", arguments: outgoing)
    func outgoingSubject(subject: String, number: Int64, reply: Bool, expected: String) {
        let written = SubjectLine.withTicketToken(subject, number: number, reply: reply)
        #expect(written == expected)
        #expect(SubjectLine.ticketNumber(in: written) == number)
        #expect(SubjectLine.normalized(written) == SubjectLine.normalized(subject))
    }
}
