/// The page a new support address's confirmation mail links to: the address and the shop it would
/// route to, or why the link no longer works.
struct ConfirmAddressPage {
    var shopName: String?
    var address: String?
    var confirmed = false
    var pending = false
    /// Why the link shows nothing (unknown or already taken), in the page's language.
    var problem: String?
}
