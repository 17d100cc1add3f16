import Foundation

/// An inbound message as Parley reads it: headers decoded, the main text and HTML bodies picked out of the
/// MIME tree and decoded to Unicode, every other leaf part as an attachment, and what was wrong with it.
///
/// Made by ``MailParser/parse(_:)``, which never fails: a broken message gives what could be read, plus ``defects``.
public struct ParsedMail: Sendable {
    /// The top-level header block, in order.
    public var headers: MailHeaders
    /// `Subject`, RFC 2047-decoded, unfolded, with runs of whitespace collapsed and trimmed.
    public var subject: String?
    /// The first mailbox of `From`.
    public var from: EmailAddress?
    /// The mailboxes of `Reply-To`.
    public var replyTo: [EmailAddress]
    /// The mailboxes of `To`.
    public var to: [EmailAddress]
    /// The mailboxes of `Cc`.
    public var cc: [EmailAddress]
    /// `Message-ID` without its angle brackets: `"abc@example.com"`.
    public var messageID: String?
    /// The message ids of `In-Reply-To`, without angle brackets.
    public var inReplyTo: [String]
    /// The message ids of `References`, oldest first, without angle brackets.
    public var references: [String]
    /// `Date`, read with the obsolete forms old mail programs still send.
    public var date: Date?
    /// The main `text/plain` body (with `format=flowed` undone), line breaks as `\n`.
    public var text: String?
    /// The main `text/html` body, as sent: not sanitized.
    public var html: String?
    /// Every leaf part that is not a body: files, inline images, attached messages (raw bytes), reports.
    public var attachments: [MailAttachment]
    /// What was malformed in the message and how it was read anyway.
    public var defects: [MailDefect]

    /// A message from its parts, for tests and for code that builds one by hand.
    public init(
        headers: MailHeaders = MailHeaders(fields: []), subject: String? = nil, from: EmailAddress? = nil,
        replyTo: [EmailAddress] = [], to: [EmailAddress] = [], cc: [EmailAddress] = [], messageID: String? = nil,
        inReplyTo: [String] = [], references: [String] = [], date: Date? = nil, text: String? = nil, html: String? = nil,
        attachments: [MailAttachment] = [], defects: [MailDefect] = []
    ) {
        self.headers = headers
        self.subject = subject
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.date = date
        self.text = text
        self.html = html
        self.attachments = attachments
        self.defects = defects
    }
}

/// A leaf part of a message that is not one of its bodies.
public struct MailAttachment: Sendable, Equatable {
    /// The file name the sender gave (RFC 2231 or RFC 2047 decoded), without any folder part.
    public var filename: String?
    /// Lowercased `type/subtype`, e.g. `"image/png"` or `"message/rfc822"`.
    public var contentType: String
    /// `Content-ID` without its angle brackets, which `cid:` links in the HTML body refer to.
    public var contentID: String?
    /// Shown inside the message (`Content-Disposition: inline`, or an image of a `multipart/related`).
    public var isInline: Bool
    /// The content with its transfer encoding (base64, quoted-printable) undone.
    public var data: [UInt8]

    /// An attachment from its parts.
    public init(filename: String?, contentType: String, contentID: String? = nil, isInline: Bool = false, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.contentID = contentID
        self.isInline = isInline
        self.data = data
    }
}

/// Something malformed in a message, and what the parser did about it.
public struct MailDefect: Sendable, Equatable {
    /// What kind of problem it was.
    public var kind: Kind
    /// Where and what, for logs: `"Subject: =?utf-8?Q?bad=ZZ?="`.
    public var detail: String

    /// A defect of `kind`.
    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// The kinds of problems real mail has.
    public enum Kind: String, Sendable {
        /// The input was empty.
        case emptyMessage
        /// A header line without a colon or with an invalid name; it was skipped.
        case malformedHeader
        /// A non-header line ended the header block without the blank line before the body.
        case missingHeaderBodySeparator
        /// More header fields than the parser keeps; the rest were dropped.
        case tooManyHeaders
        /// A line longer than the 998 bytes RFC 5322 allows.
        case lineTooLong
        /// Raw 8-bit bytes in a header, decoded as UTF-8 or by guessing the charset.
        case undeclared8BitHeader
        /// NUL bytes, which were removed from text.
        case nulByte
        /// An RFC 2047 encoded word that could not be decoded; it was kept as literal text.
        case invalidEncodedWord
        /// A Content-Type that could not be read; `text/plain` was assumed.
        case invalidContentType
        /// A malformed or duplicate MIME parameter.
        case invalidParameter
        /// A Content-Transfer-Encoding Parley does not know; the content was taken as 8bit.
        case unknownTransferEncoding
        /// Quoted-printable with an `=` not followed by two hex digits; it was kept literally.
        case invalidQuotedPrintable
        /// Base64 with characters outside the alphabet, or with bits left over.
        case invalidBase64
        /// A uuencoded part that was cut short or malformed.
        case invalidUUEncode
        /// A charset label Parley does not know; the text was decoded as UTF-8 or windows-1252.
        case unknownCharset
        /// Bytes that are not valid in the declared charset; they became U+FFFD.
        case invalidCharacters
        /// 8-bit text in a part declared (or defaulted to) US-ASCII.
        case undeclared8BitText
        /// A multipart without a boundary parameter; its body was read as text.
        case missingBoundary
        /// No boundary line at all in a multipart body.
        case startBoundaryNotFound
        /// A multipart that ends without its closing boundary (often a truncated message).
        case closeBoundaryNotFound
        /// Multiparts nested deeper than the parser follows.
        case nestingTooDeep
        /// More MIME parts than the parser keeps.
        case tooManyParts
        /// An address that could not be read.
        case invalidAddress
        /// A Date header that could not be read.
        case invalidDate
    }
}
