import Foundation
import ParleyCore
import ParleyServices

/// One language's form as the agent typed it: shown instead of what is stored, with its preview
/// (`previewed`) or the reason it cannot be used (`error`).
struct MessageDraft {
    let language: String
    let texts: OrderMessageTexts
    var previewed: OrderMessage?
    var error: (field: OrderMessageTexts.Field?, text: String)?
}
