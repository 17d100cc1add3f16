import Foundation

/// Amounts in a currency's minor unit, as platforms send them in decimal strings.
public enum Currency {
    // ISO 4217 exponents that are not 2; every other code uses 2.
    private static let exponents: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0, "UGX": 0,
        "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0, "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    ]

    /// How many minor units make one major unit: 100 for PLN, 1 for JPY, 1000 for KWD.
    public static func minorUnitsPerMajor(_ code: String) -> Int64 {
        var factor: Int64 = 1
        for _ in 0..<(exponents[code.uppercased()] ?? 2) { factor *= 10 }
        return factor
    }

    /// `"249.99"` in `code` as minor units (`24999`); nil when the text is no amount.
    ///
    /// Parsed as a decimal, never through a binary floating point number, so no grosz is lost.
    public static func minorUnits(_ amount: String, code: String) -> Int64? {
        let trimmed = amount.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
            let decimal = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        var scaled = decimal * Decimal(minorUnitsPerMajor(code))
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .bankers)
        return Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value)
    }

    /// `24999` PLN for Polish readers → `249,99 zł`.
    public static func formatted(_ minor: Int64, code: String, locale: String) -> String {
        let amount = Decimal(minor) / Decimal(minorUnitsPerMajor(code))
        return amount.formatted(.currency(code: code).locale(Locale(identifier: locale)))
    }
}
