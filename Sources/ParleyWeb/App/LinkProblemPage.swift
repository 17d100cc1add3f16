/// A public page that only says a signed link does not work, without saying why: a wrong shop,
/// customer or signature look alike, so the page tells nothing about who exists.
struct LinkProblemPage {
    let title: String
    let text: String
}
