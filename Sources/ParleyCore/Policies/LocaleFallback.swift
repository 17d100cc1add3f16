import Foundation

/// The order in which a message looks for its template: the customer's exact locale, then its
/// language, then the shop's default (and its language), then English, which Parley always ships.
///
/// ```swift
/// LocaleFallback.chain(for: "pl-PL", shopDefault: "de-AT") // ["pl-PL", "pl", "de-AT", "de", "en"]
/// ```
public enum LocaleFallback {
    public static func chain(for locale: String?, shopDefault: String) -> [String] {
        var chain: [String] = []
        for tag in [locale, shopDefault, "en"].compactMap({ $0 }) {
            let normalized = normalize(tag)
            guard !normalized.isEmpty else { continue }
            var parts = normalized.split(separator: "-").map(String.init)
            while !parts.isEmpty {
                let candidate = parts.joined(separator: "-")
                if !chain.contains(candidate) { chain.append(candidate) }
                parts.removeLast()
            }
        }
        return chain
    }

    /// `pl_pl` → `pl-PL`, `zh-hant-tw` → `zh-Hant-TW`: the BCP 47 casing, so tags compare equal.
    public static func normalize(_ tag: String) -> String {
        let parts = tag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-").split(separator: "-")
        return parts.enumerated().map { index, part in
            if index == 0 { return part.lowercased() }
            if part.count == 4 { return part.prefix(1).uppercased() + part.dropFirst().lowercased() }
            if part.count == 2 { return part.uppercased() }
            return part.lowercased()
        }.joined(separator: "-")
    }
}
