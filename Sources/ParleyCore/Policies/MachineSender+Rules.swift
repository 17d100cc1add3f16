import Foundation

extension MachineSender {
    /// One message's envelope and headers, lower-cased once, with the rules of ``MachineSender`` as
    /// questions on it.
    struct Facts {
        private let returnPath: String?
        private let fromLocalPart: String?
        /// Header names lower-cased; values as they came (`values` trims them), case kept.
        private let headers: [(name: String, value: String)]
        private let contentType: String

        init(returnPath: String?, from: String?, headers: [(name: String, value: String)], contentType: String?) {
            self.returnPath = returnPath.map(Self.addrSpec)
            self.fromLocalPart = from.map { Self.localPart(of: Self.addrSpec($0)) }
            // Values are trimmed when a rule asks for them: most are never read, and some (Received,
            // DKIM-Signature) are long.
            self.headers = headers.map { (Self.name($0.name), $0.value) }
            self.contentType = (contentType ?? headers.first { $0.name.lowercased() == "content-type" }?.value ?? "").lowercased()
        }

        var isBounce: Bool {
            if let returnPath, returnPath.isEmpty { return true }
            let daemons: Set<String> = ["mailer-daemon", "postmaster"]
            if let returnPath, daemons.contains(Self.localPart(of: returnPath)) { return true }
            if let fromLocalPart, daemons.contains(fromLocalPart) { return true }
            return isReport(of: "delivery-status")
        }

        var isTicketingSystem: Bool {
            let prefixes = ["x-zendesk-", "x-freshdesk-", "x-otrs-", "x-helpscout-", "x-chatwoot-", "x-gorgias-", "x-zammad-", "x-parley-"]
            return headers.contains { header in
                header.name == "rt-ticket" || header.name == "x-jira-fingerprint" || prefixes.contains { header.name.hasPrefix($0) }
            }
        }

        var isMonitoring: Bool {
            let tools = ["nagios", "zabbix", "icinga"]
            if headers.contains(where: { header in header.name == "x-cron-env" || tools.contains { header.name.hasPrefix("x-\($0)") } }) {
                return true
            }
            if values("x-mailer").contains(where: { mailer in tools.contains { mailer.lowercased().contains($0) } }) { return true }
            return fromLocalPart.map { ["root", "cron", "nagios", "zabbix", "icinga"].contains($0) } ?? false
        }

        var isAutoReply: Bool {
            // RFC 3834 §5.1: the keyword may be followed by parameters and comments.
            if values("auto-submitted").contains(where: { Self.keyword($0) != "no" }) { return true }
            if has("x-autoreply") || has("x-autorespond") || has("x-mail-autoreply") { return true }
            if has("x-ms-exchange-inbox-rules-loop") || has("x-ms-exchange-generated-message-source") { return true }
            if precedence.contains("auto_reply") || precedence.contains("auto-reply") { return true }
            let suppressed = values("x-auto-response-suppress").flatMap { $0.lowercased().split(separator: ",").map(\.trimmed) }
            if suppressed.contains(where: { ["all", "oof", "autoreply"].contains($0) }) { return true }
            if isReport(of: "disposition-notification") { return true }
            return values("subject").first.map(Self.isOutOfOfficeSubject) ?? false
        }

        var isList: Bool { has("list-id") || has("list-post") || precedence.contains("list") }

        var isBulk: Bool {
            if precedence.contains("bulk") || precedence.contains("junk") { return true }
            if has("list-unsubscribe") || has("x-mc-user") { return true }
            return headers.contains { $0.name.hasPrefix("x-mailchimp") || $0.name.hasPrefix("x-campaign") }
        }

        var isNoReply: Bool {
            let names: Set<String> = [
                "noreply", "no-reply", "no_reply", "no.reply", "donotreply", "do-not-reply", "do_not_reply", "notifications",
                "notification", "mailer-daemon",
            ]
            guard let fromLocalPart else { return false }
            // RFC 5233 sub-addressing: "noreply+orders" is still noreply.
            let base = fromLocalPart.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return names.contains(base)
        }

        private var precedence: [String] { values("precedence").map { Self.keyword($0) } }

        private func has(_ name: String) -> Bool { headers.contains { $0.name == name } }

        private func values(_ name: String) -> [String] { headers.filter { $0.name == name }.map(\.value.trimmed) }

        /// A header name lower-cased, without the spaces a broken mailer left around it.
        private static func name(_ raw: String) -> String {
            let spaced = raw.utf8.first.map { $0 == 0x20 || $0 == 0x09 } == true || raw.utf8.last.map { $0 == 0x20 || $0 == 0x09 } == true
            return (spaced ? raw.trimmingCharacters(in: .whitespaces) : raw).lowercased()
        }

        /// `multipart/report` with the given `report-type` (RFC 6522 §3), quoted or not.
        private func isReport(of type: String) -> Bool {
            let parts = contentType.split(separator: ";").map(\.trimmed)
            guard parts.first == "multipart/report" else { return false }
            return parts.dropFirst().contains { parameter in
                let pair = parameter.split(separator: "=", maxSplits: 1).map(\.trimmed)
                return pair.count == 2 && pair[0] == "report-type" && pair[1].trimmingCharacters(in: ["\""]) == type
            }
        }

        /// The first word of a structured value, lower-cased: `auto-replied (vacation)` → `auto-replied`.
        private static func keyword(_ value: String) -> String {
            let word = value.prefix { !$0.isWhitespace && $0 != ";" && $0 != "(" }
            return word.lowercased()
        }

        /// The address inside angle brackets, or the whole value: `"Ola" <ola@x.pl>` → `ola@x.pl`.
        private static func addrSpec(_ value: String) -> String {
            var address = value.trimmed
            if let open = address.lastIndex(of: "<"), let close = address[open...].firstIndex(of: ">") {
                address = String(address[address.index(after: open)..<close]).trimmed
            }
            return address.lowercased()
        }

        private static func localPart(of address: String) -> String {
            guard let at = address.lastIndex(of: "@") else { return address }
            return String(address[..<at])
        }

        /// Out-of-office phrases of the common clients, folded; the subject must start with one and
        /// continue with a colon or end there.
        static let outOfOfficePhrases = [
            "automatic reply", "auto reply", "autoreply", "out of office", "out of office autoreply", "out of the office",
            "autosvar", "automatyczna odpowiedź", "αυτόματη απάντηση", "автоматический ответ", "abwesenheitsnotiz",
            "automatische antwort", "réponse automatique", "respuesta automática", "risposta automatica", "automatisch antwoord",
            "resposta automática", "automaattinen vastaus", "automatická odpověď", "automatikus válasz", "otomatik yanıt", "自动回复",
            "自動回覆",
        ]

        static func isOutOfOfficeSubject(_ subject: String) -> Bool {
            let folded = subject.precomposedStringWithCompatibilityMapping
                .folding(options: [.caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return outOfOfficePhrases.contains { phrase in
                guard folded.hasPrefix(phrase) else { return false }
                let rest = folded.dropFirst(phrase.count).drop { $0 == " " }
                return rest.isEmpty || rest.first == ":"
            }
        }
    }
}

extension StringProtocol {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
