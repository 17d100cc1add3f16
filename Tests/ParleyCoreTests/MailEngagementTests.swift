import Foundation
import ParleyCore
import Testing

/// Who fetched a pixel or followed a link, from the user agents real mail programs, proxies and
/// gateways send.
@Suite("Mail engagement: a person or a machine")
struct MailEngagementTests {
    typealias Source = MailEngagement.Source

    static let cases: [(agent: String?, source: Source)] = [
        ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0", .person),
        ("Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", .person),
        ("Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)", .person),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            .person
        ),
        ("Mozilla/5.0", .privacyProxy),
        ("YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", .privacyProxy),
        ("Mozilla/5.0 (compatible; Barracuda Sentinel (EE))", .scanner),
        ("python-requests/2.32.3", .scanner),
        ("curl/8.5.0", .scanner),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", .scanner),
        ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", .scanner),
        ("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", .scanner),
        ("", .scanner),
        (nil, .scanner),
    ]

    @Test("each user agent is judged as what sends it", arguments: cases.indices)
    func agents(index: Int) {
        let (agent, expected) = Self.cases[index]
        for kind in MailEngagement.Kind.allCases {
            #expect(MailEngagement.source(kind: kind, userAgent: agent, head: false, sinceSent: 3600) == expected, "\(agent ?? "nil")")
        }
    }

    @Test("a person's program is a machine's when it comes within seconds of sending, or asks for the head only")
    func timing() {
        let person = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0"
        #expect(MailEngagement.source(kind: .click, userAgent: person, head: false, sinceSent: 2) == .tooSoon)
        #expect(MailEngagement.source(kind: .click, userAgent: person, head: false, sinceSent: MailEngagement.personDelay) == .person)
        #expect(MailEngagement.source(kind: .open, userAgent: person, head: false, sinceSent: nil) == .person)
        #expect(MailEngagement.source(kind: .click, userAgent: person, head: true, sinceSent: 3600) == .scanner)
        #expect(MailEngagement.source(kind: .open, userAgent: "Mozilla/5.0", head: false, sinceSent: 1) == .privacyProxy)
    }
}
