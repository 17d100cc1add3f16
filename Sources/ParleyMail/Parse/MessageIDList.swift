/// Message ids from `Message-ID`, `In-Reply-To` and `References`, without angle brackets; junk between
/// them (comments, addresses, dates that old clients put in In-Reply-To) is skipped.
enum MessageIDList {
    static func parse(_ raw: String) -> [String] {
        var ids: [String] = []
        var seen: Set<String> = []
        func add(_ candidate: Substring) {
            let id = String(candidate.filter { !$0.isSpace })
            guard !id.isEmpty, seen.insert(id).inserted else { return }
            ids.append(id)
        }
        var rest = Substring(raw)
        var foundAngle = false
        while let open = rest.firstIndex(of: "<") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: ">") else { break }
            foundAngle = true
            add(rest[afterOpen..<close])
            rest = rest[rest.index(after: close)...]
        }
        if !foundAngle {
            for word in raw.split(whereSeparator: { $0.isSpace || $0 == "," }) where word.contains("@") {
                add(word.drop { $0 == "<" })
            }
        }
        return ids
    }
}
