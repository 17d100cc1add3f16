import Foundation
import ParleyCore

/// A customer's timeline entry in the agent's language: a sentence for its kind
/// (`app.timeline.<kind>`) filled from the entry's data, with a stage, channel or kind of identity
/// in the app's own words. The stored English line is shown for a kind this version has no sentence
/// for, and for an entry written before its data held every value the sentence names.
enum TimelineSentence {
    static func text(_ event: TimelineEvent, texts: Texts) -> String {
        var values = event.data
        let kind = event.kind.rawValue
        var key = "app.timeline." + kind
        if kind == "customer.updated", values["by"] != nil { key = "app.timeline.customer.edited" }
        if kind == "consent.changed" {
            key = "app.timeline.consent." + (values["status"] ?? "")
            // Entries from before consent had purposes were about marketing.
            values["purpose"] = texts["app.timeline.purposes." + (values["purpose"] ?? "marketing")]
        }
        if kind.hasPrefix("order."), kind != TimelineEvent.Kind.orderPlaced.rawValue {
            key = "app.timeline.order.stage"
            values["stage"] = String(kind.dropFirst("order.".count))
        }
        if let stage = values["stage"] { values["stage"] = texts["tracking.stages.\(stage)"] }
        if let channel = values["channel"] { values["channel"] = texts["app.channels.\(channel)"] }
        if values["subject"]?.isEmpty == true { values["subject"] = texts["app.conversation.noSubject"] }
        if let identity = values["kind"] { values["kind"] = texts["app.customer.identities.\(identity)"] }
        let sentence = texts[key]
        guard sentence != key, placeholders(sentence).isSubset(of: values.keys) else { return event.summary }
        return texts.format(key, values)
    }

    /// The `{name}`s a sentence asks for.
    private static func placeholders(_ sentence: String) -> Set<String> {
        var names: Set<String> = []
        var rest = sentence[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
