/// Why a contact form was not taken, for the form to say next to the field.
public enum ContactFormError: Error, Equatable {
    public enum Field: String, Sendable, CaseIterable {
        case name, email, order, message
    }

    public enum Problem: String, Sendable {
        case missing, invalid, tooLong
    }

    /// What is wrong with which fields, in the form's order.
    case invalid([Field: Problem])
    /// The form was open longer than a day: the customer sends it again from a fresh one.
    case expired
}
