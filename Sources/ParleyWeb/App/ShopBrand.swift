import Foundation
import ParleyCore

/// How a shop looks on its public pages (help, contact form, tracking): its name, its logo and its
/// colour, with a text colour on it that is always readable.
struct ShopBrand {
    let name: String
    let home: String
    let logo: String?
    /// `#rrggbb`, or nil for Parley's neutral header.
    let color: String?
    /// Black or white, whichever contrasts more with `color` (at least 4.5:1 for any colour).
    let onColor: String

    init(shop: Shop, settings: [String: String], publicURL: String, home: String) {
        name = shop.name
        self.home = home
        let logo = settings[.brandLogoURL] ?? ""
        // The uploaded logo is served here; another address only over HTTPS, as the page's policy allows.
        self.logo =
            logo.hasPrefix(publicURL + "/brand/") ? String(logo.dropFirst(publicURL.count)) : logo.hasPrefix("https://") ? logo : nil
        let color = settings[.brandColor].flatMap(Self.rgb)
        self.color = color.map { _ in settings[.brandColor] ?? "" }
        onColor = color.map { Self.contrast($0, with: 1) >= Self.contrast($0, with: 0) ? "#ffffff" : "#000000" } ?? "#ffffff"
    }

    /// The relative luminance of `#rrggbb` (WCAG 2), nil for anything else: the colour goes into a
    /// style attribute, so nothing but six hex digits may.
    static func rgb(_ hex: String) -> Double? {
        guard hex.count == 7, hex.first == "#", hex.dropFirst().allSatisfy(\.isHexDigit), let value = Int(hex.dropFirst(), radix: 16)
        else { return nil }
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { channel -> Double in
            let c = Double(channel) / 255
            return c <= 0.039_28 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }

    /// The WCAG contrast ratio of two luminances.
    static func contrast(_ left: Double, with right: Double) -> Double {
        (max(left, right) + 0.05) / (min(left, right) + 0.05)
    }
}
