/// One node of a message's MIME tree, its headers still bytes.
struct MIMEPart {
    var fields: [HeaderBlock.Field]
    /// Lowercased `type/subtype`, after defaults and repairs.
    var type: String
    /// The Content-Type parameters, read with 8-bit bytes as UTF-8 or windows-1252; enough for the
    /// boundary and charset. Names are read again once the message's charset is known.
    var parameters: HeaderParameters
    var body: ArraySlice<UInt8>
    var children: [MIMEPart] = []
    var isMultipart = false

    private static let maximumDepth = 30

    func rawField(_ name: String) -> [UInt8]? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// A part read from `bytes`, with its multipart children, `depth` levels below the message.
    static func parse(_ bytes: ArraySlice<UInt8>, depth: Int, defaultType: String, budget: inout Int, log: inout DefectLog) -> MIMEPart {
        let block = HeaderBlock.parse(bytes, log: &log)
        var scratch = DefectLog()
        let contentType = block.fields.first { $0.name.caseInsensitiveEquals("content-type") }
            .map { HeaderParameters(HeaderText.provisional($0.value), log: &scratch) }
        var part = MIMEPart(
            fields: block.fields, type: defaultType, parameters: contentType ?? HeaderParameters(defaultType, log: &scratch),
            body: bytes[block.bodyStart...])
        if let declared = contentType?.value, !declared.isEmpty {
            let pieces = declared.split(separator: "/", omittingEmptySubsequences: false)
            if pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty {
                part.type = declared
            } else {
                log.add(.invalidContentType, declared)
                part.type = "text/plain"
            }
        }
        guard part.type.hasPrefix("multipart/") else { return part }
        guard let boundary = part.parameters["boundary"]?.trimmingWhitespace(), !boundary.isEmpty else {
            log.add(.missingBoundary, part.type)
            part.type = "text/plain"
            return part
        }
        guard depth < maximumDepth else {
            log.add(.nestingTooDeep, "more than \(maximumDepth) nested multiparts")
            part.type = "application/octet-stream"
            return part
        }
        let split = Multipart.split(part.body, boundary: Array(("--" + boundary).utf8))
        guard split.foundStart else {
            log.add(.startBoundaryNotFound, boundary)
            part.type = "text/plain"
            return part
        }
        if !split.closed { log.add(.closeBoundaryNotFound, boundary) }
        part.isMultipart = true
        let childType = part.type == "multipart/digest" ? "message/rfc822" : "text/plain"
        for chunk in split.parts {
            guard budget > 0 else {
                log.add(.tooManyParts, "parts beyond the limit were dropped")
                break
            }
            budget -= 1
            part.children.append(parse(chunk, depth: depth + 1, defaultType: childType, budget: &budget, log: &log))
        }
        return part
    }

    /// The charset to read undeclared 8-bit header bytes in: the message's own, else its first text part's.
    var bodyCharset: String? {
        if let charset = parameters["charset"], !charset.isEmpty, KnownCharset(label: charset) != nil { return charset }
        for child in children { if let charset = child.bodyCharset { return charset } }
        return nil
    }
}

/// The parts of a multipart body between its boundary lines.
enum Multipart {
    static func split(_ body: ArraySlice<UInt8>, boundary delimiter: [UInt8]) -> (
        parts: [ArraySlice<UInt8>], foundStart: Bool, closed: Bool
    ) {
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var index = body.startIndex
        while index < body.endIndex {
            let (contentEnd, next) = Bytes.line(in: body, from: index)
            if contentEnd - index >= delimiter.count, body[index..<contentEnd].starts(with: delimiter) {
                var rest = body[(index + delimiter.count)..<contentEnd]
                let isClose = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                if isClose { rest = rest.dropFirst(2) }
                if rest.allSatisfy({ $0 == Bytes.space || $0 == Bytes.tab }) {
                    if let start = partStart { parts.append(body[start..<lineBreakStart(before: index, notBefore: start, in: body)]) }
                    if isClose { return (parts, true, true) }
                    partStart = next
                }
            }
            index = next
        }
        if let start = partStart { parts.append(body[start..<body.endIndex]) }
        return (parts, partStart != nil || !parts.isEmpty, false)
    }

    /// The line break before a boundary line belongs to the boundary, not to the part.
    private static func lineBreakStart(before index: Int, notBefore start: Int, in body: ArraySlice<UInt8>) -> Int {
        var end = index
        if end > start, body[end - 1] == Bytes.lf { end -= 1 }
        if end > start, body[end - 1] == Bytes.cr { end -= 1 }
        return end
    }
}
