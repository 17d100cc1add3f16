import Foundation
import ParleyServices

/// A shop's contact form as its template reads it: the brand, the fields as typed with what is
/// wrong with them, or the thanks once it was sent.
struct ContactFormPage {
    struct Field {
        /// The element's id, which the error summary links to.
        let id: String
        let value: String
        /// What is wrong, in the page's language; nil when nothing is.
        let error: String?
    }

    struct Problem {
        let target: String
        let text: String
    }

    let brand: ShopBrand
    let action: String
    let language: String
    /// Inside another site's frame: no header of its own.
    let embed: Bool
    let token: String
    let name: Field
    let email: Field
    let order: Field
    let message: Field
    let longestMessage: Int
    let problems: [Problem]
    let hasProblems: Bool
    /// A word above the form that is about no single field (the form was open too long).
    let notice: String?
    let sent: Bool
    /// Where "send another message" leads.
    let again: String
}

extension ContactFormPage {
    /// The form with `typed` in its fields and `problems` beside them; the thanks when `sent`.
    init(
        brand: ShopBrand, shopSlug: String, language: String, embed: Bool, token: String, typed: ContactFormSubmission,
        problems: [ContactFormError.Field: ContactFormError.Problem], texts: Texts, notice: String? = nil, sent: Bool = false
    ) {
        let error = { (field: ContactFormError.Field) in
            problems[field].map { problem in
                texts.format(
                    "contactForm.errors.\(field.rawValue).\(problem.rawValue)",
                    ["n": SubmitContactForm.longestMessage.formatted(.number.locale(.init(identifier: language)))])
            }
        }
        let field = { (field: ContactFormError.Field, value: String) in Field(id: "f-\(field.rawValue)", value: value, error: error(field))
        }
        let query = "lang=\(language)" + (embed ? "&embed=1" : "")
        self.init(
            brand: brand, action: "/f/\(shopSlug)", language: language, embed: embed, token: token, name: field(.name, typed.name),
            email: field(.email, typed.email), order: field(.order, typed.order), message: field(.message, typed.message),
            longestMessage: SubmitContactForm.longestMessage,
            problems: ContactFormError.Field.allCases.compactMap { field in
                error(field).map { Problem(target: "f-\(field.rawValue)", text: $0) }
            }, hasProblems: !problems.isEmpty, notice: notice, sent: sent, again: "/f/\(shopSlug)?\(query)")
    }
}
