import Foundation
import ParleyCore
import Testing

/// Every setting has a type checked on write; none that ends up in a header or URL may hold a line break.
@Suite("Shop setting kinds")
struct ShopSettingKindsTests {
    static func problem(_ key: String, _ value: String) -> String? {
        ShopSetting.named(key)?.problem(with: value)
    }

    @Test("a line break or control character is refused in every one-line setting", arguments: ShopSetting.catalog)
    func noLineBreaks(setting: ShopSetting) {
        guard setting.kind != .paragraph && setting.kind != .privateKey else { return }
        for sneaky in ["Kubki <sklep@kubki.example>\r\nBcc: all@evil.example", "a\nb", "a\u{0}b", "a\u{2028}b", "ab\u{85}"] {
            #expect(setting.problem(with: sneaky)?.contains("one line") == true, "\(setting.key) took \(sneaky.debugDescription)")
        }
    }

    @Test("values of the right shape are taken")
    func accepted() {
        let good: [(String, String)] = [
            ("name", "Kubki Zofii"), ("brand.signature", "Pozdrawiamy,\nZespół Kubki"), ("support.phone", "+48 (22) 123-45-67"),
            ("inbox.acknowledge", "off"), ("dkim.domain", "kubki.example"), ("dkim.domain", "κούπες.example"),
            ("dkim.selector", "parley2026"), ("sms.provider", "kannel"), ("sms.from", "+48601234567"), ("sms.from", "Kubki"),
            ("email.smtp_url", "smtps://user:p%40ss@mail.kubki.example:465"), ("brand.color", "#3246d3"),
            ("sms.url", "https://api.twilio.com"), ("shopify.webhook_secret", "shpss_9c1e0f6b2d4a"),
        ]
        for (key, value) in good { #expect(Self.problem(key, value) == nil, "\(key)=\(value): \(Self.problem(key, value) ?? "")") }
    }

    @Test("values of the wrong shape are refused with the reason")
    func refused() {
        let bad: [(String, String, String)] = [
            ("inbox.acknowledge", "yes", "none of on, off"), ("sms.provider", "nexmo", "none of twilio, kannel, webhook"),
            ("dkim.domain", "localhost", "domain name"), ("dkim.domain", "kubki..example", "domain name"),
            ("dkim.selector", "sel ector", "DKIM selector"), ("support.phone", "call us", "phone number"),
            ("sms.from", "Kubki Sklep Online", "1 to 11 letters"), ("sms.from", "+48 601", "international number"),
            ("email.smtp_url", "http://mail.example", "smtp://"), ("name", String(repeating: "x", count: 201), "longer than 200"),
            ("name", " Kubki", "space"), ("shopify.webhook_secret", "short", "shorter than 8"),
        ]
        for (key, value, reason) in bad {
            #expect(Self.problem(key, value)?.contains(reason) == true, "\(key)=\(value): \(Self.problem(key, value) ?? "taken")")
        }
    }

    @Test("secrets are masked when shown")
    func masked() {
        for key in ["email.smtp_url", "dkim.private_key", "sms.secret", "woocommerce.webhook_secret"] {
            #expect(ShopSetting.named(key)?.isSecret == true)
            #expect(ShopSetting.named(key)?.displayed("smtps://u:secret@host") == "…host")
        }
        #expect(ShopSetting.named("email.from")?.isSecret == false)
    }
}

extension ShopSetting: CustomTestStringConvertible {
    public var testDescription: String { key }
}
