/// Undoes `format=flowed` (RFC 3676): soft-broken lines joined into paragraphs, space-stuffing removed,
/// quoted lines kept quoted.
enum FormatFlowed {
    static func decode(_ text: String, deleteSpace: Bool) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let endsWithBreak = lines.last?.isEmpty == true
        if endsWithBreak { lines.removeLast() }
        var output: [String] = []
        var paragraph: String?
        var paragraphDepth = 0
        func flush() {
            guard let content = paragraph else { return }
            let prefix = String(repeating: ">", count: paragraphDepth)
            output.append(paragraphDepth == 0 ? content : content.isEmpty ? prefix : prefix + " " + content)
            paragraph = nil
        }
        for line in lines {
            var content = Substring(line)
            let depth = content.prefix { $0 == ">" }.count
            content = content.dropFirst(depth)
            if content.hasPrefix(" ") { content = content.dropFirst() }
            let isSignature = content == "-- "
            let flowed = !isSignature && content.hasSuffix(" ")
            if flowed && deleteSpace { content = content.dropLast() }
            if paragraph != nil && paragraphDepth != depth { flush() }
            paragraph = paragraph ?? ""
            paragraph?.append(contentsOf: content)
            paragraphDepth = depth
            if !flowed { flush() }
        }
        flush()
        return output.joined(separator: "\n") + (endsWithBreak ? "\n" : "")
    }
}
