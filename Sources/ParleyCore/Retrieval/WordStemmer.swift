/// Light stemming: cuts the inflection off a folded word, so that the forms a question and an
/// article use meet ("заказа", "заказом", "заказы" → "заказ"; "zamówieniu" → "zamowien";
/// "παραγγελίες" → "παραγγελι"; "ऑर्डरों" → "ऑर्डर"; "returning" → "return").
///
/// Each word loses at most one ending, the longest its language has that leaves a stem long
/// enough to still mean something. The rules are the word's script's for Cyrillic, Greek and
/// Devanagari; a Latin word follows the text's language (Polish or English), and a word of a
/// language without rules is kept whole. Stems need not be words: they only have to agree.
public enum WordStemmer {
    /// The stem of the folded `word` (as ``RetrievalWords`` writes it) in a text in `language`.
    public static func stem(_ word: String, language: TextLanguage) -> String {
        guard let first = word.unicodeScalars.first else { return word }
        switch Script(first) {
        case .cyrillic: return strip(word, rules: russian)
        case .greek: return strip(word, rules: greek)
        case .devanagari: return strip(word, rules: hindi)
        case .latin where language == .polish: return strip(word, rules: polish)
        case .latin where language != .other: return english(word)
        default: return word
        }
    }

    struct Rules {
        /// Folded endings by their last scalar, longest first.
        let endings: [Unicode.Scalar: [[Unicode.Scalar]]]
        /// The fewest scalars a stem keeps.
        let shortestStem: Int

        init(_ endings: String, shortestStem: Int) {
            let all = RetrievalWords.words(endings).map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }
            self.endings = Dictionary(grouping: all) { $0.last ?? " " }
            self.shortestStem = shortestStem
        }
    }

    static let russian = Rules(
        """
        иями ями ами ого его ому ему ыми ими иях иям ией ах ях ов ев ей ой ом ем ам ям ую юю ая яя ое ее ые ие ый ий ых их \
        ия ию ии ть а я о е ы и у ю ь
        """, shortestStem: 3)
    static let polish = Rules(
        """
        iami ach ami owi iem ego emu ych ymi ich imi ie ia iu ii ow om em ej ym im ą ę a e i o u y
        """, shortestStem: 3)
    static let greek = Rules("ους εις εων ες ων ος ου ας ης ις υς οι αι ει α ε η ι ο υ ω", shortestStem: 3)
    static let hindi = Rules(
        "ियों ियाँ ियां ाओं ाएँ ाएं ुओं ों ें ीं ाँ ां ी े ा ि ो ु ू", shortestStem: 2)

    private static func strip(_ word: String, rules: Rules) -> String {
        let scalars = Array(word.unicodeScalars)
        guard let last = scalars.last, let endings = rules.endings[last] else { return word }
        for ending in endings where scalars.count - ending.count >= rules.shortestStem {
            if scalars.suffix(ending.count).elementsEqual(ending) {
                return String(String.UnicodeScalarView(scalars.dropLast(ending.count)))
            }
        }
        return word
    }

    /// English spells its endings with changes Polish and Russian do not make: "deliveries" is
    /// "delivery", "shipped" is "ship", "arriving" is "arrive".
    private static func english(_ word: String) -> String {
        var stem = Substring(word)
        guard stem.count > 3 else { return word }
        if stem.hasSuffix("ies") {
            stem = stem.dropLast(3)
        } else if stem.hasSuffix("ing") && stem.count > 5 {
            stem = stem.dropLast(3)
        } else if stem.hasSuffix("ed") && stem.count > 4 {
            stem = stem.dropLast(2)
        } else if stem.hasSuffix("es") && ["s", "x", "z", "ch", "sh"].contains(where: { stem.dropLast(2).hasSuffix($0) }) {
            stem = stem.dropLast(2)
        } else if stem.hasSuffix("s") && !["s", "u", "i"].contains(where: { stem.dropLast().hasSuffix($0) }) {
            stem = stem.dropLast()
        }
        if let last = stem.last, stem.count > 3, stem.dropLast().last == last, !"lsz".contains(last), !"aeiou".contains(last) {
            stem = stem.dropLast()
        }
        if stem.count > 3, let last = stem.last, last == "e" || (last == "y" && !"aeiou".contains(stem.dropLast().last ?? "a")) {
            stem = stem.dropLast()
        }
        return String(stem)
    }
}
