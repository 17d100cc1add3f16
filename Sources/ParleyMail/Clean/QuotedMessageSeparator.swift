/// Lines that introduce a quoted or forwarded message without quoting it line by line: Outlook's
/// "-----Original Message-----" and "From: / Sent: / To: / Subject:" block (in the languages Parley's
/// customers use), the underscore rule above that block, and "Forwarded message" separators.
enum QuotedMessageSeparator {
    enum Kind: Equatable {
        /// The rest is the message being answered.
        case original
        /// The rest is a forwarded message.
        case forwarded
    }

    /// What separator `line` is, if any. Only decorated lines count (`-----Original Message-----`,
    /// `-------- Forwarded Message --------`, `Begin forwarded message:`), not a sentence mentioning them.
    static func kind(of line: String) -> Kind? {
        let trimmed = line.trimmingSpaces
        guard trimmed.utf8.count <= 160 else { return nil }
        let decorated = trimmed.contains("--") || trimmed.contains("__") || trimmed.contains("==") || trimmed.hasSuffix(":")
        guard decorated else { return nil }
        let core = QuoteHeader.normalized(String(trimmed.trimmingCharacters("-_=*:")))
        if forwarded.contains(core) { return .forwarded }
        if original.contains(core) { return .original }
        return nil
    }

    private static let original: Set<String> = [
        "original message", "ursprüngliche nachricht", "original-nachricht", "wiadomość oryginalna", "oryginalna wiadomość",
        "исходное сообщение", "оригинальное сообщение", "вихідне повідомлення", "оригінальне повідомлення",
        "αρχικό μήνυμα", "message d'origine", "message d’origine", "mensaje original", "původní zpráva", "pôvodná správa",
        "oorspronkelijk bericht", "messaggio originale", "mensagem original", "ursprungligt meddelande", "oprindelig meddelelse",
        "मूल संदेश", "original mail",
    ]

    private static let forwarded: Set<String> = [
        "forwarded message", "forwarded mail", "begin forwarded message", "wiadomość przekazana dalej",
        "przekazana wiadomość", "początek przekazywanej wiadomości", "пересылаемое сообщение", "пересланное сообщение",
        "перенаправленное сообщение", "начало переадресованного сообщения", "переслане повідомлення", "пересланий лист",
        "початок пересланого повідомлення", "προωθημένο μήνυμα", "αρχή προωθημένου μηνύματος", "weitergeleitete nachricht",
        "anfang der weitergeleiteten nachricht", "message transféré", "début du message réexpédié", "mensaje reenviado",
        "inicio del mensaje reenviado", "přeposlaná zpráva", "začátek přeposlané zprávy", "preposlaná správa",
        "doorgestuurd bericht", "messaggio inoltrato", "inizio messaggio inoltrato", "mensagem encaminhada",
        "vidarebefordrat meddelande", "videresendt meddelelse", "अग्रेषित संदेश", "अग्रेषित संदेश प्रारंभ करें",
    ]

    /// Whether an Outlook header block starts at `index`: a header line followed, before a blank line, by
    /// the others, so that the block names the sender, a date and a recipient or subject (any order, any of
    /// the supported languages). Outlook starts with "From:"; Hotmail and Outlook.com with "Date:" and
    /// "Subject:".
    static func isHeaderBlock(_ lines: [String], at index: Int) -> Bool {
        guard index < lines.count, let first = label(of: lines[index]) else { return false }
        var seen: Set<Label> = [first]
        var next = index + 1
        while next < lines.count, next <= index + 10, !lines[next].trimmingSpaces.isEmpty {
            if let found = label(of: lines[next]) { seen.insert(found) }
            next += 1
        }
        return seen.contains(.from) && seen.contains(.date) && (seen.contains(.to) || seen.contains(.subject))
    }

    /// Whether `line` is a rule above a header block: Outlook's underscores, or the dashes a plain-text
    /// rendering of Hotmail's `<hr>` leaves.
    static func isRule(_ line: String) -> Bool {
        let trimmed = line.trimmingSpaces
        return trimmed.utf8.count >= 10 && (trimmed.allSatisfy { $0 == "_" } || trimmed.allSatisfy { $0 == "-" })
    }

    /// What an Outlook header line says.
    enum Label: Hashable {
        case from, date, to, subject
    }

    /// The header label `line` starts with ("From:", "*Von:*", "De :"), if it is one Outlook writes.
    static func label(of line: String) -> Label? {
        let trimmed = line.trimmingSpaces.drop { $0 == "*" }
        guard let colon = trimmed.prefix(32).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let name = QuoteHeader.normalized(String(trimmed[..<colon].filter { $0 != "*" }))
        return labels[name]
    }

    private static let labels: [String: Label] = {
        var table: [String: Label] = [:]
        let groups: [(Label, [String])] = [
            (.from, ["from", "von", "od", "de", "от", "від", "από", "da", "van", "från", "fra", "feladó", "प्रेषक", "से"]),
            (
                .date,
                [
                    "sent", "date", "gesendet", "datum", "wysłano", "wysłane", "data", "отправлено", "дата", "надіслано",
                    "στάλθηκε", "ημερομηνία", "envoyé", "enviado", "enviado el", "fecha", "odesláno", "inviato", "verzonden",
                    "skickat", "sendt", "elküldve", "भेजा गया", "दिनांक",
                ]
            ),
            (
                .to,
                [
                    "to", "an", "do", "кому", "προς", "à", "a", "para", "komu", "aan", "till", "til", "címzett", "प्रति", "को",
                    "cc", "dw", "kopia", "копия", "копія", "κοιν.", "κοιν", "kopie", "cci", "bcc",
                ]
            ),
            (
                .subject,
                [
                    "subject", "betreff", "temat", "тема", "θέμα", "objet", "asunto", "předmět", "oggetto", "onderwerp", "ämne",
                    "emne", "tárgy", "विषय", "assunto",
                ]
            ),
        ]
        for (label, names) in groups {
            for name in names { table[name] = label }
        }
        return table
    }()
}

extension StringProtocol {
    /// Without `characters` and whitespace at either end.
    func trimmingCharacters(_ characters: String) -> Substring {
        let string = Substring(self)
        let strip: (Character) -> Bool = { $0.isWhitespace || characters.contains($0) }
        guard let first = string.firstIndex(where: { !strip($0) }), let last = string.lastIndex(where: { !strip($0) }) else {
            return ""
        }
        return string[first...last]
    }
}
