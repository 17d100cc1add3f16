import Foundation
import ParleyCore

@testable import ParleyChannels

/// Runs `SMTPServerSession` the way `SMTPServerHandler` does, over a line framer, with a sink that
/// answers at once: recipients `nobody@…` are refused, and deliveries fail while `failing` is set.
/// What the server wrote is kept as text, with `[TLS]` where TLS would start and `[closed]`.
struct SMTPServerSessionDriver {
    static let date = Date(timeIntervalSince1970: 1_700_000_000)
    static let settings = SMTPServerSession.Settings(
        hostname: "mx.test", maxMessageSize: 1000, maxRecipients: 3, tlsAvailable: true, requireTLS: false, maxErrors: 10)

    var session: SMTPServerSession
    var framer = SMTPLineFramer(maxLineLength: 1000)
    var output = ""
    var delivered: [(envelope: InboundEnvelope, message: [UInt8])] = []
    var failing = false

    init(settings: SMTPServerSession.Settings = Self.settings, greet: Bool = true) {
        session = SMTPServerSession(settings: settings, remoteAddress: "203.0.113.5", connectionID: "CONN")
        if greet { perform(session.greeting()) }
    }

    /// Feeds what the client sent; returns what the server wrote in answer.
    @discardableResult
    mutating func feed(_ text: String) -> String { feed(Array(text.utf8)) }

    @discardableResult
    mutating func feed(_ bytes: [UInt8]) -> String {
        let before = output.endIndex
        framer.append(bytes)
        while !session.isClosed, let frame = framer.next() {
            perform(session.received(frame, at: Self.date))
        }
        return String(output[before...])
    }

    /// The message bytes of the last delivery, without the `Received:` field on top.
    var lastBody: String? {
        guard let message = delivered.last?.message else { return nil }
        let text = String(decoding: message, as: UTF8.self)
        guard let end = text.range(of: " +0000\r\n") else { return nil }
        return String(text[end.upperBound...])
    }

    mutating func perform(_ actions: [SMTPServerSession.Action]) {
        for action in actions {
            switch action {
            case .reply(let code, let text):
                output += SMTPServerHandler.reply(code, text)
            case .checkRecipient(let address):
                perform(session.recipientChecked(address.hasPrefix("nobody@") ? .reject("No such user here") : .accept))
            case .deliver(let envelope, let message):
                if failing {
                    perform(session.deliveryFailed())
                } else {
                    delivered.append((envelope, message))
                    perform(session.delivered(id: "Q\(delivered.count)"))
                }
            case .startTLS:
                framer.discardBuffered()
                output += "[TLS]"
            case .close:
                output += "[closed]"
            }
        }
    }
}
