/// A `DKIM-Signature` field being written, folded so that no line passes 78 characters (RFC 5322
/// §2.1.1). It folds only where RFC 6376 §3.5 allows whitespace: between tags, around the colons of
/// `h=`, and anywhere inside base64.
struct DKIMSignatureField {
    private static let lineLimit = 78
    private(set) var text = "DKIM-Signature:"
    private var column = "DKIM-Signature:".count

    /// Appends a whole tag such as `d=kubki.example;`, on a continuation line when it does not fit.
    mutating func append(_ piece: String, separator: String = " ") {
        if column + separator.count + piece.count > Self.lineLimit {
            fold()
        } else {
            text += separator
            column += separator.count
        }
        text += piece
        column += piece.count
    }

    /// Appends `h=a:b:c;`, folding between names.
    mutating func append(tag: String, list: [String]) {
        for (index, item) in list.enumerated() {
            let isFirst = index == 0
            append((isFirst ? tag + "=" : "") + item + (index == list.count - 1 ? ";" : ":"), separator: isFirst ? " " : "")
        }
    }

    /// Appends base64 text, filling every line, since it may be folded at any character.
    mutating func append(base64: String) {
        var rest = Substring(base64)
        while !rest.isEmpty {
            if column >= Self.lineLimit { fold() }
            let piece = rest.prefix(Self.lineLimit - column)
            text += piece
            column += piece.count
            rest = rest.dropFirst(piece.count)
        }
    }

    private mutating func fold() {
        text += "\r\n "
        column = 1
    }
}
