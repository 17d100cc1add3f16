/// `/widget-demo/SLUG`: a plain product page holding only the widget's script tag.
struct WidgetSamplePage {
    let shop: String
    let slug: String
    /// The address of `widget.js`.
    let src: String
    /// The tag a shop pastes into its own pages, shown on the page.
    let tag: String
}
