/// A signed request on its way to a webhook's URL.
public struct WebhookRequest: Sendable, Equatable {
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(url: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.url = url
        self.headers = headers
        self.body = body
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.url == rhs.url && lhs.body == rhs.body && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

/// What the receiver answered.
public struct WebhookResponse: Sendable, Equatable {
    public var status: Int
    /// The start of the body; the rest is not read.
    public var body: String

    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }
}

/// Why a webhook request got no answer.
public enum WebhookSendError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL cannot be called at all (not http or https, no host, an address the policy refuses).
    case refused(String)
    /// No answer this time: the name did not resolve, the connection failed or timed out.
    case unreachable(String)

    public var description: String {
        switch self {
        case .refused(let why), .unreachable(let why): why
        }
    }
}

/// Posts signed webhook requests. The implementation in ParleyChannels calls public addresses only
/// (`NetworkAddressPolicy`), follows no redirect, times out and reads at most a few KiB of the answer.
public protocol WebhookSender: Sendable {
    func send(_ request: WebhookRequest) async throws(WebhookSendError) -> WebhookResponse
}
