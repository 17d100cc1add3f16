/// Every Mustache template of the web pages, by file name (`Resources/templates/NAME.mustache`).
///
/// Pages name their template by a case, and `Views` checks at start that each one loads: a missing
/// or broken template stops the server from starting instead of answering with a blank page.
enum PageTemplate: String, CaseIterable, Sendable {
    // Layouts and partials the pages below build on.
    case appLayout = "app-layout"
    case helpLayout = "help-layout"
    case layout
    case conversationPane = "conversation-pane"
    case customerPanel = "customer-panel"

    case appProblem = "app-problem"
    case articleEditor = "article-editor"
    case articles
    case automation
    case callbacks
    case campaignEditor = "campaign-editor"
    case campaigns
    case confirmAddress = "confirm-address"
    case contactForm = "contact-form"
    case help
    case inbox
    case linkProblem = "link-problem"
    case login
    case loginCode = "login-code"
    case mailProblems = "mail-problems"
    case messagePreviews = "message-previews"
    case outbox
    case preferences
    case profile
    case security
    case segmentEditor = "segment-editor"
    case segments
    case settings
    case tracking
    case webhook
    case webhooks
    case widgetSample = "widget-sample"
}
