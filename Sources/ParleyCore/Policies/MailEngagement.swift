import Foundation

/// Whether an open (the email's pixel fetched) or a click (a tracked link followed) was a person's.
///
/// Much of both is machines: Apple Mail Privacy Protection fetches every image of every email as it
/// arrives, whether anyone reads it; security gateways (Microsoft Defender, Mimecast, Proofpoint,
/// Barracuda) follow every link within seconds of delivery to scan what is behind it. Counting
/// those would report a campaign nobody read as a success. A fetch is a machine's when its user
/// agent says so, when it is a HEAD, or when it comes sooner after sending than a person could act.
/// Machine opens are kept apart and shown as such ("may be a privacy proxy"); machine clicks are
/// not counted as clicks at all. Nothing here reads a clock.
public enum MailEngagement {
    public enum Kind: String, Sendable, CaseIterable {
        case open
        case click
        /// The recipient marked it as spam (a feedback-loop report).
        case complaint
    }

    public enum Source: String, Sendable, Equatable {
        case person
        /// A mail provider's image proxy that fetches on arrival (Apple's), not on reading.
        case privacyProxy = "privacy_proxy"
        /// A security gateway, a link preview, a crawler or a script.
        case scanner
        /// Sooner after sending than a person opens and reads an email.
        case tooSoon = "too_soon"
    }

    /// Sooner than this after an email left, an open or a click is a machine's: delivery, a scan and
    /// a person opening it take longer than that.
    public static let personDelay: TimeInterval = 10

    /// Who fetched: `userAgent` as sent (nil when absent), `head` for a HEAD request, `sinceSent` the
    /// seconds since the email was handed to the mail server (nil when unknown).
    public static func source(kind: Kind, userAgent: String?, head: Bool, sinceSent: TimeInterval?) -> Source {
        let agent = userAgent?.trimmingCharacters(in: .whitespaces) ?? ""
        if head || agent.isEmpty { return .scanner }
        let lowered = agent.lowercased()
        if scannerMarks.contains(where: { lowered.contains($0) }) { return .scanner }
        // Apple's proxy announces itself as nothing but this; no browser or mail program does.
        if agent == "Mozilla/5.0" || lowered.contains("yahoomailproxy") { return .privacyProxy }
        if let sinceSent, sinceSent < personDelay { return .tooSoon }
        return .person
    }

    /// Words in the user agents of programs that fetch links and images on nobody's behalf. Not
    /// Outlook's "Microsoft Office/16.0": that is a person opening the email, and Gmail's
    /// GoogleImageProxy fetches when the email is opened, so both count.
    static let scannerMarks = [
        "bot", "spider", "crawl", "scan", "preview", "headless", "python", "curl", "wget", "go-http-client", "java/", "okhttp",
        "libwww", "httpclient", "axios", "node-fetch", "barracuda", "mimecast", "proofpoint", "safelinks", "facebookexternalhit", "slack",
        "whatsapp", "telegram", "discord", "skype", "linkedin",
    ]
}
