/// Words too common to say what a question is about ("how", "jak", "как", "πώς", "का"), per
/// language, folded like ``RetrievalWords``.
///
/// A word is ignored when any list holds it: a question's locale is often not the language it is
/// written in, and the lists share no word that carries meaning in another of them.
public enum Stopwords {
    static let english = """
        a an the i me my mine you your we our us is are was were be been am to of in on at for from and or do does did \
        can could would will should how what when where which who why it its this that these those with please hi hello \
        there have has had get got not no yes any some if about as by so just much many something anything thing
        """
    static let polish = """
        a i o u w we z ze na do od po za przez przy jak jaki jaka jakie jakim czy co gdzie kiedy jest sa byl byla \
        moj moja moje moim mojego mojej mi mnie ja ty sie to ten ta te tego nie tak moge mozna prosze dzien dobry \
        czym ktory ktora ktore juz jeszcze bo ale lub oraz by mam ma ile cos czegos
        """
    static let russian = """
        как какой какая какие где когда что это этот мой моя мое мои моего мне я вы ты и в во на с со к по о об \
        за из у не да ли можно есть а же мы вас вам нам до от уже ещё бы здравствуйте пожалуйста сколько то
        """
    static let greek = """
        πώς πού πότε τι ποιο ποια ποιος είναι η ο το τα τη την τον του της των οι μου σας μας και σε στο στη στην \
        στον στα με για από να θα δεν ένα μια ή αν γεια έχω έχει πόσο πόση
        """
    static let hindi = """
        का की के को में है हैं था थी क्या कैसे कहाँ कहां कब मेरा मेरी मेरे मैं हम आप से पर और या यह वह ने भी तो \
        कि कोई कुछ हो रहा रही नमस्ते कितना कितनी कितने
        """

    private static let all: Set<String> = Set(
        [english, polish, russian, greek, hindi].flatMap { RetrievalWords.words($0) })

    /// Whether `word`, folded, says nothing of what a question is about.
    public static func contains(_ word: String) -> Bool { all.contains(word) }
}
