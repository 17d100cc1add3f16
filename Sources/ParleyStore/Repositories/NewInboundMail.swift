import Foundation
import ParleyCore

/// What to store for a message just received.
public struct NewInboundMail: Sendable {
    public var source: String
    public var envelopeFrom: String?
    public var envelopeTo: [String]
    public var remoteAddress: String?
    public var raw: [UInt8]

    public init(source: String, envelopeFrom: String?, envelopeTo: [String], remoteAddress: String?, raw: [UInt8]) {
        self.source = source
        self.envelopeFrom = envelopeFrom
        self.envelopeTo = envelopeTo
        self.remoteAddress = remoteAddress
        self.raw = raw
    }
}
