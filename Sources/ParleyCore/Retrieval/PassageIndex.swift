import Foundation

/// An article as retrieval reads it: its public id, title and Markdown body.
public struct RetrievalArticle: Sendable, Equatable {
    public let id: String
    public let title: String
    public let body: String

    public init(id: String, title: String, body: String) {
        self.id = id
        self.title = title
        self.body = body
    }
}

/// A passage that answers a question, with how sure retrieval is that it does.
public struct PassageMatch: Sendable, Equatable {
    public let articleID: String
    public let title: String
    /// The passage in plain text, ready to show.
    public let passage: String
    /// The BM25 score, which only orders passages of one index.
    public let score: Double
    /// How much of the question the passage (with its title and heading) covers, from 0 to 1:
    /// the share of the question's words it contains, each word weighted by how rare it is among
    /// all passages. Comparable across indexes and questions, unlike `score`.
    public let confidence: Double
}

/// The published articles of one shop in one language, cut into passages and ranked with BM25 for
/// a question (docs/knowledge-base.md).
///
/// Words are folded (``RetrievalWords``), stripped of stopwords (``Stopwords``) and stemmed
/// (``WordStemmer``) in the index's language. A word of the article's title counts
/// ``titleWeight`` times in each of its passages, a word of the passage's heading
/// ``headingWeight`` times: a customer asking about "zwroty" wants the article called "Zwroty".
///
/// ```swift
/// let index = PassageIndex(articles: articles, language: .polish)
/// if let best = index.search("Jak zwrócić zamówienie?").first, best.confidence >= PassageIndex.minimumConfidence { … }
/// ```
public struct PassageIndex: Sendable {
    public static let k1 = 1.2
    public static let b = 0.75
    public static let titleWeight = 2.0
    public static let headingWeight = 1.5
    /// Below this confidence the assistant says it does not know rather than quote a passage that
    /// shares only a word or two with the question.
    public static let minimumConfidence = 0.6

    public let language: TextLanguage
    private let articles: [RetrievalArticle]
    private let passages: [(article: Int, text: String)]
    /// For each term, the passages holding it and its weighted frequency there.
    private let postings: [String: [(passage: Int, frequency: Double)]]
    private let lengths: [Double]
    private let averageLength: Double

    public init(articles: [RetrievalArticle], language: TextLanguage) {
        var passages: [(article: Int, text: String)] = []
        var postings: [String: [(passage: Int, frequency: Double)]] = [:]
        var lengths: [Double] = []
        // Articles repeat their words; each is checked and stemmed once per index.
        var known: [String: String] = [:]
        func terms(_ text: String) -> [String] {
            RetrievalWords.words(text).compactMap { word in
                if let term = known[word] { return term.isEmpty ? nil : term }
                let term = Stopwords.contains(word) ? "" : WordStemmer.stem(word, language: language)
                known[word] = term
                return term.isEmpty ? nil : term
            }
        }
        for (articleIndex, article) in articles.enumerated() {
            let titleTerms = terms(article.title)
            var pieces = MarkdownPassages.split(article.body)
            if pieces.isEmpty { pieces = [MarkdownPassage(heading: nil, text: article.title)] }
            for piece in pieces {
                var frequencies: [String: Double] = [:]
                for term in titleTerms { frequencies[term, default: 0] += Self.titleWeight }
                for term in terms(piece.heading ?? "") { frequencies[term, default: 0] += Self.headingWeight }
                for term in terms(piece.text) { frequencies[term, default: 0] += 1 }
                let passage = passages.count
                for (term, frequency) in frequencies { postings[term, default: []].append((passage, frequency)) }
                passages.append((articleIndex, piece.text))
                lengths.append(frequencies.values.reduce(0, +))
            }
        }
        self.language = language
        self.articles = articles
        self.passages = passages
        self.postings = postings
        self.lengths = lengths
        self.averageLength = lengths.isEmpty ? 1 : max(1, lengths.reduce(0, +) / Double(lengths.count))
    }

    /// How many passages the articles gave.
    public var passageCount: Int { passages.count }

    /// The words of `text` that retrieval compares: folded, without stopwords, stemmed.
    public static func terms(_ text: String, language: TextLanguage) -> [String] {
        RetrievalWords.words(text).filter { !Stopwords.contains($0) }.map { WordStemmer.stem($0, language: language) }
    }

    /// The passages that best answer `question`, best first; none when no word of it is in any.
    public func search(_ question: String, limit: Int = 3) -> [PassageMatch] {
        var seen: Set<String> = []
        let terms = Self.terms(question, language: language).filter { seen.insert($0).inserted }
        guard !terms.isEmpty, !passages.isEmpty else { return [] }
        var scores: [Int: Double] = [:]
        var covered: [Int: Double] = [:]
        var questionWeight = 0.0
        for term in terms {
            var matches = postings[term].map { $0.map { (passage: $0.passage, frequency: $0.frequency, share: 1.0) } } ?? []
            // A word no passage has is as telling as the rarest one: the question is about something
            // the articles do not mention, and confidence must show it.
            let weight = idf(max(matches.count, 1))
            questionWeight += weight
            if matches.isEmpty { matches = related(term) }
            let rarity = idf(Set(matches.map(\.passage)).count)
            var credited: Set<Int> = []
            for (passage, frequency, share) in matches {
                let norm = Self.k1 * (1 - Self.b + Self.b * lengths[passage] / averageLength)
                scores[passage, default: 0] += share * rarity * frequency * (Self.k1 + 1) / (frequency + norm)
                if credited.insert(passage).inserted { covered[passage, default: 0] += share * weight }
            }
        }
        // The few best, not a sort of every passage that shares a word: a common word reaches most.
        var best: [(passage: Int, score: Double)] = []
        for (passage, score) in scores {
            let rank = best.firstIndex { score > $0.score || (score == $0.score && passage < $0.passage) } ?? best.count
            guard rank < limit else { continue }
            best.insert((passage, score), at: rank)
            if best.count > limit { best.removeLast() }
        }
        return best.map { passage, score in
            let article = articles[passages[passage].article]
            return PassageMatch(
                articleID: article.id, title: article.title, passage: passages[passage].text, score: score,
                confidence: min(1, (covered[passage] ?? 0) / questionWeight))
        }
    }

    /// Passages with a word that begins like `term`, at half weight. Light stemming leaves a verb
    /// and its noun apart ("zwrócić" and "zwrot", "επιστρέψετε" and "επιστροφή"); a long shared
    /// beginning brings them together, a short one ("мос-кве", "мос-т") does not.
    private func related(_ term: String) -> [(passage: Int, frequency: Double, share: Double)] {
        let scalars = Array(term.unicodeScalars)
        guard scalars.count >= Self.relatedPrefix + 1 else { return [] }
        var matches: [(passage: Int, frequency: Double, share: Double)] = []
        for (other, list) in postings {
            let otherScalars = other.unicodeScalars
            let shared = zip(scalars, otherScalars).prefix { $0 == $1 }.count
            guard shared >= max(Self.relatedPrefix, min(scalars.count, otherScalars.count) - 2) else { continue }
            matches += list.map { ($0.passage, $0.frequency, 0.5) }
        }
        return matches
    }

    /// The shortest shared beginning that relates two words.
    static let relatedPrefix = 4

    private func idf(_ documentFrequency: Int) -> Double {
        let count = Double(passages.count)
        let frequency = Double(documentFrequency)
        return log(1 + (count - frequency + 0.5) / (frequency + 0.5))
    }
}
