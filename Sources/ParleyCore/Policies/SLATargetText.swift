import Foundation

/// An SLA target as a shop setting writes it: one duration for every conversation, or a default and
/// durations for some priorities, `8h; urgent 1h; high 4h`. A priority without its own duration and
/// without a default is not tracked: `urgent 1h` tracks urgent conversations only.
public enum SLATargetText {
    /// The target for `priority` in seconds; nil when it has none or the text cannot be read.
    public static func seconds(_ text: String, priority: ConversationPriority) -> Int? {
        guard let targets = try? parse(text) else { return nil }
        return targets.byPriority[priority] ?? targets.default
    }

    /// Why `text` is not a target, or nil when it is one.
    public static func problem(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.reason
        }
    }

    private static func parse(_ text: String) throws(SettingTextError) -> (default: Int?, byPriority: [ConversationPriority: Int]) {
        var fallback: Int?
        var byPriority: [ConversationPriority: Int] = [:]
        for part in text.split(separator: ";") {
            let words = part.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
            switch words.count {
            case 1:
                guard fallback == nil, let seconds = DurationText.seconds(words[0]) else { throw unreadable(part) }
                fallback = seconds
            case 2:
                guard let priority = ConversationPriority(rawValue: words[0]), byPriority[priority] == nil,
                    let seconds = DurationText.seconds(words[1])
                else { throw unreadable(part) }
                byPriority[priority] = seconds
            default:
                throw unreadable(part)
            }
        }
        guard fallback != nil || !byPriority.isEmpty else { throw unreadable(Substring(text)) }
        return (fallback, byPriority)
    }

    private static func unreadable(_ part: Substring) -> SettingTextError {
        SettingTextError(
            reason: "has \"\(part.trimmingCharacters(in: .whitespaces))\", not a duration such as 4h or 8h; urgent 1h; high 4h")
    }
}
