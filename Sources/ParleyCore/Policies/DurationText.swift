/// Durations as shop settings write them: `30m`, `4h`, `2d`, `1h30m`.
public enum DurationText {
    /// Parses a duration setting such as `30m`, `4h`, `2d` or `1h30m`; nil for anything else.
    public static func seconds(_ text: String) -> Int? {
        var total = 0
        var digits = ""
        for character in text.lowercased() where character != " " {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard let value = Int(digits), value <= 100_000 else { return nil }
            switch character {
            case "m": total += value * 60
            case "h": total += value * 3600
            case "d": total += value * 86400
            default: return nil
            }
            digits = ""
        }
        return digits.isEmpty && total > 0 ? total : nil
    }

    /// `seconds` as settings write it, whole days, hours and minutes: `1h`, `1h30m`, `2d`.
    public static func text(_ seconds: Int) -> String {
        let parts = [(seconds / 86400, "d"), (seconds % 86400 / 3600, "h"), (seconds % 3600 / 60, "m")].filter { $0.0 > 0 }
        return parts.isEmpty ? "0m" : parts.map { "\($0.0)\($0.1)" }.joined()
    }
}
