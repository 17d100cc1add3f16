/// How an SMS text travels and how many messages it costs: GSM-7 when every character is in the
/// GSM 03.38 alphabet (160 per message, 153 per part of a longer one, extension characters such as
/// `€` count twice), otherwise UCS-2 (70, or 67 per part, counted in UTF-16 units so an emoji
/// counts two and is never split between parts).
public struct SMSSegments: Equatable, Sendable {
    public enum Encoding: String, Sendable {
        case gsm7 = "GSM-7"
        case ucs2 = "UCS-2"
    }

    public let encoding: Encoding
    /// How many messages the text is sent as.
    public let count: Int
    /// Septets (GSM-7) or UTF-16 units (UCS-2) used.
    public let units: Int
    /// What still fits into the last message.
    public let remaining: Int

    private static let basic = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
            .unicodeScalars)
    private static let extensionTable = Set("^{}\\[~]|€\u{0C}".unicodeScalars)

    public init(_ text: String) {
        let scalars = text.unicodeScalars
        if scalars.allSatisfy({ Self.basic.contains($0) || Self.extensionTable.contains($0) }) {
            let septets = scalars.map { Self.extensionTable.contains($0) ? 2 : 1 }
            // An extension character's two septets (escape + code) are never split between parts.
            self.init(encoding: .gsm7, widths: septets, single: 160, part: 153)
        } else {
            self.init(encoding: .ucs2, widths: scalars.map { $0.utf16.count }, single: 70, part: 67)
        }
    }

    private init(encoding: Encoding, widths: [Int], single: Int, part: Int) {
        let total = widths.reduce(0, +)
        self.encoding = encoding
        self.units = total
        guard total > single else {
            count = total == 0 ? 0 : 1
            remaining = single - total
            return
        }
        var parts = 1
        var used = 0
        for width in widths {
            if used + width > part {
                parts += 1
                used = 0
            }
            used += width
        }
        count = parts
        remaining = part - used
    }
}
