import Foundation
import ParleyCore
import ParleyServices

/// The "log a call" form, on a conversation and on a customer.
struct PhoneCallForm: Decodable, CSRFProtected {
    let csrfToken: String?
    let direction: String?
    let minutes: String?
    let outcome: String?
    let note: String?

    /// The call it describes, or why it cannot be read.
    func call() throws -> PhoneCall {
        guard let direction = direction.flatMap(PhoneCall.Direction.init(rawValue:)) else {
            throw InvalidInput(field: "direction", reason: "must be inbound or outbound")
        }
        guard let outcome = outcome.flatMap(PhoneCall.Outcome.init(rawValue:)) else {
            throw InvalidInput(field: "outcome", reason: "must be one of answered, voicemail, no_answer, busy, callback_requested")
        }
        // Digits in any script ("४", "٤"), and a decimal comma.
        let text = String(
            String.UnicodeScalarView(
                (minutes ?? "").trimmingCharacters(in: .whitespaces).unicodeScalars.map { scalar -> Unicode.Scalar in
                    if scalar == "," { return "." }
                    guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
                        let ascii = Unicode.Scalar(UInt32(48 + Int(value)))
                    else { return scalar }
                    return ascii
                }))
        guard let minutes = text.isEmpty ? 0 : Double(text), minutes >= 0, minutes <= 24 * 60 else {
            throw InvalidInput(field: "minutes", reason: "\(text) is not a number of minutes")
        }
        return PhoneCall(direction: direction, durationSeconds: Int((minutes * 60).rounded()), outcome: outcome)
    }

    /// The options of the form's selects, in the agent's language.
    struct Options {

        let directions: [SelectOption]
        let outcomes: [SelectOption]

        init(texts: Texts) {
            directions = PhoneCall.Direction.allCases.map {
                SelectOption(value: $0.rawValue, label: texts["app.calls.directions.\($0.rawValue)"], selected: false)
            }
            outcomes = PhoneCall.Outcome.allCases.map {
                SelectOption(value: $0.rawValue, label: texts["app.calls.outcomes.\($0.rawValue)"], selected: false)
            }
        }
    }
}
