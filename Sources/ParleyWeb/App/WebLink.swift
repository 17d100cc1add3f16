/// A link from outside (a carrier's tracking page, a product's address) that a page may put in an
/// `href`: only http and https, never `javascript:` or `data:`.
enum WebLink {
    static func http(_ url: String?) -> String? {
        guard let url, ["https://", "http://"].contains(where: { url.lowercased().hasPrefix($0) }) else { return nil }
        return url
    }
}
